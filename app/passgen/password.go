package passgen

import (
	"fmt"
	"io"
	"math/big"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Password lengths.
const (
	// DefaultLength is the length of a password when the options leave it
	// at 0.
	DefaultLength = 20
	// MinLength is the shortest password the options may ask for.
	MinLength = 8
	// MaxLength is the longest password the options may ask for.
	MaxLength = 128
)

// DefaultSymbols is the symbol set of a password unless the options name
// another: symbols that are easy to say and to type on the keyboards of
// Grendel's users.
//
// Each is on the US layout, on US-International (the usual layout in the
// Netherlands) without a dead key, and on the German QWERTZ layout with
// Shift or on a key of its own, except @ (AltGr+Q; Option+L on a German
// Mac, which anyone who types an e-mail address knows). Each has a short
// common name in English, Dutch and German. Left out: ' " ` ^ ~ (dead keys
// on US-International, and ^ ` on German layouts too, so that they vanish
// or merge with the next letter), [ ] { } \ | (AltGr on German layouts, and
// their names vary), < > (refused by some forms as markup), / and _ (said
// "slash" and "underscore", easily taken for \ and -), . , ; : (small,
// easily missed or taken for the end of a sentence) and the space (trimmed
// by many forms).
const DefaultSymbols = "!#$%&*+-=?@"

// LookAlikes lists the characters that [PasswordOptions.NoLookAlikes]
// leaves out, because a reader can take them for others:
//
//	0 O o D Q      round shapes
//	1 l I |        strokes
//	2 Z  5 S  6 G  8 B
//	' ` "          quotes, also for their typographic cousins
//	, . : ;        small marks
//
// It is pwgen's ambiguous set (B8G6I1l0OQDS5Z2) with o, | and the
// quotes and small marks added. None of the default symbols is in it, so
// the option leaves 24 lower-case letters, 18 upper-case letters, the digits
// 3, 4, 7 and 9, and all of [DefaultSymbols]. Letters that differ only in
// case (c C, s S, x X…) stay: the readout names the case of every letter.
const LookAlikes = "0OoDQ1lI|2Z5S6G8B'`\",.:;"

// The letters and digits of the classes.
const (
	lowerLetters = "abcdefghijklmnopqrstuvwxyz"
	upperLetters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	digits       = "0123456789"
)

// maxCover bounds the draws of a whole password until one holds every
// enabled class. With the smallest classes the options allow (one symbol,
// four digits, eight characters) a draw holds them all with a chance of
// about 7%, so a working source goes past the bound with a chance far below
// 2⁻⁶⁴.
const maxCover = 1000

// PasswordOptions says what random password to generate. The zero value
// asks for [DefaultLength] characters from all four classes with
// [DefaultSymbols].
type PasswordOptions struct {
	// Length is the number of characters, from MinLength to MaxLength;
	// 0 means DefaultLength.
	Length int
	// Classes are the classes to draw from, each of which appears at
	// least once; 0 means AllClasses.
	Classes Class
	// Symbols are the symbols of the Symbol class; "" means
	// DefaultSymbols. Each must be a punctuation or symbol character, once.
	Symbols string
	// NoLookAlikes leaves out the characters of LookAlikes.
	NoLookAlikes bool
	// Meets, if not nil, is the caller's policy check: a password it
	// rejects is replaced by a new one, up to Attempts times.
	Meets func(pw string) bool
	// Attempts bounds the passwords tried against Meets, from 1 to
	// MaxAttempts; 0 means DefaultAttempts.
	Attempts int
	// Rand is the random source; nil means crypto/rand.Reader. Tests
	// inject a deterministic one.
	Rand io.Reader
}

// Generate returns a new random password. Its errors wrap ErrLength,
// ErrClasses or ErrSymbols for options out of range, ErrAttempts,
// ErrPolicy when no password met Meets, or ErrRandom.
func (o PasswordOptions) Generate() (Password, error) {
	cs, err := o.charset()
	if err != nil {
		return Password{}, err
	}
	attempts, err := checkAttempts(o.Attempts)
	if err != nil {
		return Password{}, err
	}
	bits := cs.entropy()
	s := sampler{r: source(o.Rand)}
	buf := make([]rune, cs.length)
	defer clear(buf)
	for a := 1; a <= attempts; a++ {
		if err := cs.draw(&s, buf); err != nil {
			return Password{}, err
		}
		pw := string(buf)
		if o.Meets == nil || o.Meets(pw) {
			return newPassword(pw, "", bits, a), nil
		}
	}
	return Password{}, fmt.Errorf("%w: none of %d passwords passed", ErrPolicy, attempts)
}

// Entropy returns the entropy in bits of the passwords that the options
// generate, with the errors of Generate for options out of range.
func (o PasswordOptions) Entropy() (float64, error) {
	cs, err := o.charset()
	if err != nil {
		return 0, err
	}
	return cs.entropy(), nil
}

// charset is the alphabet of a password: the characters of the enabled
// classes, each class a run of its own.
type charset struct {
	length  int
	runes   []rune
	classOf []Class // classOf[i] is the class of runes[i]
	sizes   []int   // the number of characters of each enabled class
	classes Class
}

// charset checks the options and returns their alphabet.
func (o PasswordOptions) charset() (*charset, error) {
	cs := &charset{length: o.Length, classes: o.Classes}
	if cs.length == 0 {
		cs.length = DefaultLength
	}
	if cs.length < MinLength || cs.length > MaxLength {
		return nil, fmt.Errorf("%w: %d characters, want %d to %d", ErrLength, o.Length, MinLength, MaxLength)
	}
	if cs.classes == 0 {
		cs.classes = AllClasses
	}
	if extra := cs.classes &^ AllClasses; extra != 0 {
		return nil, fmt.Errorf("%w: %v is not a class to draw from", ErrClasses, extra)
	}
	for _, class := range []Class{Lower, Upper, Digit, Symbol} {
		if cs.classes&class == 0 {
			continue
		}
		var set string
		switch class {
		case Lower:
			set = lowerLetters
		case Upper:
			set = upperLetters
		case Digit:
			set = digits
		case Symbol:
			set = o.Symbols
			if set == "" {
				set = DefaultSymbols
			}
			if err := checkSymbols(set); err != nil {
				return nil, err
			}
		}
		n := 0
		for _, r := range set {
			if o.NoLookAlikes && strings.ContainsRune(LookAlikes, r) {
				continue
			}
			cs.runes = append(cs.runes, r)
			cs.classOf = append(cs.classOf, class)
			n++
		}
		if n == 0 { // only the caller's symbols can all be look-alikes
			return nil, fmt.Errorf("%w: every symbol is a look-alike", ErrSymbols)
		}
		cs.sizes = append(cs.sizes, n)
	}
	return cs, nil
}

// checkSymbols reports whether set can be the Symbol class: valid UTF-8,
// punctuation and symbol characters only, none twice.
func checkSymbols(set string) error {
	if !utf8.ValidString(set) {
		return fmt.Errorf("%w: not valid UTF-8", ErrSymbols)
	}
	seen := make(map[rune]bool)
	for i, r := range []rune(set) {
		switch {
		case !unicode.IsPunct(r) && !unicode.IsSymbol(r):
			return fmt.Errorf("%w: character %d (%U) is not a punctuation or symbol character", ErrSymbols, i+1, r)
		case seen[r]:
			return fmt.Errorf("%w: %q appears twice", ErrSymbols, r)
		}
		seen[r] = true
	}
	return nil
}

// draw fills buf with a uniform random password that holds every class of
// cs: it draws each character uniformly from the whole alphabet, and draws
// the whole password again while a class is missing.
func (cs *charset) draw(s *sampler, buf []rune) error {
	for range maxCover {
		var have Class
		for i := range buf {
			k, err := s.intn(len(cs.runes))
			if err != nil {
				return err
			}
			buf[i] = cs.runes[k]
			have |= cs.classOf[k]
		}
		if have == cs.classes {
			return nil
		}
	}
	return fmt.Errorf("%w: %d passwords in a row lacked a class", ErrRandom, maxCover)
}

// entropy returns log2 of the number of strings of cs.length characters of
// cs's alphabet that hold every class: by inclusion and exclusion, the sum
// over each subset S of the classes of (-1)^|S| · (N - |S's characters|)^length.
func (cs *charset) entropy() float64 {
	total := new(big.Int)
	length := big.NewInt(int64(cs.length))
	for subset := range 1 << len(cs.sizes) {
		left, odd := len(cs.runes), false
		for i, size := range cs.sizes {
			if subset&(1<<i) != 0 {
				left -= size
				odd = !odd
			}
		}
		term := new(big.Int).Exp(big.NewInt(int64(left)), length, nil)
		if odd {
			total.Sub(total, term)
		} else {
			total.Add(total, term)
		}
	}
	return log2(total)
}
