//go:build !linux

package sleep

import (
	"context"
	"fmt"
	"runtime"
)

// watch fails: see the package documentation.
func (w *Watcher) watch(context.Context, func(context.Context)) error {
	return fmt.Errorf("locking before sleep on %s: %w", runtime.GOOS, ErrUnsupported)
}
