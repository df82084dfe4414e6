package policy

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"grendel/internal/testdir"
)

// userFile returns the path of settings.json in a fresh directory that does
// not exist yet, and writes content there unless it is "".
func userFile(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(testdir.New(t), "grendel", "settings.json")
	if content != "" {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

func TestSaveUserRoundTrip(t *testing.T) {
	values := map[Key]any{
		LockIdleTimeout:     2 * time.Minute,
		LockWarning:         20 * time.Second,
		LockOnSleep:         true,
		LockCommand:         []string{"/usr/bin/xdg-screensaver", "lock"},
		LockSnoozeMax:       90 * time.Minute,
		PasswordMinScore:    4,
		PasswordMinLength:   16,
		PasswordBannedWords: []string{"acme", "Welkom <3 & co"},
		ShareMaxAge:         3 * day,
		ShareClipboardClear: 10 * time.Second,
		ShareGenerator:      "random",
		ShareWords:          6,
		ShareLanguage:       "nl",
		SharePartners:       []string{"mailhuis.nl", "Drukkerij Jansen"},
		SharePartnersOnly:   true,
		FileMinPasswordBits: 96,
		AppAllowQuit:        false,
	}
	if len(values) != len(Keys()) {
		t.Fatalf("the test covers %d keys, there are %d", len(values), len(Keys()))
	}
	path := userFile(t, "")
	if err := SaveUser(path, values); err != nil {
		t.Fatalf("SaveUser = %v", err)
	}
	f := ReadFile(path)
	if !f.OK() {
		t.Fatalf("ReadFile has problems: %v", f.Problems)
	}
	if !reflect.DeepEqual(f.Values, values) {
		t.Errorf("ReadFile(SaveUser(v)).Values =\n%#v\nwant\n%#v", f.Values, values)
	}
	got, err := ReadUser(path)
	if err != nil || !reflect.DeepEqual(got, values) {
		t.Errorf("ReadUser = %#v, %v; want the saved values", got, err)
	}
	data, _ := os.ReadFile(path)
	if !strings.Contains(string(data), `"idle_timeout": "2m"`) || !strings.Contains(string(data), `"lock": {`) {
		t.Errorf("settings.json does not nest keys with durations as strings:\n%s", data)
	}
	if runtime.GOOS != "windows" {
		if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
			t.Errorf("settings.json has mode %v, want 0600", info.Mode().Perm())
		}
		if info, _ := os.Stat(filepath.Dir(path)); info.Mode().Perm() != 0o700 {
			t.Errorf("its directory has mode %v, want 0700", info.Mode().Perm())
		}
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
		t.Errorf("the directory holds %d entries, want settings.json alone", len(entries))
	}
}

func TestSaveUserKeepsTheRest(t *testing.T) {
	existing := `// my own settings
{
  "$schema": "urn:grendel:policy",
  "lock": {
    "idle_timeout": "3m", // my choice
    "warning": "15s",
  },
  "share": {"language": "de"},
}`
	tests := []struct {
		name   string
		values map[Key]any
		want   map[Key]any
		absent []string // text that must be gone
	}{
		{
			name:   "change one key",
			values: map[Key]any{LockIdleTimeout: 2 * time.Minute},
			want:   map[Key]any{LockIdleTimeout: 2 * time.Minute, LockWarning: 15 * time.Second, ShareLanguage: "de"},
		},
		{
			name:   "add a key to a new group",
			values: map[Key]any{AppAllowQuit: false},
			want:   map[Key]any{LockIdleTimeout: 3 * time.Minute, LockWarning: 15 * time.Second, ShareLanguage: "de", AppAllowQuit: false},
		},
		{
			name:   "add a key to a group that exists",
			values: map[Key]any{LockSnoozeMax: time.Hour},
			want:   map[Key]any{LockIdleTimeout: 3 * time.Minute, LockWarning: 15 * time.Second, LockSnoozeMax: time.Hour, ShareLanguage: "de"},
		},
		{
			name:   "nil removes a key, and its comment",
			values: map[Key]any{LockIdleTimeout: nil},
			want:   map[Key]any{LockWarning: 15 * time.Second, ShareLanguage: "de"},
			absent: []string{"my choice"},
		},
		{
			name:   "removing a group's last key removes the group",
			values: map[Key]any{ShareLanguage: nil},
			want:   map[Key]any{LockIdleTimeout: 3 * time.Minute, LockWarning: 15 * time.Second},
			absent: []string{`"share"`},
		},
		{
			name:   "nil for a key that is not set changes nothing",
			values: map[Key]any{ShareWords: nil},
			want:   map[Key]any{LockIdleTimeout: 3 * time.Minute, LockWarning: 15 * time.Second, ShareLanguage: "de"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := userFile(t, existing)
			if err := SaveUser(path, tt.values); err != nil {
				t.Fatalf("SaveUser = %v", err)
			}
			f := ReadFile(path)
			if !f.OK() || !reflect.DeepEqual(f.Values, tt.want) {
				t.Errorf("after SaveUser the file holds %#v (problems %v), want %#v", f.Values, f.Problems, tt.want)
			}
			data, _ := os.ReadFile(path)
			for _, keep := range []string{"// my own settings", `"$schema": "urn:grendel:policy"`} {
				if !strings.Contains(string(data), keep) {
					t.Errorf("SaveUser dropped %q:\n%s", keep, data)
				}
			}
			for _, gone := range tt.absent {
				if strings.Contains(string(data), gone) {
					t.Errorf("SaveUser kept %q:\n%s", gone, data)
				}
			}
		})
	}
}

func TestSaveUserRefusesInvalidValues(t *testing.T) {
	tests := []struct {
		name     string
		existing string
		values   map[Key]any
		key      Key
		code     Code
	}{
		{name: "unknown key", values: map[Key]any{"lock.idle_timout": time.Minute}, key: "lock.idle_timout", code: CodeUnknownKey},
		{name: "unknown key to remove", values: map[Key]any{"lock.colour": nil}, key: "lock.colour", code: CodeUnknownKey},
		{name: "int for a duration", values: map[Key]any{LockIdleTimeout: 300}, key: LockIdleTimeout, code: CodeWrongType},
		{name: "string for a bool", values: map[Key]any{AppAllowQuit: "no"}, key: AppAllowQuit, code: CodeWrongType},
		{name: "int64 for an int", values: map[Key]any{ShareWords: int64(5)}, key: ShareWords, code: CodeWrongType},
		{name: "string for a list", values: map[Key]any{PasswordBannedWords: "acme"}, key: PasswordBannedWords, code: CodeWrongType},
		{name: "parts of a second", values: map[Key]any{LockWarning: 1500 * time.Millisecond}, key: LockWarning, code: CodeBadDuration},
		{name: "negative duration", values: map[Key]any{LockWarning: -time.Second}, key: LockWarning, code: CodeBadDuration},
		{name: "duration below the minimum", values: map[Key]any{LockIdleTimeout: 5 * time.Second}, key: LockIdleTimeout, code: CodeOutOfRange},
		{name: "duration above the maximum", values: map[Key]any{LockSnoozeMax: 3 * time.Hour}, key: LockSnoozeMax, code: CodeOutOfRange},
		{name: "int out of range", values: map[Key]any{PasswordMinScore: 5}, key: PasswordMinScore, code: CodeOutOfRange},
		{name: "not in the enum", values: map[Key]any{ShareLanguage: "fr"}, key: ShareLanguage, code: CodeNotInEnum},
		{name: "empty list entry", values: map[Key]any{PasswordBannedWords: []string{"acme", ""}}, key: PasswordBannedWords, code: CodeBadListEntry},
		{name: "too many entries", values: map[Key]any{LockCommand: make([]string, 65)}, key: LockCommand, code: CodeTooManyEntries},
		{name: "command without program", values: map[Key]any{LockCommand: []string{"", "-l"}}, key: LockCommand, code: CodeEmptyCommand},
		{name: "warning not less, both given", values: map[Key]any{LockIdleTimeout: time.Minute, LockWarning: time.Minute},
			key: LockWarning, code: CodeWarningNotLess},
		{name: "warning not less than the file's idle timeout", existing: `{"lock": {"idle_timeout": "1m"}}`,
			values: map[Key]any{LockWarning: 2 * time.Minute}, key: LockWarning, code: CodeWarningNotLess},
		{name: "idle timeout not more than the file's warning", existing: `{"lock": {"warning": "1m"}}`,
			values: map[Key]any{LockIdleTimeout: 30 * time.Second}, key: LockWarning, code: CodeWarningNotLess},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := userFile(t, tt.existing)
			err := SaveUser(path, tt.values)
			if !errors.Is(err, ErrInvalidSetting) {
				t.Fatalf("SaveUser = %v, want ErrInvalidSetting", err)
			}
			var ue *UserError
			if !errors.As(err, &ue) || len(ue.Problems) == 0 {
				t.Fatalf("SaveUser = %#v, want a *UserError with problems", err)
			}
			p := ue.Problems[0]
			if Key(p.Key) != tt.key || p.Code != tt.code || p.File != path || p.Line != 0 {
				t.Errorf("problem = %s %s at %s:%d, want %s %s at %s:0", p.Key, p.Code, p.File, p.Line, tt.key, tt.code, path)
			}
			if !strings.Contains(err.Error(), string(tt.key)+": ") {
				t.Errorf("error %q does not name the key %s", err, tt.key)
			}
			data, readErr := os.ReadFile(path)
			if tt.existing == "" && readErr == nil {
				t.Errorf("SaveUser wrote a file despite the error:\n%s", data)
			}
			if tt.existing != "" && string(data) != tt.existing {
				t.Errorf("SaveUser changed the file despite the error:\n%s", data)
			}
		})
	}
}

