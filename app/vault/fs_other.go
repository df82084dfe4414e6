//go:build !unix

package vault

import "io/fs"

// narrowMode does nothing: these systems have no Unix modes; the user's
// profile directory is private to the user on Windows.
func narrowMode(string, fs.FileInfo) error { return nil }

// narrowFileMode does nothing, as narrowMode.
func narrowFileMode(string) error { return nil }
