package policy

import (
	"os"
	"path/filepath"
)

func systemDir() string {
	base := os.Getenv("ProgramData")
	if base == "" || !filepath.IsAbs(base) {
		base = `C:\ProgramData`
	}
	return filepath.Join(base, "Grendel", "policies")
}

// platformStores returns the platform's own policy stores; see
// [Paths.Platform]: the registry, HKCU then HKLM.
func platformStores() []Store {
	return []Store{newWindowsRegistry(RegistryPath, true)}
}
