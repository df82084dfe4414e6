package vault

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"grendel/app/passgen"
	"grendel/app/secret"
	"grendel/assets"
)

// Channel is how the password of a share reaches its recipient.
type Channel string

// The channels.
const (
	// ChannelPhone is reading the password out over the phone.
	ChannelPhone Channel = "phone"
	// ChannelSMS is a text message.
	ChannelSMS Channel = "sms"
	// ChannelOther is any other channel.
	ChannelOther Channel = "other"
)

// Valid reports whether c is one of the channels.
func (c Channel) Valid() bool {
	return c == ChannelPhone || c == ChannelSMS || c == ChannelOther
}

// Kind is the kind of password the generator makes.
type Kind string

// The kinds of password.
const (
	// KindPassphrase is words from the passphrase list of a language.
	KindPassphrase Kind = "passphrase"
	// KindRandom is random characters of all four classes.
	KindRandom Kind = "random"
)

// Settings say what password to generate for a share, on creation and on
// every rotation. The zero value means [DefaultSettings].
type Settings struct {
	// Kind is the kind of password; "" means KindPassphrase.
	Kind Kind `json:"kind"`
	// Words is the number of words of a passphrase, from passgen.MinWords
	// to passgen.MaxWords; 0 means passgen.DefaultWords. It is 0 for
	// other kinds.
	Words int `json:"words,omitempty"`
	// Length is the length of a random password, from passgen.MinLength
	// to passgen.MaxLength; 0 means passgen.DefaultLength. It is 0 for
	// other kinds.
	Length int `json:"length,omitempty"`
	// Language is the language of the passphrase's words and of the phone
	// readout: "en", "nl" or "de"; "" means "en".
	Language string `json:"language"`
}

// DefaultSettings returns the settings that the zero Settings stand for:
// a passphrase of passgen.DefaultWords English words.
func DefaultSettings() Settings {
	return Settings{Kind: KindPassphrase, Words: passgen.DefaultWords, Language: "en"}
}

// Normalize returns s with its defaults filled in and the fields that do
// not apply to its kind cleared, or an error wrapping [ErrInvalid] for
// settings out of range.
func (s Settings) Normalize() (Settings, error) {
	if s.Kind == "" {
		s.Kind = KindPassphrase
	}
	if s.Language == "" {
		s.Language = "en"
	}
	switch s.Kind {
	case KindPassphrase:
		s.Length = 0
		if s.Words == 0 {
			s.Words = passgen.DefaultWords
		}
		if s.Words < passgen.MinWords || s.Words > passgen.MaxWords {
			return Settings{}, invalid("%d words, want %d to %d", s.Words, passgen.MinWords, passgen.MaxWords)
		}
		if !slices.Contains(assets.PassphraseLanguages(), s.Language) {
			return Settings{}, invalid("no passphrase words for language %q, want one of %s",
				s.Language, strings.Join(assets.PassphraseLanguages(), ", "))
		}
	case KindRandom:
		s.Words = 0
		if s.Length == 0 {
			s.Length = passgen.DefaultLength
		}
		if s.Length < passgen.MinLength || s.Length > passgen.MaxLength {
			return Settings{}, invalid("length %d, want %d to %d", s.Length, passgen.MinLength, passgen.MaxLength)
		}
		if !slices.Contains(passgen.Languages(), s.Language) {
			return Settings{}, invalid("no readout for language %q, want one of %s",
				s.Language, strings.Join(passgen.Languages(), ", "))
		}
	default:
		return Settings{}, invalid("kind %q, want %q or %q", s.Kind, KindPassphrase, KindRandom)
	}
	return s, nil
}

// RecoveredLabel is the label of a share that [Open] recovered from the
// keychain (see [Share.Recovered]); the UI shows its own words for it.
const RecoveredLabel = "recovered share"

