//go:build !linux

package vault

// classifyPlatform returns nil: go-keyring already tells a missing item
// and an oversized secret apart on these systems, and every other failure
// is ErrKeychainUnavailable.
func classifyPlatform(error) error { return nil }

// platformReady is nil: the keychains of these systems need no bus.
func platformReady() error { return nil }

// probing is false: these keychains cannot be looked at without asking
// for the secret itself, so [System.Has] reads it and [System.Locked]
// says "not locked" (they unlock with the user's login).
const probing = false

// platformHas is never called here (probing is false).
func platformHas(service, account string) (bool, error) { return false, nil }

func platformLocked() (bool, error) { return false, nil }

// platformAccounts is never called here (probing is false).
func platformAccounts(service string) ([]string, error) { return nil, nil }
