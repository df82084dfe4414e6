// Package assets embeds Grendel's static files: the translations for
// [fyne.io/fyne/v2/lang] and the application and tray icons.
//
// It imports no Fyne package, so the core and the CLI can use it without a
// display. Translation files follow Fyne's naming, "[area.]locale.json", one
// file per area and locale (for example cli.nl.json), so that each part of the
// program owns its keys.
package assets

import (
	"embed"
)

// Translations holds every translation file under the directory
// [TranslationsDir]; pass both to lang.AddTranslationsFS.
//
//go:embed translations/*.json
var Translations embed.FS

// TranslationsDir is the directory inside [Translations] that holds the files.
const TranslationsDir = "translations"

//go:embed icons/*.png
var icons embed.FS

// Icon returns the PNG bytes of the named icon under assets/icons, such as
// "grendel.png". It panics if the file is not embedded, which a test rules out
// for every name the program uses.
func Icon(name string) []byte {
	b, err := icons.ReadFile("icons/" + name)
	if err != nil {
		panic("assets: no embedded icon " + name)
	}
	return b
}
