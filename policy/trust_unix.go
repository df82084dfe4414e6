//go:build !windows

package policy

import (
	"io/fs"
	"os"
	"strconv"
	"syscall"
)

func platformAnchor() *trustAnchor { return &trustAnchor{} }

// check vets one file or directory, described by info: owned by root (or
// the anchor's owner) and writable by no group and no one else.
func (a *trustAnchor) check(path string, info fs.FileInfo, _ *os.File) *Problem {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return untrustedOwner(path, "?")
	}
	uid := strconv.FormatUint(uint64(st.Uid), 10)
	if st.Uid != 0 && uid != a.owner {
		return untrustedOwner(path, "uid "+uid)
	}
	if info.Mode().Perm()&0o022 != 0 {
		return untrustedWritable(path)
	}
	return nil
}

// ownerOf returns the uid that owns path, or "" if it cannot be told.
func ownerOf(path string) string {
	info, err := os.Stat(path)
	if err != nil {
		return ""
	}
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return ""
	}
	return strconv.FormatUint(uint64(st.Uid), 10)
}
