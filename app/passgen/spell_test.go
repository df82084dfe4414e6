package passgen

import (
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// printableASCII is every printable ASCII character, space included.
func printableASCII() string {
	var b strings.Builder
	for r := rune(0x20); r <= 0x7E; r++ {
		b.WriteRune(r)
	}
	return b.String()
}

func TestTablesComplete(t *testing.T) {
	// Every language names a-z, A-Z, 0-9, every default symbol and every
	// other printable ASCII character, and no two of them alike.
	chars := lowerLetters + upperLetters + digits + DefaultSymbols + printableASCII() + "€§"
	for _, lang := range Languages() {
		said := make(map[string]rune)
		for _, r := range chars {
			tok := Spell(string(r), lang)[0]
			switch {
			case tok.Word == "" || strings.HasPrefix(tok.Word, "U+"):
				t.Errorf("%s: %q has no word (%q)", lang, r, tok.Word)
			case tok.Char != r:
				t.Errorf("%s: token of %q has Char %q", lang, r, tok.Char)
			}
			if other, ok := said[tok.Text]; ok && other != r {
				t.Errorf("%s: %q and %q are both said %q", lang, other, r, tok.Text)
			}
			said[tok.Text] = r
			wantClass := classesOf(string(r))
			if r == ' ' || r == '€' || r == '§' {
				wantClass = Symbol
			}
			if tok.Class != wantClass {
				t.Errorf("%s: %q has class %v, want %v", lang, r, tok.Class, wantClass)
			}
			isLetter := wantClass == Lower || wantClass == Upper
			if isLetter != (tok.Case != "") {
				t.Errorf("%s: %q has case marker %q", lang, r, tok.Case)
			}
			// A letter's word starts with the letter.
			if isLetter && !strings.HasPrefix(strings.ToUpper(tok.Word), string(unicode.ToUpper(r))) {
				t.Errorf("%s: %q is said %q", lang, r, tok.Word)
			}
		}
		// The table holds no character beyond those checked but its extra
		// letters.
		l := languages()[lang]
		for r := range l.symbols {
			if !strings.ContainsRune(chars, r) {
				t.Errorf("%s: symbol %q is not checked", lang, r)
			}
		}
		for i, d := range l.digits {
			if d == "" {
				t.Errorf("%s: digit %d has no name", lang, i)
			}
		}
		if l.capital == "" || l.small == "" || strings.Count(l.capitalWord, "%s") != 2 {
			t.Errorf("%s: markers %q, %q, %q", lang, l.capital, l.small, l.capitalWord)
		}
	}
	if got, want := Languages(), []string{"en", "nl", "de"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Languages() = %q, want %q", got, want)
	}
	if len(languages()) != len(Languages()) {
		t.Errorf("%d tables for %d languages", len(languages()), len(Languages()))
	}
}

func TestSpellingAlphabets(t *testing.T) {
	// The alphabets in full, as their sources give them.
	want := map[string]string{
		"en": "Alfa Bravo Charlie Delta Echo Foxtrot Golf Hotel India Juliett Kilo Lima Mike " +
			"November Oscar Papa Quebec Romeo Sierra Tango Uniform Victor Whiskey X-ray Yankee Zulu",
		"nl": "Anton Bernard Cornelis Dirk Eduard Ferdinand Gerard Hendrik Isaak Jan Karel Lodewijk Marie " +
			"Nico Otto Pieter Quotiënt Rudolf Simon Theodoor Utrecht Victor Willem Xantippe Ypsilon Zaandam",
		"de": "Aachen Berlin Chemnitz Düsseldorf Essen Frankfurt Goslar Hamburg Ingelheim Jena Köln Leipzig München " +
			"Nürnberg Offenbach Potsdam Quickborn Rostock Salzwedel Tübingen Unna Völklingen Wuppertal Xanten Ypsilon Zwickau",
	}
	for lang, alphabet := range want {
		var got []string
		for _, tok := range Spell(upperLetters, lang) {
			got = append(got, tok.Word)
		}
		if g := strings.Join(got, " "); g != alphabet {
			t.Errorf("%s alphabet:\n got %s\nwant %s", lang, g, alphabet)
		}
	}
	digitNames := map[string]string{
		"en": "zero one two three four five six seven eight nine",
		"nl": "nul één twee drie vier vijf zes zeven acht negen",
		"de": "null eins zwo drei vier fünf sechs sieben acht neun",
	}
	for lang, names := range digitNames {
		if got := joinWords(Spell(digits, lang)); got != names {
			t.Errorf("%s digits = %q, want %q", lang, got, names)
		}
	}
}

func TestSpell(t *testing.T) {
	tests := []struct {
		pw, lang string
		want     []string // the tokens' texts
	}{
		{"Ab3!", "en", []string{"capital A as in Alfa", "small b as in Bravo", "three", "exclamation mark"}},
		{"Zz9-", "nl", []string{"hoofdletter Z van Zaandam", "kleine z van Zaandam", "negen", "streepje"}},
		{"Kk1-", "de", []string{"großes K wie Köln", "kleines k wie Köln", "eins", "Bindestrich"}},
		{"ß2Ä@", "de", []string{"kleines Eszett", "zwo", "großes Ä wie Umlaut Aachen", "At-Zeichen"}},
		{"ẞüÖ", "de", []string{"großes Eszett", "kleines ü wie Umlaut Unna", "großes Ö wie Umlaut Offenbach"}},
		{"ĳĲij", "nl", []string{"kleine ĳ van IJmuiden", "hoofdletter Ĳ van IJmuiden", "kleine i van Isaak", "kleine j van Jan"}},
		{"ß", "en", []string{"U+00DF"}},
		{"é", "nl", []string{"U+00E9"}},
		{"", "en", []string{}},
		{"x y", "fr", []string{"small x as in X-ray", "space", "small y as in Yankee"}},
		{"#=", "nl-BE", []string{"hekje", "is-gelijkteken"}},
		{"*&", "DE_de.UTF-8", []string{"Stern", "Und-Zeichen"}},
		{"%$+?", "en-GB", []string{"percent sign", "dollar sign", "plus", "question mark"}},
	}
	for _, tt := range tests {
		tokens := Spell(tt.pw, tt.lang)
		got := make([]string, len(tokens))
		for i, tok := range tokens {
			got[i] = tok.Text
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Spell(%q, %q) = %q, want %q", tt.pw, tt.lang, got, tt.want)
		}
	}
}

func TestSpellFallback(t *testing.T) {
	tests := []struct {
		in        string
		char      rune
		class     Class
		word      string
		wantCases string
	}{
		{"é", 'é', Lower, "U+00E9", ""},
		{"É", 'É', Upper, "U+00C9", ""},
		{"٣", '٣', Digit, "U+0663", ""},
		{"«", '«', Symbol, "U+00AB", ""},
		{"\t", '\t', Other, "U+0009", ""},
		{"の", 'の', Other, "U+306E", ""},
		{"\xff", utf8.RuneError, Other, "U+FFFD", ""},
		{"\U0001F600", '\U0001F600', Symbol, "U+1F600", ""},
	}
	for _, tt := range tests {
		got := Spell(tt.in, "en")
		want := []Token{{Char: tt.char, Class: tt.class, Word: tt.word, Text: tt.word}}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Spell(%q) = %+v, want %+v", tt.in, got, want)
		}
	}
}

