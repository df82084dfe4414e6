//go:build unix

package lock

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// detached puts a started locker in a process group of its own, so that a
// signal for the agent's group (Ctrl-C in its terminal) does not end it.
func detached() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}

// lookPath finds an executable file in the PATH of env. A name with a
// slash is taken as is. Empty and relative PATH entries are skipped: the
// lock must not run whatever sits in the current directory.
func lookPath(file string, env Env) (string, error) {
	if strings.Contains(file, "/") {
		if err := executable(file); err != nil {
			return "", notInstalled(file, err)
		}
		return file, nil
	}
	for _, dir := range filepath.SplitList(env.Get("PATH")) {
		if !filepath.IsAbs(dir) {
			continue
		}
		path := filepath.Join(dir, file)
		if executable(path) == nil {
			return path, nil
		}
	}
	return "", fmt.Errorf("%s: %w", file, ErrNotInstalled)
}

// executable reports why path is not an executable regular file, if so.
func executable(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() || fi.Mode().Perm()&0o111 == 0 {
		return fs.ErrPermission
	}
	return nil
}

func notInstalled(file string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s: %w", file, ErrNotInstalled)
	}
	return fmt.Errorf("%s: %w (%w)", file, ErrNotInstalled, err)
}
