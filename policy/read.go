package policy

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"strconv"
	"sync"
	"time"
)

// MaxFileSize is the largest policy file Grendel reads. Real policy files
// are a few hundred bytes; the limit keeps a mistaken path (a log, a disk
// image) from costing memory.
const MaxFileSize = 256 << 10

// ReadFile reads and parses the policy file at path. Problems reading it
// (missing, a directory, a FIFO, too large, unreadable, no answer) are
// reported like parse problems, and make the File Broken.
func ReadFile(path string) *File {
	f, _ := readFile(path, nil)
	return f
}

// readFile reads and parses the file at path; check, if not nil, vets the
// opened file first (see [trustFile]). missing is true when there is no
// file at path.
func readFile(path string, check func(*os.File, fs.FileInfo) *Problem) (f *File, missing bool) {
	data, p := readLimited(path, check)
	if p != nil {
		missing = p.Code == CodeUnreadable && p.Args["Reason"] == ReasonNotExist
		return &File{Path: path, Values: map[Key]any{}, Pos: map[Key]Pos{}, Invalid: map[Key]bool{}, Broken: true, Problems: []Problem{*p}}, missing
	}
	return Parse(path, data), false
}

// ReadTimeout is how long reading one policy file may take. A file on a
// file system that does not answer (a hung network or FUSE mount) is given
// up and reported; the goroutine reading it stays until the read returns,
// and no second read of the same file starts meanwhile.
const ReadTimeout = 3 * time.Second

// stuck holds the paths whose read has not returned after ReadTimeout, each
// with a channel closed when it does.
var stuck sync.Map

// readLimited reads the file at path, at most MaxFileSize bytes, within
// ReadTimeout.
//
// It never blocks on what it opens: the file is opened without waiting
// (O_NONBLOCK: a FIFO opens at once instead of waiting for a writer), and
// the opened descriptor, not the path, must be a regular file; whatever the
// path names by the time it is opened is what is checked. Symbolic links
// are followed: a user's settings.json kept in a dotfiles repository or a
// Nix store is a link, and IT tooling links managed files into place.
// What a link may point to is settled elsewhere: the user's own file can
// only name what the user may read anyway, and managed and recommended
// files must sit, through every link, in directories and files only an
// administrator can change ([trustChain], check).
func readLimited(path string, check func(*os.File, fs.FileInfo) *Problem) ([]byte, *Problem) {
	return readWithin(path, ReadTimeout, func() ([]byte, *Problem) { return readOpen(path, check) })
}

// readWithin runs read, and gives up after timeout with CodeReadTimeout.
func readWithin(path string, timeout time.Duration, read func() ([]byte, *Problem)) ([]byte, *Problem) {
	timedOut := func() *Problem {
		return &Problem{File: path, Code: CodeReadTimeout, Args: map[string]string{"Seconds": strconv.Itoa(int(timeout / time.Second))}}
	}
	if c, ok := stuck.Load(path); ok {
		select {
		case <-c.(chan struct{}):
		default:
			return nil, timedOut()
		}
	}
	type result struct {
		data []byte
		p    *Problem
	}
	done := make(chan result, 1)
	returned := make(chan struct{})
	go func() {
		data, p := read()
		done <- result{data, p}
		close(returned)
	}()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case r := <-done:
		return r.data, r.p
	case <-timer.C:
		stuck.Store(path, returned)
		go func() {
			<-returned
			stuck.CompareAndDelete(path, returned)
		}()
		return nil, timedOut()
	}
}

func readOpen(path string, check func(*os.File, fs.FileInfo) *Problem) ([]byte, *Problem) {
	f, err := openNoWait(path)
	if err != nil {
		return nil, &Problem{File: path, Code: CodeUnreadable, Args: osArgs(err)}
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, &Problem{File: path, Code: CodeUnreadable, Args: osArgs(err)}
	}
	if !info.Mode().IsRegular() {
		return nil, &Problem{File: path, Code: CodeNotRegular}
	}
	if check != nil {
		if p := check(f, info); p != nil {
			return nil, p
		}
	}
	tooLarge := func(size int64) *Problem {
		return &Problem{File: path, Code: CodeTooLarge, Args: map[string]string{"Size": strconv.FormatInt(size, 10), "Limit": strconv.Itoa(MaxFileSize)}}
	}
	if info.Size() > MaxFileSize {
		return nil, tooLarge(info.Size())
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, &Problem{File: path, Code: CodeUnreadable, Args: osArgs(err)}
	}
	if len(data) > MaxFileSize {
		return nil, tooLarge(int64(len(data)))
	}
	return data, nil
}

// OS reasons that the UI translates (the Reason argument of
// CodeUnreadable and CodeDirUnreadable); the OS's own English text stays in
// Detail for every other.
const (
	ReasonNotExist   = "not_exist"
	ReasonPermission = "permission"
)

// ReasonText holds the English text of each OS reason.
var ReasonText = map[string]string{
	ReasonNotExist:   "no such file or directory",
	ReasonPermission: "permission denied",
}

// osArgs returns the arguments of a problem for err: Detail, the OS's
// reason without the path, and Reason when it is one the UI translates.
func osArgs(err error) map[string]string {
	args := map[string]string{"Detail": osReason(err)}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		args["Reason"] = ReasonNotExist
	case errors.Is(err, fs.ErrPermission):
		args["Reason"] = ReasonPermission
	}
	return args
}

// osReason returns the OS's reason without the path, which the problem
// carries already: "permission denied", "no such file or directory".
func osReason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
