package strength

import (
	"sort"
	"strings"

	"github.com/trustelem/zxcvbn/match"
)

// Reason says what makes a password guessable. The values are stable codes
// for translation and for `grendel check --json`, never shown as they are.
type Reason string

// The reasons.
const (
	ReasonEmpty          Reason = "empty"
	ReasonCommonPassword Reason = "common-password"
	ReasonCommonWord     Reason = "common-word"
	ReasonName           Reason = "name"
	ReasonPlace          Reason = "place"
	ReasonFootball       Reason = "football-club"
	ReasonCalendar       Reason = "calendar-word"
	ReasonGreeting       Reason = "greeting"
	ReasonPasswordWord   Reason = "password-word"
	ReasonContext        Reason = "personal-info"
	ReasonBanned         Reason = "banned-word"
	ReasonKeyboard       Reason = "keyboard-pattern"
	ReasonRepeat         Reason = "repeat"
	ReasonSequence       Reason = "sequence"
	ReasonYear           Reason = "year"
	ReasonDate           Reason = "date"
	ReasonLeet           Reason = "leet-no-help"
	ReasonCapitals       Reason = "capitals-no-help"
	ReasonReversed       Reason = "reversed-no-help"
	ReasonShort          Reason = "short"
	ReasonAffix          Reason = "predictable-affix"
	ReasonWorkWord       Reason = "work-word"
	ReasonPetName        Reason = "pet-name"
	ReasonCompound       Reason = "glued-words"
	ReasonSentence       Reason = "word-sentence"
	ReasonPhrase         Reason = "known-phrase"
	ReasonPostcode       Reason = "postcode-or-plate"
)

// Reasons lists every [Reason], for the translation check.
var Reasons = []Reason{
	ReasonEmpty, ReasonCommonPassword, ReasonCommonWord, ReasonName, ReasonPlace, ReasonFootball,
	ReasonCalendar, ReasonGreeting, ReasonPasswordWord, ReasonContext, ReasonBanned, ReasonKeyboard,
	ReasonRepeat, ReasonSequence, ReasonYear, ReasonDate, ReasonLeet, ReasonCapitals, ReasonReversed,
	ReasonShort, ReasonAffix, ReasonWorkWord, ReasonPetName, ReasonCompound, ReasonSentence,
	ReasonPhrase, ReasonPostcode,
}

// Suggestion says how to make a password stronger; a stable code like
// [Reason].
type Suggestion string

// The suggestions.
const (
	SuggestPassphrase    Suggestion = "use-passphrase"
	SuggestLonger        Suggestion = "add-words"
	SuggestGenerate      Suggestion = "generate"
	SuggestAvoidPersonal Suggestion = "avoid-personal"
	SuggestAvoidYears    Suggestion = "avoid-years"
	SuggestAvoidKeyboard Suggestion = "avoid-keyboard"
	SuggestAvoidRepeats  Suggestion = "avoid-repeats"
	SuggestNoTricks      Suggestion = "no-tricks"
	SuggestAvoidWork     Suggestion = "avoid-work-words"
	SuggestAvoidPhrases  Suggestion = "avoid-phrases"
	SuggestRandomWords   Suggestion = "random-words"
)

// Suggestions lists every [Suggestion], for the translation check.
var Suggestions = []Suggestion{
	SuggestPassphrase, SuggestLonger, SuggestGenerate, SuggestAvoidPersonal, SuggestAvoidYears,
	SuggestAvoidKeyboard, SuggestAvoidRepeats, SuggestNoTricks, SuggestAvoidWork, SuggestAvoidPhrases,
	SuggestRandomWords,
}

