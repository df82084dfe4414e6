package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"grendel/internal/testdir"
)

// englishWords are words that give away English in Dutch or German
// output: Grendel's own English, cobra's and pflag's, and Go's errors.
// ("is" is Dutch too; "share" is a command.)
var englishWords = map[string]*regexp.Regexp{
	"nl": regexp.MustCompile(`(?i)\b(the|not|and|unknown|usage|flags?|default|invalid|character|session bus|must|wants|needs|run|rows?|columns?|sheets?|verdict|written)\b|\d{4}-\d\d-\d\d`),
	"de": regexp.MustCompile(`(?i)\b(the|is|not|and|unknown|usage|flags?|default|invalid|character|session bus|must|wants|needs|run|rows?|columns?|sheets?|verdict|written)\b|\d{4}-\d\d-\d\d|"[^"]*"`),
}

// TestNoEnglishInLanguages runs commands whose output or error the user
// reads, in Dutch and German, and looks for English in what they write
// (command names, flags, file names and policy keys aside), and for
// straight quotes in German.
func TestNoEnglishInLanguages(t *testing.T) {
	isolate(t)
	dir := testdir.New(t)
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"lock": {"idle_timeout": 5}`), 0o600)
	syntax := filepath.Join(dir, "syntax.json")
	os.WriteFile(syntax, []byte(`{"lock": {"idle_timeout": "5m" "x", "warning": }}`), 0o600)
	scan := corpus(t, "klanten_nl.csv")
	for _, args := range [][]string{
		{"nonsense"}, {"help", "nonsense"}, {"share", "bogus"},
		{"gen", "--length", "abc"}, {"gen", "--spell=maybe"}, {"gen", "--length"}, {"gen", "-1"}, {"gen", "--kind", "x"},
		{"--frobnicate"}, {"version", "extra"}, {"policy"}, {"policy", "validate"}, {"policy", "validate", bad}, {"policy", "validate", syntax},
		{"ui"}, {"ui", "lobby"}, {"status"}, {"share", "show", "no-such-id"},
		{"check"}, {"file", "scan", scan}, {"file", "compact", scan, "--keep", "nothing-like-it"},
		{"file", "scan", filepath.Join(dir, "nope.csv"), dir},
	} {
		for _, l := range []string{"nl", "de"} {
			out, errOut, _ := runIn(t, locales[l], "Welkom123\n", args...)
			text := out + errOut
			// What the user typed or named is theirs, as are commands,
			// flags, paths, window names and policy keys.
			for _, own := range append(args, scan, dir, "grendel", "file compact", "file scan", "--help", "status, settings, check, generate, shares, file, send") {
				text = strings.ReplaceAll(text, own, "")
			}
			text = regexp.MustCompile(`--?[a-z-]+|[a-z]+\.[a-z_]+`).ReplaceAllString(text, "")
			if l == "nl" {
				text = regexp.MustCompile(`"[^"\n]*"`).ReplaceAllString(text, "") // Dutch quotes are straight
			}
			if bad := englishWords[l].FindString(text); bad != "" {
				t.Errorf("%s: grendel %v writes %q:\n%s%s", l, args, bad, out, errOut)
			}
		}
	}
}

// TestCorruptIndexLanguages: a damaged list of share passwords is
// reported with what is wrong in the user's language, not encoding/json's
// English.
func TestCorruptIndexLanguages(t *testing.T) {
	isolate(t)
	needKeyring(t)
	userConfig, err := os.UserConfigDir()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(userConfig, "grendel")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"en": "(not valid JSON at byte 2)",
		"nl": "(geen geldige JSON bij byte 2)",
		"de": "(kein gültiges JSON bei Byte 2)",
	}
	for l, w := range want {
		if err := os.WriteFile(filepath.Join(dir, "shares.json"), []byte("{nonsense"), 0o600); err != nil {
			t.Fatal(err)
		}
		_, errOut, _ := runIn(t, locales[l], "", "share", "list")
		if !strings.Contains(errOut, w) || strings.Contains(errOut, "invalid character") {
			t.Errorf("%s: share list with a damaged index says\n%s\nwant %q", l, errOut, w)
		}
	}
}

// TestNumbersLanguages: numbers in messages carry the digit grouping and
// decimal mark of the user's language.
func TestNumbersLanguages(t *testing.T) {
	isolate(t)
	long := strings.Repeat("x", maxCheckLine+1) + "\n"
	for _, tc := range []struct {
		lang          string
		entropy, line *regexp.Regexp
	}{
		{"en", regexp.MustCompile(`^grendel: \d+\.\d bits of entropy each\n$`), regexp.MustCompile(`line 1: longer than 4,194,304 bytes`)},
		{"nl", regexp.MustCompile(`^grendel: elk \d+,\d bits entropie\n$`), regexp.MustCompile(`regel 1: langer dan 4\.194\.304 bytes`)},
		{"de", regexp.MustCompile(`^grendel: je \d+,\d Bit Entropie\n$`), regexp.MustCompile(`Zeile 1: länger als 4\.194\.304 Bytes`)},
	} {
		if _, errOut, code := runIn(t, locales[tc.lang], "", "gen", "--kind", "random"); code != 0 || !tc.entropy.MatchString(errOut) {
			t.Errorf("%s: gen wrote %q (exit %d), want %s", tc.lang, errOut, code, tc.entropy)
		}
		if _, errOut, _ := runIn(t, locales[tc.lang], long, "check"); !tc.line.MatchString(errOut) {
			t.Errorf("%s: check of a long line wrote %q, want %s", tc.lang, errOut, tc.line)
		}
	}
}
