// Package clocale keeps Fyne's locale lookup quiet under a "C.UTF-8" or
// "POSIX.*" locale, the default of containers, CI machines and many
// scripts. Such a locale means untranslated (English) messages, but the
// locale library under fyne.io/fyne/v2/lang parses "C.UTF-8" as the
// language "C" and logs an error, and it does so in lang's own init, before
// main runs and before any Grendel code could react.
//
// Importing this package (as ui/i18n does, for its effect) turns such a
// LANG into LC_MESSAGES=C for this process and its children when neither
// LC_ALL nor LC_MESSAGES is set: same meaning, and the library understands
// it. It works because Go initialises packages in import-path order among
// those whose imports are ready: this package needs only os and strings,
// so it runs before lang, whose imports include packages that sort after
// it (text/template, for one). The package imports no Fyne, so that this
// ordering argument stays true.
package clocale

import (
	"os"
	"strings"
)

func init() { Apply(os.Getenv, os.Setenv) }

// Apply sets LC_MESSAGES=C through set when LANG, read through get, is a
// C or POSIX locale with a codeset and neither LC_ALL nor LC_MESSAGES is
// set. It reports whether it did.
func Apply(get func(string) string, set func(key, value string) error) bool {
	if get("LC_ALL") != "" || get("LC_MESSAGES") != "" {
		return false
	}
	l := get("LANG")
	if !strings.HasPrefix(l, "C.") && !strings.HasPrefix(l, "POSIX.") {
		return false
	}
	return set("LC_MESSAGES", "C") == nil
}
