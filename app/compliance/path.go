package compliance

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
)

// ErrNoStateDir is returned when the user's state directory cannot be
// found (no home directory, no %LOCALAPPDATA%).
var ErrNoStateDir = errors.New("no state directory for the status file on " + runtime.GOOS)

// Path returns where the agent writes the user's status file: in the
// user's own state directory, which the user's account owns and other
// users cannot write, and which root, SYSTEM and Administrators can read
// without entering the user's session:
//
//   - Linux and other Unix: $XDG_STATE_HOME/grendel/status.json, or
//     ~/.local/state/grendel/status.json (an XDG_STATE_HOME that is not
//     absolute is ignored, as the specification says);
//   - macOS: ~/Library/Application Support/Grendel/status.json;
//   - Windows: %LOCALAPPDATA%\Grendel\status.json.
func Path() (string, error) { return statePath(runtime.GOOS, os.Getenv, os.UserHomeDir) }

func statePath(goos string, getenv func(string) string, home func() (string, error)) (string, error) {
	switch goos {
	case "windows":
		if d := getenv("LOCALAPPDATA"); d != "" {
			return filepath.Join(d, "Grendel", FileName), nil
		}
		return "", ErrNoStateDir
	case "darwin", "ios":
		h, err := home()
		if err != nil || h == "" {
			return "", ErrNoStateDir
		}
		return filepath.Join(h, "Library", "Application Support", "Grendel", FileName), nil
	}
	if d := getenv("XDG_STATE_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "grendel", FileName), nil
	}
	h, err := home()
	if err != nil || h == "" {
		return "", ErrNoStateDir
	}
	return filepath.Join(h, ".local", "state", "grendel", FileName), nil
}
