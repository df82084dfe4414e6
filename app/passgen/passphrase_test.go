package passgen

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// testWords returns n unique lower-case words of letters: "aaa", "aab"…
func testWords(n int) []string {
	words := make([]string, n)
	for i := range words {
		var b [4]byte
		k := i
		for j := len(b) - 1; j >= 0; j-- {
			b[j] = byte('a' + k%26)
			k /= 26
		}
		words[i] = string(b[:])
	}
	return words
}

// mustList returns the WordList of words, failing t if it is invalid.
func mustList(t testing.TB, words []string) *WordList {
	t.Helper()
	l, err := NewWordList(words)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestNewWordList(t *testing.T) {
	tests := []struct {
		name    string
		words   []string
		wantErr bool
	}{
		{"two words", []string{"a", "b"}, false},
		{"dice list size", testWords(7776), false},
		{"with hyphens and accents", []string{"t-shirt", "café", "naïve"}, false},
		{"nil", nil, true},
		{"one word", []string{"a"}, true},
		{"duplicate", []string{"apple", "pear", "apple"}, true},
		{"empty word", []string{"apple", ""}, true},
		{"invalid UTF-8", []string{"apple", "pe\xffar"}, true},
		{"space", []string{"apple", "ice cream"}, true},
		{"tab", []string{"apple", "pear\t"}, true},
		{"newline", []string{"apple", "pear\n"}, true},
	}
	for _, tt := range tests {
		l, err := NewWordList(tt.words)
		if tt.wantErr {
			if !errors.Is(err, ErrWordList) {
				t.Errorf("%s: NewWordList() error = %v, want ErrWordList", tt.name, err)
			} else {
				checkMessage(t, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: NewWordList() error = %v", tt.name, err)
			continue
		}
		if l.Len() != len(tt.words) {
			t.Errorf("%s: Len() = %d, want %d", tt.name, l.Len(), len(tt.words))
		}
	}
}

func TestWordListCopies(t *testing.T) {
	words := []string{"apple", "pear"}
	l := mustList(t, words)
	words[0] = "pear" // now a duplicate, but the list has its own copy
	p, err := PassphraseOptions{Words: 4, Rand: values(0, 0, 0, 0)}.Generate(l)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := p.Reveal(), "apple-apple-apple-apple"; got != want {
		t.Errorf("Generate() = %q, want %q", got, want)
	}
}

func TestPassphraseOptions(t *testing.T) {
	lower := mustList(t, testWords(7776))
	hyphens := mustList(t, []string{"t-shirt", "apple", "pear"})
	cased := mustList(t, []string{"anna", "Anna", "pear"})
	digitFirst := mustList(t, []string{"7up", "apple", "pear"})
	upperFirst := mustList(t, []string{"Apple", "Pear"})
	dotless := mustList(t, []string{"ik", "ık"}) // both capitalise to "Ik"
	tests := []struct {
		name    string
		opts    PassphraseOptions
		list    *WordList
		wantErr error
	}{
		{name: "zero value", list: lower},
		{name: "fewest", opts: PassphraseOptions{Words: MinWords}, list: lower},
		{name: "most", opts: PassphraseOptions{Words: MaxWords}, list: lower},
		{name: "space", opts: PassphraseOptions{Separator: " "}, list: lower},
		{name: "dot", opts: PassphraseOptions{Separator: "."}, list: hyphens},
		{name: "long separator", opts: PassphraseOptions{Separator: " + "}, list: lower},
		{name: "classes", opts: PassphraseOptions{Capitalise: true, Digit: true}, list: lower},
		{name: "capital words without Capitalise", list: upperFirst},
		{name: "too few words", opts: PassphraseOptions{Words: 3}, list: lower, wantErr: ErrWordCount},
		{name: "too many words", opts: PassphraseOptions{Words: 11}, list: lower, wantErr: ErrWordCount},
		{name: "negative words", opts: PassphraseOptions{Words: -1}, list: lower, wantErr: ErrWordCount},
		{name: "letter separator", opts: PassphraseOptions{Separator: "x"}, list: lower, wantErr: ErrSeparator},
		{name: "digit separator", opts: PassphraseOptions{Separator: "1"}, list: lower, wantErr: ErrSeparator},
		{name: "tab separator", opts: PassphraseOptions{Separator: "\t"}, list: lower, wantErr: ErrSeparator},
		{name: "invalid separator", opts: PassphraseOptions{Separator: "\xff"}, list: lower, wantErr: ErrSeparator},
		{name: "separator too long", opts: PassphraseOptions{Separator: "---------"}, list: lower, wantErr: ErrSeparator},
		{name: "separator in a word", list: hyphens, wantErr: ErrSeparator},
		{name: "capital is a word", opts: PassphraseOptions{Capitalise: true}, list: cased, wantErr: ErrWordList},
		{name: "no letter to capitalise", opts: PassphraseOptions{Capitalise: true}, list: digitFirst, wantErr: ErrWordList},
		{name: "capital already", opts: PassphraseOptions{Capitalise: true}, list: upperFirst, wantErr: ErrWordList},
		{name: "capitals collide", opts: PassphraseOptions{Capitalise: true}, list: dotless, wantErr: ErrWordList},
		{name: "no list", wantErr: ErrWordList},
		{name: "zero list", list: &WordList{}, wantErr: ErrWordList},
		{name: "negative attempts", opts: PassphraseOptions{Attempts: -1}, list: lower, wantErr: ErrAttempts},
		{name: "too many attempts", opts: PassphraseOptions{Attempts: MaxAttempts + 1}, list: lower, wantErr: ErrAttempts},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := tt.opts
			opts.Rand = newHashReader(1)
			p, err := opts.Generate(tt.list)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("Generate() error = %v, want %v", err, tt.wantErr)
				}
				checkMessage(t, err)
				return
			}
			if err != nil {
				t.Fatalf("Generate() error = %v", err)
			}
			checkPhrase(t, p, opts, tt.list)
			if bits, err := opts.Entropy(tt.list); err != nil || bits != p.Entropy() {
				t.Errorf("Entropy() = %v, %v, want %v, nil", bits, err, p.Entropy())
			}
		})
	}
}

