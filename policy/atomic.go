package policy

import (
	"io/fs"
	"os"
	"path/filepath"
)

// WriteFileAtomic replaces path with data, with the permissions perm: a
// temporary file in the same directory, synced, then renamed over path,
// so that a reader (the agent's watcher, an MDM upload) sees the old file
// or the new one, never part of one. The directory must exist. On an
// error the temporary file is removed and path is as it was.
func WriteFileAtomic(path string, data []byte, perm fs.FileMode) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp") // mode 0600
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if perm != 0o600 {
		if err = tmp.Chmod(perm); err != nil {
			return err
		}
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
