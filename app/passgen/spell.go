package passgen

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token is one character of a readout: what it is and what to say. Tokens
// hold the characters they spell, so they are as secret as the password.
type Token struct {
	// Char is the character; utf8.RuneError for a byte that is not valid
	// UTF-8.
	Char rune
	// Class is the character's class: Lower, Upper, Digit, Symbol,
	// Separator (in a passphrase's separators) or Other.
	Class Class
	// Case is the case marker said before a letter, such as "capital" or
	// "small"; empty for anything but a letter of the tables, and for a
	// small letter when the Speller says only capitals.
	Case string
	// Word is the word for the character: a spelling-alphabet word such
	// as "Bravo", a digit's or symbol's name, or the code point, such as
	// "U+00E9", for a character the tables lack.
	Word string
	// Text is what to say: Case, the letter and its Word, such as
	// "capital B as in Bravo"; for anything but a letter the Word alone.
	Text string
}

// PartKind is what a [Part] of a passphrase readout is.
type PartKind uint8

// The kinds of part.
const (
	// PartWord is a word.
	PartWord PartKind = iota + 1
	// PartNumber is a run of digits, such as the digit a passphrase may
	// end with.
	PartNumber
	// PartSeparator is the separator between two parts.
	PartSeparator
)

// String returns "word", "number" or "separator".
func (k PartKind) String() string {
	switch k {
	case PartWord:
		return "word"
	case PartNumber:
		return "number"
	case PartSeparator:
		return "separator"
	}
	return fmt.Sprintf("PartKind(%d)", uint8(k))
}

// Part is one element of a passphrase readout: a word, a number or a
// separator. Parts are as secret as the passphrase.
type Part struct {
	// Kind is what the part is.
	Kind PartKind
	// Text is the part as written in the passphrase.
	Text string
	// Spoken is what to say: the word itself, with a note when its first
	// letter is a capital and the word is not spelled, such as "Horse
	// (capital H)"; the names of a
	// number's digits or of a separator's characters, such as "seven" or
	// "dash".
	Spoken string
	// Letters spells the part character by character: for a word when the
	// readout was asked to spell words, and always for a word of mixed
	// case (such as "iPhone") that the note cannot describe, for a number
	// and for a separator (whose tokens have class Separator).
	Letters []Token
}

// Speller spells passwords in one language. The zero Speller spells in
// English and marks the case of every letter.
type Speller struct {
	// Lang is the language: "en", "nl" or "de", or a tag such as "nl-BE"
	// or "de_DE.UTF-8" whose first part is one of them. Any other language
	// falls back to English.
	Lang string
	// CapitalsOnly marks capital letters alone, leaving small letters
	// unmarked. By default both are marked, so that a listener never has to
	// assume a case.
	CapitalsOnly bool
}

// Spell is [Speller.Spell] in the language lang, with the case of every
// letter marked.
//
// The tables are these. English: the ICAO/NATO spelling alphabet of ICAO
// Annex 10 (Alfa, Bravo, Charlie… with ICAO's spellings Alfa, Juliett,
// X-ray), marked "capital" and "small", and plain digit names (zero, one,
// two…, not the radio forms "tree", "fife", "niner"). Dutch: the Dutch
// telephone alphabet, which has no official standard; the table is the
// list as it is usually printed, each name one of those that Genootschap
// Onze Taal gives for its letter: Anton, Bernard, Cornelis, Dirk, Eduard,
// Ferdinand, Gerard, Hendrik, Isaak, Jan, Karel, Lodewijk, Marie, Nico,
// Otto, Pieter, Quotiënt, Rudolf, Simon, Theodoor, Utrecht, Victor, Willem,
// Xantippe, Ypsilon, Zaandam (Anna, Izaak, Johannes, Maria, Quirinus,
// Teunis, Zacharias are in Onze Taal's list too; Johan and Richard are
// heard); the letters i
// and j of "ij" are two characters and are spelled as two, and only the
// ligature ĳ (U+0133, U+0132) is "IJmuiden". Marks: "hoofdletter" and
// "kleine"; "één" for 1, to tell it from the article. German: the
// table of DIN 5009:2022 (published 13 May 2022), all city names but for
// Eszett and Ypsilon: Aachen, Berlin, Chemnitz, Düsseldorf, Essen,
// Frankfurt, Goslar, Hamburg, Ingelheim, Jena, Köln, Leipzig, München,
// Nürnberg, Offenbach, Potsdam, Quickborn, Rostock, Salzwedel, Tübingen,
// Unna, Völklingen, Wuppertal, Xanten, Ypsilon, Zwickau, with Umlaut
// Aachen, Umlaut Offenbach, Umlaut Unna for Ä, Ö, Ü and Eszett for ß;
// "zwo" for 2, as DIN 5009 advises so that it is not heard as "drei";
// marks "großes" and "kleines". A letter is said as on the phone: the
// letter, then its word ("capital K as in Kilo", "hoofdletter K van
// Karel", "großes K wie Köln"). Every language names every printable ASCII
// character, € and § with the word a native says on the phone (such as
// "hekje" and "Raute" for #, "dash", "streepje" and "Bindestrich" for -),
// not checked against the names in DIN 5009's supplement; any other
// character is said as its code point (U+XXXX).
func Spell(pw, lang string) []Token {
	return Speller{Lang: lang}.Spell(pw)
}

