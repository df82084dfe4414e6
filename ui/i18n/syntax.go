package i18n

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"
)

// syntaxWhere holds, for each place the JSON parser (hujson, in the
// manner of encoding/json) names after "invalid character 'x'", the
// English text that says the same to a person ("policy.syntax." + key).
var syntaxWhere = map[string]struct{ key, text string }{
	"at start of value":                         {"value", `unexpected character "{{.Char}}" where a value should begin`},
	"after object value (expecting ',' or '}')": {"after_value", `unexpected character "{{.Char}}" after a value: a comma or } should follow`},
	"after array value (expecting ',' or ']')":  {"after_element", `unexpected character "{{.Char}}" after a value in a list: a comma or ] should follow`},
	"after object name":                         {"after_key", `unexpected character "{{.Char}}" after a key: a colon should follow`},
	"at start of object name":                   {"key", `unexpected character "{{.Char}}" where a key in double quotes should begin`},
	"after top-level value":                     {"after_end", `unexpected character "{{.Char}}" after the end of the JSON`},
	"in line comment":                           {"comment", `unexpected character "{{.Char}}" in a comment`},
}

// syntaxDetail says in the user's language what the JSON parser found
// wrong, from its English detail ("invalid character '}' at start of
// value"); the problem's file:line:col says where. A detail it does not
// know stays as it is.
func syntaxDetail(detail string) string {
	if rest, ok := strings.CutPrefix(detail, "invalid character "); ok {
		lit, err := strconv.QuotedPrefix(rest)
		if err != nil {
			return detail
		}
		char, err := strconv.Unquote(lit)
		where, known := syntaxWhere[strings.TrimSpace(rest[len(lit):])]
		if err != nil || !known {
			return detail
		}
		if !strconv.IsPrint([]rune(char)[0]) {
			char = strings.Trim(lit, "'")
		}
		return lang.X("policy.syntax."+where.key, where.text, map[string]string{"Char": char})
	}
	if word, ok := strings.CutPrefix(detail, "invalid literal: "); ok {
		return lang.X("policy.syntax.literal", `unknown word "{{.Word}}": text belongs in double quotes, and a value is true, false, null or a number otherwise`, map[string]string{"Word": word})
	}
	if detail == "invalid UTF-8 in comment" {
		return lang.X("policy.syntax.comment_utf8", "a comment holds bytes that are not UTF-8 text")
	}
	return detail
}
