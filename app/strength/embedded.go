package strength

import (
	"maps"
	"slices"
	"strings"

	"github.com/trustelem/zxcvbn/frequency"

	"grendel/assets"
)

// kindOf maps an embedded dictionary's name (its file name under
// assets/dict, without .txt) to its kind.
func kindOf(name string) Kind {
	base, _, _ := strings.Cut(name, "_")
	switch base {
	case "firstnames", "names":
		return KindFirstName
	case "lastnames":
		return KindLastName
	case "places", "towns":
		return KindPlace
	case "football":
		return KindFootball
	case "months", "seasons", "weekdays", "holidays":
		return KindCalendar
	case "greetings":
		return KindGreeting
	case "endearments", "pets":
		return KindPetName
	case "clubs":
		return KindFootball
	case "everyday":
		return KindEveryday
	case "phrases":
		return KindPhrase
	case "work":
		// The words of the office ("marketing", "klantdata", "admin").
		return KindWork
	case "password", "passwords":
		// "passwords" are the most common passwords, "password_words"
		// the words for password.
		if name == "passwords" {
			return KindCommonPassword
		}
		return KindPassword
	}
	return KindCommonWord
}

// EmbeddedDictionaries returns the dictionaries embedded from assets/dict,
// the hand-written habits of assets/habits and zxcvbn's English lists
// ([EnglishDictionaries]).
func EmbeddedDictionaries() []Dictionary {
	names := assets.DictionaryNames()
	out := make([]Dictionary, 0, len(names)+16)
	for _, n := range names {
		out = append(out, Dictionary{Name: n, Kind: kindOf(n), Words: assets.Dictionary(n)})
	}
	for _, n := range assets.HabitNames() {
		out = append(out, Dictionary{Name: n, Kind: kindOf(n), Words: assets.Habit(n)})
	}
	return append(out, EnglishDictionaries()...)
}

// EnglishDictionaries returns zxcvbn's own ranked lists — its common
// passwords, English Wikipedia and TV and film words, US first names and
// surnames — under the kinds of this package. The scorer matches them
// itself, in one pass with its other dictionaries, instead of letting
// zxcvbn match them once more.
func EnglishDictionaries() []Dictionary {
	kinds := map[string]Kind{
		"passwords":         KindCommonPassword,
		"english_wikipedia": KindCommonWord,
		"us_tv_and_film":    KindCommonWord,
		"female_names":      KindFirstName,
		"male_names":        KindFirstName,
		"surnames":          KindLastName,
	}
	lists := frequency.FrequencyLists
	out := make([]Dictionary, 0, len(lists))
	for _, name := range slices.Sorted(maps.Keys(lists)) {
		kind, ok := kinds[name]
		if !ok {
			kind = KindCommonWord
		}
		out = append(out, Dictionary{Name: "zxcvbn_" + name, Kind: kind, Words: lists[name]})
	}
	return out
}
