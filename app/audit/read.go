package audit

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// ProblemCode says what is wrong with a line of the file.
type ProblemCode string

// The problems a line can have.
const (
	// ProblemBroken: the line is not an entry (corrupted, or written by
	// something else).
	ProblemBroken ProblemCode = "broken"
	// ProblemTooLong: the line is longer than [MaxLine].
	ProblemTooLong ProblemCode = "too_long"
	// ProblemUnfinished: the file ends inside a line (a write cut short).
	ProblemUnfinished ProblemCode = "unfinished"
)

// ReadProblem is a line [Read] could not take as an entry.
type ReadProblem struct {
	// File is the file's name (not its path), Line the 1-based line.
	File string
	Line int
	Code ProblemCode
}

// ListFiles returns the audit files in dir, oldest first: the rotated ones
// from the highest number down, then the current one. Missing ones are
// left out, and so is anything but a regular file.
func ListFiles(dir string) ([]string, error) {
	ents, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	type numbered struct {
		name string
		n    int
	}
	var fs []numbered
	for _, e := range ents {
		if !e.Type().IsRegular() {
			continue // a folder or a link is none of ours
		}
		name := e.Name()
		if name == FileName {
			fs = append(fs, numbered{name, 0})
			continue
		}
		suffix, ok := strings.CutPrefix(name, FileName+".")
		if !ok {
			continue
		}
		if n, err := strconv.Atoi(suffix); err == nil && n > 0 && strconv.Itoa(n) == suffix {
			fs = append(fs, numbered{name, n})
		}
	}
	slices.SortFunc(fs, func(a, b numbered) int { return b.n - a.n })
	var out []string
	for _, f := range fs {
		out = append(out, filepath.Join(dir, f.name))
	}
	return out, nil
}

// Read reads the audit files in dir, oldest first, and calls fn with
// each entry at or after since (zero: all). A line that is not an entry
// is reported and skipped; the reader goes on. The error is for a
// directory or file that cannot be read; a missing directory holds no
// entries.
func Read(dir string, since time.Time, fn func(Entry)) ([]ReadProblem, error) {
	files, err := ListFiles(dir)
	if err != nil {
		return nil, err
	}
	var problems []ReadProblem
	for _, path := range files {
		f, err := os.Open(path)
		if errors.Is(err, fs.ErrNotExist) {
			continue // rotated away meanwhile
		}
		if err != nil {
			return problems, err
		}
		ps, err := readFile(f, filepath.Base(path), since, fn)
		f.Close()
		problems = append(problems, ps...)
		if err != nil {
			return problems, err
		}
	}
	return problems, nil
}

// readFile reads one file's lines; name is for the problems.
func readFile(r io.Reader, name string, since time.Time, fn func(Entry)) ([]ReadProblem, error) {
	br := bufio.NewReaderSize(r, MaxLine+1)
	var problems []ReadProblem
	for n := 1; ; n++ {
		line, err := br.ReadSlice('\n')
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			// Too long: skip to the end of the line.
			for errors.Is(err, bufio.ErrBufferFull) {
				_, err = br.ReadSlice('\n')
			}
			problems = append(problems, ReadProblem{name, n, ProblemTooLong})
			if err == io.EOF {
				return problems, nil
			}
			if err != nil {
				return problems, err
			}
			continue
		case err == io.EOF:
			if len(line) > 0 {
				problems = append(problems, ReadProblem{name, n, ProblemUnfinished})
			}
			return problems, nil
		case err != nil:
			return problems, err
		}
		e, perr := parseLine(bytes.TrimSuffix(line, []byte{'\n'}))
		if perr != nil {
			problems = append(problems, ReadProblem{name, n, ProblemBroken})
			continue
		}
		if since.IsZero() || !e.Time.Before(since) {
			fn(e)
		}
	}
}
