// Package strength scores passwords the way an attacker who knows Dutch,
// German and English office habits would guess them, and gives the
// verdict of the policy's password.min_score and password.min_length.
//
// # How a password is scored
//
// The scorer is zxcvbn's method (github.com/trustelem/zxcvbn v1.0.1, a
// copy in third_party/zxcvbn): find every pattern in the password and
// look for the cheapest sequence of patterns that covers it; the number
// of guesses that sequence needs gives the score, 0 to 4. trustelem knows
// only English, and matches its dictionaries slowly; this package keeps
// zxcvbn's keyboard walks, sequences and dates and does the rest itself:
//
//   - one pass over all dictionaries, zxcvbn's English lists among them:
//     Dutch, German and English common words, first and last names,
//     cities and places, football clubs with their colours and
//     nicknames, seasons, months and weekdays, greetings, terms of
//     endearment and pets' names, the office's words, everyday things
//     (food, drink, household), well-known phrases, and the words for
//     password, embedded from assets; the policy's banned words and the
//     user's own context (login, full name, host name), ranked first —
//     each as typed, in leetspeak (a table wider than zxcvbn's) and
//     reversed, and phrases also with spaces or another separator;
//   - chains of words, as a combinator attack builds them: up to eight
//     words typed together (with Dutch and German linking letters) or
//     with one separator, capitals priced once for the chain, digits and
//     symbols before or after; a chain whose word boundaries are typed
//     and that holds a grammar word is a sentence, each word priced as a
//     language model would guess it;
//   - a chunk typed twice or more, priced as the chunk scored by this
//     package times the count;
//   - keyboard walks on QWERTZ and AZERTY, years 1950–2039, runs of
//     digits and symbols as an attacker's rules write them, Dutch
//     postcodes and licence plates.
//
// The search for the cheapest sequence is zxcvbn's, without its additive
// term, on fixed arrays (see bestSequence).
//
// # Bounded cost
//
// trustelem's time grows steeply with the length of some inputs (about
// 0.2 s at 64 characters of a bad family, seconds beyond). The scorer never
// hands it more than [Window] characters at once, not counting up to eight
// spaces between words. A longer password is
// scored as its first window, exactly, plus what each later full window
// adds: its own guesses if it is new, nothing if it repeats an earlier
// one, plus the count of windows. Every term is positive, so a longer
// password is never rated weaker than a prefix of it that is longer than a
// window, and the work stops when the score can no longer rise, or after
// [MaxWindows] windows: any input, up to megabytes, invalid UTF-8 and NUL
// bytes included, costs a few milliseconds.
//
// # Non-ASCII letters
//
// trustelem v1.0.1 mixes byte and character positions, so a password with
// umlauts can come back with 0 guesses ("Mäuschenßßaa"). The scorer hands
// trustelem a stand-in string with one byte per character (each non-ASCII
// character replaced by a control byte that no pattern of zxcvbn's
// matches), and matches its own dictionaries, where umlauts are ordinary
// letters, on the real characters.
//
// # Feedback
//
// A [Result] carries typed [Reason] and [Suggestion] codes, never English
// text: ui/ and the CLI translate them.
package strength

import (
	"math"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/trustelem/zxcvbn/match"
)

// Window is how many characters the scorer hands zxcvbn at once, not
// counting spaces, up to [maxWindowRunes] characters in all: a sentence of
// common words typed with spaces ("Reden ist Silber Schweigen ist Gold")
// is scored whole. (Only spaces: sentences are typed with them, and a
// longer window costs time on every long passphrase with dots or dashes.)
const Window = 32

// maxWindowRunes bounds a window with its separators.
const maxWindowRunes = Window + 8

// windowSpan is one window of a password: runes [i, j); full when it holds
// [Window] characters besides separators, or [maxWindowRunes] in all.
type windowSpan struct {
	i, j int
	full bool
}

// windows cuts runes into consecutive windows, at least one: the last one
// may be partial.
func windows(runes []rune) []windowSpan {
	var out []windowSpan
	for i := 0; i < len(runes); {
		j, counted := i, 0
		for j < len(runes) && counted < Window && j-i < maxWindowRunes {
			if runes[j] != ' ' {
				counted++
			}
			j++
		}
		out = append(out, windowSpan{i, j, counted == Window || j-i == maxWindowRunes})
		i = j
	}
	if len(out) == 0 {
		out = append(out, windowSpan{0, len(runes), false})
	}
	return out
}

