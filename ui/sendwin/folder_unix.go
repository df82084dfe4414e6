//go:build !windows && !darwin

package sendwin

import (
	"os/exec"
	"path/filepath"
)

// ShowInFolder opens the folder that holds path in the desktop's file
// manager (xdg-open; the freedesktop file manager interface could also
// select the file, which xdg-open cannot).
func ShowInFolder(path string) error {
	cmd := exec.Command("xdg-open", filepath.Dir(path))
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() { _ = cmd.Wait() }()
	return nil
}
