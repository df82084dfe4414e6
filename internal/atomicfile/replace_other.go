//go:build !windows

package atomicfile

import "os"

// replace renames tmp to path, replacing it: atomic on POSIX systems,
// whoever has path open.
func replace(tmp, path string) error { return os.Rename(tmp, path) }
