package matching

import (
	"regexp"
	"sync"

	"github.com/dlclark/regexp2"
	"github.com/trustelem/zxcvbn/adjacency"
)

// Grendel: the keyboard graphs and the matchers' regular expressions are
// built on first use, not in the package's init. See
// third_party/zxcvbn/README.md. (The module's language version, go 1.16,
// has no generics, so no sync.OnceValue.)

// lazyRegexp returns a function that compiles expr on its first call (safe
// for concurrent first use) and returns the same Regexp after.
func lazyRegexp(expr string) func() *regexp.Regexp {
	var once sync.Once
	var re *regexp.Regexp
	return func() *regexp.Regexp {
		once.Do(func() { re = regexp.MustCompile(expr) })
		return re
	}
}

// lazyRegexp2 is lazyRegexp for regexp2's expressions (backreferences).
func lazyRegexp2(expr string, opt regexp2.RegexOptions) func() *regexp2.Regexp {
	var once sync.Once
	var re *regexp2.Regexp
	return func() *regexp2.Regexp {
		once.Do(func() { re = regexp2.MustCompile(expr, opt) })
		return re
	}
}

// lazyGraphs returns a function that returns loadDefaultAdjacencyGraphs(),
// called once.
func lazyGraphs() func() []*adjacency.Graph {
	var once sync.Once
	var graphs []*adjacency.Graph
	return func() []*adjacency.Graph {
		once.Do(func() { graphs = loadDefaultAdjacencyGraphs() })
		return graphs
	}
}
