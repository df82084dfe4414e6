package passgen_test

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"grendel/app/passgen"
)

// A password with the defaults: 20 characters of all four classes.
func ExamplePasswordOptions_Generate() {
	p, err := passgen.PasswordOptions{}.Generate()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d characters, %.1f bits\n", utf8.RuneCountInString(p.Reveal()), p.Entropy())
	// Output: 20 characters, 123.7 bits
}

// A password for a policy the caller checks: here, one that refuses three
// symbols in a row. Generate draws again until the policy passes.
func ExamplePasswordOptions_Generate_policy() {
	noThreeSymbols := func(pw string) bool {
		run := 0
		for _, r := range pw {
			if strings.ContainsRune(passgen.DefaultSymbols, r) {
				if run++; run == 3 {
					return false
				}
			} else {
				run = 0
			}
		}
		return true
	}
	p, err := passgen.PasswordOptions{Length: 16, NoLookAlikes: true, Meets: noThreeSymbols}.Generate()
	if errors.Is(err, passgen.ErrPolicy) {
		fmt.Println("the policy cannot be met")
		return
	}
	fmt.Println(noThreeSymbols(p.Reveal()), strings.ContainsAny(p.Reveal(), passgen.LookAlikes))
	// Output: true false
}

// The entropy of options, before generating anything.
func ExamplePasswordOptions_Entropy() {
	for _, o := range []passgen.PasswordOptions{
		{Length: 8, Classes: passgen.Lower},
		{Length: 12, Classes: passgen.Lower | passgen.Upper | passgen.Digit},
		{},
		{NoLookAlikes: true},
	} {
		bits, _ := o.Entropy()
		fmt.Printf("%.1f\n", bits)
	}
	// Output:
	// 37.6
	// 71.3
	// 123.7
	// 116.3
}

// A passphrase of 5 words from a list of 7,776, with a capital and a digit
// for a policy that wants them.
func ExamplePassphraseOptions_Generate() {
	list, err := passgen.NewWordList(diceWords())
	if err != nil {
		fmt.Println(err)
		return
	}
	opts := passgen.PassphraseOptions{Words: 5, Capitalise: true, Digit: true}
	p, err := opts.Generate(list)
	if err != nil {
		fmt.Println(err)
		return
	}
	plain, _ := passgen.PassphraseOptions{Words: 5}.Entropy(list)
	fmt.Printf("%d parts, %.1f bits (%.1f without the capital and digit)\n",
		len(strings.Split(p.Reveal(), p.Separator())), p.Entropy(), plain)
	// Output: 6 parts, 70.3 bits (64.6 without the capital and digit)
}

// diceWords stands in for a real list of 7,776 words: "aaa", "aab"…
func diceWords() []string {
	words := make([]string, 0, 7776)
	for i := range 7776 {
		words = append(words, string([]byte{byte('a' + i/676), byte('a' + i/26%26), byte('a' + i%26)}))
	}
	return words
}

// A password read out in the three languages.
func ExampleSpell() {
	for _, lang := range passgen.Languages() {
		fmt.Println(passgen.Line(passgen.Spell("Qy7#", lang)))
	}
	// Output:
	// capital Q as in Quebec, small y as in Yankee, seven, hash
	// hoofdletter Q van Quotiënt, kleine y van Ypsilon, zeven, hekje
	// großes Q wie Quickborn, kleines y wie Ypsilon, sieben, Raute
}

// Only capitals marked, for a listener who knows that unmarked letters are
// small.
func ExampleSpeller() {
	s := passgen.Speller{Lang: "nl-NL", CapitalsOnly: true}
	fmt.Println(passgen.Line(s.Spell("pW2!")))
	// Output: p van Pieter, hoofdletter W van Willem, twee, uitroepteken
}

// A passphrase said word by word, then spelled.
func ExampleSpellPhrase() {
	fmt.Println(passgen.PhraseLine(passgen.SpellPhrase("plum-Fig-kiwi-4", "-", "en", false)))
	fmt.Println(passgen.PhraseLine(passgen.SpellPhrase("plum-Fig", "-", "de", true)))
	// Output:
	// plum, dash, Fig (capital F), dash, kiwi, dash, four
	// plum (kleines p wie Potsdam, kleines l wie Leipzig, kleines u wie Unna, kleines m wie München), Bindestrich, Fig (großes F wie Frankfurt, kleines i wie Ingelheim, kleines g wie Goslar)
}

// The phone readout that windows and commands show: a passphrase word by
// word, a random password character by character.
func ExampleReadout() {
	fmt.Println(passgen.Readout("Kaffee-laufen-7", "-", "de"))
	fmt.Println(passgen.Readout("x7K", "", "nl"))
	// Output:
	// Kaffee (großes K), Bindestrich, laufen, Bindestrich, sieben
	// kleine x van Xantippe, zeven, hoofdletter K van Karel
}

// A Password refuses to print.
func ExamplePassword() {
	p, _ := passgen.PasswordOptions{}.Generate()
	fmt.Println(p)
	fmt.Printf("%v %+v %#v\n", p, p, struct{ P passgen.Password }{p})
	// Output:
	// **redacted**
	// **redacted** **redacted** struct { P passgen.Password }{P:**redacted**}
}
