package compliance

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"grendel/app/audit"
	"grendel/app/compliance/compliancetest"
	"grendel/policy"

	"grendel/internal/testdir"
)

var t0 = compliancetest.T0

// loaded and running are the shared fixtures.
var (
	loaded  = compliancetest.Loaded
	running = compliancetest.Busy
)

// TestParseRejects: what is not a document is refused.
func TestParseRejects(t *testing.T) {
	good, _ := json.Marshal(FromAgent(running(loaded(t, testdir.New(t), nil)), t0))
	if _, err := Parse(good); err != nil {
		t.Fatalf("Parse(a document) = %v", err)
	}
	for name, text := range compliancetest.NotDocuments(good) {
		if _, err := Parse([]byte(text)); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: Parse = %v, want ErrInvalid", name, err)
		}
	}
}

// TestNoHome: no path in a document names the user's home directory.
func TestNoHome(t *testing.T) {
	home := testdir.New(t)
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	user := filepath.Join(home, "settings.json")
	r := loaded(t, home, map[string]string{"user.json": `{"lock": {"idle_timeout": "3m", "bogus": 1}}`})
	st := running(r)
	st.Autostart.Methods[0].Path = filepath.Join(home, ".config", "autostart", "grendel.desktop")
	d := FromAgent(st, t0)
	b, _ := json.Marshal(d)
	if strings.Contains(string(b), home) {
		t.Errorf("the document names the home directory %s:\n%s", home, b)
	}
	if !strings.Contains(string(b), `"~`) {
		t.Errorf("no path written with ~:\n%s", b)
	}
	if r.Read[0] == "" || !strings.HasPrefix(r.Read[len(r.Read)-1], home) || strings.HasPrefix(user, "~") {
		t.Errorf("the agent's own report was changed: %v", r.Read)
	}
}

func TestTilde(t *testing.T) {
	sep := string(filepath.Separator)
	home := filepath.Join(sep+"home", "ann")
	for _, c := range []struct{ path, home, want string }{
		{filepath.Join(home, ".config", "grendel", "settings.json"), home, "~" + sep + filepath.Join(".config", "grendel", "settings.json")},
		{home, home, "~"},
		{home + sep, home + sep, "~" + sep},
		{home + "x" + sep + "a", home, home + "x" + sep + "a"},
		{filepath.Join(sep+"etc", "grendel"), home, filepath.Join(sep+"etc", "grendel")},
		{"", home, ""},
		{home, "", home},
	} {
		if got := Tilde(c.path, c.home); got != c.want {
			t.Errorf("Tilde(%q, %q) = %q, want %q", c.path, c.home, got, c.want)
		}
	}
}

