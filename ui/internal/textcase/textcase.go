// Package textcase writes a translated phrase that stands alone, as a
// heading or the start of a line: "Very weak", "Sehr stark", not the
// lower-case form it has inside a sentence.
package textcase

import (
	"unicode"
	"unicode/utf8"
)

// Capital returns s with its first letter in upper case.
func Capital(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
