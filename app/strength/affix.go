package strength

import (
	"strings"

	"github.com/trustelem/zxcvbn/match"
)

// affixSymbols are the symbols people put before or after a word ("!",
// "#1", "2024!"), ten of them counted as one guess each.
const affixSymbols = "!?#.*@$%&+-_=/"

// maxAffix is the longest run of digits and symbols priced as an affix.
const maxAffix = 8

// affixMatches prices each run of digits and symbols of up to maxAffix
// characters, and each part of it, as an attacker's rules would: a few
// common symbols, a year, a repeated digit or a run such as 123 cost far
// less than as many random characters. zxcvbn prices "2024!" as a year and
// a character apart, and multiplies in the number of ways to order them.
func affixMatches(runes []rune) []*match.Match {
	var out []*match.Match
	for i := 0; i < len(runes); {
		if !affixRune(runes[i]) {
			i++
			continue
		}
		j := i
		for j < len(runes) && affixRune(runes[j]) {
			j++
		}
		if j-i <= maxAffix {
			for a := i; a < j; a++ {
				for b := a + 1; b <= j; b++ {
					if b-a < 2 {
						continue // a single character: zxcvbn's bruteforce is right
					}
					tok := runes[a:b]
					out = append(out, &match.Match{
						Pattern: "affix", I: a, J: b - 1, Token: string(tok),
						Guesses: max(affixGuesses(tok), 50),
					})
				}
			}
		}
		i = j
	}
	return out
}

func affixRune(r rune) bool {
	return (r >= '0' && r <= '9') || strings.ContainsRune(affixSymbols, r)
}

// affixGuesses is the number of affixes of tok's shape an attacker tries:
// the symbols (up to 3, from a dozen), the digits as a year, a repeat, a
// run, or else all numbers of that length, and where the symbols stand.
func affixGuesses(tok []rune) float64 {
	var digits []rune
	symbols := 0
	for _, r := range tok {
		if r >= '0' && r <= '9' {
			digits = append(digits, r)
		} else {
			symbols++
		}
	}
	if symbols > 3 {
		return pow10(len(tok)) // not an affix; leave it to zxcvbn
	}
	g := 1.0
	for range symbols {
		g *= float64(len(affixSymbols))
	}
	g *= digitGuesses(digits)
	// Where the symbols stand among the characters.
	g *= choose(len(tok), symbols)
	return g
}

// digitGuesses prices a run of digits: years and the common runs cheaply.
func digitGuesses(d []rune) float64 {
	n := len(d)
	switch {
	case n == 0:
		return 1
	case n == 4:
		y := 0
		for _, r := range d {
			y = y*10 + int(r-'0')
		}
		if y >= 1950 && y <= 2039 {
			return 90
		}
		if y >= 1800 && y < 1950 {
			// Founding years of clubs and firms, birth years of the old.
			return 150
		}
	}
	if n >= 2 {
		same, up, down := true, true, true
		for k := 1; k < n; k++ {
			same = same && d[k] == d[0]
			up = up && d[k] == d[k-1]+1
			down = down && d[k] == d[k-1]-1
		}
		if same || up || down {
			return 20
		}
	}
	return pow10(n)
}

func pow10(n int) float64 {
	g := 1.0
	for range n {
		g *= 10
	}
	return g
}
