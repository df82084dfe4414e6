// Package supervisor runs `grendel supervise`: the small process that the
// XDG autostart entry starts on desktops without systemd user sessions
// (and Windows' Run key), and that keeps the resident agent running there.
// It starts the agent (this executable, with the same --policy files) with
// [agent.SupervisedEnv] set, and restarts it by the rule of
// [grendel/app/supervise]: 1 s after it dies, at most 4 restarts a minute,
// then a back-off that one desktop notification announces. An agent that
// exits with success (a quit that policy allows) stays down.
//
// The supervisor is light: it never starts a GUI driver, and lets go of
// its start's memory as the agent does ([grendel/app/memtrim]). It loads
// the user's language whole, as every process does: Fyne logs each text
// it lacks (and its log line is translated in turn). One user runs at most one
// supervisor ([ipc.LockSupervisor]).
package supervisor

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"fyne.io/fyne/v2/lang"

	"grendel/app/agent"
	"grendel/app/audit"
	"grendel/app/ipc"
	"grendel/app/memtrim"
	"grendel/app/notify"
	"grendel/app/supervise"
	"grendel/ui/exit"
	"grendel/ui/i18n"
)

// stopWait bounds how long the supervisor waits for the agent after
// passing it SIGTERM, before it kills it.
const stopWait = 10 * time.Second

// Run supervises the agent until the agent exits with success or the
// supervisor gets SIGTERM, SIGINT or SIGHUP (the session ends); it then
// passes SIGTERM to the agent, waits for it (at most 10 s) and returns.
func Run(opts agent.Options) int {
	signal.Ignore(syscall.SIGPIPE)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	markDir, err := os.MkdirTemp("", "grendel-supervise-")
	if err != nil {
		fmt.Fprintf(os.Stderr, "grendel supervise: %s\n", lang.X("supervise.no_quit_dir", "cannot make the directory for the agent's quit mark: {{.Error}}", map[string]string{"Error": err.Error()}))
		return exit.Failure
	}
	defer os.RemoveAll(markDir)
	quitMark := filepath.Join(markDir, "quit")
	s := &supervisor{
		argv:     opts.AgentCommand(),
		env:      supervisedEnv(os.Environ(), quitMark),
		quitMark: quitMark,
		out:      os.Stderr,
		notify:   notify.Send,
		stopWait: stopWait,
		poll:     time.Second,
	}
	s.audit = audit.Open(audit.RoleSupervisor, func(sink string, err error) { s.say(i18n.AuditFailure(sink, err)) })
	s.addr, _ = ipc.DefaultAddress()
	return s.run(ctx, supervise.Config{})
}

// supervisor is one `grendel supervise`.
type supervisor struct {
	argv     []string // the agent's command line
	env      []string // the agent's environment
	addr     string   // the agent's address, beside which the locks live
	out      io.Writer
	notify   func(title, body string) (uint32, error)
	stopWait time.Duration
	poll     time.Duration  // how often it looks whether another agent still runs
	audit    audit.Recorder // records each restart; nil records nothing
	// quitMark is the file the agent creates when the user quits as
	// policy allows ([agent.QuitMarkEnv]), in a directory of its own.
	quitMark string
}

func (s *supervisor) say(msg string) { fmt.Fprintf(s.out, "grendel supervise: %s\n", msg) }

// run takes the supervisor's lock and supervises; cfg's OnBackoff and
// OnRestart are the supervisor's own.
func (s *supervisor) run(ctx context.Context, cfg supervise.Config) int {
	release, err := ipc.LockSupervisor(s.addr)
	switch {
	case errors.Is(err, ipc.ErrSupervisorRunning):
		s.say(lang.X("supervise.already_running", "Grendel is already supervised by another \"grendel supervise\"; this one stops"))
		return exit.OK
	case err != nil:
		// Better a second supervisor than none: the agent's own lock still
		// keeps it to one agent.
		s.say(lang.X("supervise.no_lock", "cannot take the supervisor's lock, supervising anyway: {{.Error}}", map[string]string{"Error": err.Error()}))
	default:
		defer release()
	}
	trim := time.AfterFunc(10*time.Second, memtrim.AfterStart)
	defer trim.Stop()

	first := cfg.Backoff
	if first <= 0 {
		first = time.Minute // supervise's default
	}
	cfg.OnRestart = func(code int) {
		audit.Record(s.audit, audit.AgentRestarted{ExitCode: code})
		if code == endedUnasked {
			s.say(lang.X("supervise.restart_unasked", "the agent ended with exit code 0 although nobody quit it (it was ended from outside); starting it again"))
			return
		}
		if code < 0 {
			s.say(lang.X("supervise.restart_signal", "the agent was ended by a signal; starting it again"))
			return
		}
		s.say(lang.X("supervise.restart", "the agent stopped with exit code {{.Code}}; starting it again", map[string]string{"Code": strconv.Itoa(code)}))
	}
	cfg.OnBackoff = func(failures int, wait time.Duration) {
		data := map[string]string{"N": strconv.Itoa(failures), "Duration": i18n.Duration(wait)}
		s.say(lang.X("supervise.backoff", "the agent stopped {{.N}} times within a minute; starting it again in {{.Duration}}", data))
		if wait != first {
			return // told once, at the first back-off of a crash loop
		}
		title := lang.X("supervise.notify.title", "Grendel keeps stopping")
		body := lang.X("supervise.notify.body", "Grendel stopped {{.N}} times within a minute and tries again in {{.Duration}}. Until then your workstation is not locked automatically.", data)
		if _, err := s.notify(title, body); err != nil {
			s.say(lang.X("supervise.no_notification", "no desktop notification: {{.Error}}", map[string]string{"Error": err.Error()}))
		}
	}
	_ = supervise.Run(ctx, cfg, s.start)
	return exit.OK
}

