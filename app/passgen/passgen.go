// Package passgen generates random passwords and passphrases, reports the
// entropy of each honestly, and spells them out for reading over the phone.
// It has no user interface and never prints: the UI shows what it returns.
//
// # Passwords
//
// [PasswordOptions.Generate] draws a password of [DefaultLength] characters
// (from [MinLength] to [MaxLength]) from the enabled character classes
// ([Lower], [Upper], [Digit], [Symbol]); every enabled class appears at
// least once. The symbols are [DefaultSymbols] unless the caller gives
// others. [PasswordOptions.NoLookAlikes] leaves out the characters of
// [LookAlikes].
//
// # Passphrases
//
// [PassphraseOptions.Generate] draws [DefaultWords] words (from [MinWords]
// to [MaxWords]) from a [WordList], joined by [DefaultSeparator]. For a
// policy that wants upper-case letters or digits it can capitalise one word,
// chosen at random, and append a random digit as a last element.
//
// # Randomness
//
// Every choice is uniform: a 32-bit value from the random source is taken
// only below the largest multiple of the number of choices (rejection
// sampling), never reduced with a biased modulo. The source is
// crypto/rand.Reader unless a test injects another through the options'
// Rand field; math/rand is never used. A password that lacks an enabled
// class is drawn again from scratch, so every password with all classes is
// equally likely.
//
// # Entropy
//
// Entropy is log2 of the number of equally likely results. For passwords
// that is the number of strings of the length over the alphabet that hold
// every enabled class, counted exactly by inclusion and exclusion; for
// passphrases it is N·log2(len(list)), plus log2(N) for the capitalised
// word and log2(10) for the digit, always from the real size of the list:
// 5 words from a list of 7,776 give 64.6 bits, from one of 2,048 words 55. A Meets hook that rejects results narrows the choice and can only
// lower the real figure, by log2(1/p) bits if it accepts a share p of them:
// less than a bit if it accepts at least half. The reported figure is the
// one before the hook.
//
// # Phone readout
//
// [Readout] is the one phone readout that every window and command shows:
// a passphrase word by word, with its capitals, separators and digits
// named ("Kaffee (großes K), Bindestrich, laufen"), a random password
// character by character. [LetterByLetter] spells any password character by
// character, for a text that carries it. Below them, [Spell] turns each
// character into what to say in English (the ICAO/NATO alphabet), Dutch
// (the Dutch telephone alphabet) or German (DIN 5009:2022); [SpellPhrase]
// says a passphrase word by word and spells the words on request; [Line]
// and [PhraseLine] join the results into one readable line. The tables and
// their sources are described at [Spell].
//
// # Secrets
//
// A [Password] holds its text as a [secret.Secret], which refuses to print:
// fmt's verbs, JSON and log/slog show **redacted**, and the text needs an
// explicit Reveal. Errors never hold a generated
// password. Readout tokens hold the characters they spell, and are as secret
// as the password.
package passgen

import (
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"strings"

	"grendel/app/secret"
)

// The errors of this package. Each error returned wraps one of them (with
// %w), so that the UI can tell them apart with [errors.Is].
var (
	// ErrLength is wrapped by the error for a password length out of range.
	ErrLength = errors.New("password length out of range")
	// ErrClasses is wrapped by the error for an unknown character class.
	ErrClasses = errors.New("invalid character classes")
	// ErrSymbols is wrapped by the error for an unusable symbol set.
	ErrSymbols = errors.New("invalid symbol set")
	// ErrWordCount is wrapped by the error for a number of words out of range.
	ErrWordCount = errors.New("number of words out of range")
	// ErrWordList is wrapped by the error for an unusable word list.
	ErrWordList = errors.New("invalid word list")
	// ErrSeparator is wrapped by the error for an unusable word separator.
	ErrSeparator = errors.New("invalid separator")
	// ErrAttempts is wrapped by the error for a number of attempts out of
	// range.
	ErrAttempts = errors.New("number of attempts out of range")
	// ErrPolicy is wrapped by the error when no result met the Meets hook
	// within the allowed attempts.
	ErrPolicy = errors.New("no generated password met the policy")
	// ErrRandom is wrapped by the error when the random source fails, or
	// gives values so far from random that generation cannot finish.
	ErrRandom = errors.New("random source failed")
)

// DefaultAttempts is how many results are tried against a Meets hook
// when the options leave Attempts at 0.
const DefaultAttempts = 100

// MaxAttempts is the most attempts the options may ask for.
const MaxAttempts = 10000

// Class is a set of character classes. Lower, Upper, Digit and Symbol
// choose the characters of a password; a readout [Token] has exactly one
// class.
type Class uint8