func TestSaveUserLeavesInvalidFile(t *testing.T) {
	tests := []struct {
		name    string
		content string
		where   string // file:line:col the error must point at, after the path
	}{
		{name: "not JSON", content: "{\n  \"lock\": {\"idle_timeout\": \"2m\"\n}\n", where: ":3:2:"},
		{name: "unknown key", content: "{\"lock\": {\n  \"idle_timout\": \"2m\"}}", where: ":2:3: lock.idle_timout:"},
		{name: "invalid value", content: `{"lock": {"idle_timeout": "2 minutes"}}`, where: ":1:27: lock.idle_timeout:"},
		{name: "not an object", content: `["lock"]`, where: ":1:1:"},
		{name: "invalid UTF-8", content: "{\"share\": {\"language\": \"\xff\"}}", where: ":1:25:"},
		{name: "warning not less", content: `{"lock": {"idle_timeout": "1m", "warning": "1m"}}`, where: ":1:44: lock.warning:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := userFile(t, tt.content)
			err := SaveUser(path, map[Key]any{ShareLanguage: "nl"})
			if !errors.Is(err, ErrUserFileInvalid) {
				t.Fatalf("SaveUser = %v, want ErrUserFileInvalid", err)
			}
			if !strings.Contains(err.Error(), path+tt.where) {
				t.Errorf("error %q does not point at %s%s", err, path, tt.where)
			}
			if data, _ := os.ReadFile(path); string(data) != tt.content {
				t.Errorf("SaveUser changed the invalid file:\n%s", data)
			}
			if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
				t.Errorf("the directory holds %d entries, want settings.json alone", len(entries))
			}
			if _, err := ReadUser(path); !errors.Is(err, ErrUserFileInvalid) {
				t.Errorf("ReadUser = %v, want ErrUserFileInvalid", err)
			}
		})
	}
}

