package vault

import (
	"fmt"
	"io"
	"log/slog"
)

// redacted is what a [Secret] prints instead of its text.
const redacted = "**redacted**"

// Secret is a password that refuses to print: String, GoString, every fmt
// verb (also inside other values), MarshalJSON, MarshalText and LogValue
// show **redacted**. [Secret.Unwrap] returns the text. The zero Secret is
// empty.
type Secret struct {
	// text is a pointer to a string, so that fmt's reflection, printing a
	// Secret held in an unexported field, shows only an address.
	text *string
}

// NewSecret returns text as a Secret.
func NewSecret(text string) Secret { return Secret{text: &text} }

// Unwrap returns the secret's text.
func (s Secret) Unwrap() string {
	if s.text == nil {
		return ""
	}
	return *s.text
}

// IsZero reports whether the secret is empty.
func (s Secret) IsZero() bool { return s.text == nil || *s.text == "" }

// String returns **redacted**, never the secret.
func (s Secret) String() string { return redacted }

// GoString returns **redacted**, never the secret.
func (s Secret) GoString() string { return redacted }

// Format implements [fmt.Formatter]: every verb prints **redacted**.
func (s Secret) Format(f fmt.State, verb rune) { _, _ = io.WriteString(f, redacted) }

// MarshalJSON implements [encoding/json.Marshaler]: the JSON string
// "**redacted**".
func (s Secret) MarshalJSON() ([]byte, error) { return []byte(`"` + redacted + `"`), nil }

// MarshalText implements [encoding.TextMarshaler]: **redacted**.
func (s Secret) MarshalText() ([]byte, error) { return []byte(redacted), nil }

// LogValue implements [slog.LogValuer]: **redacted**.
func (s Secret) LogValue() slog.Value { return slog.StringValue(redacted) }
