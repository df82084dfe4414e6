package policy

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// regWrite is one value written to the in-memory registry: under the
// policy key (sub "") or a subkey of it.
type regWrite struct {
	hive, sub, name string
	typ             uint32
	data            []byte
}

// memoryHives returns HKCU and HKLM in memory, with writes applied.
func memoryHives(writes ...regWrite) RegistryStore {
	hkcu, hklm := &MemoryKey{}, &MemoryKey{}
	for _, w := range writes {
		root := hklm
		if w.hive == "HKCU" {
			root = hkcu
		}
		path := RegistryPath
		if w.sub != "" {
			path += `\` + w.sub
		}
		k := root.Create(path)
		if w.name != "" || w.data != nil {
			k.Set(w.name, w.typ, w.data)
		}
	}
	return RegistryStore{Hives: []Hive{{Name: "HKCU", Root: hkcu}, {Name: "HKLM", Machine: true, Root: hklm}}}
}

func dword(hive, name string, n uint32) regWrite {
	return regWrite{hive: hive, name: name, typ: RegDWord, data: EncodeRegistryDWord(n)}
}

func sz(hive, name, s string) regWrite {
	return regWrite{hive: hive, name: name, typ: RegSZ, data: EncodeRegistryString(s)}
}

const (
	originHKLM = `HKLM\` + RegistryPath
	originHKCU = `HKCU\` + RegistryPath
)

// TestRegistryStore reads values as Group Policy writes them, and bad
// ones: each either gives the key's value with its registry origin, or a
// problem that names the registry key and makes the key fail closed
// (or, for lock.command under HKCU, is ignored).
func TestRegistryStore(t *testing.T) {
	tests := []struct {
		name     string
		writes   []regWrite
		want     map[Key]string // effective value as displayed
		origin   map[Key]string // where it comes from, if not the default
		problems []string       // "origin key code", sorted
	}{
		{name: "durations, ints, bools and enums", writes: []regWrite{
			dword("HKLM", "LockIdleTimeoutSeconds", 120), dword("HKLM", "PasswordMinScore", 4),
			dword("HKLM", "LockOnSleep", 1), dword("HKLM", "AppAllowQuit", 0), sz("HKLM", "ShareGenerator", "random"),
		}, want: map[Key]string{LockIdleTimeout: "2m", PasswordMinScore: "4", LockOnSleep: "true", AppAllowQuit: "false", ShareGenerator: "random"},
			origin: map[Key]string{LockIdleTimeout: originHKLM, AppAllowQuit: originHKLM}},
		{name: "value names in any case", writes: []regWrite{dword("HKLM", "lockidletimeoutseconds", 60)},
			want: map[Key]string{LockIdleTimeout: "1m"}, origin: map[Key]string{LockIdleTimeout: originHKLM}},
		{name: "HKLM wins over HKCU", writes: []regWrite{dword("HKCU", "ShareWords", 6), dword("HKLM", "ShareWords", 8), dword("HKCU", "PasswordMinLength", 20)},
			want: map[Key]string{ShareWords: "8", PasswordMinLength: "20"}, origin: map[Key]string{ShareWords: originHKLM, PasswordMinLength: originHKCU}},
		{name: "recommended subkey", writes: []regWrite{dword("HKLM", "", 0), {hive: "HKLM", sub: "Recommended", name: "ShareWords", typ: RegDWord, data: EncodeRegistryDWord(7)}},
			want: map[Key]string{ShareWords: "7"}, origin: map[Key]string{ShareWords: originHKLM + `\Recommended`}},
		{name: "list as a subkey of numbered values, in number order", writes: []regWrite{
			{hive: "HKLM", sub: "PasswordBannedWords", name: "10", typ: RegSZ, data: EncodeRegistryString("tien")},
			{hive: "HKLM", sub: "PasswordBannedWords", name: "2", typ: RegSZ, data: EncodeRegistryString("twee")},
			{hive: "HKLM", sub: "PasswordBannedWords", name: "1", typ: RegSZ, data: EncodeRegistryString("acme")},
		}, want: map[Key]string{PasswordBannedWords: `["acme","twee","tien"]`}, origin: map[Key]string{PasswordBannedWords: originHKLM}},
		{name: "list as REG_MULTI_SZ", writes: []regWrite{{hive: "HKLM", name: "SharePartners", typ: RegMultiSZ, data: EncodeRegistryStrings([]string{"mailhuis.nl", "Drukkerij Jansen"})}},
			want: map[Key]string{SharePartners: `["mailhuis.nl","Drukkerij Jansen"]`}, origin: map[Key]string{SharePartners: originHKLM}},
		{name: "empty list subkey sets an empty list", writes: []regWrite{{hive: "HKLM", sub: "SharePartners"}},
			want: map[Key]string{SharePartners: `[]`}, origin: map[Key]string{SharePartners: originHKLM}},
		{name: "lock.command from HKLM", writes: []regWrite{
			{hive: "HKLM", sub: "LockCommand", name: "1", typ: RegSZ, data: EncodeRegistryString(`C:\Tools\lock.exe`)},
			{hive: "HKLM", sub: "LockCommand", name: "2", typ: RegSZ, data: EncodeRegistryString("/now")},
		}, want: map[Key]string{LockCommand: `["C:\\Tools\\lock.exe","/now"]`}, origin: map[Key]string{LockCommand: originHKLM}},
		{name: "lock.command under HKCU is ignored, HKLM's stands", writes: []regWrite{
			{hive: "HKCU", sub: "LockCommand", name: "1", typ: RegSZ, data: EncodeRegistryString(`evil.exe`)},
			{hive: "HKCU", name: "LockCommand", typ: RegMultiSZ, data: EncodeRegistryStrings([]string{"evil.exe"})},
			{hive: "HKLM", name: "LockCommand", typ: RegMultiSZ, data: EncodeRegistryStrings([]string{"lock.exe"})},
			dword("HKCU", "ShareWords", 6),
		}, want: map[Key]string{LockCommand: `["lock.exe"]`, ShareWords: "6"}, origin: map[Key]string{LockCommand: originHKLM},
			problems: []string{originHKCU + " lock.command machine_only"}},
		{name: "wrong type fails closed", writes: []regWrite{sz("HKLM", "LockIdleTimeoutSeconds", "120"), dword("HKLM", "ShareGenerator", 1)},
			want:     map[Key]string{LockIdleTimeout: "5m", ShareGenerator: "passphrase"},
			problems: []string{originHKLM + " lock.idle_timeout registry_type", originHKLM + " share.generator registry_type"}},
		{name: "out of range and bad bools fail closed", writes: []regWrite{
			dword("HKLM", "LockIdleTimeoutSeconds", 5), dword("HKLM", "LockSnoozeMaxSeconds", 1<<31), dword("HKLM", "SharePartnersOnly", 2),
			dword("HKLM", "PasswordMinScore", 9), sz("HKLM", "ShareLanguage", "fr"),
		}, want: map[Key]string{LockIdleTimeout: "5m", LockSnoozeMax: "0", SharePartnersOnly: "true", PasswordMinScore: "3", ShareLanguage: "auto"},
			problems: []string{originHKLM + " lock.idle_timeout out_of_range", originHKLM + " lock.snooze_max out_of_range",
				originHKLM + " password.min_score out_of_range", originHKLM + " share.language not_in_enum", originHKLM + " share.partners_only out_of_range"}},
		{name: "a number of the wrong length", writes: []regWrite{{hive: "HKLM", name: "ShareWords", typ: RegDWord, data: []byte{6, 0}}},
			want: map[Key]string{ShareWords: "5"}, problems: []string{originHKLM + " share.words registry_size"}},
		{name: "QWORD is read as a number", writes: []regWrite{{hive: "HKLM", name: "ShareWords", typ: RegQWord, data: []byte{9, 0, 0, 0, 0, 0, 0, 0}}},
			want: map[Key]string{ShareWords: "9"}, origin: map[Key]string{ShareWords: originHKLM}},
		{name: "list entry of the wrong type or name", writes: []regWrite{
			{hive: "HKLM", sub: "SharePartners", name: "1", typ: RegDWord, data: EncodeRegistryDWord(1)},
			{hive: "HKLM", sub: "PasswordBannedWords", name: "01", typ: RegSZ, data: EncodeRegistryString("acme")},
		}, want: map[Key]string{SharePartners: "[]", PasswordBannedWords: "[]"},
			// Placed at the list's own key, where the admin finds the entry.
			problems: []string{originHKLM + `\PasswordBannedWords password.banned_words list_value_name`, originHKLM + `\SharePartners share.partners registry_type`}},
		{name: "a list both as a value and a subkey", writes: []regWrite{
			{hive: "HKLM", name: "SharePartners", typ: RegMultiSZ, data: EncodeRegistryStrings([]string{"a.nl"})},
			{hive: "HKLM", sub: "SharePartners", name: "1", typ: RegSZ, data: EncodeRegistryString("b.nl")},
		}, want: map[Key]string{SharePartners: "[]"}, problems: []string{originHKLM + " share.partners duplicate_key"}},
		{name: "an empty list entry", writes: []regWrite{{hive: "HKLM", sub: "SharePartners", name: "1", typ: RegSZ, data: EncodeRegistryString("")}},
			want: map[Key]string{SharePartners: "[]"}, problems: []string{originHKLM + " share.partners bad_list_entry"}},
		{name: "unknown value names fail their group closed", writes: []regWrite{dword("HKLM", "LockIdleTimeout", 60), dword("HKLM", "ShareWords", 6)},
			want:     map[Key]string{LockIdleTimeout: "5m", ShareWords: "6"},
			problems: []string{originHKLM + " LockIdleTimeout unknown_key"}},
		{name: "a misspelt subkey fails the managed key closed", writes: []regWrite{
			{hive: "HKLM", sub: "Recomended", name: "ShareWords", typ: RegDWord, data: EncodeRegistryDWord(7)}, dword("HKLM", "ShareWords", 6),
		}, want: map[Key]string{ShareWords: "6", LockIdleTimeout: "5m", AppAllowQuit: "false"},
			origin:   map[Key]string{ShareWords: originHKLM},
			problems: []string{originHKLM + " Recomended unknown_key"}},
		{name: "an unknown subkey of the recommended key is reported", writes: []regWrite{
			{hive: "HKCU", sub: `Recommended\Recommended`}, {hive: "HKCU", sub: "Recommended", name: "ShareWords", typ: RegDWord, data: EncodeRegistryDWord(7)},
		}, want: map[Key]string{ShareWords: "7"}, origin: map[Key]string{ShareWords: originHKCU + `\Recommended`},
			problems: []string{originHKCU + `\Recommended Recommended unknown_key`}},
		{name: "subkey names in any case", writes: []regWrite{
			{hive: "HKLM", sub: "recommended", name: "ShareWords", typ: RegDWord, data: EncodeRegistryDWord(7)},
			{hive: "HKLM", sub: "sharepartners", name: "1", typ: RegSZ, data: EncodeRegistryString("a.nl")},
			{hive: "HKLM", sub: `recommended\PASSWORDBANNEDWORDS`, name: "1", typ: RegSZ, data: EncodeRegistryString("acme")},
		}, want: map[Key]string{ShareWords: "7", SharePartners: `["a.nl"]`, PasswordBannedWords: `["acme"]`}},
		{name: "warning not less than the idle timeout", writes: []regWrite{dword("HKLM", "LockIdleTimeoutSeconds", 60), dword("HKLM", "LockWarningSeconds", 60)},
			want: map[Key]string{LockIdleTimeout: "1m", LockWarning: "30s"}, problems: []string{originHKLM + " lock.warning warning_not_less"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := LoadStores(memoryHives(tt.writes...)).Report()
			for _, k := range r.Keys {
				if want, ok := tt.want[k.Key]; ok && k.Display != want {
					t.Errorf("%s = %s, want %s", k.Key, k.Display, want)
				}
				if want, ok := tt.origin[k.Key]; ok && k.File != want {
					t.Errorf("%s comes from %q (%v), want %q", k.Key, k.File, k.Source, want)
				}
			}
			var got []string
			for _, p := range r.Problems {
				if p.Code != CodeStrictDefaults {
					got = append(got, fmt.Sprintf("%s %s %s", p.File, p.Key, p.Code))
				}
			}
			slices.Sort(got)
			if strings.Join(got, "\n") != strings.Join(tt.problems, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.problems, "\n"))
			}
		})
	}
}

// TestRegistryStoreUnreadable: a policy key that cannot be opened fails
// every key closed; a missing one is no layer at all.
func TestRegistryStoreUnreadable(t *testing.T) {
	s := RegistryStore{Hives: []Hive{{Name: "HKLM", Machine: true, Root: &brokenKey{}}}}
	snap := LoadStores(s)
	if !snap.FailedClosed {
		t.Errorf("an unreadable policy key did not fail closed: %v", snap.Report().Problems)
	}
	if got := LoadStores(RegistryStore{Hives: []Hive{{Name: "HKLM", Root: &MemoryKey{}}}}).Report().Problems; len(got) != 0 {
		t.Errorf("a missing policy key gave problems: %v", got)
	}
}

// brokenKey is a registry key that cannot be opened.
type brokenKey struct{ MemoryKey }

func (*brokenKey) OpenKey(string) (RegistryKey, error) { return nil, fmt.Errorf("access denied") }

// decodeCases feed the table test and the fuzz seeds of
// DecodeRegistryValue.
var decodeCases = []struct {
	key  Key
	typ  uint32
	data []byte
	want any // nil: a problem
}{
	{LockIdleTimeout, RegDWord, EncodeRegistryDWord(300), 5 * time.Minute},
	{LockIdleTimeout, RegDWord, EncodeRegistryDWord(1 << 31), nil},
	{LockIdleTimeout, RegSZ, EncodeRegistryString("300"), nil},
	{LockOnSleep, RegDWord, EncodeRegistryDWord(0), false},
	{LockOnSleep, RegDWord, EncodeRegistryDWord(1), true},
	{LockOnSleep, RegDWord, EncodeRegistryDWord(2), nil},
	{LockOnSleep, RegDWord, []byte{1}, nil},
	{ShareWords, RegQWord, []byte{6, 0, 0, 0, 0, 0, 0, 0}, uint64(6)},
	{ShareGenerator, RegSZ, EncodeRegistryString("random"), "random"},
	{ShareGenerator, RegSZ, []byte{'r', 0, 'a', 0}, "ra"},
	{ShareGenerator, RegSZ, append(EncodeRegistryString("ra"), 'x', 0, 0, 0), "ra"},
	{ShareGenerator, RegExpandSZ, EncodeRegistryString("random"), nil},
	{SharePartners, RegMultiSZ, EncodeRegistryStrings([]string{"a.nl", "b.de"}), []string{"a.nl", "b.de"}},
	{SharePartners, RegMultiSZ, []byte{'a', 0, 0, 0, 'b', 0}, []string{"a", "b"}},
	{SharePartners, RegMultiSZ, nil, []string(nil)},
	{SharePartners, RegSZ, EncodeRegistryString("a.nl"), nil},
	{LockCommand, RegMultiSZ, []byte{0xd8, 0xd8, 0, 0}, []string{"\ufffd"}},
}

// TestDecodeRegistryValue decodes raw registry bytes per key type.
func TestDecodeRegistryValue(t *testing.T) {
	for _, c := range decodeCases {
		d, _ := Lookup(c.key)
		got, p := DecodeRegistryValue(d, c.typ, c.data)
		if (p == nil) != (c.want != nil) || fmt.Sprintf("%#v", got) != fmt.Sprintf("%#v", c.want) && c.want != nil {
			t.Errorf("DecodeRegistryValue(%s, %s, % x) = %#v, %v; want %#v", c.key, RegTypeName(c.typ), c.data, got, p, c.want)
		}
		if p != nil && (p.Key != string(c.key) || Messages[p.Code] == "") {
			t.Errorf("DecodeRegistryValue(%s, %s, % x): problem %+v names no key or code", c.key, RegTypeName(c.typ), c.data, p)
		}
	}
}

// FuzzDecodeRegistryValue: any bytes of any type, for every key, give a
// value or a problem, never a panic; a value passes the key's check or
// fails it with a problem, and strings survive re-encoding.
func FuzzDecodeRegistryValue(f *testing.F) {
	for i, c := range decodeCases {
		f.Add(uint8(i), c.typ, c.data)
	}
	f.Fuzz(func(t *testing.T, key uint8, typ uint32, data []byte) {
		d := keys[int(key)%len(keys)]
		v, p := DecodeRegistryValue(d, typ, data)
		if (v == nil) == (p == nil) {
			t.Fatalf("value %#v and problem %v", v, p)
		}
		if p != nil {
			if Messages[p.Code] == "" || p.Key != string(d.Name) {
				t.Fatalf("problem %+v", p)
			}
			return
		}
		if _, problems := d.check(v); problems == nil {
			if s, ok := v.(string); ok && decodeUTF16(EncodeRegistryString(s)) != s {
				t.Fatalf("%q does not survive re-encoding", s)
			}
		}
	})
}

// FuzzRegistryStore fills a policy key and a list subkey with any names,
// types and bytes: reading and merging them never panics, and every
// problem has a message and names the registry key it was found in.
func FuzzRegistryStore(f *testing.F) {
	f.Add("LockIdleTimeoutSeconds", uint32(RegDWord), EncodeRegistryDWord(120), "1", EncodeRegistryString("acme"), false)
	f.Add("SharePartners", uint32(RegMultiSZ), EncodeRegistryStrings([]string{"a.nl"}), "x", []byte{0xff}, true)
	f.Add("LockCommand", uint32(RegSZ), EncodeRegistryString("lock.exe"), "01", []byte{}, false)
	f.Fuzz(func(t *testing.T, name string, typ uint32, data []byte, entry string, entryData []byte, machine bool) {
		root := &MemoryKey{}
		k := root.Create(RegistryPath)
		k.Set(name, typ, data)
		k.Create("PasswordBannedWords").Set(entry, RegSZ, entryData)
		k.Create("LockCommand").Set(entry, typ, entryData)
		hive := Hive{Name: "HKCU", Machine: machine, Root: root}
		snap := LoadStores(RegistryStore{Hives: []Hive{hive}})
		for _, p := range snap.Problems {
			if p.Message() == "" || !strings.HasPrefix(p.File, `HKCU\`+RegistryPath) {
				t.Fatalf("problem %+v", p)
			}
		}
	})
}

// TestFormatProblemPlaces: a problem in a file is placed by line and
// column (a whole file at 1:1, where editors jump to); one in a registry
// key by the key alone, which has no lines.
func TestFormatProblemPlaces(t *testing.T) {
	for _, tc := range []struct {
		p    Problem
		want string
	}{
		{Problem{File: "/etc/grendel/policies/managed/10.json", Line: 3, Col: 17, Key: "lock.idle_timeout"}, "/etc/grendel/policies/managed/10.json:3:17: lock.idle_timeout: msg"},
		{Problem{File: "/etc/grendel/policies/managed/10.json"}, "/etc/grendel/policies/managed/10.json:1:1: msg"},
		{Problem{File: `HKLM\Software\Policies\Grendel\Grendel`, Key: "share.words"}, `HKLM\Software\Policies\Grendel\Grendel: share.words: msg`},
		{Problem{File: `HKCU\Software\Policies\Grendel\Grendel`}, `HKCU\Software\Policies\Grendel\Grendel: msg`},
	} {
		if got := FormatProblem(tc.p, "msg"); got != tc.want {
			t.Errorf("FormatProblem(%+v) = %q, want %q", tc.p, got, tc.want)
		}
	}
}

// TestRegistryUnknownSubkeySuggests: a subkey that is neither a list's
// nor (in the managed key) Recommended is answered with the subkey it was
// probably meant to be.
func TestRegistryUnknownSubkeySuggests(t *testing.T) {
	for _, tc := range []struct{ sub, name, want string }{
		{"Recomended", "Recomended", "Recommended"},
		{"Recommanded", "Recommanded", "Recommended"},
		{"SharePartner", "SharePartner", "SharePartners"},
		{`Recommended\PasswordBanedWords`, "PasswordBanedWords", "PasswordBannedWords"},
		{`Recommended\Recomended`, "Recomended", ""}, // no Recommended under Recommended
		{"Settings", "Settings", ""},
	} {
		snap := LoadStores(memoryHives(regWrite{hive: "HKLM", sub: tc.sub}))
		var got []Problem
		for _, p := range snap.Problems {
			if p.Code == CodeUnknownKey {
				got = append(got, p)
			}
		}
		if len(got) != 1 || got[0].Key != tc.name || got[0].Args["Suggestion"] != tc.want {
			t.Errorf("subkey %s: unknown keys %+v; want %s with the suggestion %q", tc.sub, got, tc.name, tc.want)
		}
	}
}

// TestRegistryUnknownSuggestsFlatName: a value name that is no key is
// answered with the flat name it was probably meant to be.
func TestRegistryUnknownSuggestsFlatName(t *testing.T) {
	for name, want := range map[string]string{
		"LockIdleTimeout":    "LockIdleTimeoutSeconds",
		"PasswordMinLenght":  "PasswordMinLength",
		"lock.idle_timeout":  "",
		"TotallyUnrelatedXY": "",
	} {
		snap := LoadStores(memoryHives(dword("HKLM", name, 60)))
		var got *Problem
		for i, p := range snap.Problems {
			if p.Code == CodeUnknownKey {
				got = &snap.Problems[i]
			}
		}
		if got == nil {
			t.Errorf("%s: no unknown_key problem in %+v", name, snap.Problems)
			continue
		}
		if name == "lock.idle_timeout" {
			continue // a dotted name: the dotted suggestions apply
		}
		if got.Args["Suggestion"] != want {
			t.Errorf("%s: suggestion %q, want %q", name, got.Args["Suggestion"], want)
		}
	}
}
