package strength

import (
	"strings"

	"github.com/trustelem/zxcvbn/match"
	"github.com/trustelem/zxcvbn/scoring"
)

// keyboard is a keyboard layout as an adjacency graph, for walks such as
// "qwertz", "asdfgh" or "azerty".
type keyboard struct {
	name string
	// adj maps a character to its key's six neighbours (left, upper left,
	// upper right, right, lower right, lower left), each the characters of
	// one key, unshifted first; "" where there is no key.
	adj map[rune][6][]rune
	// shifted holds the characters typed with Shift.
	shifted map[rune]bool
}

// layout rows: each key is its unshifted and shifted character. Row 0
// starts at column 0, the others at column 1, as the keys of a real
// keyboard are staggered (q sits between 1 and 2).
type layout struct {
	name  string
	rows  [4][]string
	start [4]int
}

// The German QWERTZ (DIN 2137) and French AZERTY layouts. zxcvbn itself
// knows QWERTY, Dvorak and the keypads.
var layouts = []layout{
	{
		name: "qwertz",
		rows: [4][]string{
			{"^°", "1!", "2\"", "3§", "4$", "5%", "6&", "7/", "8(", "9)", "0=", "ß?", "´`"},
			{"qQ", "wW", "eE", "rR", "tT", "zZ", "uU", "iI", "oO", "pP", "üÜ", "+*"},
			{"aA", "sS", "dD", "fF", "gG", "hH", "jJ", "kK", "lL", "öÖ", "äÄ", "#'"},
			{"<>", "yY", "xX", "cC", "vV", "bB", "nN", "mM", ",;", ".:", "-_"},
		},
		start: [4]int{0, 1, 1, 0},
	},
	{
		name: "azerty",
		rows: [4][]string{
			{"²³", "&1", "é2", "\"3", "'4", "(5", "-6", "è7", "_8", "ç9", "à0", ")°", "=+"},
			{"aA", "zZ", "eE", "rR", "tT", "yY", "uU", "iI", "oO", "pP", "^¨", "$£"},
			{"qQ", "sS", "dD", "fF", "gG", "hH", "jJ", "kK", "lL", "mM", "ù%", "*µ"},
			{"<>", "wW", "xX", "cC", "vV", "bB", "nN", ",?", ";.", ":/", "!§"},
		},
		start: [4]int{0, 1, 1, 0},
	},
}

// keyboards builds the graphs of [layouts].
func keyboards() []*keyboard {
	out := make([]*keyboard, 0, len(layouts))
	for _, l := range layouts {
		out = append(out, l.graph())
	}
	return out
}

func (l layout) graph() *keyboard {
	type pos struct{ x, y int }
	at := map[pos][]rune{}
	for y, row := range l.rows {
		for i, key := range row {
			at[pos{l.start[y] + i, y}] = []rune(key)
		}
	}
	k := &keyboard{name: l.name, adj: map[rune][6][]rune{}, shifted: map[rune]bool{}}
	for p, key := range at {
		var n [6][]rune
		for d, q := range [6]pos{{p.x - 1, p.y}, {p.x, p.y - 1}, {p.x + 1, p.y - 1}, {p.x + 1, p.y}, {p.x, p.y + 1}, {p.x - 1, p.y + 1}} {
			n[d] = at[q]
		}
		for i, r := range key {
			k.adj[r] = n
			if i == 1 {
				k.shifted[r] = true
			}
		}
	}
	return k
}

// matches finds the walks of three or more keys in runes, priced with
// zxcvbn's formula for QWERTY (the layouts have as many keys and about as
// many neighbours).
func (k *keyboard) matches(runes []rune) []*match.Match {
	var out []*match.Match
	for i := 0; i < len(runes)-1; {
		j := i + 1
		last, turns, shifted := -1, 0, 0
		if k.shifted[runes[i]] {
			shifted = 1
		}
		for ; j < len(runes); j++ {
			dir, idx := k.step(runes[j-1], runes[j])
			if dir < 0 {
				break
			}
			if idx == 1 {
				shifted++
			}
			if dir != last {
				turns++
				last = dir
			}
		}
		if j-i > 2 {
			m := &match.Match{
				Pattern: "spatial", I: i, J: j - 1, Token: string(runes[i:j]),
				Graph: "qwerty", Turns: turns, ShiftedCount: shifted,
			}
			m.Guesses = max(scoring.SpatialGuesses(m), 50)
			m.Graph = k.name
			out = append(out, m)
		}
		i = j
	}
	return out
}

// step returns the direction from a to b's key and b's place on it (0
// unshifted, 1 shifted), or -1 when b's key is no neighbour of a's.
func (k *keyboard) step(a, b rune) (dir, idx int) {
	n, ok := k.adj[a]
	if !ok {
		return -1, 0
	}
	for d, key := range n {
		if i := strings.IndexRune(string(key), b); i >= 0 {
			return d, len([]rune(string(key)[:i]))
		}
	}
	return -1, 0
}

// yearMatches finds the years 1950–2039, which people append to everything
// ("Zomer2024!"). zxcvbn's own recent_year pattern stops at 2019.
func yearMatches(runes []rune) []*match.Match {
	var out []*match.Match
	for i := 0; i+4 <= len(runes); i++ {
		y := 0
		ok := true
		for _, r := range runes[i : i+4] {
			if r < '0' || r > '9' {
				ok = false
				break
			}
			y = y*10 + int(r-'0')
		}
		if !ok || y < 1950 || y > 2039 {
			continue
		}
		m := &match.Match{Pattern: "regex", RegexName: "recent_year", I: i, J: i + 3, Token: string(runes[i : i+4])}
		m.Guesses = max(scoring.RegexGuesses(m), 50)
		out = append(out, m)
	}
	return out
}
