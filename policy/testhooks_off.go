//go:build !grendel_testhooks

package policy

// testRoot is empty in release builds; see testhooks_on.go.
func testRoot() string { return "" }
