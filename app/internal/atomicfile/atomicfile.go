// Package atomicfile writes a small file so that a reader sees the old
// content or the new, never a part.
package atomicfile

import (
	"io/fs"
	"os"
	"path/filepath"
)

// Write writes data to path through a temporary file in the same
// directory (made 0700 when missing), given mode, synced and renamed into
// place. On Windows the file takes its directory's ACL; mode only sets
// whether it is read-only; and a reader that has the file open without
// sharing its deletion (most do) makes the rename fail for as long as it
// reads, so the rename is tried again for up to [retryFor].
func Write(path string, data []byte, mode fs.FileMode) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, ".grendel-*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp) // after the rename, nothing is there
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Chmod(mode); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return replace(tmp, path)
}
