package passgen

import (
	"fmt"
	"io"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Passphrase sizes.
const (
	// DefaultWords is the number of words of a passphrase when the options
	// leave it at 0: 6 words give 60 bits from a list of 1,024 words (the
	// shortest that assets.PassphraseWords promises), and 77.5 bits from a
	// list of 7,776; the entropy reported is always that of the list given.
	DefaultWords = 6
	// MinWords is the fewest words the options may ask for.
	MinWords = 4
	// MaxWords is the most words the options may ask for.
	MaxWords = 10
	// DefaultSeparator joins the words when the options leave Separator
	// empty.
	DefaultSeparator = "-"
	// maxSeparator is the longest separator, in bytes.
	maxSeparator = 8
)

// WordList is a checked list of unique words to draw passphrases from. Make
// one with [NewWordList]; it is safe for concurrent use.
type WordList struct {
	words []string
	// uncapitalisable is the index of a word that stops the list from
	// being capitalised unambiguously, or -1.
	uncapitalisable int
}

// NewWordList checks words and returns them as a WordList (a copy: the
// caller may change words afterwards). There must be at least two words;
// none may be empty, invalid UTF-8, or hold a space or control character,
// and none may appear twice. Errors wrap ErrWordList and name the word by
// its place in the list, counted from 1.
func NewWordList(words []string) (*WordList, error) {
	if len(words) < 2 {
		return nil, fmt.Errorf("%w: %d words, want at least 2", ErrWordList, len(words))
	}
	if len(words) > math.MaxInt32 {
		return nil, fmt.Errorf("%w: %d words, want at most %d", ErrWordList, len(words), math.MaxInt32)
	}
	seen := make(map[string]int, len(words))
	for i, w := range words {
		switch {
		case w == "":
			return nil, fmt.Errorf("%w: word %d is empty", ErrWordList, i+1)
		case !utf8.ValidString(w):
			return nil, fmt.Errorf("%w: word %d is not valid UTF-8", ErrWordList, i+1)
		case strings.ContainsFunc(w, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }):
			return nil, fmt.Errorf("%w: word %d holds a space or control character", ErrWordList, i+1)
		}
		if j, dup := seen[w]; dup {
			return nil, fmt.Errorf("%w: word %d is word %d again (%q)", ErrWordList, i+1, j+1, w)
		}
		seen[w] = i
	}
	l := &WordList{words: append([]string(nil), words...), uncapitalisable: -1}
	// Capitalising one word adds log2(N) bits only if a capitalised word
	// tells which word it was and where: its capital form must differ from
	// it, be no word of the list, and be the capital form of no other word.
	capitals := make(map[string]bool, len(words))
	for i, w := range l.words {
		c := capitalise(w)
		if _, inList := seen[c]; c == w || inList || capitals[c] {
			l.uncapitalisable = i
			break
		}
		capitals[c] = true
	}
	return l, nil
}

// Len returns the number of words in the list.
func (l *WordList) Len() int { return len(l.words) }

// capitalise returns w with its first character in upper case.
func capitalise(w string) string {
	r, size := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(r)) + w[size:]
}

// PassphraseOptions says what passphrase to generate. The zero value asks
// for [DefaultWords] words joined by [DefaultSeparator].
type PassphraseOptions struct {
	// Words is the number of words, from MinWords to MaxWords; 0 means
	// DefaultWords.
	Words int
	// Separator joins the words; "" means DefaultSeparator. It may hold
	// up to 8 bytes of punctuation, symbols and spaces, no letters or
	// digits, and must occur in no word of the list, so that a passphrase
	// splits back into its words.
	Separator string
	// Capitalise writes one word, chosen at random, with a capital first
	// letter: for a policy that wants an upper-case letter. It adds
	// log2(Words) bits. It needs a list of words whose capital forms are no
	// words of the list, such as one of only lower-case words.
	Capitalise bool
	// Digit appends a random digit after a last separator: for a policy
	// that wants a digit. It adds log2(10) bits.
	Digit bool
	// Meets, if not nil, is the caller's policy check: a passphrase it
	// rejects is replaced by a new one, up to Attempts times.
	Meets func(pw string) bool
	// Attempts bounds the passphrases tried against Meets, from 1 to
	// MaxAttempts; 0 means DefaultAttempts.
	Attempts int
	// Rand is the random source; nil means crypto/rand.Reader. Tests
	// inject a deterministic one.
	Rand io.Reader
}