// endedUnasked is the exit code the supervisor gives a run that ended
// with exit code 0 without the agent's quit mark: ended from outside, so
// it is started again (any code but 0 is); the audit trail records it so.
const endedUnasked = audit.ExitUnasked

// start starts one run of the agent. Its wait function returns the run's
// exit code; an agent that found another agent running (exit code
// [exit.AlreadyRunning]) is no crash: wait waits for that other agent to
// end, starts this supervisor's own, and waits for that one.
func (s *supervisor) start(ctx context.Context) (func() int, error) {
	cmd, err := s.spawn()
	if err != nil {
		return nil, err
	}
	return func() int {
		for {
			code := s.wait(ctx, cmd)
			if code == exit.OK && ctx.Err() == nil {
				if _, err := os.Stat(s.quitMark); err != nil {
					return endedUnasked
				}
				os.Remove(s.quitMark)
				return code
			}
			if code != exit.AlreadyRunning || ctx.Err() != nil {
				return code
			}
			if !s.awaitNoAgent(ctx) {
				return code
			}
			if cmd, err = s.spawn(); err != nil {
				return -1
			}
		}
	}, nil
}

func (s *supervisor) spawn() (*exec.Cmd, error) {
	cmd := exec.Command(s.argv[0], s.argv[1:]...)
	cmd.Env = s.env
	cmd.Stdout, cmd.Stderr = s.out, s.out
	if err := cmd.Start(); err != nil {
		s.say(lang.X("supervise.no_start", "cannot start the agent: {{.Error}}", map[string]string{"Error": err.Error()}))
		return nil, err
	}
	return cmd, nil
}

// wait waits for the agent to end and returns its exit code, -1 for a
// signal. When ctx is done first, it passes SIGTERM to the agent and
// waits at most stopWait before it kills it.
func (s *supervisor) wait(ctx context.Context, cmd *exec.Cmd) int {
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
		if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
			_ = cmd.Process.Kill() // Windows: no SIGTERM
		}
		select {
		case <-done:
		case <-time.After(s.stopWait):
			s.say(lang.X("supervise.kill", "the agent did not stop within {{.Duration}}; ending it", map[string]string{"Duration": i18n.Duration(s.stopWait)}))
			_ = cmd.Process.Kill()
			<-done
		}
	}
	return cmd.ProcessState.ExitCode()
}

// awaitNoAgent waits until no agent holds the agent's lock, looking every
// poll from one poll on, so that this supervisor starts at most one agent
// a poll however the other agent behaves. It reports false when ctx is
// done first.
func (s *supervisor) awaitNoAgent(ctx context.Context) bool {
	t := time.NewTicker(s.poll)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return false
		case <-t.C:
		}
		if !ipc.AgentRunning(s.addr) {
			return true
		}
	}
}

// supervisedEnv returns env with [agent.SupervisedEnv] set to 1 and
// [agent.QuitMarkEnv] to quitMark.
func supervisedEnv(env []string, quitMark string) []string {
	env = slices.DeleteFunc(slices.Clone(env), func(e string) bool {
		return strings.HasPrefix(e, agent.SupervisedEnv+"=") || strings.HasPrefix(e, agent.QuitMarkEnv+"=")
	})
	return append(env, agent.SupervisedEnv+"=1", agent.QuitMarkEnv+"="+quitMark)
}
