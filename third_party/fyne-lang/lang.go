// Package lang introduces a translation and localisation API for Fyne applications
//
// Since 2.5
package lang

import (
	"embed"
	"encoding/json"
	"log"
	"strings"
	"sync"
	"text/template"

	"github.com/jeandeaual/go-locale"
	"github.com/nicksnyder/go-i18n/v2/i18n"

	"fyne.io/fyne/v2"

	"golang.org/x/text/language"
)

var (
	// L is a shortcut to localize a string, similar to the gettext "_" function.
	// More info available on the `Localize` function.
	L = Localize

	// N is a shortcut to localize a string with plural forms, similar to the ngettext function.
	// More info available on the `LocalizePlural` function.
	N = LocalizePlural

	// X is a shortcut to get the localization of a string with specified key, similar to pgettext.
	// More info available on the `LocalizeKey` function.
	X = LocalizeKey

	// XN is a shortcut to get the localization plural form of a string with specified key, similar to npgettext.
	// More info available on the `LocalizePluralKey` function.
	XN = LocalizePluralKey

	bundle    *i18n.Bundle
	localizer *i18n.Localizer
	setupOnce sync.Once

	//go:embed translations
	translations embed.FS
	translated   []language.Tag

	// Grendel: the package is set up on first use, and each built-in
	// translation is parsed when a localizer can reach it (see [setup]).
	setupBuiltin sync.Once
	unparsed     map[language.Tag][]string // built-in files not parsed yet, by language
)

// Localize asks the translation engine to translate a string, this behaves like the gettext "_" function.
// The string can be templated and the template data can be passed as a struct with exported fields,
// or as a map of string keys to any suitable value.
func Localize(in string, data ...any) string {
	return LocalizeKey(in, in, data...)
}

// LocalizeKey asks the translation engine for the translation with specific ID.
// If it cannot be found then the fallback will be used.
// The string can be templated and the template data can be passed as a struct with exported fields,
// or as a map of string keys to any suitable value.
func LocalizeKey(key, fallback string, data ...any) string {
	setupBuiltin.Do(setup) // Grendel
	var d0 any
	if len(data) > 0 {
		d0 = data[0]
	}

	ret, err := localizer.Localize(&i18n.LocalizeConfig{
		DefaultMessage: &i18n.Message{
			ID:    key,
			Other: fallback,
		},
		TemplateData: d0,
	})
	if err != nil {
		fyne.LogError("Translation failure", err)
		return fallbackWithData(key, fallback, d0)
	}
	return ret
}

// LocalizePlural asks the translation engine to translate a string from one of a number of plural forms.
// This behaves like the ngettext function, with the `count` parameter determining the plurality looked up.
// The string can be templated and the template data can be passed as a struct with exported fields,
// or as a map of string keys to any suitable value.
func LocalizePlural(in string, count int, data ...any) string {
	return LocalizePluralKey(in, in, count, data...)
}

// LocalizePluralKey asks the translation engine for the translation with specific ID in plural form.
// This behaves like the npgettext function, with the `count` parameter determining the plurality looked up.
// If it cannot be found then the fallback will be used.
// The string can be templated and the template data can be passed as a struct with exported fields,
// or as a map of string keys to any suitable value.
func LocalizePluralKey(key, fallback string, count int, data ...any) string {
	setupBuiltin.Do(setup) // Grendel
	var d0 any
	if len(data) > 0 {
		d0 = data[0]
	}

	ret, err := localizer.Localize(&i18n.LocalizeConfig{
		DefaultMessage: &i18n.Message{
			ID:    key,
			Other: fallback,
		},
		PluralCount:  count,
		TemplateData: d0,
	})
	if err != nil {
		fyne.LogError("Translation failure", err)
		return fallbackWithData(key, fallback, d0)
	}
	return ret
}

// AddTranslations allows an app to load a bundle of translations.
// The language that this relates to will be inferred from the resource name, for example "fr.json".
// The data should be in json format.
func AddTranslations(r fyne.Resource) error {
	setupBuiltin.Do(setup) // Grendel
	defer updateLocalizer()
	return addLanguage(r.Content(), r.Name())
}

// AddTranslationsForLocale allows an app to load a bundle of translations for a specified locale.
// The data should be in json format.
func AddTranslationsForLocale(data []byte, l fyne.Locale) error {
	setupBuiltin.Do(setup) // Grendel
	defer updateLocalizer()
	return addLanguage(data, l.String()+".json")
}

