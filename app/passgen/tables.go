package passgen

import "sync"

// The readout tables: language data, like a word list. [Spell] documents
// their sources; the tests check that each table names every printable
// ASCII character in every language.

// language is what a readout says in one language.
type language struct {
	letters map[rune]letter // every letter of the table, in both cases
	digits  [10]string
	symbols map[rune]string
	capital string // the mark before a capital letter
	small   string // the mark before a small letter
	// letterAs formats a letter and its word, as said on the phone: the
	// letter, then the word ("K as in Kilo").
	letterAs string
	// capitalWord formats a capitalised word of a passphrase: the word,
	// then its first letter.
	capitalWord string
}

// letter is a letter's word in the spelling alphabet, and its case.
type letter struct {
	word  string
	upper bool
}

// extraLetter is a letter beyond A to Z, in both cases.
type extraLetter struct {
	upper, lower rune
	word         string
}

// newLanguage returns a language with alphabet for A to Z and extra for
// other letters.
func newLanguage(alphabet [26]string, extra []extraLetter, l language) *language {
	l.letters = make(map[rune]letter, 2*(len(alphabet)+len(extra)))
	for i, word := range alphabet {
		l.letters[rune('A'+i)] = letter{word, true}
		l.letters[rune('a'+i)] = letter{word, false}
	}
	for _, e := range extra {
		l.letters[e.upper] = letter{e.word, true}
		l.letters[e.lower] = letter{e.word, false}
	}
	return &l
}

// languages holds the tables by language code. They are built on first
// use: every process of the binary runs this package's init, and only a
// read-out spells.
var languages = sync.OnceValue(func() map[string]*language {
	return map[string]*language{
		"en": english(),
		"nl": dutch(),
		"de": german(),
	}
})

// english is the ICAO/NATO spelling alphabet (ICAO Annex 10, volume II,
// with ICAO's spellings Alfa, Juliett and X-ray) and English names.
func english() *language {
	return newLanguage([26]string{
		"Alfa", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf",
		"Hotel", "India", "Juliett", "Kilo", "Lima", "Mike", "November",
		"Oscar", "Papa", "Quebec", "Romeo", "Sierra", "Tango", "Uniform",
		"Victor", "Whiskey", "X-ray", "Yankee", "Zulu",
	}, nil, language{
		digits:      [10]string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"},
		capital:     "capital",
		small:       "small",
		letterAs:    "%s as in %s",
		capitalWord: "%s (capital %s)",
		symbols: map[rune]string{
			' ':  "space",
			'!':  "exclamation mark",
			'"':  "double quote",
			'#':  "hash",
			'$':  "dollar sign",
			'%':  "percent sign",
			'&':  "ampersand",
			'\'': "apostrophe",
			'(':  "opening parenthesis",
			')':  "closing parenthesis",
			'*':  "asterisk",
			'+':  "plus",
			',':  "comma",
			'-':  "dash",
			'.':  "dot",
			'/':  "slash",
			':':  "colon",
			';':  "semicolon",
			'<':  "less-than sign",
			'=':  "equals sign",
			'>':  "greater-than sign",
			'?':  "question mark",
			'@':  "at sign",
			'[':  "opening square bracket",
			'\\': "backslash",
			']':  "closing square bracket",
			'^':  "caret",
			'_':  "underscore",
			'`':  "backtick",
			'{':  "opening curly brace",
			'|':  "vertical bar",
			'}':  "closing curly brace",
			'~':  "tilde",
			'€':  "euro sign",
			'§':  "section sign",
		},
	})
}

