package i18n

import (
	"strconv"

	"fyne.io/fyne/v2/lang"

	"grendel/app/strength"
)

// reasonText holds the English text of each strength warning, keyed like
// the translations ("strength.reason." + code).
var reasonText = map[strength.Reason]string{
	strength.ReasonEmpty:          "The password is empty.",
	strength.ReasonCommonPassword: "This is one of the most common passwords.",
	strength.ReasonCommonWord:     "A single common word is easy to guess.",
	strength.ReasonName:           "Names are among the first things attackers try.",
	strength.ReasonPlace:          "Cities and places are easy to guess.",
	strength.ReasonFootball:       "Football clubs, their colours and nicknames are easy to guess.",
	strength.ReasonCalendar:       "Seasons, months, weekdays and holidays are easy to guess.",
	strength.ReasonGreeting:       "Greetings such as \"Welkom\" or \"Hallo\" are among the most common passwords.",
	strength.ReasonPasswordWord:   "\"Wachtwoord\", \"Passwort\" and their variants are guessed first.",
	strength.ReasonContext:        "It contains your own name, login or computer name.",
	strength.ReasonBanned:         "It contains a word your organisation does not allow.",
	strength.ReasonKeyboard:       "Keys next to each other on the keyboard are easy to guess.",
	strength.ReasonRepeat:         "Typing the same characters, words or part twice adds almost nothing.",
	strength.ReasonSequence:       "Sequences such as 123 or abc are easy to guess.",
	strength.ReasonYear:           "Years are easy to guess.",
	strength.ReasonDate:           "Dates, such as birthdays, are easy to guess.",
	strength.ReasonLeet:           "Replacing letters with look-alikes (3 for e, @ for a) does not fool anyone.",
	strength.ReasonCapitals:       "Capital letters in the usual places add little.",
	strength.ReasonReversed:       "A word spelled backwards is still easy to guess.",
	strength.ReasonShort:          "It is short.",
	strength.ReasonAffix:          "Digits and symbols at the start or end are the first thing attackers try.",
	strength.ReasonWorkWord:       "Words from work – your company, department, customers or products – are among the first an attacker tries.",
	strength.ReasonPetName:        "Pet names and terms of endearment such as \"Schatz\" or \"Knuffel\" are among the most common passwords.",
	strength.ReasonCompound:       "Everyday words written together, such as \"koffiemetmelk\", are tried word by word.",
	strength.ReasonSentence:       "A short sentence of common words is far easier to guess than the same number of random words.",
	strength.ReasonPhrase:         "Well-known phrases, sayings and song lines are in attackers' lists, also with spaces or capitals.",
	strength.ReasonPostcode:       "Postcodes and licence plates are easy to guess.",
}

// suggestionText holds the English text of each suggestion
// ("strength.suggest." + code).
var suggestionText = map[strength.Suggestion]string{
	strength.SuggestPassphrase:    "Use a passphrase of four or more unrelated words.",
	strength.SuggestLonger:        "Add more words or characters; length helps most.",
	strength.SuggestGenerate:      "Let Grendel generate a password for you.",
	strength.SuggestAvoidPersonal: "Avoid names, places, clubs and anything about you.",
	strength.SuggestAvoidYears:    "Avoid years, dates and numbers such as 123.",
	strength.SuggestAvoidKeyboard: "Avoid rows of keys such as qwertz or asdf.",
	strength.SuggestAvoidRepeats:  "Avoid repeats and sequences.",
	strength.SuggestNoTricks:      "Capitals, look-alike characters and reversed words do not make a word strong.",
	strength.SuggestAvoidWork:     "Avoid your company's name, your department, customers and products.",
	strength.SuggestAvoidPhrases:  "Don't use sayings, song lines or other well-known phrases.",
	strength.SuggestRandomWords:   "Pick words at random that have nothing to do with each other – or let Grendel do it.",
}

// Reason renders a strength warning in the user's language.
func Reason(r strength.Reason) string {
	return lang.X("strength.reason."+string(r), reasonText[r])
}

// Suggestion renders a strength suggestion in the user's language.
func Suggestion(s strength.Suggestion) string {
	return lang.X("strength.suggest."+string(s), suggestionText[s])
}

// scoreText names the five scores.
var scoreText = [5]string{"very weak", "weak", "fair", "strong", "very strong"}

// Score names a score (0–4) in the user's language.
func Score(score int) string {
	score = min(max(score, 0), 4)
	return lang.X("strength.score."+scoreKeys[score], scoreText[score])
}

var scoreKeys = [5]string{"0", "1", "2", "3", "4"}

// VerdictText is a policy verdict in words, in two lengths.
type VerdictText struct {
	// Sentence is for a window: "✖ Too short for your organisation's
	// policy: it asks for at least 12 characters." The mark is
	// [PassMark] or [FailMark].
	Sentence string
	// Column is for the CLI's verdict column: "pass", "fail: too short".
	Column string
}

// PassMark and FailMark start a verdict's sentence. Both are in the emoji
// font Fyne bundles (EmojiOne), so they draw on every system: ✘ (U+2718),
// the mark before, is in none of Fyne's fonts, and Windows has no system
// font with it for Fyne to fall back on (Linux's DejaVu has).
const (
	PassMark = "✔"
	FailMark = "✖"
)

// Verdict renders v, a verdict under p, for the check window and the
// CLI alike: one decision of what to say, two lengths of saying it.
func Verdict(p strength.Policy, v strength.Verdict) VerdictText {
	data := map[string]string{"Length": strconv.Itoa(p.MinLength), "Score": Score(p.MinScore)}
	switch {
	case v.Pass:
		return VerdictText{
			PassMark + " " + lang.X("check.verdict.pass", "Meets your organisation's policy."),
			lang.X("cli.check.pass", "pass")}
	case v.Banned:
		return VerdictText{
			FailMark + " " + lang.X("check.verdict.banned", "Holds a word your organisation does not allow in passwords, such as its name."),
			lang.X("cli.check.fail_banned", "fail: holds a word your organisation does not allow")}
	case v.TooWeak && v.TooShort:
		return VerdictText{
			FailMark + " " + lang.X("check.verdict.both", "Too weak and too short for your organisation's policy: it asks for at least {{.Length}} characters and \"{{.Score}}\".", data),
			lang.X("cli.check.fail_both", "fail: too weak and too short")}
	case v.TooShort:
		return VerdictText{
			FailMark + " " + lang.X("check.verdict.short", "Too short for your organisation's policy: it asks for at least {{.Length}} characters.", data),
			lang.X("cli.check.fail_short", "fail: too short")}
	}
	return VerdictText{
		FailMark + " " + lang.X("check.verdict.weak", "Too weak for your organisation's policy: it asks for at least \"{{.Score}}\".", data),
		lang.X("cli.check.fail_weak", "fail: too weak")}
}
