package compliance

import (
	"context"
	"encoding/json"
	"time"

	"grendel/internal/atomicfile"
)

// Heartbeat is how often the agent rewrites its status file when nothing
// changes. A file older than that (plus a little) means the agent is not
// running: an admin's script may treat a file older than 15 minutes as
// stale. One timer every 5 minutes keeps the agent's idle CPU at zero.
const Heartbeat = 5 * time.Minute

// FileName is the status file's name in [Dir].
const FileName = "status.json"

// Writer writes the agent's status document to a file, atomically, at
// start, after every [Writer.Changed], every Interval, and once more
// (with Running false) when it stops.
type Writer struct {
	// Path is the file; its directory is made (0700) when missing.
	Path string
	// Document makes the document to write at now.
	Document func(now time.Time) Document
	// Interval is the heartbeat; 0 means [Heartbeat].
	Interval time.Duration
	// Now tells the time; nil means time.Now.
	Now func() time.Time
	// OnError is told of every failed write (nil: ignored); the next
	// change or heartbeat tries again.
	OnError func(error)

	changed chan struct{}
}

// NewWriter returns a writer of the documents doc makes to path, with the
// default heartbeat.
func NewWriter(path string, doc func(now time.Time) Document) *Writer {
	return &Writer{Path: path, Document: doc}
}

func (w *Writer) init() {
	if w.changed == nil {
		w.changed = make(chan struct{}, 1)
	}
}

// Changed asks for the file to be rewritten soon: the policy or a lock's
// outcome changed. It never blocks; changes that come while a write is
// pending make one write.
func (w *Writer) Changed() {
	select {
	case w.changed <- struct{}{}:
	default:
	}
}

// Run writes the file until ctx is done, then writes it once more with
// Running false, so that a clean stop shows as one. Call [Writer.Start]
// or Run once, before Changed is used from other goroutines.
func (w *Writer) Run(ctx context.Context) {
	w.init()
	interval := w.Interval
	if interval <= 0 {
		interval = Heartbeat
	}
	t := time.NewTimer(0)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			d := w.Document(w.now())
			d.Running = false
			w.report(WriteFile(w.Path, d))
			return
		case <-w.changed:
		case <-t.C:
		}
		w.report(WriteFile(w.Path, w.Document(w.now())))
		t.Reset(interval)
	}
}

// Start makes the writer ready for Changed and runs it on a new
// goroutine; the returned channel is closed when its last write is done.
func (w *Writer) Start(ctx context.Context) <-chan struct{} {
	w.init()
	done := make(chan struct{})
	go func() {
		defer close(done)
		w.Run(ctx)
	}()
	return done
}

func (w *Writer) now() time.Time {
	if w.Now != nil {
		return w.Now()
	}
	return time.Now()
}

func (w *Writer) report(err error) {
	if err != nil && w.OnError != nil {
		w.OnError(err)
	}
}

// WriteFile writes d to path atomically ([atomicfile.Write]): a reader
// sees the old document or the new one, never a part. The file's mode is
// 0600 in a directory made 0700: only the user and root read it. On
// Windows it inherits its directory's ACL, which in the user's
// %LOCALAPPDATA% admits the user, SYSTEM and Administrators.
func WriteFile(path string, d Document) error {
	b, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return err
	}
	b = append(b, '\n')
	return atomicfile.Write(path, b, 0o600)
}
