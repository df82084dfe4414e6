package passgen

import "testing"

func BenchmarkPassword(b *testing.B) {
	for _, bench := range []struct {
		name string
		opts PasswordOptions
	}{
		{"default", PasswordOptions{}},
		{"8 no look-alikes", PasswordOptions{Length: MinLength, NoLookAlikes: true}},
		{"128", PasswordOptions{Length: MaxLength}},
	} {
		b.Run(bench.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := bench.opts.Generate(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkPassphrase(b *testing.B) {
	list := mustList(b, testWords(7776))
	opts := PassphraseOptions{Capitalise: true, Digit: true}
	for b.Loop() {
		if _, err := opts.Generate(list); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkNewWordList(b *testing.B) {
	words := testWords(7776)
	for b.Loop() {
		if _, err := NewWordList(words); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSpell(b *testing.B) {
	p, err := PasswordOptions{}.Generate()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		_ = Line(Spell(p.Reveal(), "de"))
	}
}
