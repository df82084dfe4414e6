//go:build !unix && !windows

package harden

import (
	"errors"
	"fmt"
	"runtime"
)

func process() error {
	return fmt.Errorf("keeping the process out of core dumps on %s: %w", runtime.GOOS, errors.ErrUnsupported)
}
