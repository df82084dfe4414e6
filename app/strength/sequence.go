package strength

import (
	"math"
	"sync"

	"github.com/trustelem/zxcvbn/match"
	"github.com/trustelem/zxcvbn/scoring"
)

// bestSequence is zxcvbn's search for the cheapest sequence of patterns
// that covers a window (scoring.MostGuessableMatchSequence without the
// additive term): the guesses of a sequence of l matches are l! times the
// product of their guesses, and any stretch no match covers is one
// bruteforce match. It is the same algorithm on fixed arrays instead of
// maps, for a window of at most [Window] characters: the scorer's hottest
// loop. TestBestSequenceAgreesWithZxcvbn holds it to zxcvbn's answers.
func bestSequence(stand string, matches []*match.Match) (float64, []*match.Match) {
	n := len(stand)
	if n == 0 {
		return 1, nil
	}
	// opt[k][l]: the best sequence of l matches covering stand[:k+1]; a
	// bruteforce match is kept as its start only and made at the end.
	sc := cellPool.Get().(*cells)
	defer cellPool.Put(sc)
	all := zeroed(&sc.all, n*(n+1))
	opt := zeroed(&sc.rows, n)
	for k := range opt {
		opt[k] = all[k*(n+1) : (k+1)*(n+1)]
	}
	byJ := make([][]*match.Match, n)
	for _, m := range matches {
		if m.I < 0 || m.J < m.I || m.J >= n {
			continue
		}
		byJ[m.J] = append(byJ[m.J], m)
	}
	// try puts a match of i..k with guesses pi at the end of the best
	// sequence of l-1 matches before it, if that is the best of l.
	try := func(i, k, l int, pi float64, m *match.Match) {
		if l > 1 {
			pi *= opt[i-1][l-1].pi
		}
		g := factorial(l) * pi
		for cl := 1; cl <= l; cl++ {
			if c := opt[k][cl]; c.ok && c.g <= g {
				return
			}
		}
		opt[k][l] = cell{ok: true, pi: pi, g: g, m: m, i: i}
	}
	update := func(m *match.Match, l int) {
		try(m.I, m.J, l, scoring.EstimateGuesses(m, stand), m)
	}
	for k := range n {
		for _, m := range byJ[k] {
			if m.I == 0 {
				update(m, 1)
				continue
			}
			for l := 1; l < n; l++ {
				if opt[m.I-1][l].ok {
					update(m, l+1)
				}
			}
		}
		// Bruteforce: one match over the whole prefix, or one from i to
		// k after any sequence that does not end in bruteforce.
		try(0, k, 1, bruteforceGuesses(0, k, n), nil)
		for i := 1; i <= k; i++ {
			g := bruteforceGuesses(i, k, n)
			for l := 1; l < n; l++ {
				if c := opt[i-1][l]; c.ok && c.m != nil {
					try(i, k, l+1, g, nil)
				}
			}
		}
	}
	// The best length at the end, the longest of equals.
	best, bestL := math.Inf(1), 0
	for l := 1; l <= n; l++ {
		if c := opt[n-1][l]; c.ok && (c.g < best || c.g == best && l > bestL) {
			best, bestL = c.g, l
		}
	}
	var seq []*match.Match
	for k, l := n-1, bestL; k >= 0 && l > 0; l-- {
		c := opt[k][l]
		if !c.ok {
			continue
		}
		m := c.m
		if m == nil {
			m = bruteforce(c.i, k, stand)
			m.Guesses = c.pi
			if l > 1 {
				m.Guesses = c.pi / opt[c.i-1][l-1].pi
			}
		}
		seq = append(seq, m)
		k = c.i - 1
	}
	for a, b := 0, len(seq)-1; a < b; a, b = a+1, b-1 {
		seq[a], seq[b] = seq[b], seq[a]
	}
	return best, seq
}

// bruteforceGuesses is zxcvbn's price of i..j of n characters as
// bruteforce: 10 per character, and one more than the smallest match of
// that length, so that any other match of the span wins.
func bruteforceGuesses(i, j, n int) float64 {
	l := j - i + 1
	g := math.Pow(scoring.BruteforceCardinality, float64(l))
	if l == 1 {
		g = max(g, scoring.MinSubmatchGuessesSingleChar+1)
	} else {
		g = max(g, scoring.MinSubmatchGuessesMultiChar+1)
	}
	return g
}

// cell is one entry of bestSequence's table.
type cell struct {
	ok bool
	pi float64 // product of the guesses
	g  float64 // l! × pi
	m  *match.Match
	i  int // where the last match starts
}

// cells is bestSequence's table, kept between calls.
type cells struct {
	all  []cell
	rows [][]cell
}

var cellPool = sync.Pool{New: func() any { return new(cells) }}

func bruteforce(i, j int, stand string) *match.Match {
	return &match.Match{Pattern: "bruteforce", I: i, J: j, Token: stand[i : j+1]}
}

// factorials up to the longest sequence of a window.
var factorials = func() [Window + 2]float64 {
	var f [Window + 2]float64
	f[0] = 1
	for k := 1; k < len(f); k++ {
		f[k] = f[k-1] * float64(k)
	}
	return f
}()

func factorial(l int) float64 {
	if l < len(factorials) {
		return factorials[l]
	}
	return math.Inf(1)
}
