package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"grendel/internal/testdir"
	"grendel/ui/exit"
)

// roughNumbers returns the numbers in the JSON lines of out that are not
// rounded: more than two decimals and more than three significant digits.
func roughNumbers(t *testing.T, out string) []string {
	t.Helper()
	var rough []string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case json.Number:
			s := string(v)
			mantissa, _, _ := strings.Cut(strings.ToLower(s), "e")
			_, decimals, _ := strings.Cut(mantissa, ".")
			significant := strings.TrimLeft(strings.ReplaceAll(strings.TrimPrefix(mantissa, "-"), ".", ""), "0")
			if len(decimals) > 2 && len(significant) > 3 {
				rough = append(rough, s)
			}
		case map[string]any:
			for _, e := range v {
				walk(e)
			}
		case []any:
			for _, e := range v {
				walk(e)
			}
		}
	}
	dec := json.NewDecoder(strings.NewReader(out))
	dec.UseNumber()
	for dec.More() {
		var v any
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, out)
		}
		walk(v)
	}
	return rough
}

// TestJSONRounded: every --json output rounds its numbers (log10 of the
// guesses to two decimals, seconds to three significant digits, entropy
// to one decimal); counts and ids stay whole.
func TestJSONRounded(t *testing.T) {
	isolate(t)
	dir := testdir.New(t)
	in := filepath.Join(dir, "klanten.csv")
	if err := os.WriteFile(in, []byte("nr;postcode\n000123;1234 AB\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name     string
		stdin    string
		keychain bool
		args     []string
	}{
		{"check", "Welkom123\nmq8#Vt2!xR9k@Lp3Zw\ncorrect-horse-battery-staple-sunset-river\nzomer2024\n", false, []string{"check", "--json"}},
		{"policy show", "", false, []string{"policy", "show", "--json"}},
		{"file scan", "", false, []string{"file", "scan", "--json", in}},
		{"file compact", "", false, []string{"file", "compact", "--json", in, "-o", filepath.Join(dir, "c.csv")}},
		{"file encrypt", "", true, []string{"file", "encrypt", "--json", in, "-o", filepath.Join(dir, "e.xlsx")}},
		{"share list", "", true, []string{"share", "list", "--json"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.keychain {
				needKeyring(t)
			}
			out, errOut, code := runWithInput(t, c.stdin, c.args...)
			if code != exit.OK && code != exit.Failure && code != exit.Personal || out == "" {
				t.Fatalf("grendel %v = %d, %q %s", c.args, code, out, errOut)
			}
			if rough := roughNumbers(t, out); len(rough) > 0 {
				t.Errorf("grendel %v writes numbers unrounded: %v\n%s", c.args, rough, out)
			}
		})
	}
}
