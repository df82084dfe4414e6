package policy

import (
	"os/user"
	"path/filepath"
)

func systemDir() string { return "/Library/Application Support/Grendel/policies" }

// platformStores returns the platform's own policy stores; see [Paths.Platform].
// On macOS: the managed preferences of the computer and of the user
// ([ManagedPrefs]). The user is the one the process runs as, looked up by
// uid (Grendel's macOS build uses cgo, so os/user asks the directory
// service, not the environment). If the user cannot be told, only the
// computer's preferences are read. In a binary built with the
// grendel_testhooks tag and GRENDEL_TEST_POLICY_ROOT set, the managed
// preferences are those in its "Managed Preferences" directory, vouched
// for as the policy directories are ([systemAnchor]).
func platformStores() []Store {
	m := ManagedPrefs{Root: ManagedPrefsDir}
	if r := testRoot(); r != "" {
		m.Root, m.trust = filepath.Join(r, "Managed Preferences"), systemAnchor()
	}
	if u, err := user.Current(); err == nil {
		m.User = u.Username
	}
	return []Store{m}
}
