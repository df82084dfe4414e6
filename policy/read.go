package policy

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"strconv"
)

// MaxFileSize is the largest policy file Grendel reads. Real policy files
// are a few hundred bytes; the limit keeps a mistaken path (a log, a disk
// image) from costing memory.
const MaxFileSize = 256 << 10

// ReadFile reads and parses the policy file at path. Problems reading it
// (missing, a directory, too large, unreadable) are reported like parse
// problems, and make the File Broken.
func ReadFile(path string) *File {
	data, p := readLimited(path)
	if p != nil {
		return &File{Path: path, Values: map[string]any{}, Pos: map[string]Pos{}, Invalid: map[string]bool{}, Broken: true, Problems: []Problem{*p}}
	}
	return Parse(path, data)
}

func readLimited(path string) ([]byte, *Problem) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, &Problem{File: path, Code: CodeUnreadable, Args: osArgs(err)}
	}
	if !info.Mode().IsRegular() {
		return nil, &Problem{File: path, Code: CodeNotRegular}
	}
	tooLarge := func(size int64) *Problem {
		return &Problem{File: path, Code: CodeTooLarge, Args: map[string]string{"Size": strconv.FormatInt(size, 10), "Limit": strconv.Itoa(MaxFileSize)}}
	}
	if info.Size() > MaxFileSize {
		return nil, tooLarge(info.Size())
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, &Problem{File: path, Code: CodeUnreadable, Args: osArgs(err)}
	}
	defer f.Close()
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
