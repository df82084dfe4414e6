package sendwin

import "os/exec"

// ShowInFolder shows path selected in a Finder window (open -R).
func ShowInFolder(path string) error {
	cmd := exec.Command("/usr/bin/open", "-R", path)
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() { _ = cmd.Wait() }()
	return nil
}
