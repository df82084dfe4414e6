package audit

import (
	"errors"
	"os"
	"path/filepath"
)

// Dir returns the directory of the audit files: %LOCALAPPDATA%\Grendel.
func Dir() (string, error) {
	d := os.Getenv("LOCALAPPDATA")
	if d == "" || !filepath.IsAbs(d) {
		return "", errors.New("LOCALAPPDATA is not set")
	}
	return filepath.Join(d, "Grendel"), nil
}
