package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"howett.net/plist"

	"grendel/internal/testdir"
	"grendel/policy"
	"grendel/ui/exit"
)

// profilePayload reads a profile and returns its one payload.
func profilePayload(t *testing.T, data []byte) map[string]any {
	t.Helper()
	var p struct {
		PayloadType    string
		PayloadContent []map[string]any
	}
	if _, err := plist.Unmarshal(data, &p); err != nil || p.PayloadType != "Configuration" || len(p.PayloadContent) != 1 {
		t.Fatalf("no profile (%v):\n%s", err, data)
	}
	return p.PayloadContent[0]
}

// `grendel policy mobileconfig`: a profile of a policy file's values, to a
// file or standard output; none from a file with a problem, which is named
// by line and column; every default without --values, said on stderr; the
// manifest with --manifest.
func TestPolicyMobileconfig(t *testing.T) {
	isolate(t)
	dir := testdir.New(t)
	good := filepath.Join(dir, "good.json")
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(good, []byte(`{"lock": {"idle_timeout": "3m", "on_sleep": true},
  "password": {"banned_words": ["acme"]}, "share": {"language": "de"}}`), 0o644)
	os.WriteFile(bad, []byte("{\"lock\": {\"idle_timeout\": \"3m\",\n  \"idle_timout\": \"1h\"}}"), 0o644)

	t.Run("values to a file", func(t *testing.T) {
		out := filepath.Join(dir, "grendel.mobileconfig")
		stdout, stderr, code := run(t, processes{}, "policy", "mobileconfig", "--values", good, "-o", out, "--organization", "Mailhuis B.V.")
		if code != 0 || stdout != "" || stderr != "" {
			t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		p := profilePayload(t, data)
		want := map[string]any{"LockIdleTimeoutSeconds": uint64(180), "LockOnSleep": true, "PasswordBannedWords": []any{"acme"},
			"ShareLanguage": "de", "PayloadType": policy.PreferenceDomain, "PayloadOrganization": "Mailhuis B.V."}
		for k, v := range want {
			if got := p[k]; !equalPlist(got, v) {
				t.Errorf("%s = %#v, want %#v", k, got, v)
			}
		}
		if _, set := p["ShareWords"]; set {
			t.Error("the profile sets ShareWords, which the file does not")
		}
		// Windows has no Unix modes: a file is 0666, or 0444 if read-only.
		if info, err := os.Stat(out); err != nil || runtime.GOOS != "windows" && info.Mode().Perm() != 0o644 {
			t.Errorf("mode %v (%v), want 0644", info.Mode(), err)
		}
		if left, _ := filepath.Glob(filepath.Join(dir, ".grendel.mobileconfig.*")); len(left) > 0 {
			t.Errorf("temporary files left: %v", left)
		}
	})

	t.Run("a file with a problem: no profile, and the old one stays", func(t *testing.T) {
		out := filepath.Join(dir, "kept.mobileconfig")
		os.WriteFile(out, []byte("old"), 0o644)
		stdout, stderr, code := run(t, processes{}, "policy", "mobileconfig", "--values", bad, "-o", out)
		if code != exit.Failure || stdout != "" {
			t.Errorf("exit %d, stdout %q; want %d and nothing", code, stdout, exit.Failure)
		}
		for _, w := range []string{bad + ":2:3: lock.idle_timout: unknown key (did you mean lock.idle_timeout?)", "no profile written: " + bad} {
			if !strings.Contains(stderr, w) {
				t.Errorf("stderr lacks %q:\n%s", w, stderr)
			}
		}
		if b, _ := os.ReadFile(out); string(b) != "old" {
			t.Errorf("the old profile was replaced by %q", b)
		}
	})

	t.Run("a mere warning is shown, and the profile made", func(t *testing.T) {
		caps := filepath.Join(dir, "caps.json")
		os.WriteFile(caps, []byte(`{"LOCK": {"IDLE_TIMEOUT": "4m"}}`), 0o644)
		stdout, stderr, code := run(t, processes{}, "policy", "mobileconfig", "--values", caps)
		if code != 0 || !strings.Contains(stderr, caps+":1:2: LOCK: read as lock") {
			t.Fatalf("exit %d, stderr %q", code, stderr)
		}
		if got := profilePayload(t, []byte(stdout))["LockIdleTimeoutSeconds"]; !equalPlist(got, 240) {
			t.Errorf("LockIdleTimeoutSeconds = %#v, want 240", got)
		}
	})

	t.Run("no values: every key at its default", func(t *testing.T) {
		stdout, stderr, code := run(t, processes{}, "policy", "mobileconfig")
		if code != 0 || !strings.Contains(stderr, "every key to its built-in default") {
			t.Fatalf("exit %d, stderr %q", code, stderr)
		}
		p := profilePayload(t, []byte(stdout))
		for _, k := range policy.Keys() {
			if got := p[k.FlatName()]; !equalPlist(got, k.PlistValue(k.Default)) {
				t.Errorf("%s = %#v, want the default %#v", k.FlatName(), got, k.Default)
			}
		}
	})

	t.Run("the manifest", func(t *testing.T) {
		stdout, _, code := run(t, processes{}, "policy", "mobileconfig", "--manifest")
		want, err := policy.Manifest()
		if err != nil {
			t.Fatal(err)
		}
		if code != 0 || stdout != string(want) {
			t.Errorf("exit %d; stdout is not the manifest:\n%s", code, stdout)
		}
	})

	t.Run("validate checks a profile and a managed plist", func(t *testing.T) {
		made := filepath.Join(dir, "grendel.mobileconfig")
		if _, stderr, code := run(t, processes{}, "policy", "mobileconfig", "--values", good, "-o", made); code != 0 {
			t.Fatalf("mobileconfig: exit %d, %s", code, stderr)
		}
		managed := filepath.Join(dir, policy.PreferenceDomain+".plist")
		os.WriteFile(managed, []byte(`<plist version="1.0"><dict><key>LockIdleTimeoutSeconds</key><integer>60</integer>`+
			`<key>LockWarningSeconds</key><integer>60</integer><key>ShareWord</key><integer>6</integer></dict></plist>`), 0o644)
		stdout, stderr, code := run(t, processes{}, "policy", "validate", made, managed)
		if code != exit.Failure || !strings.Contains(stderr, "policy files checked: 2, invalid: 1") {
			t.Errorf("exit %d, stderr %q; want %d and the count", code, stderr, exit.Failure)
		}
		for _, w := range []string{
			managed + ":1:1: ShareWord: unknown key (did you mean ShareWords?)",
			managed + ":1:1: lock.warning: lock.warning (1m) must be less than lock.idle_timeout (1m)",
		} {
			if !strings.Contains(stdout, w) {
				t.Errorf("validate says nothing of %q:\n%s", w, stdout)
			}
		}
		if strings.Contains(stdout, made) {
			t.Errorf("validate finds fault with the profile mobileconfig made:\n%s", stdout)
		}
	})

	for _, tc := range []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"--manifest", "--values", good}, exit.Usage, "--manifest writes the form for every key and takes no --values"},
		{[]string{"--values", filepath.Join(dir, "missing.json")}, exit.Failure, "missing.json:1:1: cannot read the file: no such file or directory"},
		{[]string{"-o", filepath.Join(good, "x.mobileconfig")}, exit.Failure, "x.mobileconfig: "}, // under a file, not a directory
		{[]string{"extra"}, exit.Usage, "takes no arguments"},
	} {
		_, stderr, code := run(t, processes{}, append([]string{"policy", "mobileconfig"}, tc.args...)...)
		if code != tc.code || !strings.Contains(stderr, tc.stderr) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tc.args, code, stderr, tc.code, tc.stderr)
		}
	}
}

// equalPlist reports whether two values make the same property list
// (a []string and a []any of the same strings do, an int and a uint64 of
// the same number too).
func equalPlist(got, want any) bool {
	a, errA := plist.Marshal(got, plist.XMLFormat)
	b, errB := plist.Marshal(want, plist.XMLFormat)
	return errA == nil && errB == nil && bytes.Equal(a, b)
}