// Spell returns one token for each character of pw, as a range loop counts
// them: one for each rune, and one for each byte that is not valid UTF-8.
// It never fails; a character the tables lack is said as its code point.
func (s Speller) Spell(pw string) []Token {
	l := languageFor(s.Lang)
	tokens := make([]Token, 0, utf8.RuneCountInString(pw))
	for _, r := range pw {
		tokens = append(tokens, s.token(l, r))
	}
	return tokens
}

// token returns the token for r in language l.
func (s Speller) token(l *language, r rune) Token {
	t := Token{Char: r}
	if e, ok := l.letters[r]; ok {
		t.Word = e.word
		if e.upper {
			t.Class, t.Case = Upper, l.capital
		} else {
			t.Class = Lower
			if !s.CapitalsOnly {
				t.Case = l.small
			}
		}
	} else if '0' <= r && r <= '9' {
		t.Class, t.Word = Digit, l.digits[r-'0']
	} else if name, ok := l.symbols[r]; ok {
		t.Class, t.Word = Symbol, name
	} else {
		t.Word = fmt.Sprintf("%U", r)
		switch {
		case r == utf8.RuneError:
			t.Class = Other
		case unicode.IsUpper(r):
			t.Class = Upper
		case unicode.IsLower(r):
			t.Class = Lower
		case unicode.IsDigit(r):
			t.Class = Digit
		case unicode.IsPunct(r) || unicode.IsSymbol(r):
			t.Class = Symbol
		default:
			t.Class = Other
		}
	}
	t.Text = t.Word
	if t.Class == Lower || t.Class == Upper {
		if _, ok := l.letters[r]; ok && !strings.EqualFold(t.Word, string(r)) && r != 'ß' && r != 'ẞ' {
			t.Text = fmt.Sprintf(l.letterAs, string(r), t.Word)
		}
	}
	if t.Case != "" {
		t.Text = t.Case + " " + t.Text
	}
	return t
}

// SpellPhrase is [Speller.SpellPhrase] in the language lang, with the case
// of every letter marked.
func SpellPhrase(phrase, sep, lang string, spellWords bool) []Part {
	return Speller{Lang: lang}.SpellPhrase(phrase, sep, spellWords)
}

// SpellPhrase returns the readout of a passphrase whose words sep
// separates (the [Password.Separator] of a generated one): its words,
// numbers and separators in order, each said as a whole. spellWords spells
// every word as well; a word of mixed case is always spelled. When sep is
// empty or does not occur, the whole phrase is one word. Doubled
// separators give two separator parts, with no empty word between them.
func (s Speller) SpellPhrase(phrase, sep string, spellWords bool) []Part {
	l := languageFor(s.Lang)
	var pieces []string
	if sep == "" {
		pieces = []string{phrase}
	} else {
		pieces = strings.Split(phrase, sep)
	}
	var sepPart Part
	if len(pieces) > 1 {
		sepPart = Part{Kind: PartSeparator, Text: sep, Letters: s.Spell(sep)}
		for i := range sepPart.Letters {
			sepPart.Letters[i].Class = Separator
		}
		sepPart.Spoken = joinWords(sepPart.Letters)
	}
	parts := make([]Part, 0, 2*len(pieces))
	for i, piece := range pieces {
		if i > 0 {
			p := sepPart
			p.Letters = append([]Token(nil), sepPart.Letters...)
			parts = append(parts, p)
		}
		if piece != "" {
			parts = append(parts, s.wordPart(l, piece, spellWords))
		}
	}
	return parts
}

