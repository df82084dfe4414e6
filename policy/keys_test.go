package policy

import (
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
var documentedStrict = map[string]any{
	LockIdleTimeout:     5 * time.Minute,
	PasswordMinScore:    3,
	PasswordMinLength:   12,
	ShareMaxAge:         7 * day,
	ShareClipboardClear: 30 * time.Second,
	ShareWords:          5,
}

// strictestEnd returns the strictest value a key with an order can take.
func strictestEnd(k Key) any {
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
	loose := &File{Values: map[string]any{}, Invalid: map[string]bool{}}
	for _, k := range keys {
		if v, ok := loosestValue(k); ok {
			loose.Values[k.Name] = v
		}
	}
	s := merge([]layer{{kind: SourceUser, file: loose}, {kind: SourceManaged, file: &File{Path: "m.json", Broken: true, Values: map[string]any{}, Invalid: map[string]bool{}}}}, nil)
	for _, k := range keys {
		if got := s.Settings.get(k); !equalValue(got, k.StrictDefault()) {
			t.Errorf("broken managed file: %s = %s, want the strict default %s", k.Name, FormatValue(got), FormatValue(k.StrictDefault()))
		}
	}
}
