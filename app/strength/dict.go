package strength

import (
	"math"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

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
	KindFootball       Kind = "football" // clubs, their colours and nicknames
	KindCalendar       Kind = "calendar" // seasons, months, weekdays
	KindGreeting       Kind = "greeting"
	KindPassword       Kind = "password-word"
	KindWork           Kind = "work"     // the office's words: "marketing", "klanten"
	KindPetName        Kind = "pet-name" // pets' names and terms of endearment
	KindEveryday       Kind = "everyday" // food, drink, household and office things
	KindPhrase         Kind = "phrase"   // well-known phrases, sayings, song lines
	KindContext        Kind = "context"  // the user's own names
	KindBanned         Kind = "banned"   // the policy's banned words
)

// Dictionary is a ranked word list: Words[0] is the most common.
type Dictionary struct {
	// Name identifies the list, e.g. "common_nl".
	Name string
	Kind Kind
	// Words are lower case; a word's rank is its position plus one. Spaces
	// inside an entry ("ik hou van jou") are dropped: the matcher finds
	// the words typed together, with spaces or with any one separator.
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
	words  *wordTable
	maxLen int // the longest word, in runes
	// grammar holds the grammar words: the first [grammarRank] of each
	// list of common words ("ik", "der", "the", "with").
	grammar map[string]bool
	// prefixes is a bit set of the hashes of every prefix of every word.
	prefixes []uint64
}

// maxWordRunes bounds the words looked up, and so the matcher's work: a
// window's length, so that a phrase may fill it.
const maxWordRunes = Window

