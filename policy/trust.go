package policy

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// trustAnchor says whose managed and recommended policy Grendel believes:
// files and directories that only an administrator can change. A policy
// directory that anyone else may change (or that anyone else owns, and so
// may open up at will) could say anything: its content is ignored and
// reported, and for managed policy every key takes its strict value, as
// for a managed directory that cannot be read.
//
// The rule, on Unix: the directory, every directory above it up to the
// root, each policy file, and, where a file or directory is a symbolic
// link, every directory on the way to what it points to, must be owned by
// root and writable by no group and no one else. A sticky directory such as
// /tmp is writable by others, and so not trusted either. On Windows: the
// same objects up to %ProgramData%\Grendel must be owned by Administrators,
// SYSTEM or TrustedInstaller, and grant no right to change them (write,
// append, delete, change permissions or owner) to anyone else. (Users may
// create folders in %ProgramData% itself, so a standard user who creates
// Grendel\policies before IT does owns it, and is refused.)
type trustAnchor struct {
	// top is the highest directory checked; "" for the root of the file
	// system.
	top string
	// owner is one more owner (a uid on Unix, a SID on Windows) that
	// counts as an administrator, "" for none. Only test builds set it:
	// the owner of GRENDEL_TEST_POLICY_ROOT.
	owner string
}

// systemAnchor returns the anchor of the system's policy directories. In a
// binary built with the grendel_testhooks tag and GRENDEL_TEST_POLICY_ROOT
// set, the checks stop at that directory and its owner counts as an
// administrator; a release binary always checks up to the root.
func systemAnchor() *trustAnchor {
	if r := testRoot(); r != "" {
		return &trustAnchor{top: r, owner: ownerOf(r)}
	}
	return platformAnchor()
}

// chain checks dir and every directory above it up to the anchor's top,
// and if links lead elsewhere, the directories of the real path too.
func (a *trustAnchor) chain(dir string) *Problem {
	if p := a.walk(dir, a.top); p != nil {
		return p
	}
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return &Problem{File: dir, Code: CodeDirUnreadable, Args: osArgs(err)}
	}
	if real == filepath.Clean(dir) {
		return nil
	}
	top := ""
	if a.top != "" {
		if t, err := filepath.EvalSymlinks(a.top); err == nil && within(real, t) {
			top = t
		}
	}
	return a.walk(real, top)
}

// walk checks path and its parents up to top ("" for the root).
func (a *trustAnchor) walk(path, top string) *Problem {
	top = filepath.Clean(top)
	for d := filepath.Clean(path); ; d = filepath.Dir(d) {
		info, err := os.Stat(d)
		if err != nil {
			return &Problem{File: d, Code: CodeDirUnreadable, Args: osArgs(err)}
		}
		if p := a.check(d, info, nil); p != nil {
			return p
		}
		if d == top || filepath.Dir(d) == d {
			return nil
		}
	}
}

// file returns the check of a policy file in a trusted directory: the
// opened file itself, and if path is a link, the directories on the way to
// its target.
func (a *trustAnchor) file(path string) func(*os.File, fs.FileInfo) *Problem {
	return func(f *os.File, info fs.FileInfo) *Problem {
		if p := a.check(path, info, f); p != nil {
			return p
		}
		if l, err := os.Lstat(path); err == nil && l.Mode()&fs.ModeSymlink != 0 {
			real, err := filepath.EvalSymlinks(path)
			if err != nil {
				return &Problem{File: path, Code: CodeUnreadable, Args: osArgs(err)}
			}
			return a.chain(filepath.Dir(real))
		}
		return nil
	}
}

// within reports whether path is dir or inside it.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

func untrustedOwner(path, owner string) *Problem {
	return &Problem{File: path, Code: CodeUntrustedOwner, Args: map[string]string{"Path": path, "Owner": owner}}
}

func untrustedWritable(path string) *Problem {
	return &Problem{File: path, Code: CodeUntrustedWritable, Args: map[string]string{"Path": path}}
}