func TestSaveUserDirectoryAtPath(t *testing.T) {
	path := userFile(t, "")
	if err := os.MkdirAll(path, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := SaveUser(path, map[Key]any{ShareLanguage: "nl"}); !errors.Is(err, ErrUserFileInvalid) {
		t.Errorf("SaveUser over a directory = %v, want ErrUserFileInvalid", err)
	}
}

func TestSaveUserEmptyFile(t *testing.T) {
	path := userFile(t, "\n")
	if err := SaveUser(path, map[Key]any{ShareLanguage: "nl"}); err != nil {
		t.Fatalf("SaveUser over an empty file = %v", err)
	}
	if got, err := ReadUser(path); err != nil || got[ShareLanguage] != "nl" {
		t.Errorf("ReadUser = %v, %v; want share.language nl", got, err)
	}
}

func TestSaveUserFollowsSymlink(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	real := userFile(t, `{"share": {"language": "de"}}`)
	link := filepath.Join(testdir.New(t), "settings.json")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	if err := SaveUser(link, map[Key]any{LockIdleTimeout: 2 * time.Minute}); err != nil {
		t.Fatalf("SaveUser = %v", err)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v, %v", info, err)
	}
	want := map[Key]any{ShareLanguage: "de", LockIdleTimeout: 2 * time.Minute}
	if got, err := ReadUser(real); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("the link's target holds %v, %v; want %v", got, err, want)
	}
}

