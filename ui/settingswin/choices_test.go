package settingswin

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"grendel/internal/testdir"
	"grendel/policy"
)

// files writes policy files under a temp dir (path relative to it →
// content) and loads Data from there. "user" is the settings file.
func files(t *testing.T, fs map[string]string) Data {
	t.Helper()
	root := testdir.New(t)
	for name, content := range fs {
		if name == "user" {
			name = "config/grendel/settings.json"
		}
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return Load(policy.Paths{
		Managed:     filepath.Join(root, "managed"),
		Recommended: filepath.Join(root, "recommended"),
		User:        filepath.Join(root, "config", "grendel", "settings.json"),
	})
}

const (
	s = time.Second
	m = time.Minute
	h = time.Hour
)

func TestRows(t *testing.T) {
	// The default (nil) stands where its value belongs, and that value is
	// not offered a second time: 5 minutes, 30 seconds, off, "auto".
	allIdle := []any{1 * m, 2 * m, 3 * m, nil, 10 * m, 15 * m, 30 * m, 1 * h}
	allWarning := []any{time.Duration(0), 10 * s, 15 * s, 20 * s, nil, 45 * s, 1 * m, 2 * m}
	allLanguages := []any{nil, "nl", "de", "en"}
	tests := []struct {
		name  string
		files map[string]string
		want  []row
	}{
		{
			name: "no policy: everything, presentation mode too",
			want: []row{
				{Key: policy.LockIdleTimeout, Options: allIdle, Initial: 3},
				{Key: policy.LockWarning, Options: allWarning, Initial: 4},
				{Key: policy.LockSnoozeMax, Options: []any{nil, 15 * m, 30 * m, 45 * m, 1 * h, 90 * m, 2 * h}},
				{Key: policy.ShareLanguage, Options: allLanguages},
			},
		},
		{
			name: "managed: idle limited, warning and language fixed, no presentation mode",
			files: map[string]string{"managed/10.json": `{"lock": {"idle_timeout": "10m", "warning": "20s", "snooze_max": "0"},
				"share": {"language": "nl"}}`},
			want: []row{
				{Key: policy.LockIdleTimeout, Options: []any{1 * m, 2 * m, 3 * m, 5 * m, nil}, Initial: 4},
				{Key: policy.LockWarning, Options: []any{20 * s}, Fixed: true},
				{Key: policy.ShareLanguage, Options: []any{"nl"}, Fixed: true},
			},
		},
		{
			name:  "a limit below every choice leaves the standard alone",
			files: map[string]string{"managed/10.json": `{"lock": {"idle_timeout": "30s", "snooze_max": "30m"}}`},
			want: []row{
				{Key: policy.LockIdleTimeout, Options: []any{nil}},
				// The warning's default is shortened below the 30 seconds.
				{Key: policy.LockWarning, Options: []any{time.Duration(0), 10 * s, nil, 20 * s, 30 * s, 45 * s, 1 * m, 2 * m}, Initial: 2},
				{Key: policy.LockSnoozeMax, Options: []any{time.Duration(0), 15 * m, nil}, Initial: 2},
				{Key: policy.ShareLanguage, Options: allLanguages},
			},
		},
		{
			name:  "a broken managed file: strict defaults, so no presentation mode",
			files: map[string]string{"managed/10.json": `{"lock": `},
			want: []row{
				{Key: policy.LockIdleTimeout, Options: []any{1 * m, 2 * m, 3 * m, nil}, Initial: 3},
				{Key: policy.LockWarning, Options: []any{30 * s}, Fixed: true},
				{Key: policy.ShareLanguage, Options: []any{"auto"}, Fixed: true},
			},
		},
		{
			name: "the user's own values are selected, one written by hand is offered",
			files: map[string]string{"user": `{"lock": {"idle_timeout": "90s", "warning": "15s"}, "share": {"language": "de"}}`,
				"managed/10.json": `{"lock": {"snooze_max": "0"}}`},
			want: []row{
				{Key: policy.LockIdleTimeout, Options: []any{1 * m, 90 * s, 2 * m, 3 * m, nil, 10 * m, 15 * m, 30 * m, 1 * h}, Initial: 1},
				{Key: policy.LockWarning, Options: allWarning, Initial: 2},
				{Key: policy.ShareLanguage, Options: allLanguages, Initial: 2},
			},
		},
		{
			name: "a saved value the policy no longer allows is shown as ignored",
			files: map[string]string{"user": `{"lock": {"idle_timeout": "15m"}, "share": {"language": "de"}}`,
				"managed/10.json": `{"lock": {"idle_timeout": "10m", "snooze_max": "0"}, "share": {"language": "nl"}}`},
			want: []row{
				{Key: policy.LockIdleTimeout, Options: []any{1 * m, 2 * m, 3 * m, 5 * m, nil}, Initial: 4, Ignored: 15 * m},
				{Key: policy.LockWarning, Options: allWarning, Initial: 4},
				{Key: policy.ShareLanguage, Options: []any{"nl"}, Fixed: true},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := rows(files(t, tt.files))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("rows =\n%#v\nwant\n%#v", got, tt.want)
			}
		})
	}
}

