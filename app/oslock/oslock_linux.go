package oslock

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

// Read reads the current desktop's lock ($XDG_CURRENT_DESKTOP).
func Read() Setting { return readLinux(os.Getenv, runGsettings) }

// readLinux picks the reader for the desktop getenv names.
func readLinux(getenv func(string) string, get Gsettings) Setting {
	current := strings.Split(getenv("XDG_CURRENT_DESKTOP"), ":")
	has := func(name string) bool {
		return slices.ContainsFunc(current, func(c string) bool { return strings.EqualFold(c, name) })
	}
	switch {
	case has("X-Cinnamon"), has("Cinnamon"):
		return Cinnamon(get)
	case has("MATE"):
		return MATE(get)
	case has("GNOME"), has("Unity"):
		return GNOME(get)
	case has("KDE"):
		return KDE(kdeFiles(getenv))
	}
	return Setting{Desktop: strings.Join(slices.DeleteFunc(current, func(c string) bool { return c == "" }), ":")}
}

// kdeFiles lists the kscreenlockerrc files, least important first.
func kdeFiles(getenv func(string) string) []string {
	var files []string
	dirs := strings.Split(getenv("XDG_CONFIG_DIRS"), ":")
	if getenv("XDG_CONFIG_DIRS") == "" {
		dirs = []string{"/etc/xdg"}
	}
	for i := len(dirs) - 1; i >= 0; i-- {
		if filepath.IsAbs(dirs[i]) {
			files = append(files, filepath.Join(dirs[i], "kscreenlockerrc"))
		}
	}
	home := getenv("XDG_CONFIG_HOME")
	if !filepath.IsAbs(home) {
		h, _ := os.UserHomeDir()
		home = filepath.Join(h, ".config")
	}
	return append(files, filepath.Join(home, "kscreenlockerrc"))
}

// runGsettings runs `gsettings get schema key`.
func runGsettings(schema, key string) (string, error) {
	path, err := exec.LookPath("gsettings")
	if err != nil {
		return "", err
	}
	out, err := exec.Command(path, "get", schema, key).Output()
	if err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) && len(exit.Stderr) > 0 {
			return "", errors.New(strings.TrimSpace(string(exit.Stderr)))
		}
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}