// checkPhrase checks that p is a passphrase of opts from list.
func checkPhrase(t *testing.T, p Password, opts PassphraseOptions, list *WordList) {
	t.Helper()
	n, sep := opts.Words, opts.Separator
	if n == 0 {
		n = DefaultWords
	}
	if sep == "" {
		sep = DefaultSeparator
	}
	if p.Separator() != sep {
		t.Errorf("Separator() = %q, want %q", p.Separator(), sep)
	}
	parts := strings.Split(p.Reveal(), sep)
	if opts.Digit {
		last := parts[len(parts)-1]
		if len(last) != 1 || last[0] < '0' || last[0] > '9' {
			t.Errorf("last part %q, want a digit", last)
		}
		parts = parts[:len(parts)-1]
	}
	if len(parts) != n {
		t.Fatalf("%d words, want %d", len(parts), n)
	}
	capitals := 0
	for _, w := range parts {
		if slices.Contains(list.words, w) {
			continue
		}
		r, size := utf8.DecodeRuneInString(w)
		if opts.Capitalise && unicode.IsUpper(r) && slices.Contains(list.words, string(unicode.ToLower(r))+w[size:]) {
			capitals++
			continue
		}
		t.Errorf("word %q is not from the list", w)
	}
	if want := map[bool]int{true: 1}[opts.Capitalise]; capitals != want {
		t.Errorf("%d capitalised words, want %d", capitals, want)
	}
}

func TestPassphraseShape(t *testing.T) {
	list := mustList(t, testWords(4096))
	for _, opts := range []PassphraseOptions{
		{},
		{Words: 4, Separator: " ", Capitalise: true},
		{Words: 10, Separator: ".", Digit: true},
		{Words: 5, Capitalise: true, Digit: true},
	} {
		for seed := range uint64(200) {
			opts.Rand = newHashReader(seed)
			p, err := opts.Generate(list)
			if err != nil {
				t.Fatal(err)
			}
			checkPhrase(t, p, opts, list)
		}
	}
}

func TestPassphraseCapitalAndDigitSpread(t *testing.T) {
	// The capitalised word and the digit are drawn uniformly: over 5,000
	// passphrases of 4 words each place and each digit turns up.
	list := mustList(t, testWords(4096))
	places := make([]int, 4)
	digitsSeen := make(map[byte]int)
	for range 5000 {
		p, err := PassphraseOptions{Words: 4, Capitalise: true, Digit: true}.Generate(list)
		if err != nil {
			t.Fatal(err)
		}
		parts := strings.Split(p.Reveal(), "-")
		for i, w := range parts[:4] {
			if unicode.IsUpper(rune(w[0])) {
				places[i]++
			}
		}
		digitsSeen[parts[4][0]]++
	}
	for i, c := range places {
		if c < 1000 || c > 1500 { // mean 1,250, standard deviation 31
			t.Errorf("word %d capitalised %d times in 5000, want about 1250", i+1, c)
		}
	}
	for d := byte('0'); d <= '9'; d++ {
		if c := digitsSeen[d]; c < 350 || c > 650 { // mean 500, standard deviation 21
			t.Errorf("digit %c appended %d times in 5000, want about 500", d, c)
		}
	}
}

