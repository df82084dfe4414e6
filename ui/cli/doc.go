package cli

import (
	"io"
	"strings"

	"github.com/spf13/cobra"

	"grendel/app/agent"
	"grendel/ui/exit"
)

// Command returns Grendel's command tree for writing its documentation:
// scripts/package makes the man page from it with cobra/doc. Its texts are
// English unless translations were loaded, and running it starts nothing
// (no agent, no window). Besides main, only that build tool imports this
// package.
func Command(version string) *cobra.Command {
	opts := Options{Options: agent.Options{Version: version}}
	code := exit.OK
	none := processes{
		Agent: func(agent.Options) int { return exit.OK },
		UI:    func(agent.Window, agent.Options) int { return exit.OK },
	}
	return newRoot(&opts, none, &code, strings.NewReader(""), io.Discard)
}
