package cli

import (
	"bytes"
	"encoding/json"
	"grendel/ui/exit"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
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
	p := filepath.Join(t.TempDir(), "p.json")
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
	pol := filepath.Join(t.TempDir(), "ban.json")
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
