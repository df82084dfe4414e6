//go:build unix

package ipc

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"
)

// socketName is the file name of the agent's socket in the runtime directory.
const socketName = "agent.sock"

// maxSocketPath is the longest socket path the kernel takes: sun_path less
// its terminating NUL (107 bytes on Linux, 103 on macOS and the BSDs).
const maxSocketPath = len(unix.RawSockaddrUnix{}.Path) - 1

// maxLinks bounds the symlinks followed while checking one path.
const maxLinks = 40

// runUserDir holds the per-user runtime directories systemd-logind makes,
// /run/user/UID. Tests point it elsewhere.
var runUserDir = "/run/user"

// DefaultAddress returns the address of the current user's agent. It is
// agent.sock in a directory only the user controls, the first of:
//
//   - $XDG_RUNTIME_DIR/grendel, /run/user/UID/grendel, then $TMPDIR/grendel,
//     each only when its base directory is the user's own with no access
//     for group or others, on a path of trusted directories (see
//     [Listen]), and the socket path fits the kernel's limit;
//   - else grendel/run in the user's cache directory ([os.UserCacheDir],
//     ~/.cache on Linux), which Listen creates.
//
// A shared directory such as /tmp is never used: another local user could
// create the name first. DefaultAddress fails only when there is no cache
// directory either (HOME unset).
func DefaultAddress() (string, error) {
	uid := os.Geteuid()
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = ""
	}
	return defaultAddress([]string{
		os.Getenv("XDG_RUNTIME_DIR"),
		filepath.Join(runUserDir, strconv.Itoa(uid)),
		os.TempDir(),
	}, cache, uid)
}

// defaultAddress is [DefaultAddress] with its inputs passed in: the
// candidate private base directories in order, and the cache directory.
func defaultAddress(private []string, cache string, uid int) (string, error) {
	for _, base := range private {
		if !filepath.IsAbs(base) {
			continue
		}
		addr := filepath.Join(base, "grendel", socketName)
		if len(addr) <= maxSocketPath && checkPrivate(base, uid) == nil {
			return addr, nil
		}
	}
	if !filepath.IsAbs(cache) {
		return "", errors.New("no private directory for the agent's socket: XDG_RUNTIME_DIR is unset or not the user's alone, and there is no home directory")
	}
	// Possibly too long for a socket: Listen still takes the lock there,
	// and the error says why there is no channel.
	return filepath.Join(cache, "grendel", "run", socketName), nil
}

// checkAddr reports whether addr can name the agent's Unix socket.
func checkAddr(addr string) error {
	switch {
	case addr == "":
		return errors.New("empty socket path")
	case !filepath.IsAbs(addr):
		return fmt.Errorf("socket path %s is not absolute", addr)
	case len(addr) > maxSocketPath:
		return fmt.Errorf("socket path %s is %d bytes long, the limit is %d; set XDG_RUNTIME_DIR to a shorter directory of your own (mode 0700)",
			addr, len(addr), maxSocketPath)
	}
	return nil
}

// checkPrivate reports whether dir is a directory of uid that group and
// others cannot access, reached through trusted directories only.
func checkPrivate(dir string, uid int) error {
	real, fi, err := walkTrusted(dir, uid, false)
	if err != nil {
		return err
	}
	switch {
	case !fi.IsDir():
		return fmt.Errorf("%s is not a directory", real)
	case owner(fi) != uid:
		return fmt.Errorf("%s is owned by uid %d, not by uid %d (the current user)", real, owner(fi), uid)
	case fi.Mode().Perm()&0o077 != 0:
		return fmt.Errorf("%s has mode %#o; group and others have access", real, fi.Mode().Perm())
	}
	return nil
}

