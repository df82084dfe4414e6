package strength

import (
	"math"
	"slices"
	"unicode"

	"github.com/trustelem/zxcvbn/match"
)

// repeats finds a chunk typed two or more times in a row ("aaaa",
// "Zomer2024Zomer2024", "Sommer2024!sommer2024!") and prices it the way
// zxcvbn prices a repeat — the chunk's own guesses times the number of
// times — but with the chunk scored by this package, with all its
// dictionaries, where zxcvbn scores it in English alone. A repeat that
// differs only in capitals costs twice as much.
func (s *Scorer) repeats(runes []rune, stand string, extra map[string]int, depth int) []*match.Match {
	if depth > 0 {
		return nil // a chunk's own repeats are scored as zxcvbn's
	}
	n := len(runes)
	lower := make([]rune, n)
	for k, r := range runes {
		lower[k] = unicode.ToLower(r)
	}
	var out []*match.Match
	base := map[string]float64{}
	price := func(chunk []rune) float64 { // the chunk scored once
		key := string(chunk)
		g, ok := base[key]
		if !ok {
			l, _ := s.window(chunk, extra, depth+1)
			g = pow10f(l)
			base[key] = g
		}
		return g
	}
	for i := range n {
		for p := 1; i+2*p <= n; p++ {
			// Only the start of a run of this chunk, and only its shortest
			// period ("abab" is "ab" twice, not "abab" once).
			if i >= p && slices.Equal(lower[i-p:i], lower[i:i+p]) {
				continue
			}
			k := 1
			for i+(k+1)*p <= n && slices.Equal(lower[i:i+p], lower[i+k*p:i+(k+1)*p]) {
				k++
			}
			if k < 2 || !primitive(lower[i:i+p]) {
				continue
			}
			g := price(runes[i:i+p]) * float64(k)
			for c := 1; c < k; c++ {
				if !slices.Equal(runes[i:i+p], runes[i+c*p:i+(c+1)*p]) {
					g *= 2
					break
				}
			}
			j := i + k*p - 1
			out = append(out, &match.Match{
				Pattern: "repeat", I: i, J: j, Token: stand[i : j+1],
				BaseToken: stand[i : i+p], BaseGuesses: g / float64(k), RepeatCount: k,
				Guesses: floor(g, i, j, n),
			})
		}
	}
	return append(out, separatedRepeats(runes, lower, stand, price)...)
}

// separatedRepeats finds a chunk typed twice with one separator between
// ("Herfst-2023-Herfst-2023", "zomer zomer"): the chunk's guesses, twice
// for a change of capitals, and the separator's choice.
func separatedRepeats(runes, lower []rune, stand string, price func([]rune) float64) []*match.Match {
	var out []*match.Match
	n := len(runes)
	for i := range n {
		for p := 1; i+2*p+1 <= n; p++ {
			if !isSeparator(runes[i+p]) || !slices.Equal(lower[i:i+p], lower[i+p+1:i+2*p+1]) {
				continue
			}
			chunk := runes[i : i+p]
			g := price(chunk) * 2 * float64(len(separators))
			if !slices.Equal(chunk, runes[i+p+1:i+2*p+1]) {
				g *= 2
			}
			j := i + 2*p
			out = append(out, &match.Match{
				Pattern: "repeat", I: i, J: j, Token: stand[i : j+1],
				BaseToken: stand[i : i+p], BaseGuesses: g / 2, RepeatCount: 2,
				Guesses: floor(g, i, j, n),
			})
		}
	}
	return out
}

// primitive reports whether w is not itself a chunk repeated.
func primitive(w []rune) bool {
	n := len(w)
	for p := 1; p <= n/2; p++ {
		if n%p == 0 && slices.Equal(w[:n-p], w[p:]) {
			return false
		}
	}
	return true
}

func pow10f(l float64) float64 { return math.Pow(10, min(l, 300)) }
