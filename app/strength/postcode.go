package strength

import (
	"strings"
	"unicode"

	"github.com/trustelem/zxcvbn/match"
)

// Postcodes and licence plates are things people see every day and type
// as passwords ("3511AB", "1234 AB Utrecht", "GZ-123-K"). zxcvbn sees
// random characters; an attacker enumerates the real ones, which are far
// fewer.

// nlPostcodes is how many Dutch postcodes there are (about 470,000 in use;
// 9,000 × 26 × 26 possible), rounded up.
const nlPostcodes = 5e5

// postcodeMatches finds Dutch postcodes (four digits, the first not 0, an
// optional space, two letters) and licence plates in the Dutch side codes
// (three groups of letters or digits joined by dashes, six characters in
// all, such as "GZ-123-K" or "12-ABC-3", with the dashes or without).
func postcodeMatches(runes []rune) []*match.Match {
	var out []*match.Match
	n := len(runes)
	for i := 0; i+5 <= n; i++ {
		if i > 0 && isDigit(runes[i-1]) {
			continue // in the middle of a longer number
		}
		// Postcode.
		if runes[i] >= '1' && runes[i] <= '9' && allDigits(runes[i:i+4]) {
			k := i + 4
			g := float64(nlPostcodes)
			if k < n && runes[k] == ' ' {
				k++
				g *= 2
			}
			if k+2 <= n && isLatin(runes[k]) && isLatin(runes[k+1]) && (k+2 == n || !unicode.IsLetter(runes[k+2])) {
				g *= upperVariations(runes[k : k+2])
				out = append(out, &match.Match{Pattern: "postcode", I: i, J: k + 1, Token: string(runes[i : k+2]), Guesses: g})
			}
		}
		// British postcode: an outward code (A9, A99, AA9, AA99, A9A,
		// AA9A), an optional space, an inward code (9AA).
		if i == 0 || !isLatin(runes[i-1]) && !isDigit(runes[i-1]) {
			if k, ok := ukPostcode(runes, i); ok {
				g := ukPostcodes * upperVariations(letters(runes[i:k]))
				if strings.ContainsRune(string(runes[i:k]), ' ') {
					g *= 2
				}
				out = append(out, &match.Match{Pattern: "postcode", RegexName: "uk", I: i, J: k - 1, Token: string(runes[i:k]), Guesses: g})
			}
		}
		// German postcode (Postleitzahl): five digits, not part of a
		// longer number. Alone it is no cheaper than any five digits; it
		// counts beside a place name (postcodePlaces).
		if i+5 <= n && allDigits(runes[i:i+5]) && (i+5 == n || !isDigit(runes[i+5])) {
			out = append(out, &match.Match{Pattern: "postcode", RegexName: "plz", I: i, J: i + 4, Token: string(runes[i : i+5]), Guesses: dePostcodes})
		}
		// Licence plate, with its dashes or without, not part of a
		// longer run of letters and digits.
		for _, l := range []int{8, 6} {
			if i > 0 && (isDigit(runes[i-1]) || unicode.IsLetter(runes[i-1])) {
				break
			}
			if i+l <= n && (i+l == n || !isDigit(runes[i+l]) && !unicode.IsLetter(runes[i+l])) {
				if g, ok := plateGuesses(runes[i : i+l]); ok {
					out = append(out, &match.Match{Pattern: "postcode", RegexName: "plate", I: i, J: i + l - 1, Token: string(runes[i : i+l]), Guesses: g})
				}
			}
		}
	}
	return out
}

// ukPostcodes is how many British postcodes there are (about 1.8 million
// in use), rounded up.
const ukPostcodes = 2e6

// ukOutward are the shapes of a British postcode's outward code ("A" a
// letter, "9" a digit).
var ukOutward = []string{"AA9A", "AA99", "A9A", "AA9", "A99", "A9"}

// ukPostcode reports whether a British postcode starts at runes[i], and
// where it ends (exclusive). It is not part of a longer run of letters and
// digits.
func ukPostcode(runes []rune, i int) (int, bool) {
	shaped := func(at int, shape string) bool {
		if at+len(shape) > len(runes) {
			return false
		}
		for k, c := range shape {
			r := runes[at+k]
			if c == 'A' && !isLatin(r) || c == '9' && !isDigit(r) {
				return false
			}
		}
		return true
	}
	for _, out := range ukOutward {
		if !shaped(i, out) {
			continue
		}
		k := i + len(out)
		if k < len(runes) && runes[k] == ' ' {
			k++
		}
		if shaped(k, "9AA") && (k+3 == len(runes) || !isLatin(runes[k+3]) && !isDigit(runes[k+3])) {
			return k + 3, true
		}
	}
	return 0, false
}

