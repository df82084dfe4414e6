package agent

import (
	"slices"
	"testing"
)

// TestCommands: the agent's command line is this program with the same
// --policy files; a window's adds "ui" and the window.
func TestCommands(t *testing.T) {
	o := Options{Policy: []string{"a.json", "b.json"}}
	agent := o.AgentCommand()
	if want := []string{agent[0], "--policy", "a.json", "--policy", "b.json"}; agent[0] == "" || !slices.Equal(agent, want) {
		t.Errorf("AgentCommand() = %q, want %q", agent, want)
	}
	if got, want := o.UICommand(WindowStatus), append(slices.Clone(agent), "ui", "status"); !slices.Equal(got, want) {
		t.Errorf("UICommand(status) = %q, want %q", got, want)
	}
}