// feedback derives warnings and suggestions from the cheapest sequence of
// patterns; a password of score 3 or 4 gets none.
func feedback(seq []*match.Match, score, length int) ([]Reason, []Suggestion) {
	if score >= 3 {
		return nil, nil
	}
	// The longest patterns matter most.
	ms := append([]*match.Match(nil), seq...)
	sort.SliceStable(ms, func(a, b int) bool { return ms[a].J-ms[a].I > ms[b].J-ms[b].I })

	var reasons []Reason
	var sugg []Suggestion
	addR := func(r Reason) {
		for _, x := range reasons {
			if x == r {
				return
			}
		}
		reasons = append(reasons, r)
	}
	addS := func(s Suggestion) {
		for _, x := range sugg {
			if x == s {
				return
			}
		}
		sugg = append(sugg, s)
	}
	var tricks bool
	// A compound's parts speak for it.
	var flat []*match.Match
	for _, m := range ms {
		if m.Pattern == "compound" {
			words := 0
			for _, b := range m.BaseMatches {
				if b.Pattern == "dictionary" {
					words++
				}
			}
			if words <= 1 {
				flat = append(flat, m.BaseMatches...)
				continue
			}
			flat = append(flat, &match.Match{Pattern: "chain", Separator: m.Separator})
			// The chain's reason speaks for its everyday words; its names,
			// places, clubs and the like keep their own.
			for _, b := range m.BaseMatches {
				if b.Pattern != "dictionary" || dictionaryReason(b.DictionaryName) != ReasonCommonWord {
					flat = append(flat, b)
				}
			}
			continue
		}
		flat = append(flat, m)
	}
	for _, m := range flat {
		switch m.Pattern {
		case "dictionary":
			r := dictionaryReason(m.DictionaryName)
			addR(r)
			switch r {
			case ReasonContext, ReasonName, ReasonPlace, ReasonFootball, ReasonPetName:
				addS(SuggestAvoidPersonal)
			case ReasonWorkWord:
				addS(SuggestAvoidWork)
			case ReasonPhrase:
				addS(SuggestAvoidPhrases)
			}
			if m.L33t {
				tricks = true
				addR(ReasonLeet)
			}
			if m.Reversed {
				tricks = true
				addR(ReasonReversed)
			}
			if strings.ToLower(m.Token) != m.Token {
				tricks = true
				addR(ReasonCapitals)
			}
		case "chain":
			// Words glued together or typed as a sentence: the
			// combinator attack that finds them tries common words
			// first, whatever joins them.
			if m.Separator != "" {
				addR(ReasonSentence)
			} else {
				addR(ReasonCompound)
			}
			addS(SuggestRandomWords)
		case "postcode":
			addR(ReasonPostcode)
			addS(SuggestAvoidPersonal)
		case "spatial":
			addR(ReasonKeyboard)
			addS(SuggestAvoidKeyboard)
		case "repeat":
			addR(ReasonRepeat)
			addS(SuggestAvoidRepeats)
		case "sequence":
			addR(ReasonSequence)
			addS(SuggestAvoidRepeats)
		case "regex":
			if m.RegexName == "recent_year" {
				addR(ReasonYear)
				addS(SuggestAvoidYears)
			}
		case "date":
			addR(ReasonDate)
			addS(SuggestAvoidYears)
		case "affix":
			addR(ReasonAffix)
			if strings.ContainsAny(m.Token, "0123456789") {
				addS(SuggestAvoidYears)
			}
		}
	}
	if length < 12 {
		addR(ReasonShort)
	}
	if tricks {
		addS(SuggestNoTricks)
	}
	addS(SuggestPassphrase)
	addS(SuggestLonger)
	addS(SuggestGenerate)
	return reasons, sugg
}

// dictionaryReason maps a dictionary name (ours are "kind:name",
// zxcvbn's are plain names) to a reason.
func dictionaryReason(name string) Reason {
	if kind, _, ok := strings.Cut(name, ":"); ok {
		switch Kind(kind) {
		case KindFirstName, KindLastName:
			return ReasonName
		case KindPlace:
			return ReasonPlace
		case KindFootball:
			return ReasonFootball
		case KindCalendar:
			return ReasonCalendar
		case KindGreeting:
			return ReasonGreeting
		case KindPassword:
			return ReasonPasswordWord
		case KindWork:
			return ReasonWorkWord
		case KindPetName:
			return ReasonPetName
		case KindPhrase:
			return ReasonPhrase
		case KindCommonPassword:
			return ReasonCommonPassword
		case KindContext:
			return ReasonContext
		case KindBanned:
			return ReasonBanned
		}
		return ReasonCommonWord
	}
	switch name {
	case "passwords":
		return ReasonCommonPassword
	case "male_names", "female_names", "surnames":
		return ReasonName
	case "user_inputs":
		return ReasonContext
	}
	return ReasonCommonWord
}
