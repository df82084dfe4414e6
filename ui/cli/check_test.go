package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"grendel/app/strength"
	"grendel/internal/testdir"
	"grendel/ui/exit"
)

func runWithInput(t *testing.T, in string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := execute(args, "9.9.9", processes{}, strings.NewReader(in), &out, &errb)
	return out.String(), errb.String(), code
}

var checkInput = []string{"Welkom123", "Wachtwoord2024!", "mq8#Vt2!xR9k@Lp3Zw", "Lv7!qR2#mX", "tafel-regen-fiets-molen-kaas-zomer"}

func TestCheck(t *testing.T) {
	isolate(t)
	out, errOut, code := runWithInput(t, strings.Join(checkInput, "\n")+"\r\n", "check")
	if code != exit.Failure {
		t.Errorf("exit %d, want %d (some fail); stderr %q", code, exit.Failure, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != len(checkInput) {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), len(checkInput), out)
	}
	wantVerdict := []string{"fail: too weak and too short", "fail: too weak", "pass", "fail: too short", "pass"}
	for i, l := range lines {
		f := strings.Split(l, "\t")
		if len(f) != 4 {
			t.Fatalf("line %d = %q, want 4 tab-separated fields", i+1, l)
		}
		score, err := strconv.Atoi(f[0])
		if err != nil || score < 0 || score > 4 {
			t.Errorf("line %d: score %q", i+1, f[0])
		}
		if _, err := strconv.ParseFloat(f[1], 64); err != nil {
			t.Errorf("line %d: guesses_log10 %q", i+1, f[1])
		}
		if f[2] != wantVerdict[i] {
			t.Errorf("line %d: verdict %q, want %q", i+1, f[2], wantVerdict[i])
		}
		if (f[3] == "") != (score >= 3) {
			t.Errorf("line %d: score %d with warning %q", i+1, score, f[3])
		}
	}
	for _, pw := range checkInput {
		if strings.Contains(out+errOut, pw) {
			t.Errorf("the output holds the password %q", pw)
		}
	}
}

func TestCheckJSONAndExitCodes(t *testing.T) {
	isolate(t)
	out, _, code := runWithInput(t, "mq8#Vt2!xR9k@Lp3Zw\n", "check", "--json")
	if code != exit.OK {
		t.Errorf("all pass: exit %d, want 0", code)
	}
	var l checkLine
	if err := json.Unmarshal([]byte(out), &l); err != nil || l.Line != 1 || !l.Pass || l.Score < 3 || l.Warnings == nil {
		t.Errorf("JSON line = %q (%v), want a passing line 1 with an empty warnings list", out, err)
	}
	if strings.Contains(out, "mq8#") {
		t.Error("the JSON output holds the password")
	}
	if _, _, code := runWithInput(t, "", "check"); code != exit.OK {
		t.Errorf("no input: exit %d, want 0", code)
	}
	if _, _, code := runWithInput(t, "x\n", "check", "extra"); code != exit.Usage {
		t.Errorf("an argument: exit %d, want %d", code, exit.Usage)
	}
}

// The policy's minimums decide the verdict, and its banned words count.
func TestCheckFollowsPolicy(t *testing.T) {
	isolate(t)
	p := filepath.Join(testdir.New(t), "p.json")
	os.WriteFile(p, []byte(`{"password": {"min_length": 20, "banned_words": ["grendelbv"]}}`), 0o644)
	out, _, code := runWithInput(t, "mq8#Vt2!xR9k@Lp3Zw\nGrendelBV2025!\n", "--policy", p, "check", "--json")
	if code != exit.Failure {
		t.Errorf("exit %d, want 1", code)
	}
	var ls []checkLine
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var l checkLine
		if err := json.Unmarshal([]byte(line), &l); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		ls = append(ls, l)
	}
	if len(ls) != 2 || !ls[0].TooShort || ls[0].TooWeak {
		t.Errorf("18 characters under min_length 20: %+v, want too short only", ls)
	}
	if len(ls) == 2 && (ls[1].Score > 2 || len(ls[1].Warnings) == 0 || ls[1].Warnings[0] != "banned-word") {
		t.Errorf("a banned word: %+v, want weak with banned-word first", ls[1])
	}
}

