//go:build !darwin && !js && !android

package locale

import (
	"os"
	"strings"
)

func splitLocales(locales string) []string {
	// If the user set different locales, they might be set in $LANGUAGE,
	// separated by a colon
	return strings.Split(locales, ":")
}

func getLangFromEnv() string {
	locale := ""

	// Check the following environment variables for the language information
	// See https://www.gnu.org/software/gettext/manual/html_node/Locale-Environment-Variables.html
	for _, env := range [...]string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		locale = os.Getenv(env)
		if len(locale) > 0 {
			break
		}
	}

	if locale == "C" || locale == "POSIX" {
		return locale
	}

	// Check LANGUAGE if localization is enabled (not set to "C")
	// See https://www.gnu.org/software/gettext/manual/html_node/The-LANGUAGE-variable.html#The-LANGUAGE-variable
	languages := os.Getenv("LANGUAGE")
	if len(languages) > 0 {
		return languages
	}

	return locale
}

func getUnixLocales() []string {
	locale := getLangFromEnv()
	if locale == "C" || locale == "POSIX" || len(locale) == 0 {
		return nil
	}

	return splitLocales(locale)
}

// envLocales returns the locales that the gettext environment names, as
// BCP 47 tags, first choice first, and whether it names any: a C or POSIX
// locale names none (untranslated messages), and so does an environment
// without LANGUAGE, LC_ALL, LC_MESSAGES and LANG.
func envLocales() (locales []string, set bool) {
	env := getLangFromEnv()
	if env == "C" || env == "POSIX" {
		return nil, true
	}
	if env == "" {
		return nil, false
	}
	for _, l := range splitLocales(env) {
		language, region := splitLocale(l)
		if region != "" {
			language += "-" + region
		}
		locales = append(locales, language)
	}
	return locales, true
}
