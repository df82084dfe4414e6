package strength

import (
	"github.com/trustelem/zxcvbn/match"
	"github.com/trustelem/zxcvbn/matching"
)

// zxcvbnPatterns returns zxcvbn's own matches other than its dictionaries
// and repeats — keyboard walks on QWERTY, Dvorak and keypads, sequences,
// years and dates — which this package does not find itself. Its
// dictionaries are merged into this package's (see [EnglishDictionaries])
// and matched in the same pass; its repeats price the repeated chunk in
// English alone (see [Scorer.repeats]).
func zxcvbnPatterns(stand string) []*match.Match {
	return matching.PatternMatches(stand)
}
