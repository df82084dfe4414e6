package compliance

import (
	"errors"

	"golang.org/x/sys/windows"
)

// inUse reports whether err is Windows' answer for a file that another
// process is replacing or holds without sharing: the agent's rename of
// the status file over the old one.
func inUse(err error) bool {
	return errors.Is(err, windows.ERROR_SHARING_VIOLATION) || errors.Is(err, windows.ERROR_ACCESS_DENIED)
}
