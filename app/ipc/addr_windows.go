package ipc

import (
	"errors"
	"fmt"
	"strings"

	"golang.org/x/sys/windows"
)

// pipePrefix starts every local named pipe path.
const pipePrefix = `\\.\pipe\`

// maxPipePath is the longest pipe path Windows takes.
const maxPipePath = 256

// DefaultAddress returns the address of the current user's agent: the named
// pipe \\.\pipe\grendel-SID, SID being the user of the process token.
func DefaultAddress() (string, error) {
	sid, err := currentUser()
	if err != nil {
		return "", err
	}
	return pipePrefix + "grendel-" + sid.String(), nil
}

// currentUser returns the user SID of the process token.
func currentUser() (*windows.SID, error) {
	tu, err := windows.GetCurrentProcessToken().GetTokenUser()
	if err != nil {
		return nil, fmt.Errorf("reading the user of the process token: %w", err)
	}
	return tu.User.Sid, nil
}

// checkAddr reports whether addr can name a local named pipe.
func checkAddr(addr string) error {
	switch {
	case addr == "":
		return errors.New("empty pipe name")
	case len(addr) <= len(pipePrefix) || !strings.EqualFold(addr[:len(pipePrefix)], pipePrefix):
		return fmt.Errorf("pipe name %s does not start with %s", addr, pipePrefix)
	case len(addr) > maxPipePath:
		return fmt.Errorf("pipe name %s is %d characters long, the limit is %d", addr, len(addr), maxPipePath)
	}
	return nil
}