func TestChanges(t *testing.T) {
	rs := []row{
		{Key: policy.LockIdleTimeout, Options: []any{nil, 1 * m, 2 * m}, Initial: 2},
		{Key: policy.LockWarning, Options: []any{20 * s}, Fixed: true},
		{Key: policy.ShareLanguage, Options: []any{nil, "auto", "nl"}},
	}
	tests := []struct {
		name     string
		selected []int
		want     map[policy.Key]any
	}{
		{name: "nothing changed", selected: []int{2, 0, 0}, want: map[policy.Key]any{}},
		{name: "a new value", selected: []int{1, 0, 2}, want: map[policy.Key]any{policy.LockIdleTimeout: 1 * m, policy.ShareLanguage: "nl"}},
		{name: "back to standard removes the key", selected: []int{0, 0, 0}, want: map[policy.Key]any{policy.LockIdleTimeout: nil}},
		{name: "a fixed row never changes", selected: []int{2, 5, 0}, want: map[policy.Key]any{}},
	}
	for _, tt := range tests {
		if got := changes(rs, tt.selected); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: changes(%v) = %v, want %v", tt.name, tt.selected, got, tt.want)
		}
	}
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name   string
		files  map[string]string
		chosen map[policy.Key]any
		refuse bool
	}{
		{name: "nothing chosen", chosen: map[policy.Key]any{}},
		{name: "shorter idle, standard warning", chosen: map[policy.Key]any{policy.LockIdleTimeout: 1 * m}},
		{name: "warning equal to idle", chosen: map[policy.Key]any{policy.LockIdleTimeout: 1 * m, policy.LockWarning: 1 * m}, refuse: true},
		{name: "warning longer than idle", chosen: map[policy.Key]any{policy.LockIdleTimeout: 1 * m, policy.LockWarning: 2 * m}, refuse: true},
		{name: "no warning", chosen: map[policy.Key]any{policy.LockIdleTimeout: 1 * m, policy.LockWarning: time.Duration(0)}},
		{name: "idle below the recommended warning", files: map[string]string{"recommended/10.json": `{"lock": {"warning": "2m"}}`},
			chosen: map[policy.Key]any{policy.LockIdleTimeout: 1 * m}, refuse: true},
		{name: "warning beyond the user's own idle timeout", files: map[string]string{"user": `{"lock": {"idle_timeout": "1m"}}`},
			chosen: map[policy.Key]any{policy.LockWarning: 2 * m}, refuse: true},
		{name: "back to a standard idle timeout longer than the warning", files: map[string]string{"user": `{"lock": {"idle_timeout": "1m", "warning": "45s"}}`},
			chosen: map[policy.Key]any{policy.LockIdleTimeout: nil}},
		{name: "a fixed warning is shortened by the policy, not refused", files: map[string]string{"managed/10.json": `{"lock": {"warning": "2m"}}`},
			chosen: map[policy.Key]any{policy.LockIdleTimeout: 1 * m}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := files(t, tt.files)
			got := check(d, tt.chosen)
			if refused := len(got) > 0; refused != tt.refuse {
				t.Fatalf("check(%v) = %v, want refused %v", tt.chosen, got, tt.refuse)
			}
			if tt.refuse && (policy.Key(got[0].Key) != policy.LockWarning || got[0].Code != policy.CodeWarningNotLess) {
				t.Errorf("check(%v) = %v, want %s on %s", tt.chosen, got, policy.CodeWarningNotLess, policy.LockWarning)
			}
		})
	}
}

func TestValueText(t *testing.T) {
	test.NewTempApp(t) // English
	tests := []struct {
		key  policy.Key
		v    any
		want string
	}{
		{policy.LockIdleTimeout, 45 * s, "45 seconds"},
		{policy.LockIdleTimeout, 1 * m, "1 minute"},
		{policy.LockIdleTimeout, 90 * s, "1 minute 30 seconds"},
		{policy.LockIdleTimeout, 2 * h, "2 hours"},
		{policy.LockIdleTimeout, 1*h + 1*s, "1 hour 1 second"},
		{policy.LockWarning, time.Duration(0), "No warning"},
		{policy.LockSnoozeMax, time.Duration(0), "Off"},
		{policy.LockSnoozeMax, 90 * m, "1 hour 30 minutes"},
		{policy.ShareLanguage, "auto", "Your language"},
		{policy.ShareLanguage, "nl", "Dutch"},
		{policy.ShareGenerator, "random", "random"},
		{policy.AppAllowQuit, false, "false"},
	}
	for _, tt := range tests {
		if got := valueText(tt.key, tt.v); got != tt.want {
			t.Errorf("valueText(%s, %v) = %q, want %q", tt.key, tt.v, got, tt.want)
		}
	}
}
