package policy

import (
	"strings"
	"testing"
	"time"
)

// mapStore is a [Store] held in memory, the way a registry or managed
// preferences source will read: one Layer per place, raw values by key.
type mapStore []Layer

// ReadPolicy implements [Store].
func (m mapStore) ReadPolicy() []Layer { return m }

var _ Store = mapStore{}

// TestStorePrecedenceAndFailingClosed drives the merge through a store
// that is not files, as the registry will: precedence, the user's file
// beside it, values of the wrong type or out of bounds, problems the
// store reports, and unknown names, each failing closed where a managed
// file would.
func TestStorePrecedenceAndFailingClosed(t *testing.T) {
	const hklm, hkcu, rec = `HKLM\Software\Policies\Grendel\Grendel`, `HKCU\Software\Policies\Grendel\Grendel`, `HKLM\Software\Policies\Grendel\Grendel\Recommended`
	type want struct {
		key    Key
		value  string
		kind   SourceKind
		origin string
	}
	tests := []struct {
		name     string
		store    mapStore
		user     string // the user's settings.json, if any
		want     []want
		closed   bool
		problems []string // "origin key code" of each problem, in order
	}{
		{name: "recommended under the user, managed over both, the user stricter still", store: mapStore{
			{Kind: SourceRecommended, Origin: rec, Values: map[Key]any{LockIdleTimeout: 10 * time.Minute, ShareWords: 6}},
			{Kind: SourceManaged, Origin: hklm, Values: map[Key]any{LockIdleTimeout: 3 * time.Minute, PasswordMinScore: int64(2), ShareGenerator: "random"}},
		}, user: `{"lock": {"idle_timeout": "1h"}, "password": {"min_score": 4}, "share": {"generator": "passphrase"}}`, want: []want{
			{LockIdleTimeout, "3m", SourceManaged, hklm},
			{PasswordMinScore, "4", SourceUser, "settings.json"},
			{ShareGenerator, "random", SourceManaged, hklm},
			{ShareWords, "6", SourceRecommended, rec},
		}},
		{name: "a recommended layer read after the user's file stays under it", store: mapStore{
			{Kind: SourceRecommended, Origin: rec, Values: map[Key]any{LockIdleTimeout: 10 * time.Minute}},
		}, user: `{"lock": {"idle_timeout": "20m"}}`, want: []want{{LockIdleTimeout, "20m", SourceUser, "settings.json"}}},
		{name: "the later managed layer wins (HKLM over HKCU)", store: mapStore{
			{Kind: SourceManaged, Origin: hkcu, Values: map[Key]any{LockIdleTimeout: 2 * time.Minute, AppAllowQuit: false}},
			{Kind: SourceManaged, Origin: hklm, Values: map[Key]any{LockIdleTimeout: 4 * time.Minute}},
		}, want: []want{{LockIdleTimeout, "4m", SourceManaged, hklm}, {AppAllowQuit, "false", SourceManaged, hkcu}}},
		{name: "integers of other Go types, lists", store: mapStore{
			{Kind: SourceManaged, Origin: hklm, Values: map[Key]any{ShareWords: uint32(7), PasswordMinLength: uint64(16), PasswordBannedWords: []string{"acme"}, LockCommand: []string{}}},
		}, user: `{"password": {"banned_words": ["welkom"]}}`, want: []want{
			{ShareWords, "7", SourceManaged, hklm}, {PasswordMinLength, "16", SourceManaged, hklm},
			{PasswordBannedWords, `["acme","welkom"]`, SourceManaged, hklm}, {LockCommand, "[]", SourceManaged, hklm},
		}},
		{name: "wrong type: that key fails closed, the user's looser value ignored", closed: true, store: mapStore{
			{Kind: SourceManaged, Origin: hklm, Values: map[Key]any{LockIdleTimeout: "3m", LockSnoozeMax: 15 * time.Minute, AppAllowQuit: 0}},
		}, user: `{"lock": {"idle_timeout": "1h", "snooze_max": "1h"}}`, want: []want{
			{LockIdleTimeout, "5m", SourceStrictDefault, hklm},
			{LockSnoozeMax, "15m", SourceManaged, hklm},
			{AppAllowQuit, "false", SourceStrictDefault, hklm},
		}, problems: []string{hklm + " lock.idle_timeout wrong_type", hklm + " app.allow_quit wrong_type", hklm + "  strict_defaults"}},
		{name: "out of bounds, not allowed, a bad entry: each fails closed", closed: true, store: mapStore{
			{Kind: SourceManaged, Origin: hklm, Values: map[Key]any{
				LockIdleTimeout: 9 * time.Hour, PasswordMinScore: uint64(1 << 63), ShareLanguage: "fr",
				PasswordBannedWords: []string{"acme", ""}, ShareMaxAge: 1500 * time.Millisecond, LockWarning: nil,
			}},
		}, user: `{"lock": {"idle_timeout": "1h"}, "password": {"min_score": 0}, "share": {"language": "de", "max_age": "90d"}}`, want: []want{
			{LockIdleTimeout, "5m", SourceStrictDefault, hklm},
			{PasswordMinScore, "3", SourceStrictDefault, hklm},
			{ShareLanguage, "auto", SourceStrictDefault, hklm},
			{PasswordBannedWords, "[]", SourceStrictDefault, hklm},
			{ShareMaxAge, "7d", SourceStrictDefault, hklm},
			{LockWarning, "30s", SourceStrictDefault, hklm},
		}, problems: []string{
			hklm + " lock.idle_timeout out_of_range", hklm + " lock.warning null", hklm + " password.min_score out_of_range",
			hklm + " password.banned_words bad_list_entry", hklm + " share.max_age bad_duration", hklm + " share.language not_in_enum",
			hklm + "  strict_defaults",
		}},
		{name: "a valid stricter value beside an invalid one stands", closed: true, store: mapStore{
			{Kind: SourceManaged, Origin: hkcu, Values: map[Key]any{LockIdleTimeout: 2 * time.Minute}},
			{Kind: SourceManaged, Origin: hklm, Values: map[Key]any{LockIdleTimeout: "soon"}},
		}, want: []want{{LockIdleTimeout, "2m", SourceManaged, hkcu}}},
		{name: "a problem the store names a key for: that key fails closed", closed: true, store: mapStore{
			{Kind: SourceManaged, Origin: hklm, Values: map[Key]any{LockIdleTimeout: 2 * time.Minute},
				Problems: []Problem{{Key: string(LockSnoozeMax), Code: CodeWrongType, Args: map[string]string{"Got": KindString, "Want": KindDuration}}}},
		}, user: `{"lock": {"snooze_max": "2h"}}`, want: []want{
			{LockIdleTimeout, "2m", SourceManaged, hklm}, {LockSnoozeMax, "0", SourceStrictDefault, hklm},
		}, problems: []string{hklm + " lock.snooze_max wrong_type", hklm + "  strict_defaults"}},
		{name: "a place the store cannot read: every key fails closed, its values ignored", closed: true, store: mapStore{
			{Kind: SourceManaged, Origin: hklm, Values: map[Key]any{LockIdleTimeout: 20 * time.Minute},
				Problems: []Problem{{Code: CodeUnreadable, Args: map[string]string{"Detail": "access denied"}}}},
		}, user: `{"lock": {"idle_timeout": "1h"}, "app": {"allow_quit": true}}`, want: []want{
			{LockIdleTimeout, "5m", SourceStrictDefault, hklm}, {AppAllowQuit, "false", SourceStrictDefault, hklm},
		}},
		{name: "a warning changes nothing", store: mapStore{
			{Kind: SourceManaged, Origin: hklm, Values: map[Key]any{LockIdleTimeout: 2 * time.Minute},
				Problems: []Problem{{Key: "Lock.Idle_Timeout", Code: CodeKeyCase, Args: map[string]string{"Canonical": string(LockIdleTimeout)}, Warning: true}}},
		}, want: []want{{LockIdleTimeout, "2m", SourceManaged, hklm}}, problems: []string{hklm + " Lock.Idle_Timeout key_case"}},
		{name: "an unknown name in a managed group fails the group closed", closed: true, store: mapStore{
			{Kind: SourceManaged, Origin: hklm, Values: map[Key]any{ShareWords: 6}, Unknown: []string{"lock.timeout"}},
		}, user: `{"lock": {"idle_timeout": "1h"}, "share": {"words": 4}}`, want: []want{
			{LockIdleTimeout, "5m", SourceStrictDefault, hklm}, {ShareWords, "6", SourceManaged, hklm},
		}, problems: []string{hklm + " lock.timeout unknown_key", hklm + "  strict_defaults"}},
		{name: "an unknown name in no group fails every key closed", closed: true, store: mapStore{
			{Kind: SourceManaged, Origin: hklm, Values: map[Key]any{"ScreenTimeout": 3 * time.Minute}},
		}, user: `{"share": {"max_age": "90d"}}`, want: []want{{ShareMaxAge, "7d", SourceStrictDefault, hklm}}},
		{name: "unknown names in a recommended layer are only reported", store: mapStore{
			{Kind: SourceRecommended, Origin: rec, Values: map[Key]any{LockIdleTimeout: "10m"}, Unknown: []string{"lock.timeout"}},
		}, user: `{"lock": {"snooze_max": "1h"}}`, want: []want{
			{LockIdleTimeout, "5m", SourceDefault, ""}, {LockSnoozeMax, "1h", SourceUser, "settings.json"},
		}, problems: []string{rec + " lock.idle_timeout wrong_type", rec + " lock.timeout unknown_key"}},
		{name: "warning not less than the idle timeout of the same place", closed: true, store: mapStore{
			{Kind: SourceManaged, Origin: hklm, Values: map[Key]any{LockIdleTimeout: time.Minute, LockWarning: 2 * time.Minute}},
		}, want: []want{{LockIdleTimeout, "1m", SourceManaged, hklm}, {LockWarning, "30s", SourceStrictDefault, hklm}}},
		{name: "a --policy layer only tightens", store: mapStore{
			{Kind: SourceManaged, Origin: hklm, Values: map[Key]any{LockIdleTimeout: 3 * time.Minute}},
			{Kind: SourceExtra, Origin: "mem:flag", Values: map[Key]any{LockIdleTimeout: 2 * time.Hour, ShareMaxAge: 24 * time.Hour}},
		}, want: []want{{LockIdleTimeout, "3m", SourceManaged, hklm}, {ShareMaxAge, "1d", SourceExtra, "mem:flag"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			stores := []Store{tc.store}
			if tc.user != "" {
				stores = append([]Store{FileStore{Paths: tree(t, map[string]string{"user/settings.json": tc.user})}}, stores...)
			}
			s := LoadStores(stores...)
			for _, w := range tc.want {
				v, _ := s.Settings.Get(w.key)
				if got := FormatValue(v); got != w.value {
					t.Errorf("%s = %s, want %s", w.key, got, w.value)
				}
				src := s.Sources[w.key]
				if src.Kind != w.kind || !strings.HasSuffix(src.File, w.origin) || (w.origin == "") != (src.File == "") {
					t.Errorf("%s source = %v %q, want %v %q", w.key, src.Kind, src.File, w.kind, w.origin)
				}
			}
			if s.FailedClosed != tc.closed {
				t.Errorf("FailedClosed = %v, want %v; problems: %v", s.FailedClosed, tc.closed, s.Problems)
			}
			if tc.problems != nil {
				var got []string
				for _, p := range s.Problems {
					got = append(got, p.File+" "+p.Key+" "+string(p.Code))
				}
				if strings.Join(got, "\n") != strings.Join(tc.problems, "\n") {
					t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.problems, "\n"))
				}
			}
		})
	}
}

