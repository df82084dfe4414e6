package strength

import (
	"strings"
	"unicode"

	"github.com/trustelem/zxcvbn/match"
)

// Kind is what sort of words a dictionary holds; feedback names it.
type Kind string

// The kinds of dictionary.
const (
	KindCommonWord     Kind = "common-word"
	KindCommonPassword Kind = "common-password"
	KindFirstName      Kind = "first-name"
	KindLastName       Kind = "last-name"
	KindPlace          Kind = "place"
	KindFootball       Kind = "football"
	KindCalendar       Kind = "calendar" // seasons, months, weekdays
	KindGreeting       Kind = "greeting"
	KindPassword       Kind = "password-word"
	KindContext        Kind = "context" // the user's own names
	KindBanned         Kind = "banned"  // the policy's banned words
)

// Dictionary is a ranked word list: Words[0] is the most common.
type Dictionary struct {
	// Name identifies the list, e.g. "common_nl".
	Name string
	Kind Kind
	// Words are lower case; a word's rank is its position plus one.
	Words []string
}

// entry is the best-ranked appearance of a word over all dictionaries.
type entry struct {
	rank int
	kind Kind
	name string
}

// dictSet is every dictionary merged into one lookup table.
type dictSet struct {
	words  map[string]entry
	maxLen int // the longest word, in runes
}

// maxWordRunes bounds the words looked up, and so the matcher's work.
const maxWordRunes = 24

func newDictSet(dicts []Dictionary) *dictSet {
	d := &dictSet{words: map[string]entry{}}
	for _, dict := range dicts {
		for i, w := range dict.Words {
			w = strings.ToLower(strings.TrimSpace(w))
			n := len([]rune(w))
			if n < 2 || n > maxWordRunes {
				continue
			}
			if old, ok := d.words[w]; ok && old.rank <= i+1 {
				continue
			}
			d.words[w] = entry{rank: i + 1, kind: dict.Kind, name: dict.Name}
			d.maxLen = max(d.maxLen, n)
		}
	}
	return d
}

// contextDict returns the user's context and the banned words as a small
// table, each word ranked first: an attacker who targets this user tries
// them before anything else.
func contextDict(ctx Context) map[string]int {
	out := map[string]int{}
	add := func(w string, kind int) {
		w = strings.ToLower(strings.TrimSpace(w))
		if len([]rune(w)) < 3 || len([]rune(w)) > maxWordRunes {
			return
		}
		if _, ok := out[w]; !ok {
			out[w] = kind
		}
	}
	for _, w := range ctx.BannedWords {
		add(w, bannedRank)
		for _, f := range splitWords(w) {
			add(f, bannedRank)
		}
	}
	for _, w := range ctx.UserInputs {
		add(w, contextRank)
		for _, f := range splitWords(w) {
			add(f, contextRank)
		}
	}
	return out
}

// Ranks of the context words; the two values also tell the kinds apart.
const (
	bannedRank  = 1
	contextRank = 2
)

// splitWords splits a name such as "jan.de-vries@laptop-7" into words.
func splitWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// leet maps a character to the letters it may stand for. It is wider than
// zxcvbn's own table ("€" for e, "ß" for b, "0" for o, and so on).
var leet = map[rune][]rune{
	'4': {'a'}, '@': {'a'}, '^': {'a'},
	'8': {'b'}, 'ß': {'b'},
	'(': {'c'}, '{': {'c'}, '[': {'c'}, '<': {'c'},
	'3': {'e'}, '€': {'e'}, '&': {'e'},
	'6': {'g'}, '9': {'g'},
	'#': {'h'},
	'1': {'i', 'l'}, '!': {'i', 'l'}, '|': {'i', 'l'},
	'0': {'o'},
	'$': {'s'}, '5': {'s'},
	'7': {'t', 'l'}, '+': {'t'},
	'%': {'x'},
	'2': {'z'},
}

// maxLeetChoices bounds how many readings of an ambiguous leet token are
// tried (each "1" may be an i or an l).
const maxLeetChoices = 8

// matches finds every dictionary word in runes, as is, in leetspeak and
// reversed, priced the way zxcvbn prices its own dictionary matches.
func (d *dictSet) matches(runes []rune, extra map[string]int) []*match.Match {
	lower := make([]rune, len(runes))
	for i, r := range runes {
		lower[i] = unicode.ToLower(r)
	}
	maxLen := max(d.maxLen, 3)
	for w := range extra {
		maxLen = max(maxLen, len([]rune(w)))
	}
	maxLen = min(maxLen, maxWordRunes)
	var out []*match.Match
	var buf, rev []rune
	for i := range lower {
		for j := i + 1; j < len(lower) && j-i < maxLen; j++ {
			tok := lower[i : j+1]
			orig := runes[i : j+1]
			// As is.
			if m := d.lookup(string(tok), extra); m != nil {
				out = append(out, d.priced(m, i, j, orig, 1, false))
			}
			// Reversed.
			rev = reverse(rev[:0], tok)
			if m := d.lookup(string(rev), extra); m != nil && len(tok) > 2 {
				out = append(out, d.priced(m, i, j, orig, 1, true))
			}
			// Leetspeak: only when the token holds a leet character.
			subs := 0
			for _, r := range tok {
				if _, ok := leet[r]; ok {
					subs++
				}
			}
			if subs == 0 || subs == len(tok) {
				continue
			}
			var best *entry
			bestVar := 0.0
			forEachReading(tok, &buf, func(reading []rune) {
				if m := d.lookup(string(reading), extra); m != nil && (best == nil || m.rank < best.rank) {
					best = m
					bestVar = leetVariations(tok, reading)
				}
			})
			if best != nil {
				out = append(out, d.priced(best, i, j, orig, bestVar, false))
			}
		}
	}
	return out
}

