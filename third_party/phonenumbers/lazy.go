package phonenumbers

import (
	"regexp"
	"sync"
)

// Grendel: the package's regular expressions are compiled on first use, not
// in its init (see third_party/phonenumbers/README.md in Grendel). Each
// pattern variable is a function that returns the same *regexp.Regexp on
// every call.

// lazyRegexp returns a function that compiles expr on its first call (safe
// for concurrent first use) and returns the same Regexp after.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
