package clocale

import (
	"maps"
	"testing"
)

func TestApply(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  map[string]string
		set  map[string]string // nil: nothing
	}{
		{"C.UTF-8", map[string]string{"LANG": "C.UTF-8"}, map[string]string{"LC_MESSAGES": "C"}},
		{"POSIX.UTF-8", map[string]string{"LANG": "POSIX.UTF-8"}, map[string]string{"LC_MESSAGES": "C"}},
		{"C.UTF-8 ignores LANGUAGE", map[string]string{"LANG": "C.UTF-8", "LANGUAGE": "de"}, map[string]string{"LC_MESSAGES": "C"}},
		{"C.UTF-8 in LC_MESSAGES", map[string]string{"LC_MESSAGES": "C.UTF-8", "LANG": "nl_NL.UTF-8"}, map[string]string{"LC_MESSAGES": "C"}},
		{"C.UTF-8 in LC_ALL leaves LC_ALL", map[string]string{"LC_ALL": "C.UTF-8", "LANGUAGE": "de"}, map[string]string{"LANGUAGE": "en"}},
		{"plain C is understood already", map[string]string{"LANG": "C", "LANGUAGE": "de"}, nil},
		{"a real language", map[string]string{"LANG": "nl_NL.UTF-8"}, nil},
		{"unset", map[string]string{}, nil},
		{"LC_ALL wins", map[string]string{"LANG": "C.UTF-8", "LC_ALL": "de_DE.UTF-8"}, nil},
		{"LC_MESSAGES wins", map[string]string{"LANG": "C.UTF-8", "LC_MESSAGES": "nl_NL.UTF-8"}, nil},
		{"a language called Catalan is no C locale", map[string]string{"LANG": "ca_ES.UTF-8"}, nil},
		{"a modifier", map[string]string{"LANG": "nl_NL@euro"}, map[string]string{"LANGUAGE": "nl_NL"}},
		{"a modifier after the codeset is cut with it", map[string]string{"LANG": "de_DE.UTF-8@euro"}, nil},
		{"a modifier in LC_ALL", map[string]string{"LC_ALL": "de_AT@euro", "LANG": "en_GB.UTF-8"}, map[string]string{"LANGUAGE": "de_AT"}},
		{"a list: the first language of ours", map[string]string{"LANGUAGE": "fr:de", "LANG": "fr_FR.UTF-8"}, map[string]string{"LANGUAGE": "de"}},
		{"a list of locales", map[string]string{"LANGUAGE": "fr_FR.UTF-8:nl_BE@euro:de", "LANG": "fr_FR.UTF-8"}, map[string]string{"LANGUAGE": "nl_BE"}},
		{"a list led by ours", map[string]string{"LANGUAGE": "en_GB:nl", "LANG": "nl_NL.UTF-8"}, map[string]string{"LANGUAGE": "en_GB"}},
		{"one of ours", map[string]string{"LANGUAGE": "de", "LANG": "en_US.UTF-8"}, nil},
		{"none of ours keeps the list", map[string]string{"LANGUAGE": "fr:es", "LANG": "fr_FR.UTF-8"}, nil},
		{"none of ours, cleaned", map[string]string{"LANGUAGE": "fr_FR@euro:es_ES.UTF-8", "LANG": "fr_FR.UTF-8"}, map[string]string{"LANGUAGE": "fr_FR:es_ES"}},
		{"nothing parses", map[string]string{"LANG": "xyzzy-1.UTF-8"}, map[string]string{"LANGUAGE": "en"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			set := map[string]string{}
			got := Apply(func(k string) string { return tc.env[k] }, func(k, v string) error { set[k] = v; return nil })
			if got != (tc.set != nil) {
				t.Errorf("Apply(%v) = %v, want %v", tc.env, got, tc.set != nil)
			}
			if !maps.Equal(set, tc.set) {
				t.Errorf("Apply(%v) set %v, want %v", tc.env, set, tc.set)
			}
		})
	}
}

func TestClean(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"nl_NL.UTF-8", "nl_NL"},
		{"nl_NL@euro", "nl_NL"},
		{"de_DE.UTF-8@euro", "de_DE"},
		{"de-AT", "de_AT"},
		{"es_419.UTF-8", "es_419"},
		{"sr_RS@latin", "sr_RS"},
		{"sr_Latn_RS", "sr"},
		{"nl", "nl"},
		{"C", ""},
		{"C.UTF-8", ""},
		{"", ""},
		{"1_2", ""},
	} {
		if got := Clean(tc.in); got != tc.want {
			t.Errorf("Clean(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
