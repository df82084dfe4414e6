package assets

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// blocklistFile is the generator's blocklist, which the lists must obey.
const blocklistFile = "../scripts/gen-wordlists/blocklist.txt"

// testBlocklist is blocklist.txt: sections [all], [nl], [de] and [en],
// each a list of entries, which are a word, "stem*", "*end" or "*part*".
type testBlocklist map[string][]string

func readBlocklist(t *testing.T) testBlocklist {
	t.Helper()
	b := readSections(t, blocklistFile)
	if len(b["all"]) == 0 || len(b["nl"]) == 0 || len(b["de"]) == 0 || len(b["en"]) == 0 {
		t.Fatalf("%s: a section is missing or empty", blocklistFile)
	}
	return b
}

// readSections reads a file in the blocklist's format.
func readSections(t *testing.T, file string) testBlocklist {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	b := testBlocklist{}
	section := "all"
	for _, line := range strings.Split(string(data), "\n") {
		switch e := strings.TrimSpace(line); {
		case e == "" || strings.HasPrefix(e, "#"):
		case strings.HasPrefix(e, "[") && strings.HasSuffix(e, "]"):
			section = e[1 : len(e)-1]
		default:
			b[section] = append(b[section], e)
		}
	}
	return b
}

// blocks returns the entry that bans w from lang's list, or "".
func (b testBlocklist) blocks(lang, w string) string {
	for _, e := range slices.Concat(b["all"], b[lang]) {
		var hit bool
		switch stem, pre := strings.CutPrefix(e, "*"); {
		case pre && strings.HasSuffix(stem, "*"):
			hit = strings.Contains(w, strings.TrimSuffix(stem, "*"))
		case pre:
			hit = strings.HasSuffix(w, stem)
		case strings.HasSuffix(e, "*"):
			hit = strings.HasPrefix(w, strings.TrimSuffix(e, "*"))
		default:
			hit = w == e
		}
		if hit {
			return e
		}
	}
	return ""
}

func TestBlocklistMatching(t *testing.T) {
	block := readBlocklist(t)
	for _, tc := range []struct {
		lang, word string
		want       bool
	}{
		{"en", "war", true},  // [en] war
		{"de", "war", false}, // German "was"
		{"de", "gift", true},
		{"en", "gift", false},
		{"nl", "atoombom", true}, // [nl] *bom
		{"en", "skill", false},   // kill* is a prefix, not a part
		{"en", "killer", true},
		{"de", "gleiche", false}, // leiche* is a prefix
		{"en", "shitty", true},   // [all] *shit*
		{"nl", "zomer", false},
	} {
		if got := block.blocks(tc.lang, tc.word) != ""; got != tc.want {
			t.Errorf("blocks(%q, %q) = %v, want %v", tc.lang, tc.word, got, tc.want)
		}
	}
}

var (
	passphraseWord = regexp.MustCompile(`^[a-z]{4,8}$`)
	// germanNoun is a German noun as the German list writes it.
	germanNoun = regexp.MustCompile(`^[A-Z][a-z]{3,7}$`)
)

// excludeFile is the generator's list of words that a reading of the lists
// left out; the lists must hold none of them.
const excludeFile = "../scripts/gen-wordlists/exclude.txt"

