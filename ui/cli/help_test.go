package cli

import (
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// commandPaths returns the arguments that name each command, the root's
// ([]) first.
func commandPaths() [][]string {
	var code int
	root := newRoot(&Options{}, processes{}, &code, strings.NewReader(""), &strings.Builder{})
	var paths [][]string
	var walk func(c *cobra.Command, path []string)
	walk = func(c *cobra.Command, path []string) {
		paths = append(paths, path)
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() {
				walk(sub, append(append([]string{}, path...), sub.Name()))
			}
		}
	}
	walk(root, nil)
	return paths
}

// cobraWords are the English words of cobra's and pflag's own help, and
// English placeholders of values.
var cobraWords = regexp.MustCompile(`Usage:|\[flags\]|Flags:|Available Commands|Global Flags|\(default |help for |Use "|\s(string|int|stringArray|strings)\s|\b(FILE|COL|OUT)\b`)

// TestHelpLanguages: every command's help, in Dutch and German, holds
// none of cobra's English words; its usage line, headings and defaults
// are those of the language.
func TestHelpLanguages(t *testing.T) {
	want := map[string][]string{
		"en": {"Usage:\n  grendel gen [flags]\n", "\nFlags:\n", "\nGlobal flags:\n", "--count N ", "(default: 20)", "--kind TEXT ", "--policy FILE "},
		"nl": {"Gebruik:\n  grendel gen [opties]\n", "\nOpties:\n", "\nAlgemene opties:\n", "--count N ", "(standaard: 20)", "--kind TEKST ", "--policy BESTAND "},
		"de": {"Aufruf:\n  grendel gen [Optionen]\n", "\nOptionen:\n", "\nGlobale Optionen:\n", "--count N ", "(Standard: 20)", "--kind TEXT ", "--policy DATEI "},
	}
	for l, env := range locales {
		t.Run(l, func(t *testing.T) {
			out, errOut, code := runIn(t, env, "", "gen", "--help")
			for _, w := range want[l] {
				if !strings.Contains(out, w) {
					t.Errorf("grendel gen --help lacks %q (exit %d):\n%s%s", w, code, out, errOut)
				}
			}
			if l == "en" {
				return
			}
			for _, path := range commandPaths() {
				for _, ask := range [][]string{append(append([]string{}, path...), "--help"), append([]string{"help"}, path...)} {
					out, errOut, code := runIn(t, env, "", ask...)
					if code != 0 || errOut != "" || !strings.HasPrefix(out, "") || len(out) < 40 {
						t.Errorf("grendel %v = %d\n%s%s", ask, code, out, errOut)
					}
					if bad := cobraWords.FindString(out); bad != "" {
						t.Errorf("grendel %v holds cobra's English %q:\n%s", ask, bad, out)
					}
				}
			}
		})
	}
}

// TestHelpGroups: a command that only groups others shows how to call its
// commands, not itself with flags.
func TestHelpGroups(t *testing.T) {
	isolate(t)
	for _, c := range []struct {
		args      []string
		want, not string
	}{
		{[]string{"share", "--help"}, "Usage:\n  grendel share [command]\n\nCommands:\n", "grendel share [flags]"},
		{[]string{"--help"}, "Usage:\n  grendel [flags]\n  grendel [command]\n\nCommands:\n", "\n  help "},
		{[]string{"file", "scan", "--help"}, "Usage:\n  grendel file scan FILE... [flags]\n", "Commands:"},
		{[]string{"help", "share", "show"}, "Usage:\n  grendel share show ID [flags]\n", "Commands:"},
		{[]string{"help", "help"}, "Usage:\n  grendel help [command] [flags]\n\nFlags:\n  -h, --help   show this help\n", "help for help"},
	} {
		out, _, code := run(t, processes{}, c.args...)
		if code != 0 || !strings.Contains(out, c.want) || strings.Contains(out, c.not) {
			t.Errorf("grendel %v = %d:\n%s\nwant %q, not %q", c.args, code, out, c.want, c.not)
		}
	}
}

// TestHelpTextsShownTranslated: the help texts, marked with their keys
// while the tree is built (helpText), are translated wherever they are
// shown: no help, usage or completion holds a mark, and the texts are
// there.
func TestHelpTextsShownTranslated(t *testing.T) {
	for _, path := range commandPaths() {
		for _, ask := range [][]string{append(append([]string{}, path...), "--help"), append([]string{"help"}, path...)} {
			out, errOut, _ := run(t, processes{}, ask...)
			if strings.Contains(out+errOut, helpMark) {
				t.Errorf("grendel %v shows a marked help text:\n%q", ask, out+errOut)
			}
		}
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"__complete", ""}, "version\tPrint Grendel's version"},
		{[]string{"__complete", "gen", "--c"}, "--count\thow many to generate, 1 to 1000"},
		{[]string{"__complete", "file", "encrypt", "--ou"}, "--output\twrite the encrypted file to"},
		{[]string{"__complete", "he"}, "help\tShow help for a command"},
	} {
		out, errOut, _ := run(t, processes{}, tc.args...)
		if strings.Contains(out+errOut, helpMark) || !strings.Contains(out, tc.want) {
			t.Errorf("grendel %q = %q, want %q among them and no mark", tc.args, out+errOut, tc.want)
		}
	}
	for l, want := range map[string]string{"nl": "version\tToon de versie van Grendel", "de": "version\tDie Version von Grendel ausgeben"} {
		if out, errOut, _ := runIn(t, locales[l], "", "__complete", ""); !strings.Contains(out, want) {
			t.Errorf("%s: grendel __complete \"\" = %q, want %q among them", l, out+errOut, want)
		}
	}
}
