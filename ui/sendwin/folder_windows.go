package sendwin

import (
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
)

// ShowInFolder shows path selected in an Explorer window. Explorer is
// started from the Windows directory, never found by the search path.
func ShowInFolder(path string) error {
	exe := filepath.Join(os.Getenv("SystemRoot"), "explorer.exe")
	if os.Getenv("SystemRoot") == "" {
		exe = `C:\Windows\explorer.exe`
	}
	cmd := exec.Command(exe)
	// explorer wants /select,"PATH" as one argument, quoted its own way.
	cmd.SysProcAttr = &syscall.SysProcAttr{CmdLine: `explorer.exe /select,"` + path + `"`}
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() { _ = cmd.Wait() }()
	return nil
}