// Generate returns a new passphrase of words from list. Its errors wrap
// ErrWordCount, ErrSeparator or ErrWordList for options that do not fit,
// ErrAttempts, ErrPolicy when no passphrase met Meets, or ErrRandom.
func (o PassphraseOptions) Generate(list *WordList) (Password, error) {
	n, sep, err := o.check(list)
	if err != nil {
		return Password{}, err
	}
	attempts, err := checkAttempts(o.Attempts)
	if err != nil {
		return Password{}, err
	}
	bits := o.entropy(n, list.Len())
	s := sampler{r: source(o.Rand)}
	var b strings.Builder
	for a := 1; a <= attempts; a++ {
		b.Reset()
		capital := -1
		if o.Capitalise {
			if capital, err = s.intn(n); err != nil {
				return Password{}, err
			}
		}
		for i := range n {
			k, err := s.intn(list.Len())
			if err != nil {
				return Password{}, err
			}
			if i > 0 {
				b.WriteString(sep)
			}
			if w := list.words[k]; i == capital {
				b.WriteString(capitalise(w))
			} else {
				b.WriteString(w)
			}
		}
		if o.Digit {
			d, err := s.intn(10)
			if err != nil {
				return Password{}, err
			}
			b.WriteString(sep)
			b.WriteByte(byte('0' + d))
		}
		pw := b.String()
		if o.Meets == nil || o.Meets(pw) {
			return newPassword(pw, sep, bits, a), nil
		}
	}
	return Password{}, fmt.Errorf("%w: none of %d passphrases passed", ErrPolicy, attempts)
}

// Entropy returns the entropy in bits of the passphrases that the options
// generate from list, with the errors of Generate for options that do not
// fit.
func (o PassphraseOptions) Entropy(list *WordList) (float64, error) {
	n, _, err := o.check(list)
	if err != nil {
		return 0, err
	}
	return o.entropy(n, list.Len()), nil
}

// entropy returns the entropy of n words from a list of size words.
func (o PassphraseOptions) entropy(n, size int) float64 {
	bits := float64(n) * math.Log2(float64(size))
	if o.Capitalise {
		bits += math.Log2(float64(n))
	}
	if o.Digit {
		bits += math.Log2(10)
	}
	return bits
}

// check checks the options against list and returns the number of words
// and the separator they ask for.
func (o PassphraseOptions) check(list *WordList) (n int, sep string, err error) {
	if list == nil || len(list.words) < 2 {
		return 0, "", fmt.Errorf("%w: no list, or fewer than 2 words (make one with NewWordList)", ErrWordList)
	}
	n = o.Words
	if n == 0 {
		n = DefaultWords
	}
	if n < MinWords || n > MaxWords {
		return 0, "", fmt.Errorf("%w: %d words, want %d to %d", ErrWordCount, o.Words, MinWords, MaxWords)
	}
	sep = o.Separator
	if sep == "" {
		sep = DefaultSeparator
	}
	switch {
	case len(sep) > maxSeparator:
		return 0, "", fmt.Errorf("%w: %d bytes long, want at most %d", ErrSeparator, len(sep), maxSeparator)
	case !utf8.ValidString(sep):
		return 0, "", fmt.Errorf("%w: not valid UTF-8", ErrSeparator)
	case strings.ContainsFunc(sep, func(r rune) bool {
		return !unicode.IsPunct(r) && !unicode.IsSymbol(r) && r != ' '
	}):
		return 0, "", fmt.Errorf("%w: %q holds a character other than punctuation, a symbol or a space", ErrSeparator, sep)
	}
	for i, w := range list.words {
		if strings.Contains(w, sep) {
			return 0, "", fmt.Errorf("%w: %q occurs in word %d of the list (%q)", ErrSeparator, sep, i+1, w)
		}
	}
	if o.Capitalise && list.uncapitalisable >= 0 {
		i := list.uncapitalisable
		return 0, "", fmt.Errorf("%w: word %d (%q) cannot be capitalised unambiguously", ErrWordList, i+1, list.words[i])
	}
	return n, sep, nil
}