// The character classes.
const (
	// Lower is the lower-case letters a to z.
	Lower Class = 1 << iota
	// Upper is the upper-case letters A to Z.
	Upper
	// Digit is the digits 0 to 9.
	Digit
	// Symbol is the symbols: [DefaultSymbols] or the caller's.
	Symbol
	// Separator is the separator between a passphrase's words, in a
	// readout only.
	Separator
	// Other is anything else a readout meets: a space, a control
	// character, a letter without case, an invalid byte.
	Other
)

// AllClasses is the four classes a password can draw from.
const AllClasses = Lower | Upper | Digit | Symbol

// classNames names the classes, in the order of their bits.
var classNames = [...]string{"lower", "upper", "digit", "symbol", "separator", "other"}

// String returns the names of the classes in c joined by "|", such as
// "lower|digit"; "none" for the empty set.
func (c Class) String() string {
	if c == 0 {
		return "none"
	}
	var names []string
	for i, name := range classNames {
		if c&(1<<i) != 0 {
			names = append(names, name)
		}
	}
	if rest := c &^ (1<<len(classNames) - 1); rest != 0 {
		names = append(names, fmt.Sprintf("0x%x", uint8(rest)))
	}
	return strings.Join(names, "|")
}

// Password is a generated password or passphrase with its entropy. Its
// text is a [secret.Secret], embedded: it refuses to print (String,
// GoString, every fmt verb, JSON and slog show **redacted**, also inside
// other values) and [secret.Secret.Reveal] returns it. The zero Password is
// empty.
type Password struct {
	secret.Secret
	separator string
	entropy   float64
	attempts  int
}

// newPassword returns text as a Password.
func newPassword(text, separator string, entropy float64, attempts int) Password {
	return Password{Secret: secret.New(text), separator: separator, entropy: entropy, attempts: attempts}
}

// Entropy returns the password's entropy in bits: log2 of the number of
// equally likely results its options allow (see the package documentation
// on how a Meets hook bears on it).
func (p Password) Entropy() float64 { return p.entropy }

// Separator returns the separator between a passphrase's words; it is empty
// for a random password. [SpellPhrase] takes it.
func (p Password) Separator() string { return p.separator }

// Attempts returns how many results were drawn until one met the Meets
// hook: 1 without a hook.
func (p Password) Attempts() int { return p.attempts }

// source returns r, or crypto/rand.Reader if r is nil.
func source(r io.Reader) io.Reader {
	if r == nil {
		return rand.Reader
	}
	return r
}

// checkAttempts returns the number of attempts that n asks for.
func checkAttempts(n int) (int, error) {
	switch {
	case n == 0:
		return DefaultAttempts, nil
	case n < 0 || n > MaxAttempts:
		return 0, fmt.Errorf("%w: %d, want 1 to %d (0 for %d)", ErrAttempts, n, MaxAttempts, DefaultAttempts)
	}
	return n, nil
}

// maxRejects bounds the values in a row that [sampler.intn] may reject. For
// any n it rejects fewer than half of the values, so a working source goes
// past the bound with a chance below 2⁻⁶⁴.
const maxRejects = 64

// sampler draws uniform choices from a random source.
type sampler struct {
	r   io.Reader
	buf [4]byte
}

// intn returns a uniform random number in [0, n), for 1 ≤ n ≤ 2³¹. It reads
// a big-endian uint32 and takes it only below the largest multiple of n
// that fits, so the remainder has no bias; n = 1 reads nothing.
func (s *sampler) intn(n int) (int, error) {
	if n <= 0 || n > math.MaxInt32+1 {
		return 0, fmt.Errorf("%w: cannot choose among %d", ErrRandom, n)
	}
	if n == 1 {
		return 0, nil
	}
	const span = 1 << 32
	limit := uint64(span - span%uint64(n))
	for range maxRejects {
		if _, err := io.ReadFull(s.r, s.buf[:]); err != nil {
			return 0, fmt.Errorf("%w: %w", ErrRandom, err)
		}
		if v := uint64(binary.BigEndian.Uint32(s.buf[:])); v < limit {
			return int(v % uint64(n)), nil
		}
	}
	return 0, fmt.Errorf("%w: %d values in a row out of range", ErrRandom, maxRejects)
}

// log2 returns the base-2 logarithm of x > 0, exact to float64 precision
// even where x is far beyond float64's range.
func log2(x *big.Int) float64 {
	if x.Sign() <= 0 {
		return math.Inf(-1)
	}
	mant := new(big.Float)
	exp := new(big.Float).SetInt(x).MantExp(mant) // x = mant · 2^exp, 0.5 ≤ mant < 1
	m, _ := mant.Float64()
	return float64(exp) + math.Log2(m)
}
