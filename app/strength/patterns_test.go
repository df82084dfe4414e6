package strength

import (
	"math"
	"slices"
	"strings"
	"testing"
	"unicode"
)

func TestPostcodeMatches(t *testing.T) {
	for _, tc := range []struct {
		in   string
		kind string // "" a Dutch postcode, "plate", "plz" a German postcode
		want string // the token found, "" for none
	}{
		{"3511AB", "", "3511AB"},
		{"3511 ab", "", "3511 ab"},
		{"Utrecht3511AB", "", "3511AB"},
		{"0511AB", "", ""},  // no Dutch postcode starts with 0
		{"13511AB", "", ""}, // part of a longer number
		{"3511ABC", "", ""}, // part of a longer word
		{"GZ-123-K", "plate", "GZ-123-K"},
		{"gz123k", "plate", "gz123k"},
		{"12-ABC-3", "plate", "12-ABC-3"},
		{"XX-99-99!", "plate", "XX-99-99"},
		{"GZ-12-3K", "plate", ""}, // no side code
		{"GZ_123_K", "plate", ""},
		{"AGZ-123-K", "plate", ""}, // a letter before: not this side code
		{"7GZ-123-K", "plate", ""},
		{"10115 Berlin", "plz", "10115"},
		{"Berlin 10115", "plz", "10115"}, // at the very end
		{"101155", "plz", ""},            // six digits
		{"x80331", "plz", "80331"},
		{"SW1A 1AA", "uk", "SW1A 1AA"},
		{"m11ae", "uk", "m11ae"},
		{"EC1V 9HQ London", "uk", "EC1V 9HQ"},
		{"XSW1A 1AA", "uk", ""}, // part of a longer word
		{"SW1A 1AAB", "uk", ""},
	} {
		var got string
		for _, m := range postcodeMatches([]rune(tc.in)) {
			if m.RegexName == tc.kind {
				got = m.Token
			}
		}
		if got != tc.want {
			t.Errorf("postcodeMatches(%q) %q found %q, want %q", tc.in, tc.kind, got, tc.want)
		}
	}
}

// A postcode beside a place name costs little more than the postcode: the
// postcode names the place. A postcode beside part of a word, or with more
// than one character between, is not joined.
func TestPostcodePlaces(t *testing.T) {
	s := Default()
	for _, tc := range []struct {
		in     string
		joined bool
	}{
		{"10115 Berlin", true},
		{"Berlin 10115", true},
		{"80331-München", true},
		{"3011AD Rotterdam", true},
		{"2511 CV Den Haag", true},
		{"SW1A 1AA London", true},
		{"rotterdam3011ad", true},
		{"10115  Berlin", false},      // two separators
		{"10115 Berlinerluft", false}, // part of a longer word
		{"10115 xqzvbn", false},       // no word at all
	} {
		runes := []rune(tc.in)
		ms := append(s.dict.matches(runes, nil), postcodeMatches(runes)...)
		found := false
		for _, m := range postcodePlaces(ms, runes) {
			found = found || m.I == 0 && m.J == len(runes)-1
		}
		if found != tc.joined {
			t.Errorf("postcodePlaces(%q) joined the whole = %v, want %v", tc.in, found, tc.joined)
		}
		if r := s.Score(tc.in, Context{}); tc.joined && (r.Score > 2 || r.Warning() != ReasonPostcode) {
			t.Errorf("%q: score %d, warning %q; want at most 2 and %q", tc.in, r.Score, r.Warning(), ReasonPostcode)
		}
	}
}

