//go:build unix

package ipc

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"golang.org/x/sys/unix"
)

// socketName is the file name of the agent's socket in the runtime directory.
const socketName = "agent.sock"

// maxSocketPath is the longest socket path the kernel takes: sun_path less
// its terminating NUL (107 bytes on Linux, 103 on macOS and the BSDs).
const maxSocketPath = len(unix.RawSockaddrUnix{}.Path) - 1

// DefaultAddress returns the address of the current user's agent:
// $XDG_RUNTIME_DIR/grendel/agent.sock when XDG_RUNTIME_DIR is set to an
// absolute path, else grendel-UID/agent.sock in [os.TempDir]. It fails if
// that path is too long for a Unix socket.
func DefaultAddress() (string, error) {
	return defaultAddress(os.Getenv("XDG_RUNTIME_DIR"), os.TempDir(), os.Geteuid())
}

// defaultAddress is [DefaultAddress] with its inputs passed in.
func defaultAddress(xdgRuntimeDir, tempDir string, uid int) (string, error) {
	var addr string
	if xdgRuntimeDir != "" && filepath.IsAbs(xdgRuntimeDir) {
		addr = filepath.Join(xdgRuntimeDir, "grendel", socketName)
	} else {
		addr = filepath.Join(tempDir, "grendel-"+strconv.Itoa(uid), socketName)
	}
	if err := checkAddr(addr); err != nil {
		return "", err
	}
	return addr, nil
}

// checkAddr reports whether addr can name the agent's Unix socket.
func checkAddr(addr string) error {
	switch {
	case addr == "":
		return errors.New("empty socket path")
	case !filepath.IsAbs(addr):
		return fmt.Errorf("socket path %s is not absolute", addr)
	case len(addr) > maxSocketPath:
		return fmt.Errorf("socket path %s is %d bytes long, the limit is %d; set XDG_RUNTIME_DIR or TMPDIR to a shorter directory",
			addr, len(addr), maxSocketPath)
	}
	return nil
}

// prepareDir makes dir a private directory of the current user: it creates
// it with mode 0700 if it does not exist, and refuses it if it is a symlink,
// not a directory, or owned by someone else. If group or others have any
// access to it, prepareDir takes that away. Its parent must exist.
func prepareDir(dir string) error {
	err := os.Mkdir(dir, 0o700)
	if err != nil && !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("creating runtime directory: %w", err)
	}
	fi, err := os.Lstat(dir)
	if err != nil {
		return fmt.Errorf("checking runtime directory: %w", err)
	}
	switch {
	case fi.Mode().Type() == fs.ModeSymlink:
		return fmt.Errorf("runtime directory %s is a symlink; remove it", dir)
	case !fi.IsDir():
		return fmt.Errorf("runtime directory %s is not a directory (%s); remove it", dir, fi.Mode().Type())
	}

	// Check and tighten the directory through one descriptor, so what is
	// checked is what is changed even if the path is swapped meanwhile.
	fd, err := unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	if err != nil {
		return fmt.Errorf("opening runtime directory %s: %w", dir, err)
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return fmt.Errorf("checking runtime directory %s: %w", dir, err)
	}
	if uid := os.Geteuid(); int(st.Uid) != uid {
		return fmt.Errorf("runtime directory %s is owned by uid %d, not by uid %d (the current user); remove it", dir, st.Uid, uid)
	}
	if perm := uint32(st.Mode) & 0o7777; perm&0o077 != 0 {
		if err := unix.Fchmod(fd, 0o700); err != nil {
			return fmt.Errorf("runtime directory %s has mode %#o, and making it 0700 failed: %w", dir, perm, err)
		}
	}
	return nil
}