func TestPassphraseWords(t *testing.T) {
	block, exclude := readBlocklist(t), readSections(t, excludeFile)
	for _, tc := range []struct {
		lang    string
		minSize int
		// sentinels are words the list must hold, as it writes them.
		sentinels []string
	}{
		{"nl", 2048, []string{"koffie", "fiets", "tafel", "lopen", "groen"}},
		{"de", 1024, []string{"Kaffee", "Tisch", "Fenster", "laufen", "schnell"}},
		{"en", 2048, []string{"coffee", "table", "apple", "jump", "happy"}},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			lang := tc.lang
			words := PassphraseWords(lang)
			if len(words) < tc.minSize {
				t.Errorf("PassphraseWords(%q) has %d words, want at least %d", lang, len(words), tc.minSize)
			}
			if !slices.IsSorted(words) {
				t.Errorf("PassphraseWords(%q) is not sorted", lang)
			}
			seen := map[string]bool{}
			for _, w := range words {
				lower := strings.ToLower(w)
				switch {
				case lang == "de" && germanNoun.MatchString(w):
				case !passphraseWord.MatchString(w):
					t.Errorf("%s: %q is not 4 to 8 small letters a-z (nor a German noun)", lang, w)
				}
				// Also "Essen" and "essen" are one word to a listener.
				if seen[lower] {
					t.Errorf("%s: %q twice", lang, lower)
				}
				seen[lower] = true
				if e := block.blocks(lang, lower); e != "" {
					t.Errorf("%s: %q is on the blocklist (%s)", lang, w, e)
				}
				if e := exclude.blocks(lang, lower); e != "" {
					t.Errorf("%s: %q is on the exclusion list (%s)", lang, w, e)
				}
			}
			for _, w := range tc.sentinels {
				if !slices.Contains(words, w) {
					t.Errorf("%s: no %q", lang, w)
				}
			}
		})
	}
	// The examples of issue 13, which no list may hold.
	for lang, words := range map[string][]string{
		"en": {"scion", "molar", "yodel", "dioxide"},
		"nl": {"aankijkt", "bankroet"},
		"de": {"heirate", "Heirate"},
	} {
		for _, w := range words {
			if slices.Contains(PassphraseWords(lang), w) {
				t.Errorf("%s holds %q", lang, w)
			}
		}
	}
}

func TestPassphraseWordsOtherLanguage(t *testing.T) {
	for _, lang := range []string{"", "fr", "NL", "nl-BE", "../dict/months"} {
		if got := PassphraseWords(lang); got != nil {
			t.Errorf("PassphraseWords(%q) has %d words, want nil", lang, len(got))
		}
	}
	if got, want := PassphraseLanguages(), []string{"de", "en", "nl"}; !slices.Equal(got, want) {
		t.Errorf("PassphraseLanguages() = %q, want %q", got, want)
	}
}

func TestDictionaries(t *testing.T) {
	names := DictionaryNames()
	for _, want := range []string{
		"common_nl", "common_de", "common_en", "firstnames_nl", "firstnames_de", "firstnames_en",
		"lastnames_nl", "lastnames_de", "lastnames_en", "wikipedia_nl", "wikipedia_de", "wikipedia_en",
		"passwords", "password_words", "places", "football", "months", "weekdays", "seasons", "greetings",
	} {
		if !slices.Contains(names, want) {
			t.Errorf("DictionaryNames() lacks %q", want)
		}
	}
	if !slices.IsSorted(names) {
		t.Errorf("DictionaryNames() = %q, not sorted", names)
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			words := Dictionary(name)
			if len(words) == 0 {
				t.Fatalf("Dictionary(%q) is empty", name)
			}
			seen := make(map[string]bool, len(words))
			for i, w := range words {
				switch {
				case w == "":
					t.Errorf("line %d is empty", i+1)
				case strings.ToLower(w) != w:
					t.Errorf("line %d: %q is not lowercase", i+1, w)
				case strings.IndexFunc(w, unicode.IsSpace) >= 0:
					t.Errorf("line %d: %q has white space", i+1, w)
				case seen[w]:
					t.Errorf("line %d: %q twice", i+1, w)
				}
				seen[w] = true
			}
		})
	}
}

// TestDictionaryTransliterations checks that each word with ä, ö, ü or ß
// comes with its ae, oe, ue, ss spelling, at least where that is plain
// ASCII.
func TestDictionaryTransliterations(t *testing.T) {
	fold := strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss")
	for _, name := range DictionaryNames() {
		if name == "passwords" {
			continue // leaked passwords, kept as they are
		}
		words := Dictionary(name)
		set := make(map[string]bool, len(words))
		for _, w := range words {
			set[w] = true
		}
		for _, w := range words {
			if a := fold.Replace(w); a != w && isASCII(a) && !set[a] {
				t.Errorf("%s has %q but not %q", name, w, a)
			}
		}
	}
}

func isASCII(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return r > unicode.MaxASCII }) < 0
}

