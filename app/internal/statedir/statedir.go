// Package statedir finds the user's state directory: where Grendel keeps
// what it records for the user — the audit trail (package audit) and the
// status file for compliance tools (package compliance). Both ask here, so
// they always lie side by side. It is a directory the user's account owns
// and other users cannot write, and that root, SYSTEM and Administrators
// can read without entering the user's session:
//
//   - Linux and other Unix: $XDG_STATE_HOME/grendel, or
//     ~/.local/state/grendel when XDG_STATE_HOME is unset or not absolute
//     (the XDG Base Directory rule);
//   - macOS: ~/Library/Application Support/Grendel;
//   - Windows: %LOCALAPPDATA%\Grendel.
package statedir

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

// ErrNone is returned, wrapped with the reason, when the user's state
// directory cannot be found (no home directory, no %LOCALAPPDATA%).
var ErrNone = errors.New("no state directory")

// Dir returns the user's state directory on this system, from its
// environment. It does not create it.
func Dir() (string, error) { return dirFor(runtime.GOOS, os.Getenv, os.UserHomeDir) }

// dirFor is [Dir] on the system goos, with its environment getenv and its
// home directory home.
func dirFor(goos string, getenv func(string) string, home func() (string, error)) (string, error) {
	switch goos {
	case "windows":
		d := getenv("LOCALAPPDATA")
		if d == "" {
			return "", fmt.Errorf("%w: %%LOCALAPPDATA%% is not set", ErrNone)
		}
		if !filepath.IsAbs(d) {
			return "", fmt.Errorf("%w: %%LOCALAPPDATA%% is not an absolute path", ErrNone)
		}
		return filepath.Join(d, "Grendel"), nil
	case "darwin", "ios":
		h, err := homeDir(home)
		if err != nil {
			return "", err
		}
		return filepath.Join(h, "Library", "Application Support", "Grendel"), nil
	}
	if d := getenv("XDG_STATE_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "grendel"), nil
	}
	h, err := homeDir(home)
	if err != nil {
		return "", err
	}
	return filepath.Join(h, ".local", "state", "grendel"), nil
}

// homeDir returns home's answer, or an error wrapping [ErrNone] when
// there is none.
func homeDir(home func() (string, error)) (string, error) {
	h, err := home()
	if err != nil {
		return "", fmt.Errorf("%w: %w", ErrNone, err)
	}
	if h == "" {
		return "", fmt.Errorf("%w: no home directory", ErrNone)
	}
	return h, nil
}
