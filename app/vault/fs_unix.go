//go:build unix

package vault

import (
	"fmt"
	"io/fs"
	"os"
)

// narrowMode sets the mode of the directory dir, described by fi, to 0700
// if others or the group may use it.
func narrowMode(dir string, fi fs.FileInfo) error {
	if fi.Mode().Perm()&0o077 == 0 {
		return nil
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return fmt.Errorf("narrowing the mode of the vault directory: %w", err)
	}
	return nil
}

// narrowFileMode sets the mode of the file at path to 0600 if others or
// the group may read it.
func narrowFileMode(path string) error {
	fi, err := os.Lstat(path)
	if err != nil || !fi.Mode().IsRegular() || fi.Mode().Perm()&0o077 == 0 {
		return nil
	}
	return os.Chmod(path, 0o600)
}