// MaxWindows bounds how many windows of a long password are scored.
const MaxWindows = 24

// MaxRunes is how much of a password is looked at at all: more than
// [MaxWindows] windows, so that repeats of a window still count.
const MaxRunes = 1 << 16

// Result is the score of one password.
type Result struct {
	// Score is zxcvbn's 0 (too guessable) to 4 (very unguessable).
	Score int
	// GuessesLog10 is log10 of the estimated number of guesses.
	GuessesLog10 float64
	// CrackSeconds is the estimated time to guess the password offline
	// against a slow, salted hash (10,000 guesses a second).
	CrackSeconds float64
	// Length is the password's length in characters.
	Length int
	// Warnings say what makes the password guessable, most important
	// first; empty for a strong password.
	Warnings []Reason
	// Suggestions say how to do better; empty for a strong password.
	Suggestions []Suggestion
	// Windows is how many windows were scored (1 for a password of up to
	// [Window] characters).
	Windows int
	// Banned is true when the password holds one of the policy's banned
	// words — in any case, in leetspeak or reversed — whether or not it is
	// the cheapest way to guess it: a policy verdict fails on it.
	Banned bool
}

// Warning returns the first warning, or "" when there is none.
func (r Result) Warning() Reason {
	if len(r.Warnings) == 0 {
		return ""
	}
	return r.Warnings[0]
}

// Context is what the scorer should know about the user: words an
// attacker who targets this user would try first.
type Context struct {
	// UserInputs are the user's login name, full name, host name and the
	// like; each is also split into its words.
	UserInputs []string
	// BannedWords are the policy's password.banned_words.
	BannedWords []string
}

// Scorer scores passwords. The zero value is not usable; use [New] or
// [Default]. A Scorer is safe for concurrent use.
type Scorer struct {
	dict     *dictSet
	keyboard []*keyboard
}

// New returns a Scorer over the given dictionaries (see [Dictionary]).
func New(dicts []Dictionary) *Scorer {
	return &Scorer{dict: newDictSet(dicts), keyboard: keyboards()}
}

var (
	defaultOnce   sync.Once
	defaultScorer *Scorer
)

// Default returns the Scorer over the embedded dictionaries, built on
// first use.
func Default() *Scorer {
	defaultOnce.Do(func() { defaultScorer = New(EmbeddedDictionaries()) })
	return defaultScorer
}

// Score scores password for the user described by ctx.
func (s *Scorer) Score(password string, ctx Context) Result {
	runes := decode(password, MaxRunes)
	res := Result{Length: utf8.RuneCountInString(password)}
	if !utf8.ValidString(password) {
		res.Length = len(runes)
	}
	if len(runes) == 0 {
		res.Warnings = []Reason{ReasonEmpty}
		res.Suggestions = []Suggestion{SuggestPassphrase}
		return res
	}
	extra := contextDict(ctx)

	spans := windows(runes)
	first := runes[spans[0].i:spans[0].j]
	log10, seq := s.window(first, extra, 0)
	res.Windows = 1
	res.Banned = holdsBanned(runes[:min(len(runes), MaxWindows*maxWindowRunes)], extra)
	patterns := []*match.Match{}
	patterns = append(patterns, seq...)

	if len(spans) > 1 {
		seen := map[string]bool{string(first): true}
		full := len(spans)
		if !spans[full-1].full {
			full-- // the last, partial window is not scored
		}
		for w := 1; w < full && res.Windows < MaxWindows && log10 < saturated; w++ {
			chunk := runes[spans[w].i:spans[w].j]
			key := string(chunk)
			if seen[key] {
				continue
			}
			seen[key] = true
			g, _ := s.window(chunk, extra, 0)
			log10 += g
			res.Windows++
		}
		// The attacker must also find how the windows follow each other.
		log10 += math.Log10(float64(max(full, 1)))
	}
	res.GuessesLog10 = log10
	res.Score = scoreOf(log10)
	res.CrackSeconds = math.Pow(10, min(log10, 300)) / 1e4
	res.Warnings, res.Suggestions = feedback(patterns, res.Score, len(runes))
	if res.Banned && !slices.Contains(res.Warnings, ReasonBanned) {
		res.Warnings = append([]Reason{ReasonBanned}, res.Warnings...)
	}
	return res
}

