package i18n

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"grendel/internal/testdir"
)

func TestOSError(t *testing.T) {
	_, missing := os.Open(filepath.Join(testdir.New(t), "nothing"))
	for _, tc := range []struct {
		err  error
		want string
	}{
		{nil, ""},
		{&fs.PathError{Op: "open", Path: "/etc/grendel/x.json", Err: syscall.EACCES}, "/etc/grendel/x.json: no permission"},
		{fmt.Errorf("watching: %w", &fs.PathError{Op: "mkdir", Path: "/run/x", Err: syscall.EROFS}), "/run/x: the disk is read-only"},
		{&fs.PathError{Op: "write", Path: "/tmp/out.xlsx", Err: syscall.ENOSPC}, "/tmp/out.xlsx: the disk is full"},
		{fmt.Errorf("listen: %w", syscall.EADDRINUSE), "already in use"},
		{errors.New("something rare"), "something rare"},
	} {
		if got := OSError(tc.err); got != tc.want {
			t.Errorf("OSError(%v) = %q, want %q", tc.err, got, tc.want)
		}
	}
	if got := OSError(missing); got == missing.Error() || got == "" {
		t.Errorf("OSError(%v) = %q, want it in words", missing, got)
	}
}
