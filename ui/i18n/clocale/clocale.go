// Package clocale sets the locale environment of this process (and of the
// processes it starts) so that the locale library under
// fyne.io/fyne/v2/lang reads the language the user meant, and reads it
// without logging an error.
//
// That library (jeandeaual/go-locale) takes LANGUAGE, else the first of
// LC_ALL, LC_MESSAGES and LANG, cuts off the codeset and parses what is
// left. Three common settings go wrong there:
//
//   - A "C.UTF-8" or "POSIX.*" locale, the default of containers, CI
//     machines and many scripts, means untranslated (English) messages,
//     but parses as the language "C", and an error is logged.
//   - A modifier, as in "nl_NL@euro", is not cut off: the locale does not
//     parse, an error is logged, and the language falls back to English.
//   - LANGUAGE is a priority list ("fr:de": French, else German), but
//     Fyne takes its first entry for Grendel's texts, so a user who asks
//     for French, else German, gets English where German was there.
//
// It all happens in lang's own init, before main runs and before any
// Grendel code could react. So this package's init rewrites the
// environment first: a C locale becomes LC_MESSAGES=C (same meaning, and
// the library understands it), and LANGUAGE becomes the entry of the list
// that Grendel translates (en, nl or de), without codeset and modifier; a
// list with none of them keeps its entries, each cleaned the same way.
//
// The init runs before lang's because Go initialises packages in
// import-path order among those whose imports are ready: this package
// needs only os and strings, so it runs before lang, whose imports include
// packages that sort after it (text/template, for one). The package
// imports no Fyne, so that this ordering argument stays true.
package clocale

import (
	"os"
	"strings"
)

// Languages are the languages Grendel is translated into; the first entry
// of LANGUAGE among them is the one chosen. ui/i18n's Languages are the
// same (its tests check).
var Languages = []string{"en", "nl", "de"}

func init() { Apply(os.Getenv, os.Setenv) }

// Apply reads the locale environment through get and rewrites it through
// set as the package doc says. It reports whether it set anything.
func Apply(get func(string) string, set func(key, value string) error) bool {
	which, loc := "", ""
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if loc = get(k); loc != "" {
			which = k
			break
		}
	}
	if loc == "C" || loc == "POSIX" {
		return false // the library understands these, and ignores LANGUAGE
	}
	if strings.HasPrefix(loc, "C.") || strings.HasPrefix(loc, "POSIX.") {
		// Untranslated messages, whatever LANGUAGE says (as gettext has
		// it for the C locale). LC_ALL also sets the character type,
		// which children such as a screen locker need as it is; there
		// LANGUAGE=en says the same to the library.
		if which == "LC_ALL" {
			return get("LANGUAGE") != "en" && set("LANGUAGE", "en") == nil
		}
		return set("LC_MESSAGES", "C") == nil
	}
	list := get("LANGUAGE")
	seen := list // what the library would parse
	if list == "" {
		list = loc
		seen, _, _ = strings.Cut(loc, ".")
	}
	if list == "" {
		return false
	}
	want := Choose(list)
	if want == seen {
		return false
	}
	if want == "" {
		want = "en" // nothing in it parses: English, quietly
	}
	return set("LANGUAGE", want) == nil
}

// Choose returns, from a LANGUAGE-style list ("fr:de_DE.UTF-8@euro"), the
// first entry in one of [Languages], cleaned ("de_DE"); if there is none,
// every entry that parses, cleaned, in order ("fr_FR:es"); "" if no entry
// parses.
func Choose(list string) string {
	var kept []string
	for _, e := range strings.Split(list, ":") {
		c := Clean(e)
		if c == "" {
			continue
		}
		l, _, _ := strings.Cut(c, "_")
		for _, ours := range Languages {
			if strings.EqualFold(l, ours) {
				return c
			}
		}
		kept = append(kept, c)
	}
	return strings.Join(kept, ":")
}

// Clean returns a POSIX locale name without codeset and modifier, as
// language_TERRITORY ("nl_NL@euro" → "nl_NL", "de-AT.UTF-8" → "de_AT"): a
// language of two or three letters and a territory of two letters or
// three digits. A territory that is neither is dropped ("sr_Latn_RS" →
// "sr"); without a language, the result is "" ("C", "", "1_2").
func Clean(locale string) string {
	locale, _, _ = strings.Cut(locale, "@")
	locale, _, _ = strings.Cut(locale, ".")
	l, r, _ := strings.Cut(strings.ReplaceAll(locale, "-", "_"), "_")
	if !all(l, 2, 3, isLetter) {
		return ""
	}
	if all(r, 2, 2, isLetter) || all(r, 3, 3, isDigit) {
		return l + "_" + r
	}
	return l
}

// all reports whether s has min to max bytes, each one that is.
func all(s string, min, max int, is func(byte) bool) bool {
	if len(s) < min || len(s) > max {
		return false
	}
	for i := range len(s) {
		if !is(s[i]) {
			return false
		}
	}
	return true
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
