//go:build !grendel_testhooks

package resident

// crashForTest does nothing in release builds; see testhooks_on.go.
func crashForTest() {}