func TestNameCase(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want float64
	}{
		{"den haag", 1}, {"Den Haag", 2}, {"Frankfurt am Main", 2}, {"BERLIN", 2}, {"BerLin", upperVariations([]rune("BerLin"))},
	} {
		if got := nameCase([]rune(tc.in)); got != tc.want {
			t.Errorf("nameCase(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

// A chunk typed twice with a separator between costs the chunk, the
// separator's choice and a change of capitals.
func TestSeparatedRepeats(t *testing.T) {
	s := Default()
	for _, tc := range []struct{ base, twice string }{
		{"Herfst-2023", "Herfst-2023-Herfst-2023"},
		{"Sommer2024!", "Sommer2024! Sommer2024!"},
		{"Xq7#Lm9pW", "Xq7#Lm9pW_xq7#lm9pw"},
	} {
		b, r := s.Score(tc.base, Context{}), s.Score(tc.twice, Context{})
		limit := b.GuessesLog10 + math.Log10(2*float64(len(separators))*2) + 1e-9
		if r.GuessesLog10 > limit || r.GuessesLog10 < b.GuessesLog10 {
			t.Errorf("%q: log10 %.2f, its chunk %.2f; want between %.2f and %.2f", tc.twice, r.GuessesLog10, b.GuessesLog10, b.GuessesLog10, limit)
		}
	}
}

// A chunk typed again is worth little more than the chunk: its guesses
// times the count, twice that when the capitals differ.
func TestRepeatsCostLittle(t *testing.T) {
	s := Default()
	for _, tc := range []struct{ base, twice string }{
		{"Sommer2024!", "Sommer2024!Sommer2024!"},
		{"Zomer2024", "Zomer2024Zomer2024"},
		{"Welkom123", "Welkom123welkom123"},
		{"Xq7#Lm", "Xq7#LmXq7#LmXq7#Lm"},
	} {
		b, r := s.Score(tc.base, Context{}), s.Score(tc.twice, Context{})
		limit := b.GuessesLog10 + math.Log10(3) + math.Log10(2) + 1e-9
		if r.GuessesLog10 > limit || r.GuessesLog10 < b.GuessesLog10 {
			t.Errorf("%q: log10 %.2f, its chunk %.2f; want between %.2f and %.2f", tc.twice, r.GuessesLog10, b.GuessesLog10, b.GuessesLog10, limit)
		}
		if !hasReason(r.Warnings, ReasonRepeat) && r.Score < 3 {
			t.Errorf("%q: warnings %v, want %s", tc.twice, r.Warnings, ReasonRepeat)
		}
	}
}

func TestCaseGuesses(t *testing.T) {
	mk := func(w string, bounds ...int) ([]rune, []part) {
		runes := []rune(w)
		lc := newLetterCase(runes)
		var ps []part
		for k := 0; k+1 < len(bounds); k += 2 {
			i, j := bounds[k], bounds[k+1]
			up, _ := lc.count(i, j)
			ps = append(ps, part{i: i, j: j, caps: upperVariations(letters(runes[i : j+1])), camel: up == 1 && unicode.IsUpper(runes[i])})
		}
		return runes, ps
	}
	for _, tc := range []struct {
		w      string
		bounds []int
		want   float64
		camel  bool
	}{
		{"kaffeemitmilch", []int{0, 5, 6, 8, 9, 13}, 1, false},
		{"Kaffeemitmilch", []int{0, 5, 6, 8, 9, 13}, 2, false},
		{"KAFFEEMITMILCH", []int{0, 5, 6, 8, 9, 13}, 2, false},
		{"KaffeeMitMilch", []int{0, 5, 6, 8, 9, 13}, 3, true},
		{"Ich Liebe Dich", []int{0, 2, 4, 8, 10, 13}, 3, true},
		{"kaffeeMitmilch", []int{0, 5, 6, 8, 9, 13}, 2 * 1, false}, // as each word's own
	} {
		runes, ps := mk(tc.w, tc.bounds...)
		idx := make([]int16, len(ps))
		for k := range idx {
			idx[k] = int16(k)
		}
		g, camel := caseGuesses(newLetterCase(runes), runes, ps, idx)
		if g != tc.want || camel != tc.camel {
			t.Errorf("caseGuesses(%q) = %v, %v; want %v, %v", tc.w, g, camel, tc.want, tc.camel)
		}
	}
}

func TestJoins(t *testing.T) {
	for _, tc := range []struct {
		w    string
		k    int
		sep  rune
		want []join
	}{
		{"arbeitszimmer", 6, 0, []join{{0, 1}, {1, linkingGuesses}}},
		{"pannenkoek", 4, 0, []join{{0, 1}, {2, linkingGuesses}, {1, linkingGuesses}}},
		{"ik hou", 2, ' ', []join{{1, 1}}},
		{"ik-hou", 2, ' ', nil},
	} {
		got := joins(nil, []rune(tc.w), tc.k, tc.sep)
		if len(got) != len(tc.want) {
			t.Errorf("joins(%q, %d) = %v, want %v", tc.w, tc.k, got, tc.want)
			continue
		}
		for x := range got {
			if got[x] != tc.want[x] {
				t.Errorf("joins(%q, %d) = %v, want %v", tc.w, tc.k, got, tc.want)
			}
		}
	}
}

// Two or three common words typed together with the usual digit or symbol
// are a compound an attacker tries from a lexicon of compounds; a longer
// run of words, words with digits in them, or a compound beside other
// words is priced word by word.
func TestCompounds(t *testing.T) {
	s := Default()
	for _, tc := range []struct {
		in   string
		weak bool
	}{
		{"Schreibtischlampe2024", true},
		{"koffiemetmelk1!", true},
		{"TeaWithMilk99", true},
		{"TafelWolkBoomFiets", false},  // four words: a passphrase
		{"Welkom123welkom123", true},   // a repeat, not a compound
		{"tafelwolk boomfiets", false}, // two compounds are two words each
	} {
		r := s.Score(tc.in, Context{})
		if weak := r.Score <= 2; weak != tc.weak {
			t.Errorf("%q: score %d (log10 %.1f), want weak=%v", tc.in, r.Score, r.GuessesLog10, tc.weak)
		}
	}
	if r := s.Score("Welkom123welkom123", Context{}); !hasReason(r.Warnings, ReasonRepeat) {
		t.Errorf("Welkom123welkom123: warnings %v, want %s", r.Warnings, ReasonRepeat)
	}
}

// Windows count characters besides spaces, up to maxWindowRunes in all;
// the last may be partial.
func TestWindows(t *testing.T) {
	words := "Reden ist Silber Schweigen ist Gold" // 30 letters, 35 in all
	for _, tc := range []struct {
		in   string
		want []windowSpan
	}{
		{"", []windowSpan{{0, 0, false}}},
		{"Welkom123", []windowSpan{{0, 9, false}}},
		{words, []windowSpan{{0, 35, false}}},
		{strings.Repeat("a", 70), []windowSpan{{0, 32, true}, {32, 64, true}, {64, 70, false}}},
		{strings.Repeat("a b ", 12), []windowSpan{{0, 40, true}, {40, 48, false}}},
		{strings.Repeat("a.b.", 12), []windowSpan{{0, 32, true}, {32, 48, false}}}, // dots count
	} {
		if got := windows([]rune(tc.in)); !slices.Equal(got, tc.want) {
			t.Errorf("windows(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

// A well-known phrase typed with spaces is scored whole even when it is
// longer than a window with its spaces, and capitals at the start of its
// words (German nouns) cost a choice per word, not per position.
func TestPhrasesWithSpacesAndNouns(t *testing.T) {
	s := Default()
	for _, pw := range []string{
		"Reden ist Silber Schweigen ist Gold",
		"reden ist silber schweigen ist gold",
		"Wer zuletzt lacht lacht am besten",
		"MayTheForceBeWithYou", // typed together, in CamelCase
		"maythe forcebewithyou",
	} {
		if r := s.Score(pw, Context{}); r.Score > 2 || !hasReason(r.Warnings, ReasonPhrase) {
			t.Errorf("%q: score %d, warnings %v; want at most 2 and %s", pw, r.Score, r.Warnings, ReasonPhrase)
		}
	}
	for _, tc := range []struct {
		in   string
		want float64
	}{
		{"reden ist gold", 8}, {"Reden ist Gold", 8}, {"Welkom", 2}, {"WeLkom", math.Inf(1)}, {"zomer-2024", 4},
	} {
		if got := wordStartCaps([]rune(tc.in)); got != tc.want {
			t.Errorf("wordStartCaps(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}
