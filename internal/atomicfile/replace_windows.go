package atomicfile

import (
	"errors"
	"os"
	"time"

	"golang.org/x/sys/windows"
)

// retryFor is how long a rename is tried again while a reader holds the
// file: readers of the small files written here (a compliance script, the
// status window) hold them for milliseconds.
const retryFor = 2 * time.Second

// replace renames tmp to path, replacing it (MoveFileEx with
// MOVEFILE_REPLACE_EXISTING), and tries again while Windows answers that
// the file is in use or access is denied, as it does while another
// process has path open without FILE_SHARE_DELETE.
func replace(tmp, path string) error {
	deadline := time.Now().Add(retryFor)
	wait := time.Millisecond
	for {
		err := os.Rename(tmp, path)
		if err == nil || !inUse(err) || time.Now().After(deadline) {
			return err
		}
		time.Sleep(wait)
		wait = min(2*wait, 50*time.Millisecond)
	}
}

// inUse reports whether err is Windows' answer for a file another
// process holds open.
func inUse(err error) bool {
	return errors.Is(err, windows.ERROR_ACCESS_DENIED) || errors.Is(err, windows.ERROR_SHARING_VIOLATION) || errors.Is(err, windows.ERROR_LOCK_VIOLATION)
}