// TestStoreChecksLikeFiles feeds every key's values through a store and
// through a JSON file: each is valid in both or invalid in both, with the
// same problem code, so a value means the same wherever it is read.
func TestStoreChecksLikeFiles(t *testing.T) {
	type pair struct {
		raw  any    // as a store reads it
		json string // as a file writes it
	}
	values := map[Type][]pair{
		TypeDuration:   {{time.Duration(0), `"0"`}, {10 * time.Second, `"10s"`}, {5 * time.Minute, `"5m"`}, {2 * time.Hour, `"2h"`}, {4 * time.Hour, `"4h"`}, {90 * 24 * time.Hour, `"90d"`}, {91 * 24 * time.Hour, `"91d"`}, {"5m", `5`}, {true, `true`}},
		TypeBool:       {{true, `true`}, {false, `false`}, {"true", `"true"`}, {1, `1`}},
		TypeInt:        {{0, `0`}, {3, `3`}, {4, `4`}, {5, `5`}, {8, `8`}, {10, `10`}, {128, `128`}, {129, `129`}, {-1, `-1`}, {"5", `"5"`}},
		TypeEnum:       {{"auto", `"auto"`}, {"random", `"random"`}, {"passphrase", `"passphrase"`}, {"fr", `"fr"`}, {"", `""`}, {1, `1`}},
		TypeStringList: {{[]string{}, `[]`}, {[]string{"acme"}, `["acme"]`}, {[]string{""}, `[""]`}, {[]string{"a\tb"}, `["a\tb"]`}, {"acme", `"acme"`}, {nil, `null`}},
		TypeArgv:       {{[]string{}, `[]`}, {[]string{"xlock", ""}, `["xlock", ""]`}, {[]string{"", "-l"}, `["", "-l"]`}, {"xlock", `"xlock"`}},
	}
	for _, k := range keys {
		group, leaf, _ := strings.Cut(string(k.Name), ".")
		for _, v := range values[k.Type] {
			fromStore := mapStore{{Kind: SourceManaged, Origin: "mem", Values: map[Key]any{k.Name: v.raw}}}[0].read().file
			fromFile := Parse("f.json", []byte(`{"`+group+`": {"`+leaf+`": `+v.json+`}}`))
			if fromStore.Invalid[k.Name] != fromFile.Invalid[k.Name] || !equalValue(fromStore.Values[k.Name], fromFile.Values[k.Name]) {
				t.Errorf("%s = %v: store %v invalid %v, file %v invalid %v", k.Name, v.raw,
					fromStore.Values[k.Name], fromStore.Invalid[k.Name], fromFile.Values[k.Name], fromFile.Invalid[k.Name])
				continue
			}
			if len(fromStore.Problems) != len(fromFile.Problems) || len(fromFile.Problems) > 0 && fromStore.Problems[0].Code != fromFile.Problems[0].Code {
				t.Errorf("%s = %v: store problems %v, file %v", k.Name, v.raw, fromStore.Problems, fromFile.Problems)
			}
		}
	}
}