// TestFields: the flat names are stable identifiers, unique without
// regard to case, and each value has its field's type.
func TestFields(t *testing.T) {
	d := FromAgent(running(loaded(t, testdir.New(t), nil)), t0)
	flat := d.Flat(t0.Add(90 * time.Second))
	seen := map[string]bool{}
	name := regexp.MustCompile(`^[A-Z][A-Za-z0-9]*$`)
	for _, f := range Fields() {
		if !name.MatchString(f.Name) || seen[strings.ToLower(f.Name)] || f.Doc == "" {
			t.Errorf("field %q: bad name, a duplicate or no doc", f.Name)
		}
		seen[strings.ToLower(f.Name)] = true
		v, ok := flat[f.Name]
		if !ok {
			t.Errorf("Flat lacks %s", f.Name)
		}
		var typeOK bool
		switch f.Type {
		case Boolean:
			_, typeOK = v.(bool)
		case Int64:
			switch v.(type) {
			case int, int64:
				typeOK = true
			}
		case String:
			_, typeOK = v.(string)
		}
		if !typeOK {
			t.Errorf("%s = %#v, not a %s", f.Name, v, f.Type)
		}
	}
	if len(flat) != len(Fields()) {
		t.Errorf("Flat has %d fields, Fields %d", len(flat), len(Fields()))
	}
	want := map[string]any{
		"SchemaVersion": SchemaID, "AgentRunning": true, "AgentPID": 4242, "AgentVersion": "1.2.3",
		"AgentStartedAt": "2026-12-04T07:30:00Z", "AgentStartedBy": "systemd", "StatusWrittenAt": "2026-12-04T09:30:00Z",
		"StatusAgeSeconds": int64(90), "PolicyFingerprint": d.PolicyFingerprint, "PolicyFailedClosed": false, "PolicyProblemCount": 0,
		"PolicyStale": true, "TrayShown": true, "IdleWatchWorks": true, "LockState": "active", "LockChain": "gnome,loginctl,privacy",
		"LockReadiness": "locks", "LastLockAt": "2026-12-04T08:30:00Z", "LastLockOutcome": "locked", "LastLockVerified": true,
		"OSLockBackstop": "ok", "OSLockEnabled": true, "AutostartInPlace": true,
		"PolicyLockIdleTimeoutSeconds": int64(300), "PolicyAppAllowQuit": true,
	}
	for k, v := range want {
		if flat[k] != v {
			t.Errorf("Flat()[%s] = %#v, want %#v", k, flat[k], v)
		}
	}
	for _, n := range []string{"agentrunning", "AGENTRUNNING", "AgentRunning"} {
		if v, ok := d.Field(n, t0); !ok || v != true {
			t.Errorf("Field(%q) = %v, %v", n, v, ok)
		}
	}
	if v, ok := d.Field("AgentRunnin", t0); ok {
		t.Errorf("Field(AgentRunnin) = %v, true", v)
	}
	// A document without an agent has every field, at its zero.
	off := NotRunning("1", policy.Report{}, Surroundings{}, t0).Flat(t0)
	for k, v := range map[string]any{"AgentRunning": false, "AgentPID": 0, "AgentStartedAt": "", "LockChain": "", "LastLockVerified": false, "OSLockBackstop": "", "PolicyLockIdleTimeoutSeconds": int64(0), "PolicyLockCommand": ""} {
		if off[k] != v {
			t.Errorf("not running: %s = %#v, want %#v", k, off[k], v)
		}
	}
}

// TestPathBesideAudit: the status file lies in the audit trail's
// directory, the user's state directory (whose rule per system
// app/internal/statedir tests).
func TestPathBesideAudit(t *testing.T) {
	path, err := Path()
	dir, auditErr := audit.Dir()
	if (err == nil) != (auditErr == nil) || err == nil && path != filepath.Join(dir, FileName) {
		t.Errorf("Path() = %q, %v; audit.Dir() = %q, %v; want the same directory", path, err, dir, auditErr)
	}
}

// TestReadFileHostile: a status file is read as hostile: no links, no
// pipes or directories, nothing too large, nothing that is not a document.
func TestReadFileHostile(t *testing.T) {
	dir := testdir.New(t)
	good := filepath.Join(dir, "good.json")
	if err := WriteFile(good, FromAgent(running(loaded(t, testdir.New(t), nil)), t0)); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(good); err != nil {
		t.Fatalf("ReadFile(a good file) = %v", err)
	}
	big := filepath.Join(dir, "big.json")
	if err := os.WriteFile(big, []byte(`{"schema": "`+strings.Repeat("x", MaxDocument)+`"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := map[string]error{filepath.Join(dir): ErrNotRegular, big: ErrInvalid, filepath.Join(dir, "missing.json"): os.ErrNotExist}
	link := filepath.Join(dir, "link.json")
	if err := os.Symlink(good, link); err == nil {
		if _, err := os.Lstat(link); err == nil { // Wine 8.0 makes a link Lstat cannot see
			cases[link] = ErrNotRegular
		}
	}
	for path, want := range cases {
		if _, err := ReadFile(path); !errors.Is(err, want) {
			t.Errorf("ReadFile(%s) = %v, want %v", filepath.Base(path), err, want)
		}
	}
}
