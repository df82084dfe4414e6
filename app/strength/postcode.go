package strength

import (
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
// all, such as "GZ-123-K" or "12-ABC-3").
func postcodeMatches(runes []rune) []*match.Match {
	var out []*match.Match
	n := len(runes)
	for i := 0; i+6 <= n; i++ {
		if i > 0 && (isDigit(runes[i-1]) || unicode.IsLetter(runes[i-1])) {
			continue // in the middle of something longer
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
		// Licence plate: 8 characters with the two dashes.
		if i+8 <= n {
			if g, ok := plateGuesses(runes[i : i+8]); ok && (i+8 == n || !isDigit(runes[i+8]) && !unicode.IsLetter(runes[i+8])) {
				out = append(out, &match.Match{Pattern: "postcode", RegexName: "plate", I: i, J: i + 7, Token: string(runes[i : i+8]), Guesses: g})
			}
		}
	}
	return out
}

// plateGuesses prices a Dutch-style plate "XX-99-XX": three groups of one
// to three letters or digits, six in all, joined by dashes. Letters on
// plates are consonants (about 20 of them).
func plateGuesses(w []rune) (float64, bool) {
	groups, cur := 0, 0
	g := 1.0
	kind := 0 // 1 letters, 2 digits
	for _, r := range w {
		switch {
		case r == '-':
			if cur == 0 || cur > 3 {
				return 0, false
			}
			groups++
			cur, kind = 0, 0
			continue
		case isDigit(r):
			if kind == 1 {
				return 0, false
			}
			kind = 2
			g *= 10
		case isLatin(r):
			if kind == 2 {
				return 0, false
			}
			kind = 1
			g *= 20
		default:
			return 0, false
		}
		cur++
	}
	if groups != 2 || cur == 0 || cur > 3 {
		return 0, false
	}
	// Which of the side codes, and upper or lower case.
	return g * 14 * 2, true
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