func TestReadUserMissing(t *testing.T) {
	got, err := ReadUser(userFile(t, ""))
	if err != nil || len(got) != 0 {
		t.Errorf("ReadUser of a missing file = %v, %v; want nothing, no error", got, err)
	}
}

func TestUserBounds(t *testing.T) {
	type want struct {
		key      Key
		kind     BoundKind
		value    any
		min, max any
		source   SourceKind
	}
	free := func(key Key, min, max any) want { return want{key: key, kind: BoundFree, min: min, max: max} }
	tests := []struct {
		name  string
		files map[string]string
		want  []want
	}{
		{
			name:  "nothing managed",
			files: map[string]string{"recommended/10.json": `{"lock": {"idle_timeout": "1m"}, "share": {"language": "nl"}}`},
			want: []want{
				free(LockIdleTimeout, 10*time.Second, 4*time.Hour),
				free(LockWarning, time.Duration(0), 5*time.Minute),
				free(ShareLanguage, nil, nil),
				free(PasswordMinScore, 0, 4),
			},
		},
		{
			name: "managed ordered keys limit, unordered keys fix",
			files: map[string]string{"managed/10.json": `{
				"lock": {"idle_timeout": "10m", "warning": "20s", "snooze_max": "30m", "on_sleep": false},
				"password": {"min_score": 2, "banned_words": ["acme"]},
				"share": {"language": "de"}}`},
			want: []want{
				{LockIdleTimeout, BoundLimited, 10 * time.Minute, 10 * time.Second, 10 * time.Minute, SourceManaged},
				{LockWarning, BoundFixed, 20 * time.Second, 20 * time.Second, 20 * time.Second, SourceManaged},
				{LockSnoozeMax, BoundLimited, 30 * time.Minute, time.Duration(0), 30 * time.Minute, SourceManaged},
				{LockOnSleep, BoundLimited, false, nil, nil, SourceManaged},
				{PasswordMinScore, BoundLimited, 2, 2, 4, SourceManaged},
				{PasswordBannedWords, BoundLimited, []string{"acme"}, nil, nil, SourceManaged},
				{ShareLanguage, BoundFixed, "de", nil, nil, SourceManaged},
				free(ShareGenerator, nil, nil),
			},
		},
		{
			name: "the user's own file is no bound",
			files: map[string]string{
				"user/settings.json": `{"lock": {"idle_timeout": "1m"}, "share": {"language": "nl"}}`,
				"managed/10.json":    `{"lock": {"idle_timeout": "10m"}}`,
			},
			want: []want{
				{LockIdleTimeout, BoundLimited, 10 * time.Minute, 10 * time.Second, 10 * time.Minute, SourceManaged},
				free(ShareLanguage, nil, nil),
			},
		},
		{
			name: "a later managed file wins",
			files: map[string]string{
				"managed/10.json": `{"lock": {"idle_timeout": "10m"}, "share": {"language": "de"}}`,
				"managed/20.json": `{"lock": {"idle_timeout": "15m"}, "share": {"language": "nl"}}`,
			},
			want: []want{
				{LockIdleTimeout, BoundLimited, 15 * time.Minute, 10 * time.Second, 15 * time.Minute, SourceManaged},
				{ShareLanguage, BoundFixed, "nl", nil, nil, SourceManaged},
			},
		},
		{
			name:  "a broken managed file limits to the defaults",
			files: map[string]string{"managed/10.json": `{"lock": `},
			want: []want{
				{LockIdleTimeout, BoundLimited, 5 * time.Minute, 10 * time.Second, 5 * time.Minute, SourceStrictDefault},
				{LockSnoozeMax, BoundLimited, time.Duration(0), time.Duration(0), time.Duration(0), SourceStrictDefault},
				{ShareLanguage, BoundFixed, "auto", nil, nil, SourceStrictDefault},
			},
		},
		{
			name:  "an invalid managed key limits that key alone",
			files: map[string]string{"managed/10.json": `{"lock": {"idle_timeout": "soon"}}`},
			want: []want{
				{LockIdleTimeout, BoundLimited, 5 * time.Minute, 10 * time.Second, 5 * time.Minute, SourceStrictDefault},
				free(LockWarning, time.Duration(0), 5*time.Minute),
			},
		},
		{
			name: "--policy tightens and fixes what IT leaves alone",
			files: map[string]string{
				"managed/10.json": `{"lock": {"idle_timeout": "10m"}}`,
				"extra/p.json":    `{"lock": {"idle_timeout": "3m"}, "share": {"language": "en"}}`,
			},
			want: []want{
				{LockIdleTimeout, BoundLimited, 3 * time.Minute, 10 * time.Second, 3 * time.Minute, SourceExtra},
				{ShareLanguage, BoundFixed, "en", nil, nil, SourceExtra},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bounds := UserBounds(tree(t, tt.files))
			if len(bounds) != len(Keys()) {
				t.Errorf("UserBounds has %d keys, want all %d", len(bounds), len(Keys()))
			}
			for _, w := range tt.want {
				b := bounds[w.key]
				if b.Key != w.key || b.Kind != w.kind || !reflect.DeepEqual(b.Value, w.value) ||
					!reflect.DeepEqual(b.Min, w.min) || !reflect.DeepEqual(b.Max, w.max) || b.Source.Kind != w.source {
					t.Errorf("UserBounds()[%s] = %s %#v [%v, %v] from %s, want %s %#v [%v, %v] from %s", w.key,
						b.Kind, b.Value, b.Min, b.Max, b.Source.Kind, w.kind, w.value, w.min, w.max, w.source)
				}
				if b.Kind != BoundFree && b.Source.File == "" {
					t.Errorf("UserBounds()[%s] names no file", w.key)
				}
			}
		})
	}
}

