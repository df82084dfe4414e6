package i18n

import (
	"testing"

	"grendel/policy"
)

// TestSyntaxDetail: the JSON parser's English details become sentences;
// what the parser reports for real files is covered, and an unknown
// detail stays.
func TestSyntaxDetail(t *testing.T) {
	for _, tc := range []struct{ file, want string }{
		{`{"lock": {"idle_timeout": }}`, `unexpected character "}" where a value should begin`},
		{`{"lock": {"idle_timeout": "5m" "x"}}`, `unexpected character """ after a value: a comma or } should follow`},
		{`{"a": ["x" "y"]}`, `unexpected character """ after a value in a list: a comma or ] should follow`},
		{`{"lock" {}}`, `unexpected character "{" after a key: a colon should follow`},
		{`{lock: 1}`, `unknown word "lock": text belongs in double quotes, and a value is true, false, null or a number otherwise`},
		{`{"a": 1, 2: 3}`, `unexpected character "2" where a key in double quotes should begin`},
		{`{} x`, `unexpected character "x" after the end of the JSON`},
		{`{"lock": {"idle_timeout": fivem}}`, `unknown word "fivem": text belongs in double quotes, and a value is true, false, null or a number otherwise`},
		{"{\"a\": \x01}", `unexpected character "\u0001" where a value should begin`},
	} {
		f := policy.Parse("p.json", []byte(tc.file))
		if len(f.Problems) == 0 || f.Problems[0].Code != policy.CodeSyntax {
			t.Errorf("%s: problems %v, want a syntax error", tc.file, f.Problems)
			continue
		}
		if got := ProblemMessage(f.Problems[0]); got != "not valid JSON: "+tc.want {
			t.Errorf("%s: %q, want %q", tc.file, got, "not valid JSON: "+tc.want)
		}
	}
	if got := syntaxDetail("something new"); got != "something new" {
		t.Errorf("syntaxDetail(something new) = %q", got)
	}
}
