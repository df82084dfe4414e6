package clocale

import "testing"

func TestApply(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  map[string]string
		want bool
	}{
		{"C.UTF-8", map[string]string{"LANG": "C.UTF-8"}, true},
		{"POSIX.UTF-8", map[string]string{"LANG": "POSIX.UTF-8"}, true},
		{"plain C is understood already", map[string]string{"LANG": "C"}, false},
		{"a real language", map[string]string{"LANG": "nl_NL.UTF-8"}, false},
		{"unset", map[string]string{}, false},
		{"LC_ALL wins", map[string]string{"LANG": "C.UTF-8", "LC_ALL": "de_DE.UTF-8"}, false},
		{"LC_MESSAGES wins", map[string]string{"LANG": "C.UTF-8", "LC_MESSAGES": "nl_NL.UTF-8"}, false},
		{"a language called Catalan is no C locale", map[string]string{"LANG": "ca_ES.UTF-8"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			set := map[string]string{}
			got := Apply(func(k string) string { return tc.env[k] }, func(k, v string) error { set[k] = v; return nil })
			if got != tc.want {
				t.Fatalf("Apply(%v) = %v, want %v", tc.env, got, tc.want)
			}
			if got && (len(set) != 1 || set["LC_MESSAGES"] != "C") {
				t.Errorf("Apply(%v) set %v, want only LC_MESSAGES=C", tc.env, set)
			}
			if !got && len(set) != 0 {
				t.Errorf("Apply(%v) set %v, want nothing", tc.env, set)
			}
		})
	}
}