func newDictSet(dicts []Dictionary) *dictSet {
	size := 0
	for _, d := range dicts {
		size += len(d.Words)
	}
	d := &dictSet{words: newWordTable(size), grammar: map[string]bool{}, prefixes: make([]uint64, 1<<prefixBits/64)}
	for _, dict := range dicts {
		if dict.Kind == KindCommonWord {
			for _, w := range dict.Words[:min(len(dict.Words), grammarRank)] {
				d.grammar[strings.ToLower(w)] = true
			}
		}
		at := len(d.words.dicts)
		d.words.dicts = append(d.words.dicts, dictMeta{name: dict.Name, kind: dict.Kind})
		for i, w := range dict.Words {
			w = strings.ToLower(strings.ReplaceAll(strings.TrimSpace(w), " ", ""))
			n := utf8.RuneCountInString(w)
			if n < 2 || n > maxWordRunes {
				continue
			}
			if d.words.put(w, i+1, at) {
				d.addPrefixes(w)
			}
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
		if n := utf8.RuneCountInString(w); n < 3 || n > maxWordRunes {
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

// maxLeetChoices bounds how many leet readings of a token are tried at
// once (each "1" may be an i or an l).
const maxLeetChoices = 8

// separators are the characters people type between the words of a
// phrase: "ik hou van jou", "correct-horse-battery-staple".
const separators = " -_."

func isSeparator(r rune) bool { return strings.ContainsRune(separators, r) }

// ignored are the marks inside a phrase that the matcher looks through
// ("you'll never walk alone", "ja, ik wil"): the word lists are written
// without them.
const ignored = "'’,"

// squeezed reports whether the phrase matcher drops r.
func squeezed(r rune) bool { return isSeparator(r) || strings.ContainsRune(ignored, r) }

// separatorGuesses is what a phrase typed with a separator costs beyond
// the phrase: which of the few separators it is.
const separatorGuesses = float64(len(separators))

// text is a window prepared for dictionary lookups: its characters in
// lower case, forwards and backwards.
type text struct {
	runes []rune // as typed
	lower []rune
	rev   []rune // lower, reversed
}

func newText(runes []rune) *text {
	n := len(runes)
	t := &text{runes: runes, lower: make([]rune, n), rev: make([]rune, n)}
	for k, r := range runes {
		t.lower[k] = unicode.ToLower(r)
		t.rev[n-1-k] = t.lower[k]
	}
	return t
}

// found is one dictionary word found in a text: characters i to j.
type found struct {
	i, j     int
	e        entry
	leetVar  float64
	reversed bool
}

// reading is one way to read the characters from a start on: as typed
// (in lower case), or with every leet character taken for a letter.
type reading struct {
	utf8  []byte
	runes []rune
	h     uint64 // prefixHash of utf8
}

func (r *reading) set(from *reading) {
	r.utf8 = append(r.utf8[:0], from.utf8...)
	r.runes = append(r.runes[:0], from.runes...)
	r.h = from.h
}

func (r *reading) add(c rune) {
	at := len(r.utf8)
	r.utf8 = utf8.AppendRune(r.utf8, c)
	r.h = prefixHash(r.h, r.utf8[at:])
	r.runes = append(r.runes, c)
}

// finder is the working memory of find, kept between calls.
type finder struct {
	plain       reading
	leets, next [maxLeetChoices]reading
}

var finderPool = sync.Pool{New: func() any { return new(finder) }}

// find calls f for every dictionary word in t: as typed (in any case),
// reversed, and in leetspeak. It reads on from each start only while what
// it has read begins some word (see dictSet.prefixes), so that most
// starts cost a character or two.
func (d *dictSet) find(t *text, extra map[string]int, f func(found)) {
	n := len(t.runes)
	extraMax := 0
	for w := range extra {
		extraMax = max(extraMax, utf8.RuneCountInString(w))
	}
	maxLen := min(max(d.maxLen, extraMax, 3), maxWordRunes)
	fd := finderPool.Get().(*finder)
	defer finderPool.Put(fd)
	alive := func(r *reading) bool { return len(r.runes) <= extraMax || d.prefix(r.h) }
	for i := range n {
		fd.plain.utf8, fd.plain.runes, fd.plain.h = fd.plain.utf8[:0], fd.plain.runes[:0], prefixSeed
		nl := 0 // leet readings
		plainAlive := true
		subs := 0
		for j := i; j < n && j-i < maxLen; j++ {
			c := t.lower[j]
			opts, isLeet := leet[c]
			// The leet readings: from the plain one at the first leet
			// character, extended by each letter it may stand for.
			if isLeet {
				subs++
				from := fd.leets[:nl]
				if nl == 0 {
					from = []reading{fd.plain}
				}
				nn := 0
				for k := range from {
					for _, o := range opts {
						if nn == maxLeetChoices {
							break
						}
						r := &fd.next[nn]
						r.set(&from[k])
						r.add(o)
						if alive(r) {
							nn++
						}
					}
				}
				fd.leets, fd.next = fd.next, fd.leets
				nl = nn
			} else {
				kept := 0
				for k := range nl {
					fd.leets[k].add(c)
					if alive(&fd.leets[k]) {
						if kept != k {
							fd.leets[kept], fd.leets[k] = fd.leets[k], fd.leets[kept]
						}
						kept++
					}
				}
				nl = kept
			}
			if plainAlive {
				fd.plain.add(c)
				plainAlive = alive(&fd.plain)
			}
			if !plainAlive && nl == 0 {
				break
			}
			if j == i {
				continue // words have two characters or more
			}
			if plainAlive {
				if e, ok := d.lookup(fd.plain.utf8, extra); ok {
					f(found{i: i, j: j, e: e, leetVar: 1})
				}
			}
			// Leetspeak: only when the token holds a leet character and
			// is not all of them.
			if subs == 0 || subs == j-i+1 {
				continue
			}
			var best entry
			bestVar, ok := 0.0, false
			for k := range nl {
				r := &fd.leets[k]
				if e, found := d.lookup(r.utf8, extra); found && (!ok || e.rank < best.rank) {
					best, ok = e, true
					bestVar = leetVariations(t.lower[i:j+1], r.runes)
				}
			}
			if ok {
				f(found{i: i, j: j, e: best, leetVar: bestVar})
			}
		}
		// Reversed: the same reading of the text read backwards, from
		// its character n-1-i on, as typed only, three characters or more.
		fd.plain.utf8, fd.plain.runes, fd.plain.h = fd.plain.utf8[:0], fd.plain.runes[:0], prefixSeed
		b := n - 1 - i
		for j := b; j < n && j-b < maxLen; j++ {
			fd.plain.add(t.rev[j])
			if !alive(&fd.plain) {
				break
			}
			if j-b < 2 {
				continue
			}
			if e, ok := d.lookup(fd.plain.utf8, extra); ok {
				f(found{i: n - 1 - j, j: n - 1 - b, e: e, leetVar: 1, reversed: true})
			}
		}
	}
}

// The prefixes of the dictionaries' words, as a bit set of their hashes:
// a clear bit means no word starts so, a set bit that one may (a few per
// cent are set by another prefix's hash).
const prefixBits = 25

// prefixSeed is the hash of nothing (FNV-1a's offset basis).
const prefixSeed uint64 = 14695981039346656037

// prefixHash extends h, the hash of a prefix, by the bytes b (FNV-1a).
func prefixHash(h uint64, b []byte) uint64 {
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

// prefix reports whether some word may start with the text hashed to h.
func (d *dictSet) prefix(h uint64) bool {
	if len(d.prefixes) == 0 {
		return false
	}
	k := h >> (64 - prefixBits)
	return d.prefixes[k/64]&(1<<(k%64)) != 0
}

// addPrefixes marks every prefix of w, at character boundaries.
func (d *dictSet) addPrefixes(w string) {
	h := prefixSeed
	var buf [utf8.UTFMax]byte
	for _, r := range w {
		h = prefixHash(h, buf[:utf8.EncodeRune(buf[:], r)])
		k := h >> (64 - prefixBits)
		d.prefixes[k/64] |= 1 << (k % 64)
	}
}

// lookup returns the best entry for a lower-case word in the context
// table or the dictionaries. Indexing a map with string(b) does not
// allocate.
func (d *dictSet) lookup(word []byte, extra map[string]int) (entry, bool) {
	if len(extra) > 0 {
		if r, ok := extra[string(word)]; ok {
			kind := KindContext
			if r == bannedRank {
				kind = KindBanned
			}
			return entry{rank: 1, kind: kind, name: string(kind)}, true
		}
	}
	return d.words.get(word)
}

// matches finds every dictionary word in runes, as typed, in leetspeak and
// reversed, and the phrases typed with a separator between their words,
// priced the way zxcvbn prices its own dictionary matches.
func (d *dictSet) matches(runes []rune, extra map[string]int) []*match.Match {
	var out []*match.Match
	d.find(newText(runes), extra, func(f found) {
		out = append(out, priced(f, runes, f.i, f.j, 1))
	})
	// The same with the separators and marks taken out: a word found
	// across one is a phrase typed with spaces ("ich liebe dich") or a
	// place ("Den Haag"), found only where it spans one.
	squeezed, at := squeeze(runes)
	if len(squeezed) == len(runes) || len(squeezed) < 2 {
		return out
	}
	d.find(newText(squeezed), extra, func(f found) {
		i, j := at[f.i], at[f.j]
		if j-i == f.j-f.i {
			return // found without a separator already
		}
		sep := rune(0)
		for _, r := range runes[i : j+1] {
			if isSeparator(r) {
				if sep != 0 && r != sep {
					return // "ik hou-van_jou" is not how a phrase is typed
				}
				sep = r
			}
		}
		out = append(out, priced(f, runes, i, j, separatorGuesses))
	})
	return out
}

// squeeze returns runes without separators and ignored marks, and where
// each kept character stood.
func squeeze(runes []rune) ([]rune, []int) {
	out := make([]rune, 0, len(runes))
	at := make([]int, 0, len(runes))
	for k, r := range runes {
		if !squeezed(r) {
			out = append(out, r)
			at = append(at, k)
		}
	}
	return out, at
}

// priced returns the zxcvbn match for a word found at i..j of runes; more
// multiplies the price (the choice of separator).
func priced(f found, runes []rune, i, j int, more float64) *match.Match {
	orig := runes[i : j+1]
	caps := min(upperVariations(letters(orig)), wordStartCaps(orig))
	if f.e.kind == KindPhrase {
		// A phrase typed together hides its word starts; its capitals
		// are one of the few ways people write it: lower case, its first
		// word, every word (CamelCase), the nouns, all capitals.
		caps = min(caps, phraseCaps)
	}
	raw := float64(f.e.rank) * caps * f.leetVar * more
	if f.reversed {
		raw *= 2
	}
	return &match.Match{
		BaseGuesses:    raw,
		Pattern:        "dictionary",
		I:              i,
		J:              j,
		Token:          string(orig),
		Rank:           f.e.rank,
		DictionaryName: string(f.e.kind) + ":" + f.e.name,
		Reversed:       f.reversed,
		L33t:           f.leetVar > 1,
		Guesses:        floor(raw, i, j, len(runes)),
	}
}

// floor is zxcvbn's floor for a match of i..j that is part of a longer
// password of n characters: 50 guesses for a match of several
// characters, 10 for one; the whole password keeps its own price.
// phraseCaps is the most the capitals of a well-known phrase cost.
const phraseCaps = 8

// wordStartCaps prices capitals that stand only at the start of words
// typed with separators between them ("Reden ist Silber Schweigen ist
// Gold", as German writes nouns): each word capitalised or not, 2 to the
// number of words. Capitals elsewhere cost what zxcvbn counts (+Inf here).
func wordStartCaps(w []rune) float64 {
	words, start := 0, true
	for _, r := range w {
		switch {
		case isSeparator(r):
			start = true
			continue
		case start:
			words++
		case unicode.IsUpper(r):
			return math.Inf(1)
		}
		start = false
	}
	return math.Pow(2, float64(words))
}

func floor(g float64, i, j, n int) float64 {
	switch {
	case i == 0 && j == n-1:
		return max(g, 1)
	case i == j:
		return max(g, 10)
	}
	return max(g, 50)
}

// letters returns w without separators, for pricing its capitals.
func letters(w []rune) []rune {
	for _, r := range w {
		if squeezed(r) {
			s, _ := squeeze(w)
			return s
		}
	}
	return w
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