// walkTrusted checks the directories on the way to path, from the root:
// each must be owned by root or uid and not writable by group or others
// unless it is sticky (as /tmp is), so nobody else can swap what lies
// below. A symlink on the way is followed only if it is owned by root or
// uid (its directory being trusted, nobody else can change it). The last
// component is not followed; with create, it and any directory missing on
// the way are made with mode 0700. walkTrusted returns the path with the
// links on the way resolved and the Lstat of its last component.
func walkTrusted(path string, uid int, create bool) (string, fs.FileInfo, error) {
	if !filepath.IsAbs(path) {
		return "", nil, fmt.Errorf("%s is not absolute", path)
	}
	rest := splitPath(path)
	cur := "/"
	if err := checkTrusted(cur, uid); err != nil {
		return "", nil, err
	}
	for links := 0; len(rest) > 0; {
		next := filepath.Join(cur, rest[0])
		last := len(rest) == 1
		fi, err := os.Lstat(next)
		if errors.Is(err, fs.ErrNotExist) && create {
			if err := os.Mkdir(next, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
				return "", nil, fmt.Errorf("creating %s: %w", next, err)
			}
			fi, err = os.Lstat(next)
		}
		if err != nil {
			return "", nil, err
		}
		if last {
			return next, fi, nil
		}
		if fi.Mode().Type() == fs.ModeSymlink {
			if o := owner(fi); o != 0 && o != uid {
				return "", nil, fmt.Errorf("%s is a symlink of uid %d, not of root or uid %d (the current user)", next, o, uid)
			}
			if links++; links > maxLinks {
				return "", nil, fmt.Errorf("%s: too many symlinks", path)
			}
			target, err := os.Readlink(next)
			if err != nil {
				return "", nil, err
			}
			if !filepath.IsAbs(target) {
				target = filepath.Join(cur, target)
			}
			// Start again from the root: the target's own path is checked.
			rest = append(splitPath(target), rest[1:]...)
			cur = "/"
			continue
		}
		if err := checkTrusted(next, uid); err != nil {
			return "", nil, err
		}
		cur, rest = next, rest[1:]
	}
	fi, err := os.Lstat(cur) // path was the root
	return cur, fi, err
}

// splitPath returns the components of the absolute path, cleaned; none for
// the root.
func splitPath(path string) []string {
	return slices.DeleteFunc(strings.Split(filepath.Clean(path), "/"), func(c string) bool { return c == "" })
}

// checkTrusted reports whether dir, not a symlink, is a directory only root
// or uid can change: owned by one of them, and writable by group or others
// only if it is sticky.
func checkTrusted(dir string, uid int) error {
	fi, err := os.Lstat(dir)
	if err != nil {
		return err
	}
	switch {
	case !fi.IsDir():
		return fmt.Errorf("%s is not a directory (%s)", dir, fi.Mode().Type())
	case owner(fi) != 0 && owner(fi) != uid:
		return fmt.Errorf("%s is owned by uid %d, not by root or uid %d (the current user)", dir, owner(fi), uid)
	case fi.Mode().Perm()&0o022 != 0 && fi.Mode()&fs.ModeSticky == 0:
		return fmt.Errorf("%s has mode %#o; group or others may change it", dir, fi.Mode().Perm())
	}
	return nil
}

// owner returns the uid that owns the file fi describes.
func owner(fi fs.FileInfo) int {
	return int(fi.Sys().(*syscall.Stat_t).Uid)
}

// prepareDir makes dir a private directory of the current user: it checks
// the way to it with walkTrusted, creates what is missing with mode 0700,
// and refuses dir if it is a symlink, not a directory, or owned by someone
// else. If group or others have any access to it, prepareDir takes that
// away.
func prepareDir(dir string) error {
	uid := os.Geteuid()
	real, fi, err := walkTrusted(dir, uid, true)
	if err != nil {
		return fmt.Errorf("runtime directory %s: %w", dir, err)
	}
	switch {
	case fi.Mode().Type() == fs.ModeSymlink:
		return fmt.Errorf("runtime directory %s is a symlink; remove it", real)
	case !fi.IsDir():
		return fmt.Errorf("runtime directory %s is not a directory (%s); remove it", real, fi.Mode().Type())
	case fi.Mode()&fs.ModeSticky != 0:
		// A shared directory such as /tmp: never make it private.
		return fmt.Errorf("runtime directory %s is a shared (sticky) directory; use one of Grendel's own", real)
	}

	// Check and tighten the directory through one descriptor, so what is
	// checked is what is changed even if the path is swapped meanwhile.
	fd, err := unix.Open(real, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	if err != nil {
		return fmt.Errorf("opening runtime directory %s: %w", real, err)
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return fmt.Errorf("checking runtime directory %s: %w", real, err)
	}
	if int(st.Uid) != uid {
		return fmt.Errorf("runtime directory %s is owned by uid %d, not by uid %d (the current user); remove it", real, st.Uid, uid)
	}
	if perm := uint32(st.Mode) & 0o7777; perm&0o077 != 0 {
		if err := unix.Fchmod(fd, 0o700); err != nil {
			return fmt.Errorf("runtime directory %s has mode %#o, and making it 0700 failed: %w", real, perm, err)
		}
	}
	return nil
}
