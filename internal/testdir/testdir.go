// Package testdir gives tests a temporary directory that is removed when
// the test ends, on every system the Windows build of the tests runs on —
// Wine included.
//
// [testing.T.TempDir] removes its directory with [os.RemoveAll]. On
// Windows, Go 1.26 deletes each file of a directory tree with
// NtSetInformationFile(FileDispositionInformationEx, POSIX semantics) and
// falls back to the older FileDispositionInformation only when Windows
// answers "invalid class", "invalid parameter" or "not supported". Wine 8.0
// (Debian 12's) does not implement the class and answers "not
// implemented", so the cleanup fails with "Invalid function" and fails the
// test. Under Wine, [New] makes the directory itself and removes the tree
// bottom-up with [os.Remove] (DeleteFile and RemoveDirectory, which Wine
// has); everywhere else it is t.TempDir.
package testdir

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// New returns a new temporary directory for t, removed when t ends.
func New(t testing.TB) string {
	t.Helper()
	if !UnderWine() {
		return t.TempDir()
	}
	pattern := strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == ':' || r == '*' || r == '?' || r == '"' || r == '<' || r == '>' || r == '|' {
			return '_'
		}
		return r
	}, t.Name())
	if len(pattern) > 64 {
		pattern = pattern[:64]
	}
	dir, err := os.MkdirTemp("", pattern)
	if err != nil {
		t.Fatalf("testdir: %v", err)
	}
	t.Cleanup(func() {
		if err := removeTree(dir); err != nil {
			t.Errorf("testdir: removing %s: %v", dir, err)
		}
	})
	return dir
}

// removeTree removes dir and everything in it, deepest first, with
// os.Remove alone.
func removeTree(dir string) error {
	var paths []string
	err := filepath.WalkDir(dir, func(path string, _ fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		paths = append(paths, path)
		return nil
	})
	if err != nil {
		return err
	}
	// WalkDir visits a directory before its contents: reversed, every
	// entry comes before its directory.
	for _, p := range slices.Backward(paths) {
		if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
			return err
		}
	}
	return nil
}
