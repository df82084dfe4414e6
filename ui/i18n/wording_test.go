package i18n

import (
	"encoding/json"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"testing"

	"grendel/assets"
)

// A wording rule finds one kind of offence in a translated text and returns
// the offending piece, or "" when the text is clean.
type wordingRule struct {
	name  string
	langs string // the languages it applies to, e.g. "nl de"
	find  func(text string) string
}

var (
	// Dutch "deel"/"delen" is a part, not a share. It may stand as the verb
	// "to share" after "te" (om te delen), and "deel" as "part" before
	// "van" or "ervan" (een deel ervan); everywhere else a share is a
	// "deelwachtwoord" (het venster Deelwachtwoorden, verlopen
	// deelwachtwoorden), and so is a "gedeeld wachtwoord".
	dutchDeel        = regexp.MustCompile(`(?i)(^|[^\p{L}])(te\s+)?(deel|delen)([^\p{L}]|$)`)
	dutchSharedPass  = regexp.MustCompile(`(?i)\bgedeelde?\s+wachtwoord`)
	dutchDeelAsPart  = regexp.MustCompile(`^\s+(van|ervan)\b`)
	dutchFormalYou   = regexp.MustCompile(`(?i)(^|[^\p{L}'])(u|uw|uwe)([^\p{L}']|$)`)
	germanInformal   = regexp.MustCompile(`(?i)(^|[^\p{L}])(du|dich|dir|dein|deine|deinen|deinem|deiner|deines)([^\p{L}]|$)`)
	zeroMinutes      = regexp.MustCompile(`(?i)(^|[^0-9])0\s*(min|minutes?|minuut|minuten)\b`)
	singleQuotePair  = regexp.MustCompile(`(^|[\s(\[/])'([^'\s][^']*)'([\s.,;:!?)\]/-]|$)`)
	straightQuote    = regexp.MustCompile(`"`)
	foreignQuotesDE  = regexp.MustCompile(`[”«»’‹›]`)
	foreignQuotesENL = regexp.MustCompile(`[„“”‚‘’«»‹›]`)
)

// literalQuote names the texts in which a quote character stands for
// itself (a JSON syntax error names the missing ") rather than quoting.
var literalQuote = map[string]bool{
	"policy.problem.truncated": true,
}

// contains finds any of words, in any case.
func contains(words ...string) func(string) string {
	quoted := make([]string, len(words))
	for i, w := range words {
		quoted[i] = regexp.QuoteMeta(w)
	}
	return match(regexp.MustCompile(`(?i)` + strings.Join(quoted, "|")))
}

func match(re *regexp.Regexp) func(string) string {
	return func(text string) string { return re.FindString(text) }
}

var wordingRules = []wordingRule{
	{"a share is a deelwachtwoord, not a deel or delen", "nl", func(text string) string {
		for _, m := range dutchDeel.FindAllStringSubmatchIndex(text, -1) {
			if m[4] >= 0 { // "te delen": the verb
				continue
			}
			if strings.EqualFold(text[m[6]:m[7]], "deel") && dutchDeelAsPart.MatchString(text[m[7]:]) { // "een deel ervan": a part
				continue
			}
			return strings.TrimSpace(text[m[0]:m[1]])
		}
		return dutchSharedPass.FindString(text)
	}},
	{"one word for passphrase: wachtwoordzin, not wachtzin", "nl", contains("wachtzin")},
	{"one word for the keychain: sleutelbos, not sleutelhanger", "nl", contains("sleutelhanger")},
	{"the user is je, not u", "nl", match(dutchFormalYou)},
	{"Freigabe is a shared folder or an approval: say Datei-Passwort", "de", contains("Freigabe")},
	{"one word for passphrase: Passphrase", "de", contains("Passwortsatz", "Kennwortsatz", "Pass-Phrase", "Passfrase")},
	{"the user is Sie, not du", "de", match(germanInformal)},
	{"no 0 min: say just now, zojuist, gerade eben", "en nl de", match(zeroMinutes)},
	{"German quotes are „…“, not straight quotes", "de", match(straightQuote)},
	{"German quotes are „…“, not ”, », « or ’", "de", match(foreignQuotesDE)},
	{"German quotes come in pairs: „ with “, ‚ with ‘", "de", func(text string) string {
		if strings.Count(text, "„") != strings.Count(text, "“") {
			return "„…“"
		}
		if strings.Count(text, "‚") != strings.Count(text, "‘") {
			return "‚…‘"
		}
		return ""
	}},
	{`Dutch and English quotes are "…", not „“”‚‘’«»`, "en nl", match(foreignQuotesENL)},
	{`Dutch and English quotes come in pairs of "`, "en nl", func(text string) string {
		if strings.Count(text, `"`)%2 != 0 {
			return `"`
		}
		return ""
	}},
	{"no single quotes as quotes: use the language's double quotes", "en nl de", match(singleQuotePair)},
}

// translation is one text of one translation file.
type translation struct {
	file, lang, key, text string
}

