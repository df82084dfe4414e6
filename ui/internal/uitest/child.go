package uitest

import (
	"os"
	"testing"

	"grendel/ui/i18n"
)

// Languages runs the test named test once per language Grendel speaks,
// each in a child process started by [InLanguage] with env naming the
// language, and returns "" in the parent. In a child it loads the
// translations, checks that they are the language asked for, and returns
// it, for the test to go on in it:
//
//	l := uitest.Languages(t, "TestLanguages", envLang)
//	if l == "" {
//		return
//	}
func Languages(t *testing.T, test, env string) string {
	t.Helper()
	l := os.Getenv(env)
	if l == "" {
		for _, l := range i18n.Languages {
			t.Run(l, func(t *testing.T) { InLanguage(t, test, env, l) })
		}
		return ""
	}
	if err := i18n.Load(); err != nil {
		t.Fatal(err)
	}
	if got := i18n.Language(); got != l {
		t.Fatalf("Language() = %s, want %s", got, l)
	}
	return l
}
