// Package atomicfile writes a small file so that a reader sees the old
// content or the new, never a part, and so that a crash leaves one or the
// other ([Write]); and it moves a file that its writer streamed into a
// temporary file to its name ([Place]). It is Grendel's one such writer:
// the core (app/…), package policy and the command line all use it, so it
// imports nothing of Grendel's.
package atomicfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// tempPrefix and tempSuffix frame the names of the temporary files that
// [Write] renames into place; [IsTemp] recognises them.
const (
	tempPrefix = ".grendel-"
	tempSuffix = ".tmp"
)

// Write writes data to path through a temporary file in the same
// directory (made 0700 when missing), given mode, synced and renamed into
// place; then it syncs the directory where the system can ([SyncDir]), so
// that the rename survives a crash. On an error the temporary file is
// removed and path is as it was. On Windows the file takes its
// directory's ACL; mode only sets whether it is read-only; and a reader
// that has the file open without sharing its deletion (most do) makes the
// rename fail for as long as it reads, so the rename is tried again for up
// to [retryFor].
func Write(path string, data []byte, mode fs.FileMode) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, tempPrefix+"*"+tempSuffix)
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
	if err := replace(tmp, path); err != nil {
		return err
	}
	return SyncDir(dir)
}

// Place moves tmp, a finished file that its writer streamed and synced
// in the directory of dst, to dst. With overwrite it replaces dst as
// [Write] does (on Windows tried again while a reader holds dst). Without,
// it never replaces a file: a hard link fails if dst exists (so that a
// file made meanwhile is not replaced), and where the file system has no
// hard links dst is looked for just before the rename; an existing dst is
// an error wrapping [fs.ErrExist]. On success tmp is gone; on an error it
// is the caller's to remove.
func Place(tmp, dst string, overwrite bool) error {
	if !overwrite {
		err := os.Link(tmp, dst)
		switch {
		case err == nil:
			_ = os.Remove(tmp)
			return nil
		case errors.Is(err, fs.ErrExist):
			return err
		}
		// No hard links here (some file systems): look, then rename.
		if _, err := os.Lstat(dst); err == nil {
			return &fs.PathError{Op: "place", Path: dst, Err: fs.ErrExist}
		}
	}
	return replace(tmp, dst)
}

// IsTemp reports whether name (a base name) is that of a temporary file
// [Write] makes: one that a crash between its creation and its rename
// left behind, which the owner of the directory may remove.
func IsTemp(name string) bool {
	return strings.HasPrefix(name, tempPrefix) && strings.HasSuffix(name, tempSuffix)
}
