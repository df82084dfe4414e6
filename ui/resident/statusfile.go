package resident

import (
	"context"
	"sync"
	"time"

	"fyne.io/fyne/v2/lang"

	"grendel/app/agent"
	"grendel/app/compliance"
	"grendel/policy"
	"grendel/ui/i18n"
)

// statusFile writes the agent's status document to the user's state
// directory (app/compliance) for a machine-wide script: at start, on every
// policy change, every change of the lock chain's readiness that ready
// finds (when ready is not nil; before ready runs), the idle watch's first
// reading and every event of it (a lock's outcome among them), every
// compliance.Heartbeat, and once more when the agent stops.
// It returns the function that tells the writer of a change, and a channel
// closed once the last write is done. Without a state directory it says
// so, and both do nothing.
func statusFile(ctx context.Context, a *agent.Agent, ready *readinessWatch, path string, pathErr error, say func(string)) (changed func(), done <-chan struct{}) {
	if pathErr != nil {
		say(lang.X("agent.status_file_none", "no status file for compliance scripts: {{.Error}}", map[string]string{"Error": i18n.OSError(pathErr)}))
		closed := make(chan struct{})
		close(closed)
		return func() {}, closed
	}
	var mu sync.Mutex
	last := ""
	w := compliance.NewWriter(path, func(now time.Time) compliance.Document { return compliance.FromAgent(a.Status(), now) })
	w.OnError = func(err error) {
		// Once per distinct error, not at every heartbeat.
		mu.Lock()
		defer mu.Unlock()
		if err.Error() != last {
			last = err.Error()
			say(lang.X("agent.status_file_failed", "cannot write the status file for compliance scripts: {{.Error}}", map[string]string{"Error": i18n.OSError(err)}))
		}
	}
	done = w.Start(ctx)
	// The first document goes out before the idle watch has read the idle
	// time (steps 0, idle 0); the first reading replaces it at once, not
	// at the next heartbeat.
	go func() {
		select {
		case <-a.FirstStep():
			w.Changed()
		case <-ctx.Done():
		}
	}()
	a.OnPolicy(func(*policy.Snapshot) { w.Changed() })
	if ready != nil {
		ready.readinessChanged = w.Changed
	}
	return w.Changed, done
}
