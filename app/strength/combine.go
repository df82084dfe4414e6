package strength

import (
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/trustelem/zxcvbn/match"
	"github.com/trustelem/zxcvbn/scoring"
)

// A rule-based attacker does not guess the parts of "Klantdata1",
// "KaffeeMitMilch!" or "ik hou van jou" as separate patterns in any order,
// as zxcvbn's l! term assumes: a combinator attack joins dictionary words,
// typed together or with one separator between them, capitalises them the
// usual ways, and a rule puts digits or symbols before or after. combined
// adds those chains of words as single matches, priced as the product of
// their words, the capitals, the separator and the affix.

// affixOne is the number of single characters a rule appends or prepends:
// ten digits and the common symbols.
const affixOne = 10 + len(affixSymbols)

// maxParts bounds the words of one chain.
const maxParts = 8

// chainSeparators are the ways words of a chain are joined: typed
// together (0) or with one of the separators.
var chainSeparators = append([]rune{0}, []rune(separators)...)

// part is a dictionary word in the window, priced in lower case.
type part struct {
	i, j int
	g    float64
	m    *match.Match
	// caps is the price of the word's own capitals; camel is true when
	// its first letter is its only capital.
	caps  float64
	camel bool
}

// chain is the cheapest run of words found from one start to one end:
// its words as indexes into the window's words.
type chain struct {
	g     float64
	parts [maxParts]int16
	np    int // how many parts
	sep   rune
}

// compound is the cheapest chain with its affixes found for a span.
type compound struct {
	g             float64
	c             chain
	before, after span // the affixes; i > j for none
}

