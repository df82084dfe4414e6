//go:build unix

package atomicfile

import "os"

// SyncDir syncs the directory dir, so that a rename, creation or removal
// in it survives a crash.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
