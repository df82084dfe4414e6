package vault

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"grendel/internal/atomicfile"
)

// The files of a vault, in its directory.
const (
	// IndexFile is the index of shares: metadata only, never a password.
	IndexFile = "shares.json"
	// JournalFile lists the IDs whose passwords are about to go into the
	// keychain.
	JournalFile = "shares.pending.json"
	// LockFile is locked while an operation reads and writes the others.
	LockFile = "shares.lock"
)

// maxFileSize bounds what the vault reads of its files: an index of that
// size holds tens of thousands of shares.
const maxFileSize = 8 << 20

// legacyTempPrefix started the names of the temporary files of the
// vault's own atomic write, before it used [atomicfile.Write]: a crash
// may have left some.
const legacyTempPrefix = ".shares-"

// readFile reads the file at path, at most maxFileSize bytes; a longer
// file reads as that much, which then fails to parse.
func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, maxFileSize))
}

// writeAtomic replaces the file name in dir with data, readable by the
// user alone ([atomicfile.Write]: a temporary file, synced, renamed over
// the file, then dir synced), so that a crash leaves the old file or the
// new one.
func writeAtomic(dir, name string, data []byte) error {
	if err := atomicfile.Write(filepath.Join(dir, name), data, 0o600); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return nil
}

// removeFile removes the file name in dir, if it exists, and syncs dir.
func removeFile(dir, name string) error {
	err := os.Remove(filepath.Join(dir, name))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("removing %s: %w", name, err)
	}
	return atomicfile.SyncDir(dir)
}

// setAside renames the file name in dir to name.corrupt-TIMESTAMP (with a
// counter if that exists) and returns the new path.
func setAside(dir, name string, now time.Time) (string, error) {
	base := name + ".corrupt-" + now.UTC().Format("20060102T150405Z")
	target := filepath.Join(dir, base)
	for i := 2; ; i++ {
		if _, err := os.Lstat(target); errors.Is(err, fs.ErrNotExist) {
			break
		}
		if i > 100 {
			return "", fmt.Errorf("setting %s aside: too many backups named %s", name, base)
		}
		target = filepath.Join(dir, fmt.Sprintf("%s-%d", base, i))
	}
	if err := os.Rename(filepath.Join(dir, name), target); err != nil {
		return "", fmt.Errorf("setting %s aside: %w", name, err)
	}
	return target, atomicfile.SyncDir(dir)
}

// removeTemps removes the temporary files that a crash in writeAtomic
// (or in the vault's writer before it) left in dir. They hold no secret; failures do not matter.
func removeTemps(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if n := e.Name(); (atomicfile.IsTemp(n) || strings.HasPrefix(n, legacyTempPrefix) && strings.HasSuffix(n, ".tmp")) && e.Type().IsRegular() {
			os.Remove(filepath.Join(dir, n))
		}
	}
}

// makeDir creates dir with mode 0700 if it does not exist, and narrows
// the mode of an existing one to 0700 where the OS has Unix modes.
func makeDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("creating the vault directory: %w", err)
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("creating the vault directory: %w", err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("creating the vault directory: %s is not a directory", dir)
	}
	return narrowMode(dir, fi)
}
