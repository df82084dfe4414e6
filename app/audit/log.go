package audit

import (
	"errors"
	"io/fs"
	"os"
	"sync"
	"time"
)

// Recorder records events. [Log] is the real one; a nil Recorder is
// allowed wherever this package's callers take one, and records nothing
// (tests that do not care).
type Recorder interface {
	Record(Event)
}

// Record records e with r, unless r is nil.
func Record(r Recorder, e Event) {
	if r != nil {
		r.Record(e)
	}
}

// Sink is where a [Log] writes its entries: the file, the journal, the
// event log.
type Sink interface {
	// Name names the sink in a failure report: "file", "journal",
	// "eventlog".
	Name() string
	// Write records one entry.
	Write(Entry) error
}

// Config is what a [Log] needs.
type Config struct {
	// Role is the process's kind.
	Role Role
	// Sinks are where entries go.
	Sinks []Sink
	// Now tells the time; nil means time.Now.
	Now func() time.Time
	// OnFailure, if not nil, is told of the first failure of each sink,
	// with the OS's error alone (an [fs.PathError]'s path, which holds the
	// user's home, is left out). Later failures are only counted.
	OnFailure func(sink string, err error)
}

// Log records events to its sinks. It is safe for concurrent use. A sink
// that fails never makes Record fail or wait for a retry: what Grendel
// enforces goes on.
type Log struct {
	cfg Config
	pid int

	mu       sync.Mutex
	seq      uint64
	failures map[string]int
}

// New returns a log of cfg.
func New(cfg Config) *Log {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Log{cfg: cfg, pid: os.Getpid(), failures: map[string]int{}}
}

// Record implements [Recorder]: it writes e, as an [Entry] with the next
// sequence number, to every sink.
func (l *Log) Record(e Event) {
	var f Fields
	e.fields(&f)
	l.mu.Lock()
	defer l.mu.Unlock()
	l.seq++
	en := Entry{Schema: Schema, Time: l.cfg.Now().UTC().Truncate(time.Millisecond), Seq: l.seq,
		Role: l.cfg.Role, PID: l.pid, Event: e.Name(), Fields: f}
	for _, s := range l.cfg.Sinks {
		err := s.Write(en)
		if err == nil {
			continue
		}
		l.failures[s.Name()]++
		if l.failures[s.Name()] == 1 && l.cfg.OnFailure != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			l.cfg.OnFailure(s.Name(), err)
		}
	}
}

// Failures returns how many writes each sink has failed.
func (l *Log) Failures() map[string]int {
	l.mu.Lock()
	defer l.mu.Unlock()
	m := make(map[string]int, len(l.failures))
	for k, v := range l.failures {
		m[k] = v
	}
	return m
}

// Open returns the log that Grendel's processes use: the file in [Dir],
// and the platform's own log where there is one (the systemd journal when
// it runs, the Windows event log). A directory that cannot be found
// leaves the file out, and the first Record reports it through
// onFailure.
func Open(role Role, onFailure func(sink string, err error)) *Log {
	var sinks []Sink
	if dir, err := Dir(); err == nil {
		sinks = append(sinks, &FileSink{Dir: dir})
	} else {
		sinks = append(sinks, brokenSink{"file", err})
	}
	sinks = append(sinks, platformSinks()...)
	return New(Config{Role: role, Sinks: sinks, OnFailure: onFailure})
}

// brokenSink is a sink that could not be set up: each write fails with
// why.
type brokenSink struct {
	name string
	err  error
}

func (b brokenSink) Name() string      { return b.name }
func (b brokenSink) Write(Entry) error { return b.err }