// dePostcodes is how many German postcodes an attacker tries: every five
// digits (about 8,200 are in use).
const dePostcodes = 1e5

// postcodePlaces joins a postcode and the place name right before or after
// it ("10115 Berlin", "3011AD Rotterdam", "Den Haag 2511 CV"): the
// postcode names the place, so an attacker who tries postcodes with their
// places pays little more than for the postcode — twice for the order,
// twice for a separator, and the place's capitals. The place is a whole
// word (or words) of any dictionary: a place's name is often a common word
// or a surname too ("Berlin", "Den Haag"), and whatever word stands beside
// a postcode is tried as its place.
func postcodePlaces(ms []*match.Match, runes []rune) []*match.Match {
	var out []*match.Match
	n := len(runes)
	for _, pc := range ms {
		if pc.Pattern != "postcode" || pc.RegexName == "plate" {
			continue
		}
		for _, pl := range ms {
			if pl.Pattern != "dictionary" || pl.Reversed || pl.L33t {
				continue
			}
			if (pl.I > 0 && unicode.IsLetter(runes[pl.I-1])) || (pl.J+1 < n && unicode.IsLetter(runes[pl.J+1])) {
				continue // part of a longer word
			}
			first, second := pc, pl
			if pl.J < pc.I {
				first, second = pl, pc
			} else if pl.I <= pc.J {
				continue // they overlap
			}
			gap := second.I - first.J - 1
			if gap > 1 || gap == 1 && !isSeparator(runes[first.J+1]) {
				continue
			}
			g := pc.Guesses * 2 * nameCase(runes[pl.I:pl.J+1])
			if gap == 1 {
				g *= 2
			}
			i, j := min(pc.I, pl.I), max(pc.J, pl.J)
			out = append(out, &match.Match{Pattern: "postcode", RegexName: "postcode-place", I: i, J: j,
				Token: string(runes[i : j+1]), Guesses: floor(g, i, j, n)})
		}
	}
	return out
}

// nameCase prices the capitals of a name: 1 in lower case, 2 written as
// names are ("Den Haag", "Frankfurt am Main": every word capitalised, or
// only the small words in lower case) or in all capitals, else by
// zxcvbn's count of the ways to place them.
func nameCase(w []rune) float64 {
	lower, upper, title := true, true, true
	start := true
	for _, r := range w {
		if !unicode.IsLetter(r) {
			start = true
			continue
		}
		if unicode.IsUpper(r) {
			lower = false
			if !start {
				title = false
			}
		} else {
			upper = false
		}
		start = false
	}
	switch {
	case lower:
		return 1
	case upper || title:
		return 2
	}
	return upperVariations(letters(w))
}

// nlPlates is how many Dutch licence plates an attacker tries: every
// plate on the road and many more (the register is open data), about
// 15 million, rounded up.
const nlPlates = 2e7

// sideCodes are the shapes of Dutch plates since 1951 ("X" a letter, "9" a
// digit).
var sideCodes = []string{
	"XX-99-99", "99-99-XX", "99-XX-99", "XX-99-XX", "XX-XX-99", "99-XX-XX", "99-XXX-9",
	"9-XXX-99", "XX-999-X", "X-999-XX", "XXX-99-X", "X-99-XXX", "9-XX-999", "999-XX-9",
}

// plateGuesses prices w as a Dutch plate in one of the side codes, typed
// with its dashes or without them, in capitals or not.
func plateGuesses(w []rune) (float64, bool) {
	for _, code := range sideCodes {
		shape := code
		if len(w) == 6 {
			shape = strings.ReplaceAll(code, "-", "")
		}
		if len(w) != len(shape) {
			continue
		}
		ok := true
		for k, c := range shape {
			switch c {
			case '-':
				ok = ok && w[k] == '-'
			case '9':
				ok = ok && isDigit(w[k])
			case 'X':
				ok = ok && isLatin(w[k])
			}
		}
		if ok {
			g := float64(nlPlates) * 2
			if len(w) == 6 {
				g *= 2 // without the dashes
			}
			return g, true
		}
	}
	return 0, false
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func isLatin(r rune) bool { return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') }

func allDigits(w []rune) bool {
	for _, r := range w {
		if !isDigit(r) {
			return false
		}
	}
	return true
}
