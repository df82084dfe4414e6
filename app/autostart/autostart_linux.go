package autostart

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// system is this user's autostart, from the environment.
func system() Linux {
	home, _ := os.UserHomeDir()
	l := FromEnv(os.Getenv, home)
	l.Desktop.Installed = installed
	if path, err := exec.LookPath("systemctl"); err == nil {
		l.Systemctl = func(args ...string) error {
			out, err := exec.Command(path, append([]string{"--user"}, args...)...).CombinedOutput()
			if err != nil {
				return fmt.Errorf("%w: %s", err, strings.TrimSpace(string(out)))
			}
			return nil
		}
	}
	return l
}

// installed is TryExec's check: an absolute path must be an executable
// file, a bare name must be found in $PATH.
func installed(program string) bool {
	if filepath.IsAbs(program) {
		fi, err := os.Stat(program)
		return err == nil && fi.Mode().IsRegular() && fi.Mode()&0o111 != 0
	}
	_, err := exec.LookPath(program)
	return err == nil
}

// Read tells whether Grendel starts at this user's login.
func Read() Status { return system().Read() }

// Switch switches autostart on or off for this user ([Linux.On], [Linux.Off]).
func Switch(on bool) error {
	if on {
		return system().On()
	}
	return system().Off()
}
