package audit

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"grendel/app/internal/filelock"
)

// The file's name and bounds.
const (
	// FileName is the current file; rotated ones add ".1" (the newest)
	// up to ".4".
	FileName = "audit.jsonl"
	// lockName is the lock file beside it, under which entries are
	// appended and the files rotated.
	lockName = "audit.lock"
	// MaxFileSize is the size at which the current file is rotated: an
	// entry that would make it larger goes into a new one.
	MaxFileSize = 1 << 20
	// Files is how many files are kept, the current one included: at
	// most Files × MaxFileSize bytes (5 MiB) in all.
	Files = 5
	// lockWait is the longest a write waits for the lock: a process that
	// holds it longer (hung, or on purpose) costs an entry, counted as a
	// failure, and never holds up what called Record (the idle lock).
	lockWait = time.Second
)

// FileSink appends entries to the JSON-lines file in Dir, rotating it at
// MaxSize and keeping Keep files. Each entry is one write(2) of a whole
// line to a file opened with O_APPEND, under an exclusive lock on
// audit.lock (flock on Unix, LockFileEx on Windows; waited for at most a
// second), so that processes
// that append at once never interleave, and rotation never loses a line.
// The directory is made with mode 0700, the files with 0600.
type FileSink struct {
	// Dir is the directory of the files ([Dir]).
	Dir string
	// MaxSize and Keep override [MaxFileSize] and [Files] when positive
	// (tests).
	MaxSize int64
	Keep    int
	// LockWait overrides lockWait when positive (tests where many
	// writers contend on a slow system).
	LockWait time.Duration

	mu sync.Mutex
}

// Name implements [Sink].
func (*FileSink) Name() string { return "file" }

// Write implements [Sink].
func (s *FileSink) Write(e Entry) error {
	line, err := e.Marshal()
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := os.MkdirAll(s.Dir, 0o700); err != nil {
		return err
	}
	wait := lockWait
	if s.LockWait > 0 {
		wait = s.LockWait
	}
	unlock, err := filelock.LockWithin(filepath.Join(s.Dir, lockName), wait)
	if err != nil {
		return err
	}
	defer unlock()
	path := filepath.Join(s.Dir, FileName)
	f, err := openAppend(path)
	if err != nil {
		return err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return err
	}
	var rotateErr error
	if max := s.maxSize(); st.Size() > 0 && st.Size()+int64(len(line)) > max {
		f.Close()
		// A rotation that fails (on Windows, a file that a reader holds
		// open cannot be renamed) loses no entry: it goes into the
		// current file, and the next write rotates.
		rotateErr = s.rotate()
		if f, err = openAppend(path); err != nil {
			return err
		}
	}
	if _, err := f.Write(line); err != nil {
		f.Close()
		return err
	}
	return errors.Join(f.Close(), rotateErr)
}

// openAppend opens path for appending, creating it with mode 0600, and
// narrows a file that others may read.
func openAppend(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE|noFollow, 0o600)
	if err != nil {
		return nil, err
	}
	if st, err := f.Stat(); err == nil && st.Mode().Perm()&0o077 != 0 {
		_ = f.Chmod(0o600)
	}
	return f, nil
}

func (s *FileSink) maxSize() int64 {
	if s.MaxSize > 0 {
		return s.MaxSize
	}
	return MaxFileSize
}

func (s *FileSink) keep() int {
	if s.Keep > 0 {
		return s.Keep
	}
	return Files
}

// rotate shifts audit.jsonl to .1, .1 to .2 and so on, dropping the
// oldest; the caller holds the lock.
func (s *FileSink) rotate() error {
	base := filepath.Join(s.Dir, FileName)
	n := s.keep() - 1
	if err := os.Remove(base + "." + strconv.Itoa(n)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("rotating: %w", err)
	}
	for i := n - 1; i >= 0; i-- {
		from := base
		if i > 0 {
			from += "." + strconv.Itoa(i)
		}
		if err := os.Rename(from, base+"."+strconv.Itoa(i+1)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("rotating: %w", err)
		}
	}
	return nil
}
