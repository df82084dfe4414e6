package assets

import (
	"strings"
	"testing"
)

func TestHabits(t *testing.T) {
	want := map[string][]string{
		"work":        {"admin", "klantdata", "kundendaten", "marketing"},
		"pets":        {"bommel", "mietze"},
		"endearments": {"schatje", "hasi", "bärchen", "baerchen"},
		"holidays":    {"sinterklaas", "weihnachten", "koningsdag"},
		"media":       {"boerzoektvrouw", "tatort", "volkswagen"},
		"names":       {"annemiek", "sören", "soeren"},
		"everyday":    {"koffie", "käse", "kaese", "schreibtisch", "appeltaart", "met", "mit", "with", "ice cream"},
		"phrases":     {"ik hou van jou", "ich liebe dich", "i love you", "für immer und ewig", "fuer immer und ewig", "youll never walk alone"},
		"clubs":       {"rood wit", "rot weiß", "rot weiss", "schwarz gelb", "die fohlen", "ajacied", "südkurve", "suedkurve", "vak s"},
		"towns":       {"den haag", "frankfurt am main", "bad homburg", "new york"},
	}
	names := HabitNames()
	if len(names) != len(want) {
		t.Errorf("HabitNames() = %v, want %d lists", names, len(want))
	}
	for name, sentinels := range want {
		words := Habit(name)
		seen := map[string]bool{}
		has := map[string]bool{}
		for i, w := range words {
			// One word, or a phrase of words with single spaces between
			// them ("ik hou van jou"): the scorer drops the spaces.
			if w == "" || w != strings.ToLower(w) || w != strings.Join(strings.Fields(w), " ") {
				t.Errorf("%s line %d: %q is not lower-case words with single spaces", name, i+1, w)
			}
			glued := strings.ReplaceAll(w, " ", "")
			if seen[glued] {
				t.Errorf("%s: %q twice", name, glued)
			}
			seen[glued] = true
			has[w] = true
		}
		for _, s := range sentinels {
			if !has[s] {
				t.Errorf("%s lacks %q", name, s)
			}
		}
	}
	if Habit("nonesuch") != nil {
		t.Error("Habit of an unknown name is not nil")
	}
}
