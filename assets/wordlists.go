package assets

import (
	"embed"
	"path"
	"slices"
	"strings"
	"sync"
)

// The word lists: the scoring dictionaries under dict/ and the passphrase
// lists under words/, one UTF-8 word a line (lower case but for German
// nouns in the passphrase lists). The command
// scripts/gen-wordlists writes them; dict/SOURCES.md and words/SOURCES.md
// name their sources and licences.
var (
	//go:embed dict/*.txt
	dictFiles embed.FS
	//go:embed words/*.txt
	wordFiles embed.FS
)

// wordList is one embedded list, read and split on first use.
type wordList struct {
	load func() []string
}

func newWordList(fsys embed.FS, file string) *wordList {
	return &wordList{load: sync.OnceValue(func() []string {
		data, err := fsys.ReadFile(file)
		if err != nil {
			panic("assets: " + err.Error()) // the file was listed from the same FS
		}
		return strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	})}
}

// indexLists maps the base names of the .txt files in dir to their lists.
func indexLists(fsys embed.FS, dir string) map[string]*wordList {
	entries, err := fsys.ReadDir(dir)
	if err != nil {
		panic("assets: " + err.Error())
	}
	lists := make(map[string]*wordList, len(entries))
	for _, e := range entries {
		if name, ok := strings.CutSuffix(e.Name(), ".txt"); ok {
			lists[name] = newWordList(fsys, path.Join(dir, e.Name()))
		}
	}
	return lists
}

var (
	dictionaries = sync.OnceValue(func() map[string]*wordList { return indexLists(dictFiles, "dict") })
	passphrases  = sync.OnceValue(func() map[string]*wordList { return indexLists(wordFiles, "words") })
)

// DictionaryNames returns the names of the embedded scoring dictionaries,
// sorted: "common_de", "common_en", "common_nl", "firstnames_de", …,
// "football", "greetings", "lastnames_nl", "months", "password_words",
// "passwords", "places", "seasons", "weekdays", "wikipedia_en", ….
//
// A name ending in _nl, _de or _en is one language's list; the others
// (places, football clubs, months, weekdays, seasons and holidays,
// greetings, password words, leaked passwords) hold all three languages.
func DictionaryNames() []string {
	names := make([]string, 0, len(dictionaries()))
	for name := range dictionaries() {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// Dictionary returns the words of the named scoring dictionary (see
// [DictionaryNames]), or nil if there is no such dictionary.
//
// The words are lowercase, unique and never empty; a list from a ranked
// source is ranked, most common first, so that a word's index is its rank.
// Words with ä, ö, ü or ß are followed by their ae, oe, ue, ss spelling
// ("märz", "maerz"), and words with other accents by the plain one
// ("café", "cafe"); spaces, hyphens and apostrophes are dropped ("den
// haag" is "denhaag"). The passwords list keeps its digits and symbols.
//
// The list is read on first use and kept; each call returns a new slice
// that the caller may change.
func Dictionary(name string) []string {
	l, ok := dictionaries()[name]
	if !ok {
		return nil
	}
	return slices.Clone(l.load())
}

// PassphraseLanguages returns the languages that [PassphraseWords] has a
// list for: "de", "en" and "nl".
func PassphraseLanguages() []string {
	langs := make([]string, 0, len(passphrases()))
	for lang := range passphrases() {
		langs = append(langs, lang)
	}
	slices.Sort(langs)
	return langs
}

// PassphraseWords returns the passphrase word list of lang ("nl", "de" or
// "en"), sorted, or nil for any other language.
//
// Each list has at least 1024 unique words (10 bits a word), chosen to
// be read out over the phone: 4 to 8 letters a–z, common, in their base
// form (a noun in the singular, a verb's infinitive, an adjective),
// concrete where the dictionaries can tell, no proper names, nothing
// offensive, and no word that sounds like another common word. The Dutch
// and English words are lower case; a German noun starts with a capital,
// as Germans write it ("Kaffee"), and every other German word is lower
// case. A word drawn uniformly from a list of n words adds log2(n) bits:
// compute it from the list's length, which words/SOURCES.md gives.
//
// The list is read on first use and kept; each call returns a new slice
// that the caller may change.
func PassphraseWords(lang string) []string {
	l, ok := passphrases()[lang]
	if !ok {
		return nil
	}
	return slices.Clone(l.load())
}
