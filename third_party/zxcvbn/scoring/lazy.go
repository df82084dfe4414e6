package scoring

import (
	"regexp"
	"sync"
)

// lazyRegexp returns a function that compiles expr on its first call (safe
// for concurrent first use) and returns the same Regexp after.
//
// Grendel: the package's regular expressions are compiled on first use, not
// in its init. See third_party/zxcvbn/README.md.
func lazyRegexp(expr string) func() *regexp.Regexp {
	var once sync.Once
	var re *regexp.Regexp
	return func() *regexp.Regexp {
		once.Do(func() { re = regexp.MustCompile(expr) })
		return re
	}
}
