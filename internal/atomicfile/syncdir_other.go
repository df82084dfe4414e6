//go:build !unix

package atomicfile

// SyncDir does nothing: these systems cannot sync a directory (on
// Windows, a rename is durable once MoveFileEx returns).
func SyncDir(string) error { return nil }