func TestSpellerCapitalsOnly(t *testing.T) {
	got := Line(Speller{Lang: "de", CapitalsOnly: true}.Spell("aB1"))
	if want := "a wie Aachen, großes B wie Berlin, eins"; got != want {
		t.Errorf("Line(Spell(aB1)) = %q, want %q", got, want)
	}
	tok := Speller{CapitalsOnly: true}.Spell("a")[0]
	if tok.Case != "" || tok.Class != Lower || tok.Text != "a as in Alfa" {
		t.Errorf("Spell(a) = %+v, want class lower, no case marker", tok)
	}
}

func TestMatchLanguage(t *testing.T) {
	tests := []struct {
		tag, want string
		ok        bool
	}{
		{"en", "en", true},
		{"nl", "nl", true},
		{"de", "de", true},
		{"NL", "nl", true},
		{"nl-BE", "nl", true},
		{"de_AT", "de", true},
		{"de_DE.UTF-8", "de", true},
		{"en-US", "en", true},
		{"fr", "en", false},
		{"", "en", false},
		{"C.UTF-8", "en", false},
		{"dutch", "en", false},
	}
	for _, tt := range tests {
		got, ok := MatchLanguage(tt.tag)
		if got != tt.want || ok != tt.ok {
			t.Errorf("MatchLanguage(%q) = %q, %v, want %q, %v", tt.tag, got, ok, tt.want, tt.ok)
		}
	}
}

// partSummary is a part's kind, text and spoken text, and whether it is
// spelled.
type partSummary struct {
	Kind    PartKind
	Text    string
	Spoken  string
	Spelled bool
}

