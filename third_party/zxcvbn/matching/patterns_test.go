package matching

import (
	"testing"

	"github.com/trustelem/zxcvbn/match"
)

// PatternMatches finds exactly Omnimatch's matches other than dictionary
// words and repeats.
func TestPatternMatchesIsOmnimatchWithoutDictionaries(t *testing.T) {
	for _, pw := range []string{"qwerty123", "abcdef", "19901231", "1.1.1991", "zxcvbn2018", "password", "aaaa", "", "Tr0ub4dour&3"} {
		var want []*match.Match
		for _, m := range Omnimatch(pw, nil) {
			if m.Pattern != "dictionary" && m.Pattern != "repeat" {
				want = append(want, m)
			}
		}
		got := PatternMatches(pw)
		if match.ToString(got) != match.ToString(want) {
			t.Errorf("PatternMatches(%q) = %s, want %s", pw, match.ToString(got), match.ToString(want))
		}
	}
}
