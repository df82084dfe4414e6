//go:build !windows && !darwin

package policy

func systemDir() string { return "/etc/grendel/policies" }

// platformStores returns the platform's own policy stores; see [Paths.Platform].
func platformStores() []Store { return nil }
