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
		return nil, &Problem{File: path, Code: CodeUnreadable, Args: map[string]string{"Detail": osReason(err)}}
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
		return nil, &Problem{File: path, Code: CodeUnreadable, Args: map[string]string{"Detail": osReason(err)}}
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, &Problem{File: path, Code: CodeUnreadable, Args: map[string]string{"Detail": osReason(err)}}
	}
	if len(data) > MaxFileSize {
		return nil, tooLarge(int64(len(data)))
	}
	return data, nil
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
