package strength

import (
	"strings"

	"github.com/trustelem/zxcvbn/match"
	"github.com/trustelem/zxcvbn/scoring"
)

// A rule-based attacker does not guess the parts of "Klantdata1" or
// "Houvanjou!" as separate patterns in any order, as zxcvbn's l! term
// assumes: a combinator attack joins two or three dictionary words, and a
// rule appends one digit or symbol. combined adds those joined patterns as
// single matches, priced as the product of their parts.

// affixOne is the number of single characters a rule appends or prepends:
// ten digits and the common symbols.
const affixOne = 10 + len(affixSymbols)

// maxCombined bounds the joined matches added for one window.
const maxCombined = 4000

// combined returns the compounds of two or three adjacent dictionary
// matches, and every dictionary match or compound with one digit or symbol
// stuck to either end.
func combined(ms []*match.Match, runes []rune, stand string) []*match.Match {
	// The cheapest dictionary match for each span.
	type part struct {
		g     float64
		parts []*match.Match
	}
	best := map[span]part{}
	for _, m := range ms {
		if m.Pattern != "dictionary" || m.I < 0 || m.J >= len(runes) {
			continue
		}
		g := rawGuesses(m, stand)
		if old, ok := best[span{m.I, m.J}]; !ok || g < old.g {
			best[span{m.I, m.J}] = part{g, []*match.Match{m}}
		}
	}
	byStart := map[int][]span{}
	for s := range best {
		byStart[s.i] = append(byStart[s.i], s)
	}
	var out []*match.Match
	add := func(i, j int, p part, affix bool) {
		if len(out) >= maxCombined {
			return
		}
		m := &match.Match{Pattern: "compound", I: i, J: j, Token: stand[i : j+1], Guesses: max(p.g, 50), BaseMatches: p.parts}
		if affix {
			m.RegexName = "affix"
		}
		out = append(out, m)
	}
	words := map[span]part{}
	keep := func(s span, p part) {
		if old, ok := words[s]; !ok || p.g < old.g {
			words[s] = p
		}
	}
	for s, a := range best {
		keep(s, a)
		for _, t := range byStart[s.j+1] {
			b := best[t]
			ab := part{a.g * b.g, []*match.Match{a.parts[0], b.parts[0]}}
			keep(span{s.i, t.j}, ab)
			add(s.i, t.j, ab, false)
			for _, u := range byStart[t.j+1] {
				c := best[u]
				abc := part{ab.g * c.g, []*match.Match{a.parts[0], b.parts[0], c.parts[0]}}
				keep(span{s.i, u.j}, abc)
				add(s.i, u.j, abc, false)
			}
		}
	}
	// One character stuck to a word or compound: "Welkom1", "!Zomer".
	for s, p := range words {
		p.g *= float64(affixOne)
		if s.j+1 < len(runes) && affixRune(runes[s.j+1]) {
			add(s.i, s.j+1, p, true)
		}
		if s.i > 0 && affixRune(runes[s.i-1]) {
			add(s.i-1, s.j, p, true)
		}
	}
	return out
}

// span is a run of characters, i to j inclusive.
type span struct{ i, j int }

// rawGuesses prices a dictionary match without zxcvbn's floor for parts of
// a longer password: in a compound the parts are not separate patterns.
// This package's own matches carry that price in BaseGuesses.
func rawGuesses(m *match.Match, stand string) float64 {
	if strings.Contains(m.DictionaryName, ":") && m.BaseGuesses > 0 {
		return m.BaseGuesses
	}
	c := *m
	c.Guesses = 0
	return max(scoring.DictionaryGuesses(&c), 1)
}