// Share is the metadata of one share password: everything but the
// password, which only the keychain holds. Its JSON form is an entry of
// the index file.
type Share struct {
	// ID names the share and is its keychain account: IDLen characters
	// of lower-case base32 (a–z, 2–7), random.
	ID string `json:"id"`
	// Label says what was shared, such as a file name.
	Label string `json:"label"`
	// Recipient is who the password is for, or "".
	Recipient string `json:"recipient,omitempty"`
	// Channel is how the password goes to the recipient.
	Channel Channel `json:"channel"`
	// Created is when the share was made.
	Created time.Time `json:"created"`
	// Expires is when the share expires: Created, or the last rotation or
	// extension, plus the policy's share.max_age.
	Expires time.Time `json:"expires"`
	// LastCopied is when the password was last copied, or the zero time.
	// A rotation clears it.
	LastCopied time.Time `json:"last_copied,omitzero"`
	// Rotated is when the password was last replaced, or the zero time.
	Rotated time.Time `json:"rotated,omitzero"`
	// Settings say how the password was generated, and how a rotation
	// generates the next one.
	Settings Settings `json:"settings"`
	// Typed is true if the user typed the password rather than having it
	// generated.
	Typed bool `json:"typed,omitempty"`
	// Entropy is the generated password's entropy in bits, as app/passgen
	// reports it; 0 for a typed one.
	Entropy float64 `json:"entropy,omitempty"`
	// Broken is true if the password was found missing from the keychain.
	Broken bool `json:"broken,omitempty"`
	// Recovered is true if Open rebuilt the share from the keychain, with
	// RecoveredLabel and fresh dates, after losing its metadata.
	Recovered bool `json:"recovered,omitempty"`
}

// Expired reports whether the share has expired at now.
func (s Share) Expired(now time.Time) bool { return !now.Before(s.Expires) }

// Request asks [Vault.Create] for a share.
type Request struct {
	// Label says what is shared; it must not be empty.
	Label string
	// Recipient is who the password is for; it may be empty.
	Recipient string
	// Channel is how the password goes; "" means ChannelOther.
	Channel Channel
	// Settings say how to generate the password, now unless Secret is
	// set, and on every rotation.
	Settings Settings
	// Secret is a password the user typed, or the zero Secret to
	// generate one. The caller checks its strength.
	Secret secret.Secret
	// Entropy, with Secret, is the entropy in bits of a password that the
	// caller generated per Settings (as app/sendfile does, which must
	// encrypt a file with it before the share exists); the share then
	// counts as generated, not typed. 0 means a typed Secret.
	Entropy float64
}

// Limits on a share's texts.
const (
	// MaxLabelLen is the most characters a label or recipient may have.
	MaxLabelLen = 256
	// MaxSecretLen is the most bytes a typed password may have; every
	// keychain takes that much.
	MaxSecretLen = 1024
)

// checkText checks a label or recipient.
func checkText(what, s string, required bool) error {
	switch {
	case !utf8.ValidString(s):
		return invalid("%s is not valid UTF-8", what)
	case required && strings.TrimSpace(s) == "":
		return invalid("%s is empty", what)
	case utf8.RuneCountInString(s) > MaxLabelLen:
		return invalid("%s has %d characters, want at most %d", what, utf8.RuneCountInString(s), MaxLabelLen)
	case strings.ContainsFunc(s, unicode.IsControl):
		return invalid("%s holds a control character", what)
	}
	return nil
}

// checkSecret checks a typed password, without naming any of it.
func checkSecret(s string) error {
	switch {
	case len(s) > MaxSecretLen:
		return fmt.Errorf("%w: %d bytes, want at most %d", ErrTooBig, len(s), MaxSecretLen)
	case !utf8.ValidString(s):
		return invalid("the password is not valid UTF-8")
	case strings.ContainsRune(s, 0):
		return invalid("the password holds a NUL character")
	}
	return nil
}

// IDLen is the length of a share ID.
const IDLen = 10

// idAlphabet is lower-case base32 (RFC 4648): URL-safe, and with 32
// letters a byte maps to one without bias.
const idAlphabet = "abcdefghijklmnopqrstuvwxyz234567"

// newID returns a random share ID read from r.
func newID(r io.Reader) (string, error) {
	var buf [IDLen]byte
	if _, err := io.ReadFull(r, buf[:]); err != nil {
		return "", fmt.Errorf("random source failed: %w", err)
	}
	for i, b := range buf {
		buf[i] = idAlphabet[b&31]
	}
	return string(buf[:]), nil
}

// ValidID reports whether id has the form of a share ID.
func ValidID(id string) bool {
	if len(id) != IDLen {
		return false
	}
	for i := range len(id) {
		if strings.IndexByte(idAlphabet, id[i]) < 0 {
			return false
		}
	}
	return true
}
