//go:build !darwin && !js && !android

package locale

import (
	"slices"
	"testing"
)

// TestEnvLocales: the gettext environment in gettext's order, on Windows
// as on Unix (Grendel's patch; see README.md).
func TestEnvLocales(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		want []string
		set  bool
	}{
		{map[string]string{}, nil, false},
		{map[string]string{"LANG": "nl_NL.UTF-8"}, []string{"nl-NL"}, true},
		{map[string]string{"LANGUAGE": "fr:de_AT", "LANG": "nl_NL.UTF-8"}, []string{"fr", "de-AT"}, true},
		{map[string]string{"LC_ALL": "de_DE", "LC_MESSAGES": "nl_NL", "LANG": "en_GB"}, []string{"de-DE"}, true},
		{map[string]string{"LC_MESSAGES": "nl_BE", "LANG": "en_GB"}, []string{"nl-BE"}, true},
		{map[string]string{"LANGUAGE": "de"}, []string{"de"}, true},
		{map[string]string{"LC_ALL": "C", "LANGUAGE": "de"}, nil, true},
		{map[string]string{"LANG": "POSIX"}, nil, true},
	} {
		for _, k := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"} {
			t.Setenv(k, tc.env[k])
		}
		got, set := envLocales()
		if !slices.Equal(got, tc.want) || set != tc.set {
			t.Errorf("envLocales() with %v = %q, %v; want %q, %v", tc.env, got, set, tc.want, tc.set)
		}
	}
}