// summarise returns the summaries of parts.
func summarise(parts []Part) []partSummary {
	s := make([]partSummary, len(parts))
	for i, p := range parts {
		s[i] = partSummary{p.Kind, p.Text, p.Spoken, p.Letters != nil}
	}
	return s
}

func TestSpellPhrase(t *testing.T) {
	word := func(text, spoken string, spelled bool) partSummary {
		return partSummary{PartWord, text, spoken, spelled}
	}
	tests := []struct {
		phrase, sep, lang string
		spell             bool
		want              []partSummary
	}{
		{"correct-Horse-staple-7", "-", "en", false, []partSummary{
			word("correct", "correct", false),
			{PartSeparator, "-", "dash", true},
			word("Horse", "Horse (capital H)", false),
			{PartSeparator, "-", "dash", true},
			word("staple", "staple", false),
			{PartSeparator, "-", "dash", true},
			{PartNumber, "7", "seven", true},
		}},
		{"appel Peer", " ", "nl", true, []partSummary{
			word("appel", "appel", true),
			{PartSeparator, " ", "spatie", true},
			word("Peer", "Peer", true), // spelled: the spelling marks the capital
		}},
		{"Öl.iPhone.42", ".", "de", false, []partSummary{
			word("Öl", "Öl (großes Ö)", false),
			{PartSeparator, ".", "Punkt", true},
			word("iPhone", "iPhone", true), // mixed case: always spelled
			{PartSeparator, ".", "Punkt", true},
			{PartNumber, "42", "vier zwo", true},
		}},
		{"a--b", "-", "en", false, []partSummary{
			word("a", "a", false),
			{PartSeparator, "-", "dash", true},
			{PartSeparator, "-", "dash", true},
			word("b", "b", false),
		}},
		{"a +b", " +", "en", false, []partSummary{
			word("a", "a", false),
			{PartSeparator, " +", "space plus", true},
			word("b", "b", false),
		}},
		{"HORSE", "", "en", false, []partSummary{word("HORSE", "HORSE", true)}},
		{"one-two", "", "en", false, []partSummary{word("one-two", "one-two", false)}},
		{"", "-", "en", false, []partSummary{}},
	}
	for _, tt := range tests {
		got := summarise(SpellPhrase(tt.phrase, tt.sep, tt.lang, tt.spell))
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("SpellPhrase(%q, %q, %q, %v) =\n%+v\nwant\n%+v", tt.phrase, tt.sep, tt.lang, tt.spell, got, tt.want)
		}
	}
	// A separator's tokens have class Separator, and each part its own
	// copy of them.
	parts := SpellPhrase("a-b-c", "-", "en", false)
	parts[1].Letters[0].Text = "changed"
	if tok := parts[3].Letters[0]; tok.Class != Separator || tok.Text != "dash" {
		t.Errorf("second separator's token = %+v, want class separator, said dash", tok)
	}
}

func TestLine(t *testing.T) {
	if got, want := Line(Spell("Ab3!", "en")), "capital A as in Alfa, small b as in Bravo, three, exclamation mark"; got != want {
		t.Errorf("Line() = %q, want %q", got, want)
	}
	if got := Line(nil); got != "" {
		t.Errorf("Line(nil) = %q, want empty", got)
	}
	got := PhraseLine(SpellPhrase("Ox-ja-7", "-", "en", true))
	want := "Ox (capital O as in Oscar, small x as in X-ray), dash, ja (small j as in Juliett, small a as in Alfa), dash, seven"
	if got != want {
		t.Errorf("PhraseLine() =\n%q\nwant\n%q", got, want)
	}
	got = PhraseLine(SpellPhrase("Ox-ja-7", "-", "de", false))
	if want := "Ox (großes O), Bindestrich, ja, Bindestrich, sieben"; got != want {
		t.Errorf("PhraseLine() = %q, want %q", got, want)
	}
}