func TestDictionarySentinels(t *testing.T) {
	for _, tc := range []struct{ dict, word string }{
		{"common_nl", "welkom"},
		{"common_nl", "wachtwoord"},
		{"common_de", "passwort"},
		{"common_en", "password"},
		{"greetings", "welkom"},
		{"greetings", "willkommen"},
		{"greetings", "welcome"},
		{"greetings", "moin"},
		{"greetings", "grüezi"},
		{"greetings", "gruezi"},
		{"greetings", "gutenmorgen"},
		{"greetings", "goedemorgen"},
		{"greetings", "tschüss"},
		{"greetings", "tschuess"},
		{"password_words", "wachtwoord"},
		{"password_words", "passwort"},
		{"password_words", "kennwort"},
		{"password_words", "password"},
		{"password_words", "geheim"},
		{"password_words", "admin"},
		{"passwords", "123456"},
		{"passwords", "qwerty"},
		{"football", "ajax"},
		{"football", "feyenoord"},
		{"football", "psv"},
		{"football", "bayern"},
		{"football", "schalke"},
		{"football", "bvb"},
		{"football", "hsv"},
		{"months", "januari"},
		{"months", "märz"},
		{"months", "maerz"},
		{"months", "mrt"},
		{"months", "okt"},
		{"months", "mai"},
		{"months", "march"},
		{"weekdays", "maandag"},
		{"weekdays", "montag"},
		{"weekdays", "monday"},
		{"seasons", "zomer"},
		{"seasons", "frühling"},
		{"seasons", "fruehling"},
		{"seasons", "winter"},
		{"places", "amsterdam"},
		{"places", "denhaag"},
		{"places", "münchen"},
		{"places", "muenchen"},
		{"places", "zürich"},
		{"places", "wien"},
		{"places", "antwerpen"},
		{"firstnames_nl", "emma"},
		{"firstnames_de", "ömer"},
		{"firstnames_de", "oemer"},
		{"lastnames_de", "müller"},
		{"lastnames_de", "mueller"},
		{"lastnames_nl", "desmet"},
		{"lastnames_en", "smith"},
	} {
		if !slices.Contains(Dictionary(tc.dict), tc.word) {
			t.Errorf("Dictionary(%q) lacks %q", tc.dict, tc.word)
		}
	}
}

func TestDictionaryRanked(t *testing.T) {
	common := Dictionary("common_nl")
	if i, j := slices.Index(common, "ik"), slices.Index(common, "wachtwoord"); i < 0 || i > j {
		t.Errorf(`common_nl ranks "ik" at %d and "wachtwoord" at %d, want "ik" first`, i, j)
	}
	if pw := Dictionary("passwords"); pw[0] != "123456" {
		t.Errorf("passwords starts with %q, want %q", pw[0], "123456")
	}
}

func TestDictionaryUnknown(t *testing.T) {
	for _, name := range []string{"", "nope", "common", "dict/months", "months.txt"} {
		if got := Dictionary(name); got != nil {
			t.Errorf("Dictionary(%q) has %d words, want nil", name, len(got))
		}
	}
}

// TestListsAreCopies checks that a caller's changes do not reach the
// shared lists.
func TestListsAreCopies(t *testing.T) {
	d := Dictionary("months")
	d[0] = "changed"
	if Dictionary("months")[0] == "changed" {
		t.Error("changing Dictionary's result changed the dictionary")
	}
	p := PassphraseWords("nl")
	p[0] = "changed"
	if PassphraseWords("nl")[0] == "changed" {
		t.Error("changing PassphraseWords' result changed the list")
	}
}

// BenchmarkLoadDictionaries measures the first load of every embedded
// list: reading the files and splitting them into words.
func BenchmarkLoadDictionaries(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		for _, lists := range []map[string]*wordList{indexLists(dictFiles, "dict"), indexLists(wordFiles, "words")} {
			for _, l := range lists {
				n += len(l.load())
			}
		}
		if n == 0 {
			b.Fatal("no words")
		}
	}
}

func ExampleDictionary() {
	months := Dictionary("months")
	fmt.Println(slices.Contains(months, "märz"), slices.Contains(months, "maerz"))
	// Output: true true
}

func ExamplePassphraseWords() {
	words := PassphraseWords("nl")
	fmt.Println(len(words) >= 1024, PassphraseWords("fr") == nil)
	// Output: true true
}