// AddTranslationsFS supports adding all translations in one calling using an `embed.FS` setup.
// The `dir` parameter specifies the name or path of the directory containing translation files
// inside this embedded filesystem.
// Each file should be a json file with the name following pattern [prefix.]lang.json.
func AddTranslationsFS(fs embed.FS, dir string) (retErr error) {
	setupBuiltin.Do(setup) // Grendel
	files, err := fs.ReadDir(dir)
	if err != nil {
		return err
	}

	for _, f := range files {
		name := f.Name()
		data, err := fs.ReadFile(dir + "/" + name)
		if err != nil {
			if retErr == nil {
				retErr = err
			}
			continue
		}

		err = addLanguage(data, name)
		if err != nil {
			if retErr == nil {
				retErr = err
			}
			continue
		}
	}

	updateLocalizer()

	return retErr
}

func addLanguage(data []byte, name string) error {
	// Grendel: bundle.ParseMessageFileBytes in two steps, so that the
	// built-in messages of the file's language go into the bundle first, as
	// they did when all were parsed at init, and these override them.
	f, err := i18n.ParseMessageFileBytes(data, name, unmarshalFuncs)
	if err != nil {
		return err
	}
	parseBuiltin(f.Tag)
	if err := bundle.AddMessages(f.Tag, f.Messages...); err != nil {
		return err
	}

	translated = append(translated, f.Tag)
	return nil
}

// Grendel: upstream's init parsed every built-in translation (fourteen
// languages) into the bundle: some megabytes allocated and milliseconds
// spent in every program that links this package, before main. setup does
// the same work on first use of the package, except the parsing: it adds
// each built-in file's language to the bundle and to translated in the
// same order, so that every match is the same, and leaves the messages to
// parseBuiltin, which setupLang calls for the languages the new localizer
// can reach. See third_party/fyne-lang/README.md in Grendel.
var unmarshalFuncs = map[string]i18n.UnmarshalFunc{"json": json.Unmarshal}

func setup() {
	bundle = i18n.NewBundle(language.English)
	bundle.RegisterUnmarshalFunc("json", json.Unmarshal)

	translated = []language.Tag{language.Make("en")} // the first item in this list will be the fallback if none match
	unparsed = map[language.Tag][]string{}
	err := addBuiltinLanguages()
	if err != nil {
		fyne.LogError("Error occurred loading built-in translations", err)
	}
	updateLocalizer()
}

// addBuiltinLanguages is AddTranslationsFS(translations, "translations")
// without the parsing: go-i18n takes a file's language from its name.
func addBuiltinLanguages() (retErr error) {
	files, err := translations.ReadDir("translations")
	if err != nil {
		return err
	}
	for _, f := range files {
		name := f.Name()
		mf, err := i18n.ParseMessageFileBytes(nil, name, unmarshalFuncs)
		if err == nil {
			err = bundle.AddMessages(mf.Tag)
		}
		if err != nil {
			if retErr == nil {
				retErr = err
			}
			continue
		}
		translated = append(translated, mf.Tag)
		unparsed[mf.Tag] = append(unparsed[mf.Tag], name)
	}
	return retErr
}

// parseBuiltin adds the messages of the built-in translations of language
// tag to the bundle, if they are not there yet.
func parseBuiltin(tag language.Tag) {
	files := unparsed[tag]
	delete(unparsed, tag)
	for _, name := range files {
		data, err := translations.ReadFile("translations/" + name)
		if err == nil {
			_, err = bundle.ParseMessageFileBytes(data, name)
		}
		if err != nil {
			fyne.LogError("Error occurred loading built-in translations", err)
		}
	}
}

// parseReachable parses the built-in translations that a localizer of
// langs can use: those of the language go-i18n matches langs with among
// the bundle's (its Localizer does so with the same tags and matcher), and
// those of the bundle's default language, English, its fallback.
func parseReachable(langs ...string) {
	if len(unparsed) == 0 {
		return
	}
	parseBuiltin(language.English)
	var want []language.Tag
	for _, l := range langs {
		if t, _, err := language.ParseAcceptLanguage(l); err == nil {
			want = append(want, t...)
		}
	}
	tags := bundle.LanguageTags()
	_, i, _ := language.NewMatcher(tags).Match(want...)
	parseBuiltin(tags[i])
}

func fallbackWithData(key, fallback string, data any) string {
	t, err := template.New(key).Parse(fallback)
	if err != nil {
		log.Println("Could not parse fallback template")
		return fallback
	}
	str := &strings.Builder{}
	_ = t.Execute(str, data)
	return str.String()
}

// A utility for setting up languages - available to unit tests for overriding system
func setupLang(lang string) {
	localizer = i18n.NewLocalizer(bundle, lang)
	parseReachable(lang) // Grendel
}

// updateLocalizer Finds the closest translation from the user's locale list and sets it up
func updateLocalizer() {
	setupOnce.Do(initRuntime)

	all, err := locale.GetLocales()
	if err != nil {
		fyne.LogError("Failed to load user locales", err)
		all = []string{"en"}
	}
	setupLang(closestSupportedLocale(all).LanguageString())
}
