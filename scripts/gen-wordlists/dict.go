package main

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits on the long, ranked lists; the tail past them adds size but
// hardly any guessing power.
const (
	maxCommon    = 30000
	maxWikipedia = 20000
	maxLastnames = 20000
	maxPasswords = 50000
)

// buildDictionaries returns the scoring dictionaries keyed by file name
// (without .txt). Ranked sources keep their order, most common first.
func buildDictionaries(src sources) map[string][]string {
	d := map[string][]string{
		"common_nl":    wordList(src["nl-be/commonWords"], maxCommon),
		"common_de":    wordList(src["de/commonWords"], maxCommon),
		"common_en":    wordList(src["en/commonWords"], maxCommon),
		"wikipedia_nl": wordList(withoutMarkup(src["nl-be/wikipedia"]), maxWikipedia),
		"wikipedia_de": wordList(withoutMarkup(src["de/wikipedia"]), maxWikipedia),
		"wikipedia_en": wordList(withoutMarkup(src["en/wikipedia"]), maxWikipedia),
		"firstnames_nl": wordList(interleave(
			src["nl-be/girlsFirstnames"], src["nl-be/boysFirstnames"]), 0),
		"firstnames_de": wordList(src["de/firstnames"], 0),
		"firstnames_en": wordList(src["en/firstnames"], 0),
		"lastnames_nl":  wordList(src["nl-be/lastnames"], maxLastnames),
		"lastnames_de":  wordList(src["de/lastnames"], maxLastnames),
		"lastnames_en":  wordList(src["en/lastnames"], maxLastnames),
		"passwords":     passwordList(src["common/passwords"], maxPasswords),
	}
	for name, words := range handLists {
		d[name] = wordList(words, 0)
	}
	return d
}

// withoutMarkup drops the tokens of the Wikipedia dumps' markup that the
// packages' lists rank high ("doc", "curid", …).
func withoutMarkup(words []string) []string {
	markup := map[string]bool{"doc": true, "id": true, "title": true, "url": true, "curid": true,
		"https": true, "http": true, "www": true, "org": true, "wiki": true, "ref": true}
	return slices.DeleteFunc(slices.Clone(words), func(w string) bool { return markup[w] })
}

// interleave merges ranked lists rank by rank: a[0], b[0], a[1], b[1], …
func interleave(lists ...[]string) []string {
	var out []string
	for i := 0; ; i++ {
		added := false
		for _, l := range lists {
			if i < len(l) {
				out = append(out, l[i])
				added = true
			}
		}
		if !added {
			return out
		}
	}
}

// wordList normalises words (see normalize), adds the ASCII spellings of
// words with umlauts or accents right after them, drops duplicates (the
// first, best rank wins) and keeps at most limit words (0: all).
func wordList(words []string, limit int) []string {
	var out []string
	seen := map[string]bool{}
	add := func(w string) {
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	for _, w := range words {
		n, ok := normalize(w)
		if !ok {
			continue
		}
		add(n)
		for _, t := range transliterations(n) {
			add(t)
		}
		if limit > 0 && len(out) >= limit {
			break
		}
	}
	return out
}

// passwordList keeps leaked passwords as they are, lowercased, symbols and
// all, dropping those with white space or control characters.
func passwordList(words []string, limit int) []string {
	var out []string
	seen := map[string]bool{}
	for _, w := range words {
		w = strings.ToLower(w)
		if utf8.RuneCountInString(w) < 2 || strings.IndexFunc(w, func(r rune) bool {
			return unicode.IsSpace(r) || !unicode.IsGraphic(r)
		}) >= 0 || seen[w] {
			continue
		}
		seen[w] = true
		out = append(out, w)
		if len(out) >= limit {
			break
		}
	}
	return out
}

// normalize lowercases w and removes spaces, hyphens, apostrophes, dots and
// invisible characters ("de smet" → "desmet", "'s-hertogenbosch" →
// "shertogenbosch"). It reports false if what is left is shorter than two
// characters or holds anything but letters and digits.
func normalize(w string) (string, bool) {
	w = strings.Map(func(r rune) rune {
		switch {
		case r == ' ' || r == '-' || r == '\'' || r == '.' || r == '`' || r == '\u2019' || r == '\u2010':
			return -1
		case unicode.Is(unicode.Cf, r): // soft hyphen, zero-width space, bidi marks
			return -1
		}
		return unicode.ToLower(r)
	}, w)
	if utf8.RuneCountInString(w) < 2 {
		return "", false
	}
	for _, r := range w {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return "", false
		}
	}
	return w, true
}

// germanFold spells ä, ö, ü and ß as ae, oe, ue and ss.
var germanFold = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss")

// accentFold drops other accents: "café" → "cafe", "ideeën" → "ideeen".
var accentFold = strings.NewReplacer(
	"à", "a", "á", "a", "â", "a", "ã", "a", "å", "a", "ā", "a",
	"ç", "c", "ć", "c", "č", "c",
	"è", "e", "é", "e", "ê", "e", "ë", "e", "ē", "e", "ė", "e", "ę", "e",
	"ì", "i", "í", "i", "î", "i", "ï", "i", "ī", "i", "ı", "i",
	"ñ", "n", "ń", "n", "ň", "n",
	"ò", "o", "ó", "o", "ô", "o", "õ", "o", "ø", "o", "ō", "o", "ő", "o",
	"ù", "u", "ú", "u", "û", "u", "ū", "u", "ů", "u", "ű", "u",
	"ý", "y", "ÿ", "y",
	"ğ", "g", "ł", "l", "ř", "r", "ś", "s", "š", "s", "ş", "s", "ț", "t", "ţ", "t",
	"ź", "z", "ż", "z", "ž", "z", "æ", "ae", "œ", "oe",
)

// transliterations returns the other spellings users type for w: the
// German one (ä → ae, ö → oe, ü → ue, ß → ss) with any other accent dropped.
// It returns nothing for a word of plain ASCII letters.
func transliterations(w string) []string {
	t := accentFold.Replace(germanFold.Replace(w))
	if t == w {
		return nil
	}
	return []string{t}
}
