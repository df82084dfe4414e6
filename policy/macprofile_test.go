package policy

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"howett.net/plist"

	"grendel/internal/testdir"
)

// ReadPreferencesFile checks what IT is about to install: a profile that
// mobileconfig made, one with the older custom settings, a managed plist,
// and each of them wrong in the ways a form cannot prevent.
func TestReadPreferencesFile(t *testing.T) {
	dir := testdir.New(t)
	profile := func(values map[Key]any) []byte {
		b, err := MobileConfig(values, ProfileText{DisplayName: "Grendel"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	marshal := func(v any) []byte {
		b, err := plist.MarshalIndent(v, plist.XMLFormat, "\t")
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	mcx := func(settings ...map[string]any) []byte {
		var forced []any
		for _, s := range settings {
			forced = append(forced, map[string]any{"mcx_preference_settings": s})
		}
		return marshal(map[string]any{"PayloadType": "Configuration", "PayloadContent": []any{
			map[string]any{"PayloadType": "com.apple.ManagedClient.preferences", "PayloadContent": map[string]any{
				PreferenceDomain: map[string]any{"Forced": forced}}},
		}})
	}
	tests := []struct {
		name     string
		data     []byte
		values   map[Key]any
		problems []string // "key code", sorted
	}{
		{"a profile that mobileconfig made", profile(map[Key]any{LockIdleTimeout: 3 * time.Minute, ShareLanguage: "nl"}),
			map[Key]any{LockIdleTimeout: 3 * time.Minute, ShareLanguage: "nl"}, nil},
		{"the warning not less than the idle timeout", profile(map[Key]any{LockIdleTimeout: time.Minute, LockWarning: time.Minute}),
			map[Key]any{LockIdleTimeout: time.Minute}, []string{"lock.warning warning_not_less"}},
		{"older custom settings", mcx(map[string]any{"PasswordMinScore": 4, "AppAllowQuit": false}),
			map[Key]any{PasswordMinScore: 4, AppAllowQuit: false}, nil},
		{"a key that two payloads set", mcx(map[string]any{"PasswordMinScore": 4}, map[string]any{"PasswordMinScore": 2, "ShareWords": 6}),
			map[Key]any{ShareWords: 6}, []string{"password.min_score duplicate_key"}},
		{"a value out of bounds, a misspelt name", mcx(map[string]any{"PasswordMinScore": 5, "ShareWord": 6}),
			map[Key]any{}, []string{"ShareWord unknown_key", "password.min_score out_of_range"}},
		{"a profile for another app", marshal(map[string]any{"PayloadType": "Configuration", "PayloadContent": []any{
			map[string]any{"PayloadType": "com.google.Chrome", "LockIdleTimeoutSeconds": 60}, "not a payload"}}),
			map[Key]any{}, []string{" no_payload"}},
		{"a managed plist", marshal(map[string]any{"ShareWords": 7, "PayloadUUID": "x"}), map[Key]any{ShareWords: 7}, nil},
		{"a signed profile, or anything else", []byte("0\x80\x06\x09*\x86H\x86\xf7\x0d\x01\x07\x02"), map[Key]any{}, []string{" bad_plist"}},
	}
	for i, tc := range tests {
		path := filepath.Join(dir, "p"+string(rune('a'+i))+".mobileconfig")
		if err := os.WriteFile(path, tc.data, 0o644); err != nil {
			t.Fatal(err)
		}
		f := ReadPreferencesFile(path)
		var got []string
		for _, p := range f.Problems {
			if p.File != path {
				t.Errorf("%s: problem placed in %q", tc.name, p.File)
			}
			got = append(got, p.Key+" "+string(p.Code))
		}
		slices.Sort(got)
		if !slices.Equal(got, tc.problems) {
			t.Errorf("%s: problems %q, want %q", tc.name, got, tc.problems)
		}
		if len(f.Values) != len(tc.values) {
			t.Errorf("%s: values %v, want %v", tc.name, f.Values, tc.values)
		}
		for k, v := range tc.values {
			if !slices.Equal([]any{f.Values[k]}, []any{v}) {
				t.Errorf("%s: %s = %#v, want %#v", tc.name, k, f.Values[k], v)
			}
		}
	}
	if f := ReadPreferencesFile(filepath.Join(dir, "missing.plist")); !f.Broken || f.Problems[0].Code != CodeUnreadable {
		t.Errorf("a missing file: %+v", f)
	}
}
