package cli

import (
	"strings"
	"testing"
	"unicode/utf8"

	"grendel/app/strength"
	"grendel/assets"
	"grendel/ui/exit"
)

func TestGen(t *testing.T) {
	isolate(t)
	pol := strength.Policy{MinScore: 3, MinLength: 12} // the built-in defaults
	for _, tc := range []struct {
		name  string
		args  []string
		check func(t *testing.T, pw string)
	}{
		{"random 24", []string{"gen", "--kind", "random", "--length", "24"}, func(t *testing.T, pw string) {
			if utf8.RuneCountInString(pw) != 24 {
				t.Errorf("length %d, want 24", utf8.RuneCountInString(pw))
			}
		}},
		{"dutch passphrase of 6 words", []string{"gen", "--kind", "passphrase", "--words", "6", "--lang", "nl"}, func(t *testing.T, pw string) {
			words := strings.Split(pw, "-")
			if len(words) != 6 {
				t.Fatalf("%d words, want 6", len(words))
			}
			list := map[string]bool{}
			for _, w := range assets.PassphraseWords("nl") {
				list[w] = true
			}
			for _, w := range words {
				if !list[w] {
					t.Errorf("word %d is not from the Dutch list", len(w))
				}
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := runWithInput(t, "", append(tc.args, "--count", "5")...)
			if code != exit.OK {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			lines := strings.Split(strings.TrimSpace(out), "\n")
			if len(lines) != 5 {
				t.Fatalf("%d lines, want 5", len(lines))
			}
			seen := map[string]bool{}
			for _, pw := range lines {
				if seen[pw] {
					t.Error("the same password twice")
				}
				seen[pw] = true
				if v := pol.Judge(strength.Default().Score(pw, strength.Context{})); !v.Pass {
					t.Errorf("a generated password fails the policy: %+v", v)
				}
				tc.check(t, pw)
			}
			if !strings.Contains(errOut, "bits of entropy") {
				t.Errorf("stderr %q, want the entropy", errOut)
			}
		})
	}
}

func TestGenSpell(t *testing.T) {
	isolate(t)
	for _, tc := range []struct{ lang, word string }{{"nl", "Anton"}, {"de", "Aachen"}, {"en", "Alfa"}} {
		out, errOut, code := runWithInput(t, "", "gen", "--kind", "random", "--length", "40", "--spell", "--lang", tc.lang, "--count", "20")
		if code != exit.OK {
			t.Fatalf("%s: exit %d: %s", tc.lang, code, errOut)
		}
		for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
			pw, readout, ok := strings.Cut(l, "\t")
			if !ok || utf8.RuneCountInString(pw) != 40 || readout == "" {
				t.Fatalf("%s: line without a readout", tc.lang)
			}
		}
		// 20 × 40 characters: an a or A comes up with near certainty.
		if !strings.Contains(out, tc.word) {
			t.Errorf("%s: no %s in the readouts", tc.lang, tc.word)
		}
	}
}

func TestGenUsage(t *testing.T) {
	isolate(t)
	for _, args := range [][]string{
		{"gen", "--kind", "pin"}, {"gen", "--lang", "fr"}, {"gen", "--count", "0"},
		{"gen", "--words", "3"}, {"gen", "--kind", "random", "--length", "7"}, {"gen", "extra"},
	} {
		if _, _, code := runWithInput(t, "", args...); code != exit.Usage {
			t.Errorf("%v: exit %d, want %d", args, code, exit.Usage)
		}
	}
}

// --words and --length are refused outside their bounds alike, 0 and
// negatives too (--words 0 gave the policy's 5 words), and accepted at
// the bounds.
func TestGenBounds(t *testing.T) {
	isolate(t)
	const badWords, badLength = "grendel: --words must be 4 to 10\n", "grendel: --length must be 8 to 128\n"
	for _, tc := range []struct {
		args    []string
		wantErr string // "" when accepted
	}{
		{[]string{"--words", "0"}, badWords},
		{[]string{"--words", "-1"}, badWords},
		{[]string{"--words", "-5"}, badWords},
		{[]string{"--words", "3"}, badWords},
		{[]string{"--words", "11"}, badWords},
		{[]string{"--words", "4"}, ""},
		{[]string{"--words", "10"}, ""},
		{[]string{"--kind", "random", "--length", "0"}, badLength},
		{[]string{"--kind", "random", "--length", "-1"}, badLength},
		{[]string{"--kind", "random", "--length", "7"}, badLength},
		{[]string{"--kind", "random", "--length", "129"}, badLength},
		{[]string{"--kind", "random", "--length", "12"}, ""}, // 8 is allowed, but below the policy's min_length
		{[]string{"--kind", "random", "--length", "128"}, ""},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			out, errOut, code := runWithInput(t, "", append([]string{"gen", "--kind", "passphrase"}, tc.args...)...)
			if tc.wantErr == "" {
				if code != exit.OK || strings.Count(out, "\n") != 1 {
					t.Errorf("exit %d, stdout %d lines, stderr %q; want 0 and one password", code, strings.Count(out, "\n"), errOut)
				}
				return
			}
			if code != exit.Usage || out != "" || !strings.HasPrefix(errOut, tc.wantErr) {
				t.Errorf("exit %d, stdout %q, stderr %q; want %d, nothing, and %q", code, out, errOut, exit.Usage, tc.wantErr)
			}
		})
	}
}