func TestPassphraseDeterministic(t *testing.T) {
	list := mustList(t, []string{"apple", "pear", "plum", "fig", "kiwi"})
	// Capitalise draws the place first (2 → the third word), then the
	// words (indices), then the digit.
	opts := PassphraseOptions{Words: 4, Capitalise: true, Digit: true, Separator: "+",
		Rand: values(2, 0, 1, 2, 3+5, 7)}
	p, err := opts.Generate(list)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := p.Reveal(), "apple+pear+Plum+fig+7"; got != want {
		t.Errorf("Generate() = %q, want %q", got, want)
	}
	if got, want := p.Entropy(), 4*math.Log2(5)+2+math.Log2(10); math.Abs(got-want) > 1e-12 {
		t.Errorf("Entropy() = %v, want %v", got, want)
	}
}

func TestPassphraseEntropy(t *testing.T) {
	dice := mustList(t, testWords(7776))
	short := mustList(t, testWords(4096))
	tests := []struct {
		opts PassphraseOptions
		list *WordList
		want float64
		text string // the figure to one decimal
	}{
		{PassphraseOptions{Words: 5}, dice, 5 * math.Log2(7776), "64.6"},
		{PassphraseOptions{}, dice, 6 * math.Log2(7776), "77.5"},
		{PassphraseOptions{Words: 4}, short, 48, "48.0"},
		{PassphraseOptions{Words: 4, Capitalise: true}, short, 50, "50.0"},
		{PassphraseOptions{Words: 6, Capitalise: true, Digit: true}, dice,
			6*math.Log2(7776) + math.Log2(6) + math.Log2(10), "83.5"},
		{PassphraseOptions{Words: 10, Digit: true}, short, 120 + math.Log2(10), "123.3"},
	}
	for _, tt := range tests {
		got, err := tt.opts.Entropy(tt.list)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(got-tt.want) > 1e-9 || fmt.Sprintf("%.1f", got) != tt.text {
			t.Errorf("Entropy(%+v, %d words) = %v, want %v (%s)", tt.opts, tt.list.Len(), got, tt.want, tt.text)
		}
	}
}

func TestPassphraseMeets(t *testing.T) {
	list := mustList(t, testWords(7776))
	// A policy that wants a digit: the phrase is tried again until it
	// passes; with Digit it passes at once.
	var tried []string
	hasDigit := func(pw string) bool {
		tried = append(tried, pw)
		return strings.ContainsAny(pw, digits)
	}
	p, err := PassphraseOptions{Digit: true, Meets: hasDigit}.Generate(list)
	if err != nil || p.Attempts() != 1 {
		t.Fatalf("Generate() = %d attempts, %v; want 1, nil", p.Attempts(), err)
	}
	// Without Digit it never passes, and gives up after Attempts.
	tried = nil
	_, err = PassphraseOptions{Attempts: 25, Meets: hasDigit}.Generate(list)
	if !errors.Is(err, ErrPolicy) || len(tried) != 25 {
		t.Fatalf("Generate() error = %v after %d tries, want ErrPolicy after 25", err, len(tried))
	}
	checkMessage(t, err, tried...)
	// A policy that passes the third phrase gets the third.
	tried = nil
	p, err = PassphraseOptions{Meets: func(pw string) bool {
		tried = append(tried, pw)
		return len(tried) == 3
	}}.Generate(list)
	if err != nil || p.Attempts() != 3 || p.Reveal() != tried[2] {
		t.Errorf("Generate() = attempt %d, %v; want the third", p.Attempts(), err)
	}
}

func TestPassphraseRandomFailure(t *testing.T) {
	list := mustList(t, testWords(7776))
	boom := errors.New("boom")
	for _, opts := range []PassphraseOptions{
		{Rand: failing{boom}},
		{Rand: failing{boom}, Capitalise: true},
		{Rand: values(1, 2, 3, 4, 5, 6), Digit: true}, // runs out before the digit
	} {
		if _, err := opts.Generate(list); !errors.Is(err, ErrRandom) {
			t.Errorf("Generate(%+v) error = %v, want ErrRandom", opts, err)
		}
	}
}
