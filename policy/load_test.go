package policy

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"grendel/internal/testdir"
)

// tree writes files (path relative to a temp dir → content) and returns
// Paths pointing into it.
func tree(t *testing.T, files map[string]string) Paths {
	t.Helper()
	root := testdir.New(t)
	for name, content := range files {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p := Paths{
		Managed:     filepath.Join(root, "managed"),
		Recommended: filepath.Join(root, "recommended"),
		User:        filepath.Join(root, "user", "settings.json"),
	}
	for name := range files {
		if strings.HasPrefix(name, "extra/") {
			p.Extra = append(p.Extra, filepath.Join(root, name))
		}
	}
	return p
}

func TestLoadPrecedence(t *testing.T) {
	type want struct {
		key   Key
		value string
		kind  SourceKind
		file  string // base name of the source file, "" for none
	}
	tests := []struct {
		name   string
		files  map[string]string
		want   []want
		closed bool
	}{
		{name: "nothing: defaults", files: nil, want: []want{
			{LockIdleTimeout, "5m", SourceDefault, ""}, {ShareGenerator, "passphrase", SourceDefault, ""},
			{AppAllowQuit, "true", SourceDefault, ""}, {ShareMaxAge, "7d", SourceDefault, ""},
		}},
		{name: "recommended over default, user over recommended", files: map[string]string{
			"recommended/10.json":  `{"lock": {"idle_timeout": "10m", "warning": "1m"}, "share": {"words": 6}}`,
			"user/settings.json":   `{"lock": {"idle_timeout": "20m"}}`,
			"recommended/notes.md": `not json, not read`,
		}, want: []want{
			{LockIdleTimeout, "20m", SourceUser, "settings.json"},
			{LockWarning, "1m", SourceRecommended, "10.json"},
			{ShareWords, "6", SourceRecommended, "10.json"},
		}},
		{name: "managed caps the user, who may still be stricter", files: map[string]string{
			"managed/10-base.json": `{"lock": {"idle_timeout": "3m", "snooze_max": "30m"}, "password": {"min_score": 2}, "share": {"generator": "random"}}`,
			"user/settings.json":   `{"lock": {"idle_timeout": "1h", "snooze_max": "10m"}, "password": {"min_score": 4}, "share": {"generator": "passphrase"}}`,
		}, want: []want{
			{LockIdleTimeout, "3m", SourceManaged, "10-base.json"},
			{LockSnoozeMax, "10m", SourceUser, "settings.json"},
			{PasswordMinScore, "4", SourceUser, "settings.json"},
			{ShareGenerator, "random", SourceManaged, "10-base.json"},
		}},
		{name: "managed may be laxer than the built-in default", files: map[string]string{
			"managed/10.json":     `{"lock": {"idle_timeout": "10m", "snooze_max": "30m"}, "password": {"min_score": 2}}`,
			"recommended/10.json": `{"lock": {"idle_timeout": "1m"}}`,
		}, want: []want{
			{LockIdleTimeout, "10m", SourceManaged, "10.json"},
			{LockSnoozeMax, "30m", SourceManaged, "10.json"},
			{PasswordMinScore, "2", SourceManaged, "10.json"},
		}},
		{name: "later managed file wins", files: map[string]string{
			"managed/10-base.json": `{"lock": {"idle_timeout": "3m"}, "app": {"allow_quit": false}}`,
			"managed/50-team.json": `{"lock": {"idle_timeout": "4m"}}`,
		}, want: []want{
			{LockIdleTimeout, "4m", SourceManaged, "50-team.json"},
			{AppAllowQuit, "false", SourceManaged, "10-base.json"},
		}},
		{name: "banned words add up", files: map[string]string{
			"managed/a.json":     `{"password": {"banned_words": ["acme", "Welkom"]}}`,
			"user/settings.json": `{"password": {"banned_words": ["welkom", "zomer"]}}`,
		}, want: []want{{PasswordBannedWords, `["acme","Welkom","zomer"]`, SourceManaged, "a.json"}}},
		{name: "unordered key from the user only where IT is silent", files: map[string]string{
			"user/settings.json": `{"lock": {"command": ["i3lock", "-n"]}, "share": {"language": "de"}}`,
			"managed/a.json":     `{"share": {"language": "nl"}}`,
		}, want: []want{
			{LockCommand, `["i3lock","-n"]`, SourceUser, "settings.json"},
			{ShareLanguage, "nl", SourceManaged, "a.json"},
		}},
		{name: "broken managed file: strict defaults, user looser ignored, stricter kept", closed: true, files: map[string]string{
			"managed/10.json":    `{"lock": {"idle_timeout": "1m"`,
			"user/settings.json": `{"lock": {"idle_timeout": "2h", "command": ["xlock"]}, "password": {"min_score": 4, "min_length": 8}, "app": {"allow_quit": true}}`,
		}, want: []want{
			{LockIdleTimeout, "5m", SourceStrictDefault, "10.json"},
			{PasswordMinScore, "4", SourceUser, "settings.json"},
			{PasswordMinLength, "12", SourceStrictDefault, "10.json"},
			{LockCommand, "[]", SourceStrictDefault, "10.json"},
		}},
		{name: "invalid key in managed file: that key strict, others apply", closed: true, files: map[string]string{
			"managed/10.json":    `{"lock": {"idle_timeout": "4 minutes", "snooze_max": "15m"}}`,
			"user/settings.json": `{"lock": {"idle_timeout": "30m", "snooze_max": "1h"}}`,
		}, want: []want{
			{LockIdleTimeout, "5m", SourceStrictDefault, "10.json"},
			{LockSnoozeMax, "15m", SourceManaged, "10.json"},
		}},
		{name: "broken file next to a valid stricter one keeps the stricter", closed: true, files: map[string]string{
			"managed/10.json": `{"lock": {"idle_timeout": "2m"}}`,
			"managed/20.json": `{{{`,
		}, want: []want{{LockIdleTimeout, "2m", SourceManaged, "10.json"}}},
		{name: "managed file that is a directory", closed: true, files: map[string]string{
			"managed/10.json/x":  ``,
			"user/settings.json": `{"lock": {"idle_timeout": "1h"}}`,
		}, want: []want{{LockIdleTimeout, "5m", SourceStrictDefault, "10.json"}}},
		{name: "invalid user file: its bad keys ignored, good ones kept", files: map[string]string{
			"user/settings.json": `{"lock": {"idle_timeout": "1s", "warning": "10s"}}`,
		}, want: []want{{LockIdleTimeout, "5m", SourceDefault, ""}, {LockWarning, "10s", SourceUser, "settings.json"}}},
		{name: "policy flag only tightens", files: map[string]string{
			"managed/a.json":     `{"lock": {"idle_timeout": "3m"}}`,
			"user/settings.json": `{"lock": {"idle_timeout": "1m"}}`,
			"extra/loose.json":   `{"lock": {"idle_timeout": "2h", "snooze_max": "1h"}, "share": {"max_age": "1d"}, "app": {"allow_quit": false}}`,
		}, want: []want{
			{LockIdleTimeout, "1m", SourceUser, "settings.json"},
			{LockSnoozeMax, "0", SourceDefault, ""},
			{ShareMaxAge, "1d", SourceExtra, "loose.json"},
			{AppAllowQuit, "false", SourceExtra, "loose.json"},
		}},
		{name: "policy flag sets unordered keys unless managed", files: map[string]string{
			"managed/a.json":     `{"share": {"generator": "random"}}`,
			"extra/p.json":       `{"share": {"generator": "passphrase", "language": "de"}}`,
			"user/settings.json": `{"share": {"language": "nl"}}`,
		}, want: []want{
			{ShareGenerator, "random", SourceManaged, "a.json"},
			{ShareLanguage, "de", SourceExtra, "p.json"},
		}},
		{name: "broken policy flag file fails closed", closed: true, files: map[string]string{
			"user/settings.json": `{"lock": {"idle_timeout": "1h"}}`,
			"extra/p.json":       `nope`,
		}, want: []want{{LockIdleTimeout, "5m", SourceStrictDefault, "p.json"}}},
		// Issue 8, point 8: a managed file never leaves the key it was
		// meant to set at the user's value.
		{name: "managed key names in capitals are the keys", files: map[string]string{
			"managed/10.json":    `{"LOCK": {"IDLE_TIMEOUT": "3m"}, "App": {"Allow_Quit": false}}`,
			"user/settings.json": `{"lock": {"idle_timeout": "1h"}, "app": {"allow_quit": true}}`,
		}, want: []want{
			{LockIdleTimeout, "3m", SourceManaged, "10.json"},
			{AppAllowQuit, "false", SourceManaged, "10.json"},
		}},
		{name: "unknown name in a managed group: the group fails closed", closed: true, files: map[string]string{
			"managed/10.json":    `{"lock": {"timeout": "3m"}, "share": {"words": 6}}`,
			"user/settings.json": `{"lock": {"idle_timeout": "1h", "snooze_max": "2h"}, "share": {"words": 4}}`,
		}, want: []want{
			{LockIdleTimeout, "5m", SourceStrictDefault, "10.json"},
			{LockSnoozeMax, "0", SourceStrictDefault, "10.json"},
			{ShareWords, "6", SourceManaged, "10.json"},
		}},
		{name: "unknown name in a managed group: a valid stricter value there stands", closed: true, files: map[string]string{
			"managed/10.json":    `{"lock": {"timeout": "3m", "idle_timeout": "2m", "snooze_max": "1h"}}`,
			"user/settings.json": `{"lock": {"idle_timeout": "1h", "snooze_max": "2h"}}`,
		}, want: []want{
			{LockIdleTimeout, "2m", SourceManaged, "10.json"},
			{LockSnoozeMax, "0", SourceStrictDefault, "10.json"},
		}},
		{name: "unknown top-level name in a managed file: the whole file fails closed", closed: true, files: map[string]string{
			"managed/10.json":    `{"screen": {"timeout": "3m"}, "password": {"min_score": 4}}`,
			"user/settings.json": `{"lock": {"idle_timeout": "1h"}, "password": {"min_score": 0}, "app": {"allow_quit": true}}`,
		}, want: []want{
			{LockIdleTimeout, "5m", SourceStrictDefault, "10.json"},
			{PasswordMinScore, "4", SourceManaged, "10.json"},
			{AppAllowQuit, "false", SourceStrictDefault, "10.json"},
		}},
		{name: "flat key name in capitals in a managed file: the whole file fails closed", closed: true, files: map[string]string{
			"managed/10.json":    `{"Lock.Idle_Timeout": "3m"}`,
			"user/settings.json": `{"lock": {"idle_timeout": "1h"}, "share": {"max_age": "90d"}}`,
		}, want: []want{
			{LockIdleTimeout, "5m", SourceStrictDefault, "10.json"},
			{ShareMaxAge, "7d", SourceStrictDefault, "10.json"},
		}},
		{name: "unknown name in a --policy group: the group fails closed", closed: true, files: map[string]string{
			"extra/p.json":       `{"lock": {"timeout": "3m"}}`,
			"user/settings.json": `{"lock": {"idle_timeout": "1h"}, "share": {"words": 4}}`,
		}, want: []want{
			{LockIdleTimeout, "5m", SourceStrictDefault, "p.json"},
			{ShareWords, "4", SourceUser, "settings.json"},
		}},
		{name: "unknown names in the user's file are only reported", files: map[string]string{
			"user/settings.json": `{"lock": {"timeout": "1m", "idle_timeout": "20m"}, "screen": {}}`,
		}, want: []want{{LockIdleTimeout, "20m", SourceUser, "settings.json"}}},
		{name: "warning limited below a shorter idle timeout", files: map[string]string{
			"user/settings.json": `{"lock": {"idle_timeout": "20s"}}`,
		}, want: []want{{LockIdleTimeout, "20s", SourceUser, "settings.json"}, {LockWarning, "10s", SourceDefault, ""}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := Load(tree(t, tc.files))
			for _, w := range tc.want {
				v, _ := s.Settings.Get(w.key)
				if got := FormatValue(v); got != w.value {
					t.Errorf("%s = %s, want %s", w.key, got, w.value)
				}
				src := s.Sources[w.key]
				if src.Kind != w.kind || (w.file != "" && filepath.Base(src.File) != w.file) || (w.file == "" && src.File != "") {
					t.Errorf("%s source = %v %q, want %v %q", w.key, src.Kind, src.File, w.kind, w.file)
				}
			}
			if s.FailedClosed != tc.closed {
				t.Errorf("FailedClosed = %v, want %v; problems: %v", s.FailedClosed, tc.closed, s.Problems)
			}
			if tc.closed {
				found := false
				for _, p := range s.Problems {
					found = found || p.Code == CodeStrictDefaults
				}
				if !found {
					t.Errorf("no %s problem in %v", CodeStrictDefaults, s.Problems)
				}
			}
		})
	}
}

func TestLoadLimitsWarning(t *testing.T) {
	s := Load(tree(t, map[string]string{"user/settings.json": `{"lock": {"idle_timeout": "20s"}}`}))
	if got, want := s.Settings.Lock.Warning, 10*time.Second; got != want {
		t.Errorf("Warning = %v, want %v", got, want)
	}
	if !s.Sources[LockWarning].Limited {
		t.Errorf("Sources[%s].Limited = false, want true", LockWarning)
	}
}

func TestLoadUnreadableManagedDir(t *testing.T) {
	p := tree(t, map[string]string{"user/settings.json": `{"lock": {"idle_timeout": "1h"}}`})
	// A file where the directory should be cannot be listed.
	if err := os.WriteFile(p.Managed, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := Load(p)
	if !s.FailedClosed || s.Settings.Lock.IdleTimeout != 5*time.Minute {
		t.Errorf("unlistable managed dir: FailedClosed=%v idle=%v, want true 5m", s.FailedClosed, s.Settings.Lock.IdleTimeout)
	}
}

func TestDefaultsAreValid(t *testing.T) {
	for _, k := range Keys() {
		if k.Bounded() {
			if n := number(k.Default); n < k.Min || n > k.Max {
				t.Errorf("%s default %v outside [%d, %d]", k.Name, k.Default, k.Min, k.Max)
			}
		}
		if k.Doc.EN == "" || k.Doc.NL == "" || k.Doc.DE == "" {
			t.Errorf("%s lacks documentation in some language", k.Name)
		}
	}
	d := Defaults()
	if d.Lock.Warning >= d.Lock.IdleTimeout {
		t.Errorf("default warning %v not below idle timeout %v", d.Lock.Warning, d.Lock.IdleTimeout)
	}
}

// A strict default says which kind of file forced it: a managed file or a
// --policy file, so that the UI does not call a --policy file managed.
func TestStrictDefaultCause(t *testing.T) {
	dir := testdir.New(t)
	managed := filepath.Join(dir, "managed")
	if err := os.Mkdir(managed, 0o755); err != nil {
		t.Fatal(err)
	}
	broken := filepath.Join(dir, "broken.json")
	for _, p := range []string{filepath.Join(managed, "10.json"), broken} {
		if err := os.WriteFile(p, []byte(`{"lock": `), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		paths Paths
		cause string
	}{
		{Paths{Managed: managed}, "managed"},
		{Paths{Extra: []string{broken}}, "policy-flag"},
	} {
		strict := 0
		for _, k := range Load(tc.paths).Report().Keys {
			switch {
			case k.Source == "strict-default" && k.Cause != tc.cause:
				t.Errorf("%+v: %s is a strict default caused by %q, want %q", tc.paths, k.Key, k.Cause, tc.cause)
			case k.Source == "strict-default":
				strict++
			case k.Cause != "":
				t.Errorf("%+v: %s from %s has cause %q", tc.paths, k.Key, k.Source, k.Cause)
			}
		}
		if strict == 0 {
			t.Errorf("%+v: no key on a strict default", tc.paths)
		}
	}
	if k := Load(Paths{}).Report().Keys[0]; k.Cause != "" {
		t.Errorf("a default has cause %q, want none", k.Cause)
	}
}
