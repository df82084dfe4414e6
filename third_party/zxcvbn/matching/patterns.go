package matching

import "github.com/trustelem/zxcvbn/match"

// PatternMatches returns the matches of every matcher but the dictionary
// ones (plain, reversed, l33t) and repeats: keyboard walks, sequences,
// recent years and dates.
//
// Grendel: added so that a caller with dictionaries of its own, matched in
// one pass of its own, need not pay for these lists again, and can price
// repeats with its own scorer. See third_party/zxcvbn/README.md.
func PatternMatches(password string) []*match.Match {
	matchers := []match.Matcher{
		spatialMatch{graphs: defaultGraphs()},
		sequenceMatch{},
		regexpMatch{regexes: defaultRegexpMatch},
		dateMatch{},
	}
	var matches []*match.Match
	for _, m := range matchers {
		matches = append(matches, m.Matches(password)...)
	}
	match.Sort(matches)
	return matches
}
