package policy

import (
	"os"
	"path/filepath"
)

// DefaultPaths returns where this platform keeps policy: the managed and
// recommended directories under [SystemDir], and the user's settings.json in
// the user's configuration directory; the platform's own stores (see
// [Paths.Platform]). Extra is empty. Managed and
// recommended policy from these paths is believed only where no one but an
// administrator can change it (see the README's policy section).
func DefaultPaths() Paths {
	root := SystemDir()
	p := Paths{
		Managed:     filepath.Join(root, "managed"),
		Recommended: filepath.Join(root, "recommended"),
		trust:       systemAnchor(),
		Platform:    platformStores(),
	}
	if dir, err := os.UserConfigDir(); err == nil {
		p.User = filepath.Join(dir, "grendel", "settings.json")
	}
	return p
}

// SystemDir returns the directory that holds the managed/ and recommended/
// policy directories on this platform: /etc/grendel/policies on Linux and
// other Unix systems, /Library/Application Support/Grendel/policies on
// macOS, %ProgramData%\Grendel\policies on Windows.
func SystemDir() string {
	if r := testRoot(); r != "" {
		return r
	}
	return systemDir()
}
