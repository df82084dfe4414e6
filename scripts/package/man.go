package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"time"
)

// ManPages writes the man pages of Grendel's commands (section 1, in
// English) from its cobra commands and returns them gzip'd by file name:
// grendel.1.gz, grendel-status.1.gz … The command tree lives in ui/cli,
// which only main may import, so its test TestManPages writes them (with
// cobra/doc), run here with go test in the repository at root.
func ManPages(root, version string, t time.Time) (map[string][]byte, error) {
	dir, err := os.MkdirTemp("", "grendel-man-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	cmd := exec.Command("go", "test", "-count=1", "-run", "^TestManPages$", "./ui/cli")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GRENDEL_MAN_DIR="+dir, "GRENDEL_MAN_VERSION="+version,
		"GRENDEL_MAN_DATE="+strconv.FormatInt(t.Unix(), 10))
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("go test -run TestManPages ./ui/cli: %w\n%s", err, out)
	}
	names, err := filepath.Glob(filepath.Join(dir, "*.1"))
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("TestManPages wrote no man page")
	}
	pages := map[string][]byte{}
	for _, name := range names {
		page, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		gz, err := gzipped(page, t)
		if err != nil {
			return nil, err
		}
		pages[filepath.Base(name)+".gz"] = gz
	}
	return pages, nil
}
