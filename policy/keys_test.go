package policy

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

// documentedStrict holds the ordered keys whose value when failing closed
// is not their strictest end, with that value: the built-in default, which
// the README's reference shows in its "Failing closed" column. The
// strictest end of these would stop work (a lock after 10 seconds, a
// password only score 4 passes, a share retired after an hour), so the
// default, already meant to be safe, is the strict value. A bool key never
// belongs here: its strict value is always its stricter end.
var documentedStrict = map[Key]any{
	LockIdleTimeout:     5 * time.Minute,
	PasswordMinScore:    3,
	PasswordMinLength:   12,
	ShareMaxAge:         7 * day,
	ShareClipboardClear: 30 * time.Second,
	ShareWords:          5,
	FileMinPasswordBits: 80,
}

// strictestEnd returns the strictest value a key with an order can take.
func strictestEnd(k Definition) any {
	switch k.Order {
	case LowerIsStricter:
		return typed(k, k.Min)
	case HigherIsStricter:
		return typed(k, k.Max)
	case TrueIsStricter:
		return true
	case FalseIsStricter:
		return false
	}
	return nil
}

// TestStrictDefaults checks each ordered key's value when failing closed
// against its order: the strictest end, or a documented value no looser
// than the default. Issue 8, point 7 (app.allow_quit was true).
func TestStrictDefaults(t *testing.T) {
	for _, k := range keys {
		if k.Order == NoOrder {
			continue
		}
		strict := k.StrictDefault()
		if k.Order == UnionIsStricter {
			// Lists add up: a valid managed list always joins the strict one.
			if len(strict.([]string)) != 0 {
				t.Errorf("%s: strict default %v, want empty (managed lists are added to it)", k.Name, strict)
			}
			continue
		}
		if equalValue(strict, strictestEnd(k)) {
			continue
		}
		want, ok := documentedStrict[k.Name]
		switch {
		case !ok:
			t.Errorf("%s: strict default %s is neither its strictest end %s nor a documented value", k.Name, FormatValue(strict), FormatValue(strictestEnd(k)))
		case k.Type == TypeBool:
			t.Errorf("%s: a bool key's strict default must be its stricter end %s", k.Name, FormatValue(strictestEnd(k)))
		case !equalValue(strict, want):
			t.Errorf("%s: strict default %s, documented %s", k.Name, FormatValue(strict), FormatValue(want))
		case stricter(k, k.Default, strict):
			t.Errorf("%s: strict default %s is looser than the default %s", k.Name, FormatValue(strict), FormatValue(k.Default))
		}
	}
	// And a broken managed file gives each key its strict default, over a
	// user who chose the loosest value.
	loose := &File{Values: map[Key]any{}, Invalid: map[Key]bool{}}
	for _, k := range keys {
		if v, ok := loosestValue(k); ok {
			loose.Values[k.Name] = v
		}
	}
	s := merge([]layer{{kind: SourceUser, file: loose}, {kind: SourceManaged, file: &File{Path: "m.json", Broken: true, Values: map[Key]any{}, Invalid: map[Key]bool{}}}}, nil)
	for _, k := range keys {
		if got := s.Settings.get(k); !equalValue(got, k.StrictDefault()) {
			t.Errorf("broken managed file: %s = %s, want the strict default %s", k.Name, FormatValue(got), FormatValue(k.StrictDefault()))
		}
	}
}

// TestTypedAccessors reads every key through the accessor of its type, and
// checks that the accessors of the other types refuse it: the table must
// name every key, with its default.
func TestTypedAccessors(t *testing.T) {
	tests := []struct {
		key  Key
		want any
	}{
		{LockIdleTimeout, 5 * time.Minute},
		{LockWarning, 30 * time.Second},
		{LockOnSleep, true},
		{LockCommand, []string(nil)},
		{LockSnoozeMax, time.Duration(0)},
		{PasswordMinScore, 3},
		{PasswordMinLength, 12},
		{PasswordBannedWords, []string(nil)},
		{ShareMaxAge, 7 * day},
		{ShareClipboardClear, 30 * time.Second},
		{ShareGenerator, "passphrase"},
		{ShareWords, 5},
		{ShareLanguage, "auto"},
		{SharePartners, []string(nil)},
		{SharePartnersOnly, false},
		{FileMinPasswordBits, 80},
		{AppAllowQuit, true},
	}
	if len(tests) != len(keys) {
		t.Fatalf("the table has %d keys, the policy %d: add the new ones", len(tests), len(keys))
	}
	s := Defaults()
	for i, tt := range tests {
		d, ok := Lookup(tt.key)
		if !ok || keys[i].Name != tt.key {
			t.Fatalf("row %d: %s, want %s (documentation order)", i, tt.key, keys[i].Name)
		}
		got := answers(&s, tt.key)
		if len(got) != 1 {
			t.Errorf("%s: %d accessors answer (%v), want only %s", tt.key, len(got), got, accessorOf(d.Type))
			continue
		}
		if v, ok := got[accessorOf(d.Type)]; !ok || !equalValue(v, tt.want) {
			t.Errorf("%s: accessors say %v, want %s = %s", tt.key, got, accessorOf(d.Type), FormatValue(tt.want))
		}
		if v, _ := s.Get(tt.key); !equalValue(v, tt.want) {
			t.Errorf("Get(%s) = %v, want %v", tt.key, v, tt.want)
		}
		// A value of another Go type is refused, not stored, and does not panic.
		if s.set(d, struct{}{}) {
			t.Errorf("%s: set(struct{}{}) = true, want false", tt.key)
		}
	}
	if got := answers(&s, "lock.timeout"); len(got) != 0 {
		t.Errorf("a name that is no key: accessors answer %v", got)
	}
	// The accessors read what the merge stored, and a list is a copy.
	snap := LoadStores(mapStore{{Kind: SourceManaged, Origin: "mem", Values: map[Key]any{
		LockIdleTimeout: 2 * time.Minute, PasswordBannedWords: []string{"acme"}, ShareWords: 7, ShareLanguage: "nl", AppAllowQuit: false,
	}}})
	if d, _ := snap.Settings.Duration(LockIdleTimeout); d != 2*time.Minute || d != snap.Settings.Lock.IdleTimeout {
		t.Errorf("Duration(%s) = %v, field %v, want 2m", LockIdleTimeout, d, snap.Settings.Lock.IdleTimeout)
	}
	if n, _ := snap.Settings.Int(ShareWords); n != 7 {
		t.Errorf("Int(%s) = %d, want 7", ShareWords, n)
	}
	if e, _ := snap.Settings.Enum(ShareLanguage); e != "nl" {
		t.Errorf("Enum(%s) = %q, want nl", ShareLanguage, e)
	}
	if b, ok := snap.Settings.Bool(AppAllowQuit); b || !ok {
		t.Errorf("Bool(%s) = %v, %v; want false, true", AppAllowQuit, b, ok)
	}
	l, _ := snap.Settings.List(PasswordBannedWords)
	l[0] = "changed"
	if snap.Settings.Password.BannedWords[0] != "acme" {
		t.Errorf("List(%s) shares its slice with the settings", PasswordBannedWords)
	}
}

