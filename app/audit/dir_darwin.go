package audit

import (
	"os"
	"path/filepath"
)

// Dir returns the directory of the audit files: ~/Library/Application
// Support/Grendel.
func Dir() (string, error) {
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, "Library", "Application Support", "Grendel"), nil
}
