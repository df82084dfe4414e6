//go:build !unix && !windows

package audit

import (
	"fmt"
	"runtime"
)

// Dir has no answer on this system.
func Dir() (string, error) {
	return "", fmt.Errorf("no state directory on %s", runtime.GOOS)
}
