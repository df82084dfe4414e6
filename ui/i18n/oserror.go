package i18n

import (
	"errors"
	"io/fs"
	"syscall"

	"fyne.io/fyne/v2/lang"
)

// OSError says what the operating system refused, in the user's language,
// for the errors people meet: a missing file or folder, no permission, a
// full or read-only disk, an address in use, a file where a folder should
// be. It names the path when the error has one ("/run/user/1000/grendel:
// no permission"). Any other error keeps its own (English) text: it is
// rare, and the text is what IT will search for.
func OSError(err error) string {
	if err == nil {
		return ""
	}
	var what string
	switch {
	case errors.Is(err, fs.ErrNotExist):
		what = lang.X("os.not_exist", "does not exist")
	case errors.Is(err, fs.ErrPermission):
		what = lang.X("os.permission", "no permission")
	case errors.Is(err, syscall.ENOSPC):
		what = lang.X("os.disk_full", "the disk is full")
	case errors.Is(err, syscall.EROFS):
		what = lang.X("os.read_only", "the disk is read-only")
	case errors.Is(err, syscall.EADDRINUSE):
		what = lang.X("os.in_use", "already in use")
	case errors.Is(err, syscall.ENOTDIR):
		what = lang.X("os.not_dir", "is not a folder")
	case errors.Is(err, syscall.EISDIR):
		what = lang.X("os.is_dir", "is a folder")
	default:
		return err.Error()
	}
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Path != "" {
		return pe.Path + ": " + what
	}
	return what
}