func TestBoundAllows(t *testing.T) {
	bounds := UserBounds(tree(t, map[string]string{"managed/10.json": `{
		"lock": {"idle_timeout": "10m", "warning": "20s", "on_sleep": true},
		"password": {"min_length": 14, "banned_words": ["acme"]},
		"app": {"allow_quit": true}}`}))
	tests := []struct {
		key  Key
		v    any
		want bool
	}{
		{LockIdleTimeout, 10 * time.Minute, true},
		{LockIdleTimeout, time.Minute, true},
		{LockIdleTimeout, 10 * time.Second, true},
		{LockIdleTimeout, 5 * time.Second, false}, // below the key's minimum
		{LockIdleTimeout, 15 * time.Minute, false},
		{LockIdleTimeout, 60, false}, // not a duration
		{LockIdleTimeout, nil, false},
		{LockWarning, 20 * time.Second, true},
		{LockWarning, 10 * time.Second, false}, // fixed: stricter is no different
		{LockOnSleep, true, true},
		{LockOnSleep, false, false},
		{AppAllowQuit, false, true},
		{AppAllowQuit, true, true},
		{PasswordMinLength, 20, true},
		{PasswordMinLength, 12, false},
		{PasswordMinLength, 200, false},
		{PasswordBannedWords, []string{"welkom"}, true},
		{ShareLanguage, "nl", true},
		{ShareLanguage, "fr", false},
		{ShareWords, 4, true},
		{ShareWords, 11, false},
		{"lock.colour", "red", false},
	}
	for _, tt := range tests {
		b, ok := bounds[tt.key]
		if !ok {
			b = Bound{Key: tt.key}
		}
		if got := b.Allows(tt.v); got != tt.want {
			t.Errorf("bounds[%s].Allows(%#v) = %v, want %v", tt.key, tt.v, got, tt.want)
		}
	}
}
