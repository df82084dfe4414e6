package strength

import (
	"math"
	"testing"

	"github.com/trustelem/zxcvbn/match"
	"github.com/trustelem/zxcvbn/scoring"
)

// TestBestSequenceAgreesWithZxcvbn: our array version of zxcvbn's search
// finds the same number of guesses as zxcvbn's own, on the matches the
// scorer builds for many kinds of window.
func TestBestSequenceAgreesWithZxcvbn(t *testing.T) {
	s := Default()
	inputs := []string{"a", "ab", "Welkom123", "Zomer2024!Zomer2024!", "correct horse battery staple",
		"KaffeeMitMilch!", "qwertz123", "19901231xyz", "Lv7!qR2#mX", "aaaaaaaaaaaa", "3511 AB Utrecht",
		"GZ-123-K", "Bevriezen Zelda Schenken Cockpit", "Mäuschenßßaa", "p@$$w0rd!1|p@$$"}
	for name, long := range adversarial(Window) {
		inputs = append(inputs, name+long)
	}
	for _, pw := range inputs {
		runes := decode(pw, Window)
		stand := standIn(runes)
		ms := s.candidates(runes, stand, nil, 0)
		fresh := func() []*match.Match {
			out := make([]*match.Match, len(ms))
			for k, m := range ms {
				c := *m
				out[k] = &c
			}
			return out
		}
		got, seq := bestSequence(stand, fresh())
		want := scoring.MostGuessableMatchSequence(stand, fresh(), true)
		if math.Abs(math.Log10(got)-math.Log10(want.Guesses)) > 1e-9 || len(seq) != len(want.Sequence) {
			t.Errorf("window %d characters: bestSequence %g (%d matches), zxcvbn %g (%d matches)", len(runes), got, len(seq), want.Guesses, len(want.Sequence))
		}
		covered := -1
		for _, m := range seq {
			if m.I != covered+1 {
				t.Errorf("window %d characters: the sequence leaves a gap before %d", len(runes), m.I)
			}
			covered = m.J
		}
		if covered != len(runes)-1 {
			t.Errorf("window %d characters: the sequence ends at %d", len(runes), covered)
		}
	}
}
