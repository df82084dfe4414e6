package assets

import (
	"strings"
	"testing"
	"unicode"
)

func TestHabits(t *testing.T) {
	want := map[string][]string{
		"work":        {"admin", "klantdata", "kundendaten", "marketing"},
		"pets":        {"bommel", "mietze"},
		"endearments": {"schatje", "hasi", "bärchen", "baerchen"},
		"holidays":    {"sinterklaas", "weihnachten", "koningsdag"},
		"media":       {"boerzoektvrouw", "tatort", "volkswagen"},
		"names":       {"annemiek", "sören", "soeren"},
	}
	names := HabitNames()
	if len(names) != len(want) {
		t.Errorf("HabitNames() = %v, want %d lists", names, len(want))
	}
	for name, sentinels := range want {
		words := Habit(name)
		seen := map[string]bool{}
		for i, w := range words {
			if w != strings.ToLower(w) || strings.IndexFunc(w, unicode.IsSpace) >= 0 || w == "" {
				t.Errorf("%s line %d: %q is not one lower-case word", name, i+1, w)
			}
			if seen[w] {
				t.Errorf("%s: %q twice", name, w)
			}
			seen[w] = true
		}
		for _, s := range sentinels {
			if !seen[s] {
				t.Errorf("%s lacks %q", name, s)
			}
		}
	}
	if Habit("nonesuch") != nil {
		t.Error("Habit of an unknown name is not nil")
	}
}