// saturated is the log10 of guesses beyond which a long password's later
// windows are not scored: the score is 4 long before it.
const saturated = 14

// scoreOf maps log10(guesses) to zxcvbn's score, with zxcvbn's thresholds.
func scoreOf(log10 float64) int {
	const delta = 5
	g := math.Pow(10, min(log10, 300))
	switch {
	case g < 1e3+delta:
		return 0
	case g < 1e6+delta:
		return 1
	case g < 1e8+delta:
		return 2
	case g < 1e10+delta:
		return 3
	}
	return 4
}

// window scores up to [Window] characters with zxcvbn and this package's
// extra patterns; it returns log10(guesses) and the cheapest sequence.
// depth is 0 for a window of the password and 1 for a repeated chunk of
// one, which is scored without looking for repeats again.
func (s *Scorer) window(runes []rune, extra map[string]int, depth int) (float64, []*match.Match) {
	stand := standIn(runes)
	matches := s.candidates(runes, stand, extra, depth)
	// Without zxcvbn's additive term, which adds 10,000^(l-1) guesses
	// for a sequence of l patterns: it makes every "Word+word+1" of three
	// patterns at least 10^8 guesses (score 3), where a rule-based attack
	// on a frequency-ordered dictionary finds it in far fewer. The l! term
	// for the order of the patterns stays.
	g, seq := bestSequence(stand, matches)
	if !(g >= 1) { // NaN, 0 or negative: never trust it as weak or strong
		g = math.Pow(10, float64(len(runes)))
	}
	return math.Log10(g), seq
}

// candidates returns every pattern found in a window: zxcvbn's own and
// this package's.
func (s *Scorer) candidates(runes []rune, stand string, extra map[string]int, depth int) []*match.Match {
	matches := zxcvbnPatterns(stand)
	matches = append(matches, s.dict.matches(runes, extra)...)
	for _, k := range s.keyboard {
		matches = append(matches, k.matches(runes)...)
	}
	matches = append(matches, yearMatches(runes)...)
	matches = append(matches, affixMatches(runes)...)
	matches = append(matches, postcodeMatches(runes)...)
	matches = append(matches, postcodePlaces(matches, runes)...)
	matches = append(matches, combined(matches, runes, stand, s.dict.grammar)...)
	return append(matches, s.repeats(runes, stand, extra, depth)...)
}

// holdsBanned reports whether runes hold one of the banned words in extra
// (the context table), as the dictionary matcher finds words: in any case,
// in leetspeak, reversed. It looks at the whole of what it is given, also
// where the score stopped looking (a long password is strong long before
// its end), with the banned words alone, which keeps it cheap.
func holdsBanned(runes []rune, extra map[string]int) bool {
	banned := map[string]int{}
	for w, r := range extra {
		if r == bannedRank {
			banned[w] = r
		}
	}
	if len(banned) == 0 {
		return false
	}
	return len((&dictSet{}).matches(runes, banned)) > 0
}

// decode returns up to limit characters of s, each invalid UTF-8 byte as
// U+FFFD.
func decode(s string, limit int) []rune {
	out := make([]rune, 0, min(len(s), limit))
	for i := 0; i < len(s) && len(out) < limit; {
		r, size := utf8.DecodeRuneInString(s[i:])
		out = append(out, r)
		i += size
	}
	return out
}

// standIns are the bytes that stand for non-ASCII and control characters
// in the string handed to zxcvbn: control bytes that no dictionary,
// keyboard graph or date of zxcvbn's contains, far enough apart that no two
// form one of its sequences (it counts steps of up to 5).
var standIns = [...]byte{0x01, 0x08, 0x0f, 0x16}

// standIn returns a string with one byte per rune: printable ASCII as is,
// every other character as a stand-in byte, the same for the same
// character.
func standIn(runes []rune) string {
	var b strings.Builder
	b.Grow(len(runes))
	assigned := map[rune]byte{}
	for _, r := range runes {
		if r >= 0x20 && r < 0x7f {
			b.WriteByte(byte(r))
			continue
		}
		c, ok := assigned[r]
		if !ok {
			c = standIns[len(assigned)%len(standIns)]
			assigned[r] = c
		}
		b.WriteByte(c)
	}
	return b.String()
}
