package vault

import "grendel/app/internal/filelock"

// lockFile takes the exclusive lock on the file at path under which the
// index is changed ([filelock.Lock]).
func lockFile(path string) (unlock func(), err error) { return filelock.Lock(path) }
