package passgen

import (
	"errors"
	"math"
	"strings"
	"testing"
	"unicode"

	"grendel/assets"
)

// TestEntropyOfRealLists checks that the entropy reported for a passphrase
// of Grendel's own word lists is computed from their real sizes, for every
// number of words, and that the lists hold the 10 bits a word that
// assets.PassphraseWords promises.
func TestEntropyOfRealLists(t *testing.T) {
	for _, lang := range assets.PassphraseLanguages() {
		words := assets.PassphraseWords(lang)
		list, err := NewWordList(words)
		if err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		if list.Len() != len(words) || list.Len() < 1024 {
			t.Errorf("%s: %d words, want at least 1024", lang, list.Len())
		}
		for n := MinWords; n <= MaxWords; n++ {
			o := PassphraseOptions{Words: n, Rand: newHashReader(uint64(n))}
			want := float64(n) * math.Log2(float64(len(words)))
			got, err := o.Entropy(list)
			if err != nil || math.Abs(got-want) > 1e-9 {
				t.Errorf("%s, %d words: Entropy() = %v, %v, want %v", lang, n, got, err, want)
			}
			p, err := o.Generate(list)
			if err != nil {
				t.Fatalf("%s: %v", lang, err)
			}
			if p.Entropy() != got {
				t.Errorf("%s, %d words: the password reports %v bits, want %v", lang, n, p.Entropy(), got)
			}
		}
	}
}

// TestGermanNounsKeepTheirCapitals checks that a German passphrase writes
// its nouns with a capital and every other word in lower case, and that
// the German list refuses the option that capitalises one word (it could
// not be told from a noun).
func TestGermanNounsKeepTheirCapitals(t *testing.T) {
	list, err := NewWordList(assets.PassphraseWords("de"))
	if err != nil {
		t.Fatal(err)
	}
	capitals, small := 0, 0
	for seed := range uint64(50) {
		p, err := PassphraseOptions{Words: 8, Rand: newHashReader(seed)}.Generate(list)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range strings.Split(p.Reveal(), p.Separator()) {
			if unicode.IsUpper([]rune(w)[0]) {
				capitals++
			} else {
				small++
			}
		}
	}
	// 400 words from a list of about two thirds nouns.
	if capitals < 100 || small < 50 {
		t.Errorf("%d capitalised and %d small words, want both", capitals, small)
	}
	if _, err := (PassphraseOptions{Capitalise: true}).Entropy(list); !errors.Is(err, ErrWordList) {
		t.Errorf("Capitalise with the German list: %v, want ErrWordList", err)
	}
}
