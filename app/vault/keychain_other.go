//go:build !linux

package vault

// classifyPlatform returns nil: go-keyring already tells a missing item
// and an oversized secret apart on these systems, and every other failure
// is ErrKeychainUnavailable.
func classifyPlatform(error) error { return nil }

// platformReady is nil: the keychains of these systems need no bus.
func platformReady() error { return nil }