// scratch is the working memory of combined, kept between calls: the
// scorer's garbage was most of its time on long passwords.
type scratch struct {
	bestAt    []int16
	words     []part
	byStart   [][]int16
	grammarOf []int8
	foundAt   []int32
	found     []compound
	cost      []float64
	prev      []int
	last      []int16
	count     []int
	ends      []chain
	wholeFrom []bool
	wholeTo   []bool
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// zeroed returns *buf resized to n zero values, reusing its memory.
func zeroed[T any](buf *[]T, n int) []T {
	if cap(*buf) < n {
		*buf = make([]T, n)
	}
	*buf = (*buf)[:n]
	clear(*buf)
	return *buf
}

// noAffix is the span of a missing affix.
var noAffix = span{1, 0}

// combined returns the chains of two or more words, and every word or
// chain with digits or symbols stuck to either end, each as one match.
// Equal prices keep the first found, in a fixed order, so that the same
// password always gets the same feedback.
func combined(ms []*match.Match, runes []rune, stand string, grammar map[string]bool) []*match.Match {
	n := len(runes)
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	lc := newLetterCase(runes)
	// The cheapest word for each span, and the words by start.
	bestAt := zeroed(&sc.bestAt, n*n)
	words := sc.words[:0]
	defer func() { sc.words = words[:0] }()
	for _, m := range ms {
		if m.Pattern != "dictionary" || m.I < 0 || m.J >= n || m.J < m.I {
			continue
		}
		caps := upperVariations(letters(runes[m.I : m.J+1]))
		g := rawGuesses(m, stand) / caps
		k := bestAt[m.I*n+m.J] - 1
		if k >= 0 && words[k].g <= g {
			continue
		}
		up, _ := lc.count(m.I, m.J)
		p := part{i: m.I, j: m.J, g: g, m: m, caps: caps, camel: up == 1 && unicode.IsUpper(runes[m.I])}
		if k >= 0 {
			words[k] = p
		} else if len(words) < math.MaxInt16 {
			bestAt[m.I*n+m.J] = int16(len(words) + 1)
			words = append(words, p)
		}
	}
	if len(words) == 0 {
		return nil
	}
	if cap(sc.byStart) < n {
		sc.byStart = make([][]int16, n)
	}
	byStart := sc.byStart[:n]
	for k := range byStart {
		byStart[k] = byStart[k][:0]
	}
	for k, p := range words {
		byStart[p.i] = append(byStart[p.i], int16(k))
	}
	// isGrammar caches whether a word is a grammar word (see sentence),
	// asked only of chains that may be sentences.
	grammarOf := zeroed(&sc.grammarOf, len(words)) // 0 unknown, 1 no, 2 yes
	isGrammar := func(k int16) bool {
		if grammarOf[k] == 0 {
			m := words[k].m
			grammarOf[k] = 1
			if !m.Reversed && !m.L33t && grammar[strings.ToLower(m.Token)] {
				grammarOf[k] = 2
			}
		}
		return grammarOf[k] == 2
	}

	foundAt := zeroed(&sc.foundAt, n*n) // index+1 into found
	found := sc.found[:0]
	defer func() { sc.found = found[:0] }()
	add := func(i, j int, g float64, c *chain, before, after span) {
		if k := foundAt[i*n+j] - 1; k >= 0 {
			if found[k].g > g {
				found[k] = compound{g, *c, before, after}
			}
			return
		}
		foundAt[i*n+j] = int32(len(found) + 1)
		found = append(found, compound{g, *c, before, after})
	}
	cost := zeroed(&sc.cost, n)
	prev := zeroed(&sc.prev, n)
	last := zeroed(&sc.last, n)
	count := zeroed(&sc.count, n)
	ends := zeroed(&sc.ends, n) // the cheapest chain from this start to each end
	var buf [maxParts]int16
	var joinBuf [8]join // more than len(linking)+1
	// wholeFrom[s] and wholeTo[e]: runes[s..e] is all of runes but for
	// affixes (see whole), asked of every span below.
	wholeFrom, wholeTo := zeroed(&sc.wholeFrom, n), zeroed(&sc.wholeTo, n)
	for k := range n {
		wholeFrom[k], wholeTo[k] = whole(runes, k, n-1), whole(runes, 0, k)
	}
	for s := range n {
		if len(byStart[s]) == 0 {
			continue
		}
		for e := range ends {
			ends[e].np = 0
		}
		for _, sep := range chainSeparators {
			if sep != 0 && !slices.Contains(runes[s:], sep) {
				continue
			}
			for k := range cost {
				cost[k] = math.Inf(1)
			}
			for _, w := range byStart[s] {
				if p := words[w]; p.g < cost[p.j] {
					cost[p.j], prev[p.j], last[p.j], count[p.j] = p.g, -1, w, 1
				}
			}
			for e := s; e < n; e++ {
				if math.IsInf(cost[e], 1) || count[e] >= maxParts {
					continue
				}
				for _, l := range joins(joinBuf[:0], runes, e+1, sep) {
					next := e + 1 + l.n
					if next >= n {
						continue
					}
					for _, w := range byStart[next] {
						p := words[w]
						if g := cost[e] * l.g * p.g; g < cost[p.j] {
							cost[p.j], prev[p.j], last[p.j], count[p.j] = g, e, w, count[e]+1
						}
					}
				}
			}
			for e := s; e < n; e++ {
				if math.IsInf(cost[e], 1) {
					continue
				}
				parts := buf[:count[e]]
				for k, at := count[e]-1, e; k >= 0; k-- {
					parts[k] = last[at]
					at = prev[at]
				}
				caps, camel := caseGuesses(lc, runes, words, parts)
				g := cost[e]
				if (sep != 0 || camel) && len(parts) >= 3 && slices.ContainsFunc(parts, isGrammar) {
					g = sentenceGuesses(words, parts)
				}
				g *= caps
				if sep != 0 && len(parts) > 1 {
					g *= separatorGuesses
				}
				if c := &ends[e]; c.np == 0 || g < c.g {
					c.g, c.np, c.sep = g, len(parts), sep
					copy(c.parts[:], parts)
				}
			}
		}
		// The matches from this start: chains of two or more words, and
		// any chain with a run of digits and symbols right after it or
		// before it, or after one separator (the chain's own, or any one
		// for a chain without).
		for e := s; e < n; e++ {
			c := &ends[e]
			if wholeFrom[s] && wholeTo[e] {
				// The cheapest chain may be of more, shorter words ("al",
				// "at" in "Kartoffelsalatschüssel"), which is no compound;
				// the cheapest compound of two or three longer words may
				// cost less once it is priced as one.
				if alt, ok := bestCompound(words, byStart, runes, lc, s, e); ok &&
					(c.np == 0 || alt.g/compoundShare(&alt, words, runes, 0, n-1) < c.g/compoundShare(c, words, runes, 0, n-1)) {
					*c = alt
				}
			}
			if c.np == 0 {
				continue
			}
			if c.np > 1 {
				add(s, e, c.g/compoundShare(c, words, runes, s, e), c, noAffix, noAffix)
			}
			afters := affixesAfter(runes, e+1, c.sep)
			befores := affixesBefore(runes, s-1, c.sep)
			for _, a := range afters {
				add(s, a.j, c.g*a.g/compoundShare(c, words, runes, s, a.j), c, noAffix, span{a.i, a.j})
			}
			for _, b := range befores {
				add(b.i, e, c.g*b.g/compoundShare(c, words, runes, b.i, e), c, span{b.i, b.j}, noAffix)
				for _, a := range afters {
					add(b.i, a.j, c.g*a.g*b.g/compoundShare(c, words, runes, b.i, a.j), c, span{b.i, b.j}, span{a.i, a.j})
				}
			}
		}
	}
	res := make([]*match.Match, 0, len(found))
	for at, k := range foundAt {
		if k == 0 {
			continue
		}
		f := &found[k-1]
		i, j := at/n, at%n
		m := &match.Match{Pattern: "compound", I: i, J: j, Token: stand[i : j+1], Guesses: floor(f.g, i, j, n)}
		m.BaseMatches = make([]*match.Match, 0, f.c.np+2)
		for _, w := range f.c.parts[:f.c.np] {
			m.BaseMatches = append(m.BaseMatches, words[w].m)
		}
		if f.c.sep != 0 && f.c.np > 1 {
			m.Separator = string(f.c.sep)
		}
		for _, a := range []span{f.before, f.after} {
			if a.i <= a.j {
				m.RegexName = "affix"
				m.BaseMatches = append(m.BaseMatches, &match.Match{Pattern: "affix", Token: string(runes[a.i : a.j+1])})
			}
		}
		res = append(res, m)
	}
	return res
}

// compoundPairShare is how many of all pairs of common words an attacker
// skips when he joins words into compounds: "koffiezetapparaat",
// "Gartenzwerg", "PeanutButter" are meaningful, and a lexicon of the
// compounds people use holds about one pair in a hundred.
const compoundPairShare = 100

// compoundShare divides the price of a chain that is the whole password,
// but for its affixes, and is two or three words of three letters or more
// (letters only, as written: no leetspeak, nothing reversed) typed together (in one case or CamelCase): a compound noun or a familiar
// combination, which an attacker tries from a lexicon of compounds rather
// than from every pair of words. A longer chain, or a chain beside other
// words (a generated passphrase of four or more words is never one
// compound), costs what its words cost. It returns 1 for any other chain.
func compoundShare(c *chain, words []part, runes []rune, i, j int) float64 {
	if c.sep != 0 || c.np < 2 || c.np > 3 || i != 0 || j != len(runes)-1 {
		return 1
	}
	for _, w := range c.parts[:c.np] {
		p := words[w]
		if p.j-p.i+1 < 3 || p.m.L33t || p.m.Reversed || slices.ContainsFunc(runes[p.i:p.j+1], func(r rune) bool { return !unicode.IsLetter(r) }) {
			return 1
		}
	}
	return math.Pow(compoundPairShare, float64(c.np-1))
}

// whole reports whether runes[s..e] is all of runes but for digits and
// symbols before and after it, and a separator between those and it.
func whole(runes []rune, s, e int) bool {
	rest := func(r []rune) bool {
		for k, c := range r {
			if !affixRune(c) && !(isSeparator(c) && (k == 0 || k == len(r)-1)) {
				return false
			}
		}
		return true
	}
	return rest(runes[:s]) && rest(runes[e+1:])
}

// bestCompound finds the cheapest run of two or three words of three
// letters or more, typed together with a linking element or none, from s
// to e: the compound compoundShare prices as one.
func bestCompound(words []part, byStart [][]int16, runes []rune, lc letterCase, s, e int) (chain, bool) {
	var best chain
	var jb [8]join
	long := func(p part) bool {
		return p.j-p.i+1 >= 3 && !p.m.L33t && !p.m.Reversed &&
			!slices.ContainsFunc(runes[p.i:p.j+1], func(r rune) bool { return !unicode.IsLetter(r) })
	}
	consider := func(g float64, parts ...int16) {
		caps, _ := caseGuesses(lc, runes, words, parts)
		if g *= caps; best.np == 0 || g < best.g {
			best = chain{g: g, np: len(parts)}
			copy(best.parts[:], parts)
		}
	}
	for _, a := range byStart[s] {
		pa := words[a]
		if !long(pa) || pa.j >= e {
			continue
		}
		for _, l := range joins(jb[:0], runes, pa.j+1, 0) {
			at := pa.j + 1 + l.n
			if at > e {
				continue
			}
			for _, b := range byStart[at] {
				pb := words[b]
				if !long(pb) || pb.j > e {
					continue
				}
				if pb.j == e {
					consider(pa.g*l.g*pb.g, a, b)
					continue
				}
				var jb2 [8]join
				for _, l2 := range joins(jb2[:0], runes, pb.j+1, 0) {
					at2 := pb.j + 1 + l2.n
					if at2 > e {
						continue
					}
					for _, c := range byStart[at2] {
						if pc := words[c]; pc.j == e && long(pc) {
							consider(pa.g*l.g*pb.g*l2.g*pc.g, a, b, c)
						}
					}
				}
			}
		}
	}
	return best, best.np > 0
}

// linking are the letters Dutch and German put between the words of a
// compound: "Arbeit-s-zimmer", "Sonne-n-schein", "pann-en-koek",
// "Kind-er-garten".
var linking = []string{"s", "n", "en", "e", "es", "er"}

// linkingGuesses is the price of a linking element: which one it is.
const linkingGuesses = float64(4)

// join is one way from the end of a word to the start of the next: n
// characters between them, costing g guesses.
type join struct {
	n int
	g float64
}

// joins returns the ways the word after a chain can start at k: right
// there or after a linking element for words typed together, after the
// chain's separator otherwise.
func joins(out []join, runes []rune, k int, sep rune) []join {
	out = out[:0]
	if sep != 0 {
		if k < len(runes) && runes[k] == sep {
			out = append(out, join{1, 1})
		}
		return out
	}
	out = append(out, join{0, 1})
	for _, l := range linking {
		if k+len(l) > len(runes) {
			continue
		}
		ok := true
		for x, c := range l {
			if unicode.ToLower(runes[k+x]) != c {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, join{len(l), linkingGuesses})
		}
	}
	return out
}

// affix is a run of digits and symbols next to a chain, with its price.
type affix struct {
	i, j int // the run, without the separator before it
	g    float64
}

// affixesAfter returns the affixes that start at k, or at k+1 after a
// separator: each length of the run up to maxAffix.
func affixesAfter(runes []rune, k int, sep rune) []affix {
	more := 1.0
	if k < len(runes) && isSeparator(runes[k]) && k+1 < len(runes) && affixRune(runes[k+1]) && (sep == 0 || runes[k] == sep) {
		if sep == 0 {
			more = separatorGuesses
		}
		k++
	}
	var out []affix
	for j := k; j < len(runes) && j-k < maxAffix && affixRune(runes[j]); j++ {
		out = append(out, affix{k, j, affixPrice(runes[k:j+1]) * more})
	}
	return out
}

// affixesBefore is affixesAfter towards the start: runs that end at k.
func affixesBefore(runes []rune, k int, sep rune) []affix {
	more := 1.0
	if k >= 0 && isSeparator(runes[k]) && k-1 >= 0 && affixRune(runes[k-1]) && (sep == 0 || runes[k] == sep) {
		if sep == 0 {
			more = separatorGuesses
		}
		k--
	}
	var out []affix
	for i := k; i >= 0 && k-i < maxAffix && affixRune(runes[i]); i-- {
		// An affix before a word is rarer than after it.
		out = append(out, affix{i, k, affixPrice(runes[i:k+1]) * more * 2})
	}
	return out
}

// affixPrice is what an attacker's rules pay for a run of digits and
// symbols: one character is one of affixOne, a longer run as
// affixGuesses prices it.
func affixPrice(tok []rune) float64 {
	if len(tok) == 1 {
		return float64(affixOne)
	}
	return affixGuesses(tok)
}

// A sentence of common words is not a chain of random words: each word
// follows from the ones before it. An attacker's language model (n-grams,
// or lists of quotes, lyrics and titles) needs a few hundred guesses per
// word of ordinary text — the perplexity of such models — not the word's
// rank among all words. A chain is taken for a sentence when its word
// boundaries are typed (separators or CamelCase, so that they are not the
// matcher's choice), it has three or more words, and one of them is a
// grammar word: among the most common hundred of its language ("ik",
// "der", "the", "with").

// sentenceWordGuesses is the price of each word of a sentence, at most.
const sentenceWordGuesses = 250

// grammarRank is the rank up to which a common word is a grammar word.
const grammarRank = 100

// sentenceGuesses prices the words of a sentence.
func sentenceGuesses(words []part, parts []int16) float64 {
	g := 1.0
	for _, k := range parts {
		g *= min(words[k].g, sentenceWordGuesses)
	}
	return g
}

// caseGuesses is the price of the capitals of a chain: none, the first
// letter, all of them, or the first letter of every word (CamelCase) are
// the rules an attacker tries first; anything else costs what each word's
// capitals cost. camel reports CamelCase.
func caseGuesses(lc letterCase, runes []rune, words []part, parts []int16) (g float64, camel bool) {
	s, e := words[parts[0]].i, words[parts[len(parts)-1]].j
	up, low := lc.count(s, e)
	switch {
	case up == 0:
		return 1, false
	case low == 0:
		return 2, false
	}
	camel = len(parts) > 1
	g = 1.0
	for _, k := range parts {
		camel = camel && words[k].camel
		g *= words[k].caps
	}
	switch {
	case camel:
		return 3, true
	case up == 1 && unicode.IsUpper(runes[s]):
		return 2, false
	}
	return g, false
}

// letterCase counts the capitals and small letters of a window, so that
// a span's counts are two subtractions.
type letterCase struct{ up, low []int }

func newLetterCase(runes []rune) letterCase {
	c := letterCase{up: make([]int, len(runes)+1), low: make([]int, len(runes)+1)}
	for k, r := range runes {
		c.up[k+1], c.low[k+1] = c.up[k], c.low[k]
		switch {
		case unicode.IsUpper(r):
			c.up[k+1]++
		case unicode.IsLower(r):
			c.low[k+1]++
		}
	}
	return c
}

// count returns the capitals and small letters of runes[i..j].
func (c letterCase) count(i, j int) (up, low int) {
	return c.up[j+1] - c.up[i], c.low[j+1] - c.low[i]
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
