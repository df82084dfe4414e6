// Package secret has the one type Grendel keeps a password in while it
// passes through the program: a [Secret], which refuses to print.
//
// String, GoString, every fmt verb (also inside other values), JSON and
// text marshalling and log/slog show **redacted**; only [Secret.Reveal]
// gives the text, so that each place that lets a password out is explicit
// and can be found with grep. The core packages that make or keep
// passwords (app/passgen, app/vault) hand them out as a Secret, and the UI
// reveals one only where it shows, copies or prints it.
//
// A Secret limits copies of the password in output; it does not promise
// to wipe memory (Go's strings cannot be cleared).
package secret

import (
	"fmt"
	"io"
	"log/slog"
)

// Redacted is what a [Secret] prints instead of its text.
const Redacted = "**redacted**"

// Secret is a password that refuses to print. The zero Secret is empty.
type Secret struct {
	// text is a pointer to a string, never a string or a struct, so that
	// fmt's reflection, printing a Secret held in an unexported field
	// (where it cannot call the methods), shows only an address.
	text *string
}

// New returns text as a Secret.
func New(text string) Secret { return Secret{text: &text} }

// Reveal returns the secret's text.
func (s Secret) Reveal() string {
	if s.text == nil {
		return ""
	}
	return *s.text
}

// IsZero reports whether the secret is empty.
func (s Secret) IsZero() bool { return s.text == nil || *s.text == "" }

// String returns [Redacted], never the secret.
func (s Secret) String() string { return Redacted }

// GoString returns [Redacted], never the secret.
func (s Secret) GoString() string { return Redacted }

// Format implements [fmt.Formatter]: every verb prints [Redacted].
func (s Secret) Format(f fmt.State, verb rune) { _, _ = io.WriteString(f, Redacted) }

// MarshalJSON implements [encoding/json.Marshaler]: the JSON string
// "**redacted**".
func (s Secret) MarshalJSON() ([]byte, error) { return []byte(`"` + Redacted + `"`), nil }

// MarshalText implements [encoding.TextMarshaler]: [Redacted].
func (s Secret) MarshalText() ([]byte, error) { return []byte(Redacted), nil }

// LogValue implements [slog.LogValuer]: [Redacted].
func (s Secret) LogValue() slog.Value { return slog.StringValue(Redacted) }
