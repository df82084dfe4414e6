package policy

func systemDir() string { return "/Library/Application Support/Grendel/policies" }

// platformStores returns the platform's own policy stores; see [Paths.Platform].
func platformStores() []Store { return nil }
