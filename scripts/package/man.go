package main

import (
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra/doc"

	"grendel/ui/cli"
)

// ManPages writes the man pages of Grendel's commands (section 1, in
// English: translations are not loaded here) from its cobra commands and
// returns them gzip'd by file name: grendel.1.gz, grendel-status.1.gz …
func ManPages(version string, t time.Time) (map[string][]byte, error) {
	dir, err := os.MkdirTemp("", "grendel-man-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	root := cli.Command(version)
	root.DisableAutoGenTag = true
	header := &doc.GenManHeader{
		Title:   "GRENDEL",
		Section: "1",
		Date:    &t,
		Source:  "Grendel " + version,
		Manual:  "Grendel Manual",
	}
	if err := doc.GenManTree(root, header, dir); err != nil {
		return nil, err
	}
	names, err := filepath.Glob(filepath.Join(dir, "*.1"))
	if err != nil {
		return nil, err
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