// wordPart returns the part for w, a piece of a phrase between separators.
func (s Speller) wordPart(l *language, w string, spell bool) Part {
	if strings.Trim(w, digits) == "" {
		p := Part{Kind: PartNumber, Text: w, Letters: s.Spell(w)}
		p.Spoken = joinWords(p.Letters)
		return p
	}
	p := Part{Kind: PartWord, Text: w, Spoken: w}
	first, size := utf8.DecodeRuneInString(w)
	restUpper := strings.ContainsFunc(w[size:], unicode.IsUpper)
	switch {
	case restUpper:
		spell = true
	case unicode.IsUpper(first) && !spell: // a spelled word marks it itself
		p.Spoken = fmt.Sprintf(l.capitalWord, w, string(first))
	}
	if spell {
		p.Letters = s.Spell(w)
	}
	return p
}

// joinWords joins the words of tokens with spaces: "minus", "four two".
func joinWords(tokens []Token) string {
	words := make([]string, len(tokens))
	for i, t := range tokens {
		words[i] = t.Text
	}
	return strings.Join(words, " ")
}

// Line joins the texts of tokens into one line to read out, with commas:
// "capital Bravo, small Alfa, seven, exclamation mark".
func Line(tokens []Token) string {
	texts := make([]string, len(tokens))
	for i, t := range tokens {
		texts[i] = t.Text
	}
	return strings.Join(texts, ", ")
}

// PhraseLine joins parts into one line to read out, with commas; a
// spelled word is followed by its [Line] in parentheses:
// "correct, dash, Horse (capital H), dash, iPhone (small i as in India,
// capital P as in Papa, …)".
func PhraseLine(parts []Part) string {
	texts := make([]string, len(parts))
	for i, p := range parts {
		texts[i] = p.Spoken
		if p.Kind == PartWord && p.Letters != nil {
			texts[i] += " (" + Line(p.Letters) + ")"
		}
	}
	return strings.Join(texts, ", ")
}

// Readout returns what to say on the phone for pw in lang, the one
// readout that every window and command shows. A passphrase (sep is its
// separator, the [Password.Separator] of a generated one) is said word by
// word, with a note on each capital and the names of its separators and
// digits: "correct, dash, Horse (capital H), dash, seven". A random
// password (sep is "") is said character by character, with the case of
// every letter: "capital K as in Kilo, small x as in X-ray, seven".
func Readout(pw, sep, lang string) string {
	if sep == "" {
		return Line(Spell(pw, lang))
	}
	return PhraseLine(Speller{Lang: lang, CapitalsOnly: true}.SpellPhrase(pw, sep, false))
}

// LetterByLetter returns pw spelled character by character in lang, for a
// text that goes with the password (an SMS): every letter of a random
// password (sep is "") with its case, and of a passphrase (sep is its
// separator) the capitals marked, the small letters not.
func LetterByLetter(pw, sep, lang string) string {
	return Line(Speller{Lang: lang, CapitalsOnly: sep != ""}.Spell(pw))
}

// Languages returns the languages that Spell knows, English first: "en",
// "nl", "de".
func Languages() []string {
	return []string{"en", "nl", "de"}
}

// MatchLanguage returns the language of Languages that Spell uses for tag,
// such as "nl" for "nl-BE" or "de_DE.UTF-8", and whether tag was one of
// them; for any other tag it returns "en" and false.
func MatchLanguage(tag string) (lang string, ok bool) {
	primary, _, _ := strings.Cut(tag, "-")
	primary, _, _ = strings.Cut(primary, "_")
	primary, _, _ = strings.Cut(primary, ".")
	primary = strings.ToLower(primary)
	if _, ok := languages()[primary]; ok {
		return primary, true
	}
	return "en", false
}

// languageFor returns the table of the language for tag.
func languageFor(tag string) *language {
	lang, _ := MatchLanguage(tag)
	return languages()[lang]
}