func TestCheckLongAndBrokenInput(t *testing.T) {
	isolate(t)
	in := strings.Repeat("Welkom", 200_000) + "\n\xff\xfe\x00\n"
	out, errOut, _ := runWithInput(t, in, "check")
	if n := strings.Count(out, "\n"); n != 2 {
		t.Errorf("%d lines for 2 passwords; stderr %q", n, errOut)
	}
	huge := strings.Repeat("a", maxCheckLine+10) + "\n"
	_, errOut, code := runWithInput(t, "ok-line-first\n"+huge, "check")
	if code != exit.Failure || !strings.Contains(errOut, "line 2") {
		t.Errorf("an over-long line: exit %d, stderr %q; want 1 naming line 2", code, errOut)
	}
}

// A banned word fails the check even where the score passes, and the JSON
// says why.
func TestCheckBannedWord(t *testing.T) {
	isolate(t)
	pol := filepath.Join(testdir.New(t), "ban.json")
	if err := os.WriteFile(pol, []byte(`{"password": {"banned_words": ["acme"]}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	out, _, code := runWithInput(t, "Acme2024!!xyz\n", "--policy", pol, "check")
	if f := strings.Split(strings.TrimSpace(out), "\t"); code != exit.Failure || len(f) != 4 || f[2] != "fail: holds a word your organisation does not allow" {
		t.Errorf("check with acme banned = %d %q, want a fail on the banned word", code, out)
	}
	out, _, _ = runWithInput(t, "Emca2024!!xyz\n", "--policy", pol, "check", "--json")
	var l checkLine
	if err := json.Unmarshal([]byte(out), &l); err != nil || l.Pass || !l.BannedWord {
		t.Errorf("check --json of the reversed banned word = %q (%v), want banned_word and no pass", out, err)
	}
}

// checkBatch is a batch of passwords with the edge cases of real files:
// empty lines, CRLF, a long line, invalid UTF-8.
func checkBatch(n int) string {
	extra := []string{"", "Zomer2024!\r", "Sommer1987#", strings.Repeat("Welkom", 50), "\xff\xfe", "Lente2023?"}
	var b strings.Builder
	for i := range n {
		if i%2 == 0 {
			b.WriteString(checkInput[i/2%len(checkInput)])
		} else {
			b.WriteString(extra[i/2%len(extra)])
		}
		b.WriteString("\n")
	}
	return b.String()
}

// Any number of jobs gives the output of one, line for line, in text and
// in JSON, with the same exit code; and no progress line where standard
// error is no terminal.
func TestCheckJobsSameOutput(t *testing.T) {
	isolate(t)
	in := checkBatch(150)
	for _, format := range [][]string{nil, {"--json"}} {
		want, _, wantCode := runWithInput(t, in, append([]string{"check", "--jobs", "1"}, format...)...)
		if n := strings.Count(want, "\n"); n != 150 {
			t.Fatalf("check --jobs 1 %v: %d lines, want 150", format, n)
		}
		for _, jobs := range []string{"0", "2", "3", "16"} {
			out, errOut, code := runWithInput(t, in, append([]string{"check", "--jobs", jobs}, format...)...)
			if code != wantCode {
				t.Errorf("check --jobs %s %v: exit %d, want %d", jobs, format, code, wantCode)
			}
			if out != want {
				got, exp := strings.Split(out, "\n"), strings.Split(want, "\n")
				for i := range min(len(got), len(exp)) {
					if got[i] != exp[i] {
						t.Errorf("check --jobs %s %v: output line %d differs from --jobs 1", jobs, format, i+1)
						break
					}
				}
			}
			if strings.Contains(errOut, "\r") {
				t.Errorf("check --jobs %s: a progress line on a standard error that is no terminal", jobs)
			}
		}
	}
	out, _, _ := runWithInput(t, "", "check", "--help")
	if !strings.Contains(out, "--jobs N") {
		t.Errorf("check --help does not describe --jobs N")
	}
	if _, errOut, code := runWithInput(t, "x\n", "check", "--jobs", "-1"); code != exit.Usage || !strings.Contains(errOut, "--jobs") {
		t.Errorf("--jobs -1: exit %d, stderr %q; want %d naming --jobs", code, errOut, exit.Usage)
	}
}

// fakeClock returns a time that moves on by step at each call.
func fakeClock(step time.Duration) func() time.Time {
	t := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	return func() time.Time {
		t = t.Add(step)
		return t
	}
}

// draws splits what a progress line wrote into its drawings, and says
// whether it was wiped at the end.
func draws(s string) ([]string, bool) {
	var texts []string
	for _, d := range strings.Split(s, "\r")[1:] {
		if t := strings.TrimRight(d, " "); t != "" {
			texts = append(texts, t)
		}
	}
	return texts, strings.HasSuffix(s, "\r") && strings.TrimSpace(s[strings.LastIndex(s[:len(s)-1], "\r"):]) == ""
}

func TestCheckProgress(t *testing.T) {
	t.Setenv("LANGUAGE", "")
	t.Setenv("LC_ALL", "en_GB.UTF-8")
	const n = 1500
	in := strings.Repeat("Welkom1\n", n)
	pol := strength.Policy{MinScore: 3, MinLength: 12}
	plain := checkRun{policy: pol}
	var want bytes.Buffer
	if err := plain.run(strings.NewReader(in), &want); err == nil {
		t.Fatal("a batch of weak passwords passed")
	}
	cases := []struct {
		name  string
		lines int
		step  time.Duration // of the clock at each line
		want  []string      // the drawings
	}{
		// 10 ms a line: the first drawing after 1 s (line 101), then every
		// 250 ms (25 lines).
		{"slow", n, 10 * time.Millisecond, []string{"passwords checked: 101, failing the policy: 101", "passwords checked: 1,476, failing the policy: 1,476"}},
		// A frozen clock: once, at line 1000, never redrawn.
		{"many lines", n, 0, []string{"passwords checked: 1,000, failing the policy: 1,000"}},
		// Short and quick: none at all.
		{"short", 999, time.Millisecond, nil},
	}
	for _, c := range cases {
		for _, jobs := range []int{1, 4} {
			var out, errOut bytes.Buffer
			r := checkRun{policy: pol, jobs: jobs, progress: &progress{w: &errOut, now: fakeClock(c.step)}}
			err := r.run(strings.NewReader(in[:c.lines*len("Welkom1\n")]), &out)
			var ee *exitError
			if !errors.As(err, &ee) || ee.code != exit.Failure || ee.msg != "" {
				t.Errorf("%s, jobs %d: run = %v, want a silent exit 1", c.name, jobs, err)
			}
			if out.String() != want.String()[:out.Len()] || out.Len() != c.lines*len(want.String())/n {
				t.Errorf("%s, jobs %d: the output differs from a run without progress", c.name, jobs)
			}
			got, wiped := draws(errOut.String())
			if c.want == nil {
				if errOut.Len() != 0 {
					t.Errorf("%s, jobs %d: %q on standard error, want nothing", c.name, jobs, errOut.String())
				}
				continue
			}
			if len(got) == 0 || got[0] != c.want[0] || got[len(got)-1] != c.want[len(c.want)-1] || !wiped {
				t.Errorf("%s, jobs %d: drawings %q (wiped %v), want from %q to %q and wiped", c.name, jobs, got, wiped, c.want[0], c.want[len(c.want)-1])
			}
			if c.step > 0 {
				if want := 1 + (n-101)/25; len(got) != want {
					t.Errorf("%s, jobs %d: %d drawings, want %d (every 250 ms)", c.name, jobs, len(got), want)
				}
			}
			if strings.Contains(errOut.String(), "Welkom") {
				t.Errorf("%s, jobs %d: the progress line holds a password", c.name, jobs)
			}
		}
	}
}

// A shorter drawing covers the longer one before it.
func TestProgressCoversLongerLine(t *testing.T) {
	var w bytes.Buffer
	p := &progress{w: &w, now: fakeClock(time.Second)}
	p.update(123456, 7)
	p.update(5, 0)
	p.clear()
	parts := strings.Split(w.String(), "\r")
	if len(parts) != 5 || len(parts[2]) != len(parts[1]) || len(parts[3]) != len(parts[1]) || parts[4] != "" {
		t.Errorf("progress wrote %q: want each drawing and the wipe as wide as the widest", w.String())
	}
}

// TestCheckAtTerminal: with standard output at a terminal, check writes a
// line for people; to a pipe or a file, and with --json, what it always
// wrote.
func TestCheckAtTerminal(t *testing.T) {
	isolate(t)
	const in = "Welkom123\nmq8#Vt2!xR9k@Lp3Zw\nzomer\n"
	check := func(terminal func(out, errOut io.Writer) func(any) bool, args ...string) string {
		var out, errOut bytes.Buffer
		modes := processes{Terminal: terminal(&out, &errOut)}
		execute(args, "9.9.9", modes, strings.NewReader(in), &out, &errOut)
		return out.String()
	}
	never := func(_, _ io.Writer) func(any) bool { return func(any) bool { return false } }
	stdout := func(out, _ io.Writer) func(any) bool { return func(f any) bool { return f == out } }
	stderr := func(_, errOut io.Writer) func(any) bool { return func(f any) bool { return f == errOut } }
	tabs, jsonLines := check(never, "check"), check(never, "check", "--json")
	if !strings.HasPrefix(tabs, "0\t") || !strings.HasPrefix(jsonLines, `{"line":1,`) {
		t.Fatalf("check without a terminal:\n%s\n%s", tabs, jsonLines)
	}
	for _, tc := range []struct {
		name     string
		terminal func(out, errOut io.Writer) func(any) bool
		args     []string
		want     string
	}{
		{"a pipe", never, []string{"check"}, tabs},
		{"a terminal on stderr only", stderr, []string{"check"}, tabs},
		{"a terminal", stdout, []string{"check"}, "1: very weak — fail: too weak and too short — Greetings such as \"Welkom\" or \"Hallo\" are among the most common passwords.\n" +
			"2: very strong — pass\n" +
			"3: very weak — fail: too weak and too short — Seasons, months, weekdays and holidays are easy to guess.\n"},
		{"a terminal, --json", stdout, []string{"check", "--json"}, jsonLines},
	} {
		if got := check(tc.terminal, tc.args...); got != tc.want {
			t.Errorf("%s: grendel %v wrote\n%s\nwant\n%s", tc.name, tc.args, got, tc.want)
		}
	}
}

// TestCheckAtTerminalLanguages: the line for people in Dutch and German.
func TestCheckAtTerminalLanguages(t *testing.T) {
	want := map[string]string{
		"nl": "1: zeer zwak — voldoet niet: te zwak en te kort — ",
		"de": "1: sehr schwach — nicht erfüllt: zu schwach und zu kurz — ",
	}
	for l, w := range want {
		out, errOut, code := runIn(t, append([]string{envStdoutTerminal + "=1"}, locales[l]...), "Welkom123\n", "check")
		if code != exit.Failure || !strings.HasPrefix(out, w) || strings.Count(out, "\n") != 1 {
			t.Errorf("%s: grendel check at a terminal = %d\n%s%s\nwant a line that starts %q", l, code, out, errOut, w)
		}
	}
}
