package idle_test

import (
	"context"
	"fmt"
	"time"

	"grendel/app/idle"
)

// fixed is a source that always answers the same, or fails.
type fixed struct {
	name string
	idle time.Duration
	err  error
}

func (f fixed) Name() string                                { return f.name }
func (f fixed) Idle(context.Context) (time.Duration, error) { return f.idle, f.err }
func (f fixed) Close() error                                { return nil }

// Detect keeps the first source that answers and tells why the ones before
// it were passed over. The agent passes idle.Platform(idle.Env{}).
func ExampleDetect() {
	candidates := []idle.Source{
		fixed{name: "mutter", err: fmt.Errorf("mutter: org.gnome.Mutter.IdleMonitor is not on the session bus: %w", idle.ErrUnsupported)},
		fixed{name: "x11", idle: 90 * time.Second},
		fixed{name: "logind"},
	}
	source, attempts := idle.Detect(context.Background(), candidates)
	for _, a := range attempts {
		fmt.Printf("%s: %v\n", a.Name, a.Err)
	}
	d, _ := source.Idle(context.Background())
	fmt.Printf("using %s: idle for %v\n", source.Name(), d)
	// Output:
	// mutter: mutter: org.gnome.Mutter.IdleMonitor is not on the session bus: idle source not supported here
	// x11: <nil>
	// using x11: idle for 1m30s
}
