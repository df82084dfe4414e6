package policy

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tailscale/hujson"
)

// parseCases feeds both TestParse and the seeds of FuzzParse.
var parseCases = []struct {
	name    string
	in      string
	values  map[Key]any // expected valid values (subset)
	want    []string    // expected problems as "line:col key code"
	broken  bool
	invalid []Key
}{
	{name: "empty object", in: `{}`},
	{name: "full", in: `{
  // IT: stricter for the marketing team
  "$schema": "urn:grendel:policy",
  "lock": {"idle_timeout": "2m", "warning": "20s", "on_sleep": true, "command": ["i3lock", "-n"], "snooze_max": "1h",},
  "password": {"min_score": 4, "min_length": 14, "banned_words": ["acme", "Grendel"]},
  "share": {"max_age": "3d", "clipboard_clear": "15s", "generator": "random", "words": 6, "language": "nl"},
  "app": {"allow_quit": false},
}`, values: map[Key]any{
		LockIdleTimeout: 2 * time.Minute, LockWarning: 20 * time.Second, LockOnSleep: true,
		LockCommand: []string{"i3lock", "-n"}, LockSnoozeMax: time.Hour, PasswordMinScore: 4,
		PasswordMinLength: 14, PasswordBannedWords: []string{"acme", "Grendel"}, ShareMaxAge: 72 * time.Hour,
		ShareClipboardClear: 15 * time.Second, ShareGenerator: "random", ShareWords: 6, ShareLanguage: "nl", AppAllowQuit: false,
	}},
	{name: "line comment ends the file", in: `{"app": {"allow_quit": false}} // no newline`, values: map[Key]any{AppAllowQuit: false}},
	{name: "block comment", in: "/* managed by IT */ {\"lock\": {\"idle_timeout\": \"1h30m\"}}", values: map[Key]any{LockIdleTimeout: 90 * time.Minute}},
	{name: "empty file", in: "", want: []string{"1:1  empty"}, broken: true},
	{name: "only a comment", in: "// nothing\n", want: []string{"1:1  empty"}, broken: true},
	{name: "only comments, no newline", in: "/* IT */ // nothing", want: []string{"1:1  empty"}, broken: true},
	{name: "broken json", in: "{\n  \"lock\": {\"idle_timeout\": \"5m\"\n}\n", want: []string{"3:2  truncated"}, broken: true},
	{name: "truncated in a value", in: `{"lock": {"idle_timeout": "5m`, want: []string{"1:30  truncated"}, broken: true},
	{name: "truncated after a name", in: "{\n  \"lock\": {\n    \"idle_timeout\":  \n\n", want: []string{"3:20  truncated"}, broken: true},
	{name: "truncated after a comma", in: `{"app": {"allow_quit": true},`, want: []string{"1:30  truncated"}, broken: true},
	{name: "block comment never closed", in: "{\"lock\": {}} /* IT, 2026", want: []string{"1:14  open_comment"}, broken: true},
	{name: "block comment never closed inside", in: "{\n  /* \"lock\": {}}\n", want: []string{"2:3  open_comment"}, broken: true},
	{name: "comment marks in strings and line comments", in: "{\"$schema\": \"a/*b\\\"\" // c /* d\n", want: []string{"1:31  truncated"}, broken: true},
	{name: "byte order mark", in: "\ufeff{\"lock\": {\"idle_timeout\": \"9h\"}}", want: []string{"1:27 lock.idle_timeout out_of_range"}, invalid: []Key{LockIdleTimeout}},
	{name: "huge whole number", in: `{"password": {"min_length": 99999999999999999999}}`, want: []string{"1:29 password.min_length out_of_range"}, invalid: []Key{PasswordMinLength}},
	{name: "number beyond float64", in: `{"password": {"min_score": 1e309}}`, want: []string{"1:28 password.min_score out_of_range"}, invalid: []Key{PasswordMinScore}},
	{name: "nonzero number below float64", in: `{"password": {"min_score": 1e-400}}`, want: []string{"1:28 password.min_score out_of_range"}, invalid: []Key{PasswordMinScore}},
	{name: "missing comma is no truncation", in: `{"app": {"allow_quit": true} "lock": {}}`, want: []string{"1:30  syntax"}, broken: true},
	{name: "garbage", in: "idle_timeout=5m", want: []string{"1:1  syntax"}, broken: true},
	{name: "not an object", in: `["lock"]`, want: []string{"1:1  not_object"}, broken: true},
	{name: "invalid utf-8", in: "{\n \"lock\": {\"command\": [\"x\xff\"]}}", want: []string{"2:25  invalid_utf8"}, broken: true},
	{name: "unknown key with suggestion", in: `{"lock": {"idle_timout": "1m"}}`,
		want: []string{"1:11 lock.idle_timout unknown_key"}, invalid: []Key{LockIdleTimeout}},
	{name: "unknown key far from any", in: `{"lock": {"colour": "red"}}`, want: []string{"1:11 lock.colour unknown_key"}},
	{name: "unknown group", in: `{"lokc": {"idle_timeout": "1m"}}`, want: []string{"1:2 lokc unknown_key"},
		invalid: []Key{LockIdleTimeout, LockWarning, LockOnSleep, LockCommand, LockSnoozeMax}},
	{name: "misspelt key beside the right one", in: `{"lock": {"idle_timeout": "1m", "dle_imeout": ""}}`,
		want: []string{"1:33 lock.dle_imeout unknown_key"}, values: map[Key]any{LockIdleTimeout: time.Minute}},
	{name: "misspelt key before an invalid right one", in: `{"lock": {"idle_timout": "1m", "idle_timeout": "9h"}}`,
		want: []string{"1:11 lock.idle_timout unknown_key", "1:48 lock.idle_timeout out_of_range"}, invalid: []Key{LockIdleTimeout}},
	{name: "misspelt group beside the right one", in: `{"lokc": {"warning": "5s"}, "lock": {"idle_timeout": "1m"}}`,
		want: []string{"1:2 lokc unknown_key"}, values: map[Key]any{LockIdleTimeout: time.Minute},
		invalid: []Key{LockWarning, LockOnSleep, LockCommand, LockSnoozeMax}},
	{name: "flat dotted key", in: `{"lock.idle_timeout": "1m"}`, want: []string{"1:2 lock.idle_timeout unknown_key"}, invalid: []Key{LockIdleTimeout}},
	{name: "group not an object", in: `{"lock": "5m"}`, want: []string{"1:10 lock not_object"},
		invalid: []Key{LockIdleTimeout, LockWarning, LockOnSleep, LockCommand, LockSnoozeMax}},
	{name: "wrong type duration", in: `{"lock": {"idle_timeout": 300}}`, want: []string{"1:27 lock.idle_timeout wrong_type"}, invalid: []Key{LockIdleTimeout}},
	{name: "wrong type bool", in: `{"lock": {"on_sleep": "yes"}}`, want: []string{"1:23 lock.on_sleep wrong_type"}, invalid: []Key{LockOnSleep}},
	{name: "wrong type int", in: `{"share": {"words": "5"}}`, want: []string{"1:21 share.words wrong_type"}, invalid: []Key{ShareWords}},
	{name: "fraction", in: `{"share": {"words": 5.5}}`, want: []string{"1:21 share.words wrong_type"}, invalid: []Key{ShareWords}},
	{name: "null", in: `{"app": {"allow_quit": null}}`, want: []string{"1:24 app.allow_quit null"}, invalid: []Key{AppAllowQuit}},
	{name: "bad duration", in: `{"lock": {"idle_timeout": "5 minutes"}}`, want: []string{"1:27 lock.idle_timeout bad_duration"}, invalid: []Key{LockIdleTimeout}},
	{name: "too short", in: `{"lock": {"idle_timeout": "5s"}}`, want: []string{"1:27 lock.idle_timeout out_of_range"}, invalid: []Key{LockIdleTimeout}},
	{name: "too long", in: `{"lock": {"idle_timeout": "5h"}}`, want: []string{"1:27 lock.idle_timeout out_of_range"}, invalid: []Key{LockIdleTimeout}},
	{name: "int out of range", in: `{"password": {"min_score": 5}}`, want: []string{"1:28 password.min_score out_of_range"}, invalid: []Key{PasswordMinScore}},
	{name: "negative", in: `{"password": {"min_length": -12}}`, want: []string{"1:29 password.min_length out_of_range"}, invalid: []Key{PasswordMinLength}},
	{name: "enum", in: `{"share": {"language": "fr"}}`, want: []string{"1:24 share.language not_in_enum"}, invalid: []Key{ShareLanguage}},
	{name: "warning not less", in: "{\"lock\": {\n  \"idle_timeout\": \"30s\",\n  \"warning\": \"30s\"}}",
		want: []string{"3:14 lock.warning warning_not_less"}, invalid: []Key{LockWarning}, values: map[Key]any{LockIdleTimeout: 30 * time.Second}},
	{name: "duplicate key", in: `{"lock": {"idle_timeout": "1m", "idle_timeout": "2h"}}`, want: []string{"1:33 lock.idle_timeout duplicate_key"}, invalid: []Key{LockIdleTimeout}},
	{name: "duplicate group", in: `{"app": {}, "app": {"allow_quit": true}}`, want: []string{"1:13 app duplicate_key"}, invalid: []Key{AppAllowQuit}},
	{name: "empty list entry", in: `{"password": {"banned_words": ["acme", ""]}}`, want: []string{"1:40 password.banned_words bad_list_entry"}, invalid: []Key{PasswordBannedWords}},
	{name: "list of numbers", in: `{"password": {"banned_words": [1]}}`, want: []string{"1:32 password.banned_words wrong_type"}, invalid: []Key{PasswordBannedWords}},
	{name: "command without program", in: `{"lock": {"command": ["", "-l"]}}`, want: []string{"1:23 lock.command empty_command"}, invalid: []Key{LockCommand}},
	{name: "empty command is allowed", in: `{"lock": {"command": []}}`, values: map[Key]any{LockCommand: []string(nil)}},
	{name: "several problems at once", in: "{\n\"lock\": {\"idle_timeout\": \"9h\"},\n\"share\": {\"words\": 2, \"colour\": 1}\n}",
		want:    []string{"2:26 lock.idle_timeout out_of_range", "3:20 share.words out_of_range", "3:23 share.colour unknown_key"},
		invalid: []Key{LockIdleTimeout, ShareWords}},
	{name: "column counts characters", in: `{"lock": {"command": ["ä", 5]}}`, want: []string{"1:28 lock.command wrong_type"}, invalid: []Key{LockCommand}},
	{name: "names in capitals are read as the keys", in: `{"LOCK": {"IDLE_TIMEOUT": "3m"}, "app": {"Allow_Quit": false}}`,
		want:   []string{"1:2 LOCK key_case", "1:11 lock.IDLE_TIMEOUT key_case", "1:42 app.Allow_Quit key_case"},
		values: map[Key]any{LockIdleTimeout: 3 * time.Minute, AppAllowQuit: false}},
	{name: "a name in capitals beside the key is a duplicate", in: `{"lock": {"idle_timeout": "1h", "Idle_Timeout": "1m"}}`,
		want: []string{"1:33 lock.Idle_Timeout key_case", "1:33 lock.idle_timeout duplicate_key"}, invalid: []Key{LockIdleTimeout}},
	{name: "a group in capitals beside the group is a duplicate", in: `{"app": {}, "APP": {"allow_quit": true}}`,
		want: []string{"1:13 APP key_case", "1:13 app duplicate_key"}, invalid: []Key{AppAllowQuit}},
	{name: "schema must be a string", in: `{"$schema": 1}`, want: []string{"1:13 $schema wrong_type"}},
}