// lookup returns the best entry for word in the context table or the
// dictionaries.
func (d *dictSet) lookup(word string, extra map[string]int) *entry {
	if r, ok := extra[word]; ok {
		kind := KindContext
		if r == bannedRank {
			kind = KindBanned
		}
		return &entry{rank: 1, kind: kind, name: string(kind)}
	}
	if e, ok := d.words[word]; ok {
		return &e
	}
	return nil
}

// priced returns the zxcvbn match for a word found at i..j.
func (d *dictSet) priced(e *entry, i, j int, orig []rune, leetVar float64, reversed bool) *match.Match {
	raw := float64(e.rank) * upperVariations(orig) * leetVar
	if reversed {
		raw *= 2
	}
	// zxcvbn's floor for a match that is part of a longer password.
	g := max(raw, 50)
	return &match.Match{
		BaseGuesses:    raw,
		Pattern:        "dictionary",
		I:              i,
		J:              j,
		Token:          string(orig),
		Rank:           e.rank,
		DictionaryName: string(e.kind) + ":" + e.name,
		Reversed:       reversed,
		L33t:           leetVar > 1,
		Guesses:        g,
	}
}

// forEachReading calls f with each reading of tok with its leet characters
// replaced by letters, at most maxLeetChoices of them.
func forEachReading(tok []rune, buf *[]rune, f func([]rune)) {
	*buf = append((*buf)[:0], tok...)
	n := 0
	var walk func(k int)
	walk = func(k int) {
		if n >= maxLeetChoices {
			return
		}
		for ; k < len(tok); k++ {
			if opts, ok := leet[tok[k]]; ok {
				for _, o := range opts {
					(*buf)[k] = o
					walk(k + 1)
				}
				(*buf)[k] = tok[k]
				return
			}
		}
		n++
		f(*buf)
	}
	walk(0)
}

// leetVariations is zxcvbn's price of a leet substitution: for each
// substituted letter, the ways to choose which of its places are
// substituted.
func leetVariations(tok, reading []rune) float64 {
	type pair struct{ sub, letter rune }
	counts := map[pair][2]int{}
	for k := range tok {
		if tok[k] != reading[k] {
			p := pair{tok[k], reading[k]}
			c := counts[p]
			c[0]++
			counts[p] = c
		}
	}
	for p, c := range counts {
		for _, r := range tok {
			if r == p.letter {
				c[1]++
			}
		}
		counts[p] = c
	}
	v := 1.0
	for _, c := range counts {
		s, u := c[0], c[1]
		if u == 0 {
			v *= 2
			continue
		}
		sum := 0.0
		for k := 1; k <= min(s, u); k++ {
			sum += choose(s+u, k)
		}
		v *= sum
	}
	return max(v, 2)
}

// upperVariations is zxcvbn's price of capitalisation, for any letters.
func upperVariations(w []rune) float64 {
	up, low := 0, 0
	for _, r := range w {
		switch {
		case unicode.IsUpper(r):
			up++
		case unicode.IsLower(r):
			low++
		}
	}
	if up == 0 {
		return 1
	}
	if low == 0 || (up == 1 && (unicode.IsUpper(w[0]) || unicode.IsUpper(w[len(w)-1]))) {
		return 2
	}
	sum := 0.0
	for k := 1; k <= min(up, low); k++ {
		sum += choose(up+low, k)
	}
	// CamelCase of a compound entry ("RapidWien", "VfBStuttgart"): an
	// attacker capitalises the starts of its parts first, a handful of
	// choices per capital rather than zxcvbn's every placement.
	if unicode.IsUpper(w[0]) && up <= 3 {
		sum = min(sum, float64(int(1)<<(2*up)))
	}
	return sum
}

// choose is the binomial coefficient n over k.
func choose(n, k int) float64 {
	if k < 0 || k > n {
		return 0
	}
	r := 1.0
	for i := 1; i <= k; i++ {
		r = r * float64(n-k+i) / float64(i)
	}
	return r
}

func reverse(dst, src []rune) []rune {
	for i := len(src) - 1; i >= 0; i-- {
		dst = append(dst, src[i])
	}
	return dst
}