// TestReadout checks the one phone readout of windows and commands, and
// the letter-by-letter readout of an SMS, in every language: capitals,
// digits and separators, for passphrases and random passwords.
func TestReadout(t *testing.T) {
	tests := []struct {
		letters             bool // LetterByLetter, not Readout
		pw, sep, lang, want string
	}{
		{false, "koffie-Fiets-tafel-7", "-", "nl", "koffie, streepje, Fiets (hoofdletter F), streepje, tafel, streepje, zeven"},
		{false, "Kaffee-laufen-Tisch-2", "-", "de", "Kaffee (großes K), Bindestrich, laufen, Bindestrich, Tisch (großes T), Bindestrich, zwo"},
		{false, "apple-Horse-kite-1", "-", "en", "apple, dash, Horse (capital H), dash, kite, dash, one"},
		{false, "huis.boom", ".", "nl", "huis, punt, boom"},
		{false, "Haus_Baum", "_", "de", "Haus (großes H), Unterstrich, Baum (großes B)"},
		{false, "Kx7-", "", "en", "capital K as in Kilo, small x as in X-ray, seven, dash"},
		{false, "Kx7-", "", "nl", "hoofdletter K van Karel, kleine x van Xantippe, zeven, streepje"},
		{false, "Kx7-", "", "de", "großes K wie Köln, kleines x wie Xanten, sieben, Bindestrich"},
		{false, "", "", "en", ""},
		{true, "Kaffee-9", "-", "de", "großes K wie Köln, a wie Aachen, f wie Frankfurt, f wie Frankfurt, e wie Essen, e wie Essen, Bindestrich, neun"},
		{true, "Bos-6", "-", "nl", "hoofdletter B van Bernard, o van Otto, s van Simon, streepje, zes"},
		{true, "aB3", "", "en", "small a as in Alfa, capital B as in Bravo, three"},
	}
	for _, tt := range tests {
		readout, name := Readout, "Readout"
		if tt.letters {
			readout, name = LetterByLetter, "LetterByLetter"
		}
		// The examples are no secrets; a real password never goes into a
		// failure message.
		if got := readout(tt.pw, tt.sep, tt.lang); got != tt.want {
			t.Errorf("%s(%q, %q, %q) =\n%q\nwant\n%q", name, tt.pw, tt.sep, tt.lang, got, tt.want)
		}
	}
}

func TestPartKindString(t *testing.T) {
	for k, want := range map[PartKind]string{PartWord: "word", PartNumber: "number", PartSeparator: "separator", 0: "PartKind(0)"} {
		if got := k.String(); got != want {
			t.Errorf("PartKind(%d).String() = %q, want %q", uint8(k), got, want)
		}
	}
}

func TestSpellGenerated(t *testing.T) {
	// Every character a default password can hold is spelled from the
	// tables, in every language.
	for seed := range uint64(200) {
		p, err := PasswordOptions{Length: MaxLength, Rand: newHashReader(seed)}.Generate()
		if err != nil {
			t.Fatal(err)
		}
		for _, lang := range Languages() {
			for _, tok := range Spell(p.Reveal(), lang) {
				if strings.HasPrefix(tok.Word, "U+") {
					t.Fatalf("%s: %q is said as its code point", lang, tok.Char)
				}
			}
		}
	}
}

// fuzzSeeds are the seeds of FuzzSpell: the cases above and some edges.
var fuzzSeeds = []string{
	"", "Ab3!", "Zz9-", "ß2Ä@", "ĳĲij", "x y", "correct-Horse-staple-7", "a--b", "--", "-",
	"\xff", "a\xffb", "\xed\xa0\x80", "\U0001F600", "\x00\t\n", "iPhone", strings.Repeat("é", 10),
	// Cases found by fuzzing go here.
}

func FuzzSpell(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, "-")
		f.Add(s, "")
	}
	f.Fuzz(func(t *testing.T, s, sep string) {
		for _, lang := range append(Languages(), "xx") {
			tokens := Spell(s, lang)
			if got, want := len(tokens), utf8.RuneCountInString(s); got != want {
				t.Fatalf("Spell(%q, %q) gave %d tokens for %d runes", s, lang, got, want)
			}
			var chars strings.Builder
			for _, tok := range tokens {
				if tok.Text == "" || tok.Word == "" || tok.Class == 0 {
					t.Fatalf("Spell(%q, %q) gave the token %+v", s, lang, tok)
				}
				chars.WriteRune(tok.Char)
			}
			if utf8.ValidString(s) && chars.String() != s {
				t.Fatalf("Spell(%q, %q) spelled %q", s, lang, chars.String())
			}
			_ = Line(tokens)
			for _, spell := range []bool{false, true} {
				parts := SpellPhrase(s, sep, lang, spell)
				var text strings.Builder
				for _, p := range parts {
					if p.Text == "" || p.Spoken == "" {
						t.Fatalf("SpellPhrase(%q, %q) gave the part %+v", s, sep, p)
					}
					text.WriteString(p.Text)
				}
				if text.String() != s {
					t.Fatalf("SpellPhrase(%q, %q) parts join to %q", s, sep, text.String())
				}
				_ = PhraseLine(parts)
			}
		}
	})
}
