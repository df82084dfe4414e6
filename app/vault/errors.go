package vault

import (
	"errors"
	"fmt"
	"strings"
)

// The errors of this package. Each error returned wraps one of them (with
// %w), so that the UI can tell them apart with [errors.Is].
var (
	// ErrNotFound is wrapped by the error for a share ID the index does not
	// know; a [Keychain] returns it for an item it does not hold.
	ErrNotFound = errors.New("not found")
	// ErrExpired is wrapped by the error for an operation on an expired
	// share that only a live one allows (reveal, copy, extend).
	ErrExpired = errors.New("share expired")
	// ErrBroken is wrapped by the error for a share whose password is gone
	// from the keychain. Rotate gives it a new one; Delete removes it.
	ErrBroken = errors.New("password missing from the keychain")
	// ErrKeychainUnavailable is wrapped by the error when the keychain
	// cannot be reached: no Secret Service, no session bus, no answer in
	// time, an unsupported platform, or any failure the keychain does not
	// explain further.
	ErrKeychainUnavailable = errors.New("keychain unavailable")
	// ErrKeychainLocked is wrapped by the error when the keychain is locked
	// and was not unlocked (the user dismissed the prompt).
	ErrKeychainLocked = errors.New("keychain locked")
	// ErrTooBig is wrapped by the error for a password too long to store:
	// longer than [MaxSecretLen], or refused by the keychain as too big.
	ErrTooBig = errors.New("password too long for the keychain")
	// ErrInvalid is wrapped by the error for a request or configuration
	// that does not hold together: an empty label, an unknown channel,
	// generator settings out of range, a missing keychain.
	ErrInvalid = errors.New("invalid share")
	// ErrCorruptIndex is wrapped by the error when the index file became
	// unreadable while the vault was open; [Open] sets it aside and
	// rebuilds it.
	ErrCorruptIndex = errors.New("share index is corrupt")
	// ErrIndexVersion is wrapped by the error for an index written by a
	// newer Grendel. Open leaves such a file alone rather than lose what
	// it does not understand.
	ErrIndexVersion = errors.New("share index is from a newer version")
)

// keychainSentinels are the sentinels a keychain error wraps, most
// specific first.
var keychainSentinels = []error{ErrNotFound, ErrKeychainLocked, ErrTooBig, ErrKeychainUnavailable}

// keychainError is a classified keychain failure.
type keychainError struct {
	kind    error // one of keychainSentinels
	cause   error // what the keychain said; nil when there is nothing to add
	timeout bool  // the keychain did not answer: the call may still finish
}

func (e *keychainError) Error() string {
	if e.cause == nil {
		return e.kind.Error()
	}
	return e.kind.Error() + ": " + e.cause.Error()
}

func (e *keychainError) Unwrap() []error {
	if e.cause == nil {
		return []error{e.kind}
	}
	return []error{e.kind, e.cause}
}

// withheldError replaces a keychain error whose text held the password.
type withheldError struct {
	kind    error
	timeout bool
}

func (e *withheldError) Error() string {
	return e.kind.Error() + " (details withheld: they held the password)"
}

func (e *withheldError) Unwrap() error { return e.kind }

// isTimeout reports whether err says that the keychain did not answer in
// time, so that the call may yet take effect.
func isTimeout(err error) bool {
	var ke *keychainError
	if errors.As(err, &ke) && ke.timeout {
		return true
	}
	var we *withheldError
	return errors.As(err, &we) && we.timeout
}

// keychainErr returns err, from a [Keychain], as an error that wraps one of
// the keychain sentinels (ErrKeychainUnavailable if it wrapped none) and
// does not contain secret.
func keychainErr(err error, secret string) error {
	var kind error
	for _, s := range keychainSentinels {
		if errors.Is(err, s) {
			kind = s
			break
		}
	}
	if kind == nil {
		err = &keychainError{kind: ErrKeychainUnavailable, cause: err}
		kind = ErrKeychainUnavailable
	}
	if secret != "" && strings.Contains(err.Error(), secret) {
		return &withheldError{kind: kind, timeout: isTimeout(err)}
	}
	return err
}

// invalid returns an error wrapping ErrInvalid.
func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...))
}

// Code names a kind of [Problem] that [Open] found. Codes are stable: the
// UI translates them (translation key "vault.problem.CODE").
type Code string

// The problems Open reports.
const (
	// CodeCorruptIndex: the index was not valid JSON; it was renamed to
	// Path and rebuilt. Err says what was wrong.
	CodeCorruptIndex Code = "corrupt_index"
	// CodeCorruptJournal: the journal was not valid JSON; it was renamed
	// to Path. Err says what was wrong.
	CodeCorruptJournal Code = "corrupt_journal"
	// CodeBadEntry: an entry of the index was wrong and was repaired or,
	// without a valid ID (which Grendel never wrote), dropped. ID is the
	// entry's ID if it had a valid one; Err says what was wrong.
	CodeBadEntry Code = "bad_entry"
	// CodeBroken: the password of share ID is gone from the keychain. The
	// share is kept, marked Broken, until it is deleted or rotated.
	CodeBroken Code = "broken"
	// CodeAdopted: the keychain held a password for ID that the index
	// lacked; it is now a share labelled RecoveredLabel.
	CodeAdopted Code = "adopted"
	// CodeDropped: ID was about to be written (or was in a corrupt index)
	// but the keychain has no password for it: there was nothing to
	// recover.
	CodeDropped Code = "dropped"
	// CodeKeychainUnavailable: the keychain could not be asked, so broken
	// shares and pending IDs were not checked; Err says why.
	CodeKeychainUnavailable Code = "keychain_unavailable"
	// CodeShortened: share ID expired later than now plus the policy's
	// maximum age; its expiry was brought forward.
	CodeShortened Code = "shortened"
)

// Problem is one thing Open found and dealt with. Its fields are data, not
// prose: String renders English for logs, the UI renders the user's
// language from Code.
type Problem struct {
	// Code says what happened.
	Code Code
	// ID is the share concerned, or "".
	ID string
	// Path is the file concerned (the backup of a corrupt file), or "".
	Path string
	// Err is the error behind the problem, or nil. It never holds a
	// password.
	Err error
}

// String returns an English description of the problem.
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(string(p.Code))
	if p.ID != "" {
		b.WriteString(" share " + p.ID)
	}
	if p.Path != "" {
		b.WriteString(" (" + p.Path + ")")
	}
	if p.Err != nil {
		b.WriteString(": " + p.Err.Error())
	}
	return b.String()
}
