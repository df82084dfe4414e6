package cli

import (
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra/doc"

	"grendel/app/agent"
	"grendel/internal/testdir"
	"grendel/ui/exit"
)

// The man pages are written by this test from the command tree, so that
// no other package imports this one (scripts/package runs the test): into
// $GRENDEL_MAN_DIR when it is set, for version $GRENDEL_MAN_VERSION and
// date $GRENDEL_MAN_DATE (Unix seconds), else into a temporary directory.
const (
	envManDir     = "GRENDEL_MAN_DIR"
	envManVersion = "GRENDEL_MAN_VERSION"
	envManDate    = "GRENDEL_MAN_DATE"
)

// TestManPages writes the man pages (section 1, in English: translations
// are not loaded in this process) with cobra/doc and checks that every
// user command has one, without the hidden ones.
func TestManPages(t *testing.T) {
	dir, version, date := os.Getenv(envManDir), os.Getenv(envManVersion), time.Unix(0, 0).UTC()
	if dir == "" {
		dir = testdir.New(t)
	}
	if version == "" {
		version = "0.0.0-test"
	}
	if s := os.Getenv(envManDate); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			t.Fatalf("%s=%q: %v", envManDate, s, err)
		}
		date = time.Unix(n, 0).UTC()
	}
	opts := Options{Options: agent.Options{Version: version}}
	code := exit.OK
	none := processes{
		Agent: func(agent.Options) int { return exit.OK },
		UI:    func(agent.Window, agent.Options) int { return exit.OK },
	}
	root := newRoot(&opts, none, &code, strings.NewReader(""), io.Discard)
	root.DisableAutoGenTag = true
	translateHelp(root) // the help texts are noted in English, one template unfilled
	header := &doc.GenManHeader{Title: "GRENDEL", Section: "1", Date: &date, Source: "Grendel " + version, Manual: "Grendel Manual"}
	if err := doc.GenManTree(root, header, dir); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"grendel.1", "grendel-status.1", "grendel-check.1", "grendel-share.1", "grendel-file.1"} {
		page, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("no man page %s: %v", name, err)
			continue
		}
		if !strings.Contains(string(page), ".TH \"GRENDEL\" \"1\"") {
			t.Errorf("%s has no man header:\n%.300s", name, page)
		}
		if strings.Contains(string(page), helpMark) {
			t.Errorf("%s holds a help text not translated (helpText):\n%q", name, page)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "grendel-supervise.1")); err == nil {
		t.Error("the hidden supervise command has a man page")
	}
}