// allTranslations reads every translation file, Fyne's own words too; a
// plural form is a text of its own ("file.name.other").
func allTranslations(t *testing.T) []translation {
	t.Helper()
	files, err := fs.Glob(assets.Translations, assets.TranslationsDir+"/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no translation files: %v", err)
	}
	var out []translation
	for _, f := range files {
		parts := strings.Split(strings.TrimSuffix(path.Base(f), ".json"), ".")
		lang := parts[len(parts)-1]
		data, err := assets.Translations.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for k, v := range m {
			switch v := v.(type) {
			case string:
				out = append(out, translation{path.Base(f), lang, k, v})
			case map[string]any:
				for form, s := range v {
					if s, ok := s.(string); ok {
						out = append(out, translation{path.Base(f), lang, k + "." + form, s})
					}
				}
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].file != out[j].file {
			return out[i].file < out[j].file
		}
		return out[i].key < out[j].key
	})
	return out
}

// TestWording holds every translation to the terms and the quote style of
// its language (issue 13): Dutch says deelwachtwoord and wachtwoordzin and
// "…", German says Datei-Passwort and „…“, no language says "0 min".
func TestWording(t *testing.T) {
	texts := allTranslations(t)
	for _, r := range wordingRules {
		t.Run(r.name, func(t *testing.T) {
			for _, tr := range texts {
				if !strings.Contains(" "+r.langs+" ", " "+tr.lang+" ") {
					continue
				}
				if literalQuote[tr.key] && strings.Contains(r.name, "quote") {
					continue
				}
				if bad := r.find(tr.text); bad != "" {
					t.Errorf("%s %s: %q in %q", tr.file, tr.key, strings.TrimSpace(bad), tr.text)
				}
			}
		})
	}
}

// TestWordingRules: each rule catches what it is for and lets the legitimate
// uses pass, so that a clean run means something.
func TestWordingRules(t *testing.T) {
	rule := func(name string) wordingRule {
		for _, r := range wordingRules {
			if strings.HasPrefix(r.name, name) {
				return r
			}
		}
		t.Fatalf("no rule %q", name)
		return wordingRule{}
	}
	for _, c := range []struct {
		rule, text string
		bad        bool
	}{
		{"a share is", "Trek het in in het venster Delen van Grendel.", true},
		{"a share is", "Delen…", true},
		{"a share is", "verlopen delen verwijderd", true},
		{"a share is", "Een gedeeld wachtwoord verloopt", true},
		{"a share is", "Nieuw deelwachtwoord…", false},
		{"a share is", "de wachtwoordzinnen die Grendel maakt om te delen", false},
		{"a share is", "het bestand, of een deel ervan, is te groot", false},
		{"a share is", "wat er gedeeld wordt", false},
		{"one word for passphrase", "Gebruik een wachtzin van vier woorden.", true},
		{"one word for passphrase", "Gebruik een wachtwoordzin van vier woorden.", false},
		{"the user is je", "Op uw verzoek behouden", true},
		{"the user is je", "U verstuurt {{.File}}", true},
		{"the user is je", "een rapport voor collega's", false},
		{"Freigabe", "im Fenster Freigaben", true},
		{"Freigabe", "Ein Freigabe-Passwort", true},
		{"Freigabe", "Ein Datei-Passwort läuft bald ab", false},
		{"Freigabe", "die FREIGABEN", true},
		{"one word for passphrase: Passphrase", "eine Pass-Phrase aus Wörtern", true},
		{"one word for passphrase: Passphrase", "Sprache der Passphrasen", false},
		{"the user is Sie", "Hast du dein Passwort?", true},
		{"the user is Sie", "Haben Sie Ihr Passwort?", false},
		{"no 0 min", "0 min geleden gemaakt", true},
		{"no 0 min", "10 min", false},
		{"no 0 min", "Made 0 minutes ago", true},
		{"no 0 min", "vor 0 Minuten erstellt", true},
		{"German quotes are „…“, not straight", `schreiben Sie etwa "5m"`, true},
		{"German quotes are „…“, not straight", "schreiben Sie etwa „5m“", false},
		{"German quotes are „…“, not ”", "„{{.Score}}”", true},
		{"German quotes come in pairs", "„Option ‚Computer sperren‘ entfernen“", false},
		{"German quotes come in pairs", "„Option “Computer sperren“ entfernen“", true},
		{"Dutch and English quotes are", "dat vraagt minstens „{{.Score}}”", true},
		{"Dutch and English quotes are", "het beleid ‘Remove Lock Computer’", true},
		{"Dutch and English quotes are", `dat vraagt minstens "{{.Score}}"`, false},
		{"Dutch and English quotes come", `de controle "{{.Check}} niet`, true},
		{"no single quotes", "use 'grendel status', and stop it", true},
		{"no single quotes", "'grendel'-opdrachten blijven werken", true},
		{"no single quotes", "run 'grendel --help' for usage", true},
		{"no single quotes", "Grendel's windows; it's the policy's verdict", false},
		{"no single quotes", "auto's en collega's", false},
		{"no single quotes", "in attackers' lists, also with spaces", false},
	} {
		r := rule(c.rule)
		if bad := r.find(c.text); (bad != "") != c.bad {
			t.Errorf("%s: find(%q) = %q, want an offence: %v", r.name, c.text, bad, c.bad)
		}
	}
}