// dutch is the Dutch telephone alphabet, which no standard fixes, as it is
// usually printed (every name from Genootschap Onze Taal's list), and Dutch
// names. The ligature ĳ is IJmuiden; i followed by j is spelled as two
// letters.
func dutch() *language {
	return newLanguage([26]string{
		"Anton", "Bernard", "Cornelis", "Dirk", "Eduard", "Ferdinand", "Gerard",
		"Hendrik", "Isaak", "Jan", "Karel", "Lodewijk", "Marie", "Nico",
		"Otto", "Pieter", "Quotiënt", "Rudolf", "Simon", "Theodoor", "Utrecht",
		"Victor", "Willem", "Xantippe", "Ypsilon", "Zaandam",
	}, []extraLetter{
		{'Ĳ', 'ĳ', "IJmuiden"},
	}, language{
		digits:      [10]string{"nul", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen"},
		capital:     "hoofdletter",
		small:       "kleine",
		letterAs:    "%s van %s",
		capitalWord: "%s (hoofdletter %s)",
		symbols: map[rune]string{
			' ':  "spatie",
			'!':  "uitroepteken",
			'"':  "dubbel aanhalingsteken",
			'#':  "hekje",
			'$':  "dollarteken",
			'%':  "procentteken",
			'&':  "en-teken",
			'\'': "apostrof",
			'(':  "haakje openen",
			')':  "haakje sluiten",
			'*':  "sterretje",
			'+':  "plus",
			',':  "komma",
			'-':  "streepje",
			'.':  "punt",
			'/':  "schuine streep",
			':':  "dubbele punt",
			';':  "puntkomma",
			'<':  "kleiner-dan-teken",
			'=':  "is-gelijkteken",
			'>':  "groter-dan-teken",
			'?':  "vraagteken",
			'@':  "apenstaartje",
			'[':  "vierkant haakje openen",
			'\\': "backslash",
			']':  "vierkant haakje sluiten",
			'^':  "dakje",
			'_':  "laag streepje",
			'`':  "accent grave",
			'{':  "accolade openen",
			'|':  "verticale streep",
			'}':  "accolade sluiten",
			'~':  "tilde",
			'€':  "euroteken",
			'§':  "paragraafteken",
		},
	})
}

// german is the spelling table of DIN 5009:2022 ("Buchstabiertafel für
// Wirtschaft und Verwaltung", 13 May 2022), which has no words for CH and
// SCH any more, and German names; "zwo" for 2 as DIN 5009 advises.
func german() *language {
	return newLanguage([26]string{
		"Aachen", "Berlin", "Chemnitz", "Düsseldorf", "Essen", "Frankfurt", "Goslar",
		"Hamburg", "Ingelheim", "Jena", "Köln", "Leipzig", "München", "Nürnberg",
		"Offenbach", "Potsdam", "Quickborn", "Rostock", "Salzwedel", "Tübingen", "Unna",
		"Völklingen", "Wuppertal", "Xanten", "Ypsilon", "Zwickau",
	}, []extraLetter{
		{'Ä', 'ä', "Umlaut Aachen"},
		{'Ö', 'ö', "Umlaut Offenbach"},
		{'Ü', 'ü', "Umlaut Unna"},
		{'ẞ', 'ß', "Eszett"},
	}, language{
		digits:      [10]string{"null", "eins", "zwo", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"},
		capital:     "großes",
		small:       "kleines",
		letterAs:    "%s wie %s",
		capitalWord: "%s (großes %s)",
		symbols: map[rune]string{
			' ':  "Leerzeichen",
			'!':  "Ausrufezeichen",
			'"':  "Anführungszeichen",
			'#':  "Raute",
			'$':  "Dollarzeichen",
			'%':  "Prozentzeichen",
			'&':  "Und-Zeichen",
			'\'': "Apostroph",
			'(':  "Klammer auf",
			')':  "Klammer zu",
			'*':  "Stern",
			'+':  "Plus",
			',':  "Komma",
			'-':  "Bindestrich",
			'.':  "Punkt",
			'/':  "Schrägstrich",
			':':  "Doppelpunkt",
			';':  "Semikolon",
			'<':  "Kleiner-als-Zeichen",
			'=':  "Gleichheitszeichen",
			'>':  "Größer-als-Zeichen",
			'?':  "Fragezeichen",
			'@':  "At-Zeichen",
			'[':  "eckige Klammer auf",
			'\\': "Backslash",
			']':  "eckige Klammer zu",
			'^':  "Zirkumflex",
			'_':  "Unterstrich",
			'`':  "Gravis",
			'{':  "geschweifte Klammer auf",
			'|':  "senkrechter Strich",
			'}':  "geschweifte Klammer zu",
			'~':  "Tilde",
			'€':  "Eurozeichen",
			'§':  "Paragrafzeichen",
		},
	})
}