// answers returns what each typed accessor says of k, by accessor name,
// leaving out those that refuse it.
func answers(s *Settings, k Key) map[string]any {
	got := map[string]any{}
	if v, ok := s.Duration(k); ok {
		got["Duration"] = v
	}
	if v, ok := s.Bool(k); ok {
		got["Bool"] = v
	}
	if v, ok := s.Int(k); ok {
		got["Int"] = v
	}
	if v, ok := s.Enum(k); ok {
		got["Enum"] = v
	}
	if v, ok := s.List(k); ok {
		got["List"] = v
	}
	return got
}

// accessorOf names the typed accessor of a key type.
func accessorOf(t Type) string {
	return map[Type]string{TypeDuration: "Duration", TypeBool: "Bool", TypeInt: "Int", TypeEnum: "Enum", TypeStringList: "List", TypeArgv: "List"}[t]
}

func TestFlatName(t *testing.T) {
	for _, tc := range []struct {
		key  Key
		want string
	}{
		{LockIdleTimeout, "LockIdleTimeoutSeconds"},
		{LockCommand, "LockCommand"},
		{PasswordMinScore, "PasswordMinScore"},
		{SharePartnersOnly, "SharePartnersOnly"},
		{FileMinPasswordBits, "FileMinPasswordBits"},
		{AppAllowQuit, "AppAllowQuit"},
	} {
		d, _ := Lookup(tc.key)
		if got := d.FlatName(); got != tc.want {
			t.Errorf("%s: FlatName %q, want %q", tc.key, got, tc.want)
		}
		if back, ok := LookupFlat(strings.ToLower(tc.want)); !ok || back.Name != tc.key {
			t.Errorf("LookupFlat(%q) = %s, %v", strings.ToLower(tc.want), back.Name, ok)
		}
	}
	seen := map[string]Key{}
	for _, d := range Keys() {
		name := d.FlatName()
		if !regexp.MustCompile(`^[A-Za-z0-9]+$`).MatchString(name) {
			t.Errorf("%s: FlatName %q is not [A-Za-z0-9]+", d.Name, name)
		}
		if other, dup := seen[strings.ToLower(name)]; dup {
			t.Errorf("%s and %s share the flat name %q", other, d.Name, name)
		}
		seen[strings.ToLower(name)] = d.Name
	}
	if _, ok := LookupFlat("LockIdleTimeout"); ok {
		t.Error("LookupFlat found a duration without its unit")
	}
}

// TestTitles: every key has a title and documentation in each language,
// titles short and without a full stop, and every allowed value of an
// enum a title.
func TestTitles(t *testing.T) {
	for _, k := range keys {
		for _, lang := range []string{"en", "nl", "de"} {
			title := k.Title.In(lang)
			if title == "" || len(title) > 60 || strings.HasSuffix(title, ".") || k.Doc.In(lang) == "" {
				t.Errorf("%s: title %q (%s) is empty, too long or ends in a full stop, or there is no documentation", k.Name, title, lang)
			}
			for i, e := range k.EnumTitles {
				if e.In(lang) == "" {
					t.Errorf("%s: value %d has no title in %s", k.Name, i, lang)
				}
			}
		}
		if len(k.EnumTitles) != len(k.Enum) {
			t.Errorf("%s: %d enum titles for %d values", k.Name, len(k.EnumTitles), len(k.Enum))
		}
	}
}
