package compliance

import (
	"path/filepath"

	"grendel/app/internal/statedir"
)

// ErrNoStateDir is returned, wrapped with the reason, when the user's
// state directory cannot be found (no home directory, no %LOCALAPPDATA%).
var ErrNoStateDir = statedir.ErrNone

// Path returns where the agent writes the user's status file: [FileName]
// in the user's own state directory ([statedir.Dir], beside the audit
// trail), which the user's account owns and other users cannot write, and
// which root, SYSTEM and Administrators can read without entering the
// user's session:
//
//   - Linux and other Unix: $XDG_STATE_HOME/grendel/status.json, or
//     ~/.local/state/grendel/status.json (an XDG_STATE_HOME that is not
//     absolute is ignored, as the specification says);
//   - macOS: ~/Library/Application Support/Grendel/status.json;
//   - Windows: %LOCALAPPDATA%\Grendel\status.json.
func Path() (string, error) {
	dir, err := statedir.Dir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, FileName), nil
}