func TestParse(t *testing.T) {
	for _, tc := range parseCases {
		t.Run(tc.name, func(t *testing.T) {
			f := Parse("p.json", []byte(tc.in))
			var got []string
			for _, p := range f.Problems {
				got = append(got, strings.Join(strings.Fields(fmt.Sprintf("%d:%d %s %s", p.Line, p.Col, p.Key, p.Code)), " "))
				if p.File != "p.json" {
					t.Errorf("problem %v names file %q, want p.json", p, p.File)
				}
				if strings.Contains(p.Message(), "<no value>") || p.Message() == "" {
					t.Errorf("problem %v renders %q", p, p.Message())
				}
			}
			want := make([]string, len(tc.want))
			for i, w := range tc.want {
				want[i] = strings.Join(strings.Fields(w), " ")
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("Parse(%q) problems =\n%s\nwant\n%s", tc.in, strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			if f.Broken != tc.broken {
				t.Errorf("Parse(%q).Broken = %v, want %v", tc.in, f.Broken, tc.broken)
			}
			for _, k := range tc.invalid {
				if !f.Invalid[k] {
					t.Errorf("Parse(%q).Invalid[%s] = false, want true", tc.in, k)
				}
			}
			if len(f.Invalid) != len(tc.invalid) {
				t.Errorf("Parse(%q).Invalid = %v, want %v", tc.in, f.Invalid, tc.invalid)
			}
			for k, v := range tc.values {
				if got := FormatValue(f.Values[k]); got != FormatValue(v) {
					t.Errorf("Parse(%q).Values[%s] = %s, want %s", tc.in, k, got, FormatValue(v))
				}
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	for _, tc := range parseCases {
		f.Add([]byte(tc.in))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file := Parse("fuzz.json", data)
		for _, p := range file.Problems {
			if p.Line < 0 || p.Col < 0 || (p.Line == 0) != (p.Col == 0) {
				t.Fatalf("problem at %d:%d", p.Line, p.Col)
			}
			if p.Message() == "" {
				t.Fatalf("problem %q has no message", p.Code)
			}
		}
		for k, v := range file.Values {
			key, ok := Lookup(k)
			if !ok {
				t.Fatalf("value for unknown key %s", k)
			}
			if file.Invalid[k] {
				t.Fatalf("key %s is both valid and invalid", k)
			}
			if key.Bounded() {
				if n := number(v); n < key.Min || n > key.Max {
					t.Fatalf("%s = %v escapes its bounds", k, v)
				}
			}
		}
		if file.Broken && len(file.Values) > 0 {
			t.Fatalf("a broken file has values: %v", file.Values)
		}
		// Whatever the file says, merging it as a managed layer must not
		// panic, and an invalid managed file is never laxer than defaults.
		s := merge([]layer{{kind: SourceManaged, file: file}}, nil)
		if file.Broken && s.Settings.Lock.IdleTimeout > 5*time.Minute {
			t.Fatalf("a broken managed file loosened idle_timeout to %v", s.Settings.Lock.IdleTimeout)
		}
	})
}

// TestNumbersBeyondFloat64 feeds every numeric key numbers that a float64
// cannot hold: each must be out of bounds and fail closed, never read as 0
// (the weakest value of password.min_score). Issue 8, point 4.
func TestNumbersBeyondFloat64(t *testing.T) {
	literals := []string{"1e309", "-1e309", "1e400", "-1e400", "1e-400", "-1e-400", "0.1e-330", "123456789e999"}
	durations := []string{"99999999999d", "9999999999s", "106752d", "1e309s"}
	for _, k := range keys {
		if !k.Bounded() {
			continue
		}
		group, leaf, _ := strings.Cut(string(k.Name), ".")
		ins := literals
		if k.Type == TypeDuration {
			ins = nil
			for _, d := range durations {
				ins = append(ins, strconv.Quote(d))
			}
		}
		for _, in := range ins {
			src := fmt.Sprintf(`{%q: {%q: %s}}`, group, leaf, in)
			f := Parse("managed.json", []byte(src))
			if _, set := f.Values[k.Name]; set || !f.Invalid[k.Name] {
				t.Errorf("Parse(%s): value %v, invalid %v; want no value and the key invalid", src, f.Values[k.Name], f.Invalid[k.Name])
			}
			if len(f.Problems) != 1 || (f.Problems[0].Code != CodeOutOfRange && f.Problems[0].Code != CodeBadDuration) {
				t.Errorf("Parse(%s) problems = %v, want one out_of_range or bad_duration", src, f.Problems)
			}
			s := merge([]layer{{kind: SourceUser, file: Parse("user.json", []byte(fmt.Sprintf(`{%q: {%q: %s}}`, group, leaf, looseJSON(k))))},
				{kind: SourceManaged, file: f}}, nil)
			if got := s.Sources[k.Name]; got.Kind != SourceStrictDefault {
				t.Errorf("managed %s: source %v, want the strict default", src, got.Kind)
			}
		}
	}
	// 0 itself, however written, is a number and no underflow.
	for _, zero := range []string{"0", "-0", "0e5", "0.0e-400", "0E0"} {
		if f, ok := number64(hujson.Literal(zero)); !ok || f != 0 {
			t.Errorf("number64(%s) = %v, %v; want 0, true", zero, f, ok)
		}
	}
}

// looseJSON returns the loosest value that key allows, as JSON.
func looseJSON(k Definition) string {
	v, _ := loosestValue(k)
	b, _ := json.Marshal(jsonValue(v))
	return string(b)
}
