package i18n

// Tests of Grendel's patch (third_party/go-i18n/README.md): a Bundle builds
// the matcher of its languages when a Localizer first needs it after they
// changed, not once per language added, and Localizers may do so at once.

import (
	"fmt"
	"sync"
	"testing"

	"golang.org/x/text/language"
)

func TestMatcherBuiltOnFirstUse(t *testing.T) {
	b := NewBundle(language.English)
	langs := []string{"cs", "de", "el", "en", "es", "fr", "pl", "pt", "pt-BR", "ru", "sv", "ta", "uk", "zh-Hans", "nl"}
	name := map[language.Tag]string{}
	for _, l := range langs {
		name[language.Make(l)] = l
		if err := b.AddMessages(language.Make(l), &Message{ID: "Cancel", Other: "Cancel in " + l}); err != nil {
			t.Fatal(err)
		}
		if b.matcher != nil {
			t.Fatalf("the matcher was built when %s was added, before its first use", l)
		}
	}

	// Users' languages, and the message each must get: that of the language
	// an eagerly built matcher of the bundle's languages chooses, as before.
	eager := language.NewMatcher(b.LanguageTags())
	users := []string{"de-AT", "pt-PT", "pt-BR", "zh", "zh-TW", "gl", "be", "nb", "sr", "en-GB", "fr-CA", "und", "nl-BE, de"}
	want := make([]string, len(users))
	for i, u := range users {
		tags, _, err := language.ParseAcceptLanguage(u)
		if err != nil {
			t.Fatal(err)
		}
		_, k, _ := eager.Match(tags...)
		want[i] = "Cancel in " + name[b.LanguageTags()[k]]
	}

	const n = 8
	start := make(chan struct{})
	got := make([][]string, n)
	var wg sync.WaitGroup
	for g := 0; g < n; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			<-start
			for _, u := range users {
				s, err := NewLocalizer(b, u).Localize(&LocalizeConfig{MessageID: "Cancel"})
				if err != nil {
					s = fmt.Sprint(err)
				}
				got[g] = append(got[g], s)
			}
		}(g)
	}
	close(start)
	wg.Wait()
	for g := 0; g < n; g++ {
		for i, u := range users {
			if got[g][i] != want[i] {
				t.Errorf("goroutine %d: Localize(Cancel) for %q = %q, want %q", g, u, got[g][i], want[i])
			}
		}
	}
	if b.matcher == nil {
		t.Fatal("no matcher after Localize")
	}

	// A language added later: the matcher is built again, with it.
	if err := b.AddMessages(language.Make("da"), &Message{ID: "Cancel", Other: "Cancel in da"}); err != nil {
		t.Fatal(err)
	}
	if b.matcher != nil {
		t.Error("the matcher of the old languages is kept after a language was added")
	}
	if s, err := NewLocalizer(b, "da").Localize(&LocalizeConfig{MessageID: "Cancel"}); s != "Cancel in da" || err != nil {
		t.Errorf("Localize(Cancel) for da after adding it = %q, %v; want %q", s, err, "Cancel in da")
	}
}
