//go:build unix && !darwin

package audit

import (
	"errors"
	"os"
	"path/filepath"
)

// Dir returns the directory of the audit files: $XDG_STATE_HOME/grendel,
// or ~/.local/state/grendel when XDG_STATE_HOME is unset or not absolute
// (the XDG Base Directory rule).
func Dir() (string, error) {
	if d := os.Getenv("XDG_STATE_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "grendel"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	if home == "" {
		return "", errors.New("no home directory")
	}
	return filepath.Join(home, ".local", "state", "grendel"), nil
}
