package strength

import (
	"strings"

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
	case "places":
		return KindPlace
	case "football":
		return KindFootball
	case "months", "seasons", "weekdays", "holidays":
		return KindCalendar
	case "greetings", "endearments":
		return KindGreeting
	case "password", "passwords", "work":
		// "passwords" are the most common passwords, "password_words"
		// the words for password, "work" the words of the office
		// ("admin", "klantdata"): all what people type at a password
		// prompt at work.
		if name == "passwords" {
			return KindCommonPassword
		}
		return KindPassword
	}
	return KindCommonWord
}

// EmbeddedDictionaries returns the dictionaries embedded from assets/dict
// and the hand-written habits of assets/habits.
func EmbeddedDictionaries() []Dictionary {
	names := assets.DictionaryNames()
	out := make([]Dictionary, 0, len(names)+4)
	for _, n := range names {
		out = append(out, Dictionary{Name: n, Kind: kindOf(n), Words: assets.Dictionary(n)})
	}
	for _, n := range assets.HabitNames() {
		out = append(out, Dictionary{Name: n, Kind: kindOf(n), Words: assets.Habit(n)})
	}
	return out
}
