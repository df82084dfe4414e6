package ipc

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Timeout is how long the server gives one connection to send its request
// and read the response, and how long [Call] waits when its context has no
// deadline.
const Timeout = 5 * time.Second

// RequestTimeout is how long, within [Timeout], the server waits for a
// connection's request line. A client sends it at once; one that has not
// sent it whole by then is dropped, so idle or byte-by-byte (slowloris)
// connections cannot hold the server.
const RequestTimeout = time.Second

// maxConns bounds the connections a server handles at once. When all are
// taken, the server drops the one that has waited longest for its request,
// if that is at least dropAfter, to make room for a new one; so a fresh
// client is answered promptly however many idle ones are open, and only
// when all are running a [Handler] does it wait in the listen backlog.
const maxConns = 256

// dropAfter is how long a connection may wait for its request before it may
// be dropped to make room: a client sends its request at once, so one that
// has not after this long is idle or slow, not merely not yet read.
const dropAfter = RequestTimeout / 10

// Handler answers a request the server has decoded and validated. It is never
// given [OpPing], which the server answers itself. ctx is canceled when the
// server stops and expires with the connection's deadline. A panic in a
// Handler becomes a failed [Response]. Handlers run concurrently.
type Handler func(ctx context.Context, req Request) Response

// Server is the agent's end of the channel. Create one with [Listen].
type Server struct {
	// Logf, if not nil, receives a line for each dropped connection, rejected
	// request, handler panic and accept error. No line holds request
	// contents beyond the op. Set it before calling Serve.
	Logf func(format string, args ...any)

	addr       string
	ln         net.Listener
	release    func() error  // removes what listen created; runs after ln.Close
	uid        int           // the only peer uid served; negative: no check
	timeout    time.Duration // per connection
	reqTimeout time.Duration // for the request line, within timeout
	waiting    waitList      // connections whose request is not read yet

	serving   atomic.Bool
	closed    chan struct{}
	closeOnce sync.Once
	closeErr  error
}

// Listen claims addr for this process's agent and listens there. It fails
// with an error wrapping [ErrAgentRunning] when another agent is alive at
// addr.
//
// When Listen takes the single-instance lock but cannot open the channel, it
// returns both a Server and an error wrapping [ErrNoChannel]. That Server
// holds the lock and nothing else: keep it, and Close it when the agent
// ends, so that no second agent starts meanwhile; its Serve answers nobody.
//
// On Unix, addr must be an absolute path whose directory belongs to Grendel
// alone, as [DefaultAddress]'s does: Listen checks the directories on the
// way to it (each owned by root or the user, and not writable by others
// unless sticky, as /tmp is; symlinks only of root or the user), creates
// what is missing with mode 0700, makes the last one private (see the
// package doc), keeps agent.lock in it and replaces a stale socket file
// there.
func Listen(addr string) (*Server, error) {
	ln, release, err := listen(addr)
	if release == nil {
		return nil, err
	}
	return &Server{
		addr:       addr,
		ln:         ln,
		release:    release,
		uid:        os.Geteuid(),
		timeout:    Timeout,
		reqTimeout: RequestTimeout,
		closed:     make(chan struct{}),
	}, err
}

// Addr returns the address the server listens on.
func (s *Server) Addr() string { return s.addr }

// Serve accepts connections and answers them with h, each on its own
// goroutine, until ctx is done or [Server.Close] is called. It then closes
// the server, waits for the handlers still running and returns nil. It
// returns an error if it cannot accept, if h is nil, or if it is called
// twice or after Close. On a Server without a channel (see [Listen]) it
// only waits.
func (s *Server) Serve(ctx context.Context, h Handler) error {
	if h == nil {
		return errors.New("serve: nil handler")
	}
	if !s.serving.CompareAndSwap(false, true) {
		return errors.New("serve: called twice")
	}
	select {
	case <-s.closed:
		return fmt.Errorf("serve: %w", net.ErrClosed)
	default:
	}

	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer wg.Wait()
	defer cancel()
	// Accept blocks, so stopping has to close the listener from outside.
	wg.Go(func() {
		select {
		case <-ctx.Done():
			s.Close()
		case <-s.closed:
			cancel()
		}
	})

	if s.ln == nil {
		<-ctx.Done()
		s.Close()
		return nil
	}
	slots := make(chan struct{}, maxConns)
	var delay time.Duration
	for {
		conn, err := s.ln.Accept()
		if err != nil {
			select {
			case <-s.closed:
				s.Close() // returns once the socket is removed
				return nil
			default:
			}
			var tmp interface{ Temporary() bool }
			if !errors.As(err, &tmp) || !tmp.Temporary() {
				s.Close()
				return fmt.Errorf("accepting on %s: %w", s.addr, err)
			}
			delay = min(max(2*delay, 5*time.Millisecond), time.Second)
			s.logf("ipc: accepting on %s: %v; retrying in %v", s.addr, err, delay)
			select {
			case <-time.After(delay):
			case <-ctx.Done():
			}
			continue
		}
		delay = 0
		if !s.takeSlot(ctx, slots) {
			conn.Close()
			s.Close()
			return nil
		}
		s.waiting.add(conn)
		wg.Go(func() {
			defer func() { <-slots }()
			s.serveConn(ctx, conn, h)
		})
	}
}

// takeSlot takes one of slots for a new connection. When none is free it
// drops the connection that has waited longest for its request once that
// has waited dropAfter, and takes the slot it frees, or a handler's when all
// connections are being answered. It returns false if ctx ends first.
func (s *Server) takeSlot(ctx context.Context, slots chan struct{}) bool {
	select {
	case slots <- struct{}{}:
		return true
	default:
	}
	for {
		dropped, wait := s.waiting.dropOldest(time.Now(), dropAfter)
		if dropped {
			s.logf("ipc: %d connections open; dropped the one that waited longest for its request", cap(slots))
		}
		timer := time.NewTimer(wait)
		select {
		case slots <- struct{}{}:
			timer.Stop()
			return true
		case <-timer.C:
		case <-ctx.Done():
			timer.Stop()
			return false
		}
	}
}

// Close stops the server: it stops listening, removes the socket file it
// created (on Unix, and only if it is still the one it created) and releases
// the single-instance lock. Running handlers see their context canceled once
// Serve notices. Close is safe to call more than once and from any
// goroutine.
func (s *Server) Close() error {
	s.closeOnce.Do(func() {
		close(s.closed)
		var err error
		if s.ln != nil {
			err = s.ln.Close()
		}
		err = errors.Join(err, s.release())
		if err != nil {
			s.closeErr = fmt.Errorf("closing %s: %w", s.addr, err)
		}
	})
	return s.closeErr
}

// serveConn reads one request from conn, answers it and closes conn.
func (s *Server) serveConn(ctx context.Context, conn net.Conn, h Handler) {
	defer conn.Close()
	defer s.waiting.remove(conn)
	if s.uid >= 0 {
		uid, ok, err := peerUID(conn)
		if err != nil {
			s.logf("ipc: dropped connection: reading peer credentials: %v", err)
			return
		}
		if ok && uid != s.uid {
			s.logf("ipc: dropped connection from uid %d, want uid %d", uid, s.uid)
			return
		}
	}
	reqTimeout := min(s.reqTimeout, s.timeout)
	now := time.Now()
	deadline := now.Add(s.timeout)
	err := conn.SetDeadline(deadline)
	if err == nil {
		err = conn.SetReadDeadline(now.Add(reqTimeout))
	}
	if err != nil {
		s.logf("ipc: dropped connection: setting deadline: %v", err)
		return
	}
	// When the server stops, stop waiting for a request, but let a running
	// handler still answer.
	stop := context.AfterFunc(ctx, func() { conn.SetReadDeadline(time.Now()) })
	defer stop()

	var resp Response
	line, err := readLine(conn, MaxRequestSize)
	if !s.waiting.remove(conn) {
		return // dropped by takeSlot meanwhile
	}
	switch {
	case errors.Is(err, errTooLarge):
		s.logf("ipc: rejected request larger than %d bytes", MaxRequestSize)
		resp = Failure(fmt.Errorf("%w: request larger than %d bytes", errBadRequest, MaxRequestSize))
	case errors.Is(err, io.EOF):
		return // the client hung up without asking anything
	case errors.Is(err, os.ErrDeadlineExceeded) && ctx.Err() == nil:
		s.logf("ipc: dropped connection: no complete request within %v", reqTimeout)
		return
	case err != nil:
		s.logf("ipc: dropped connection: reading request: %v", err)
		return
	default:
		resp = s.answer(ctx, h, line, deadline)
	}
	if _, err := conn.Write(encodeResponse(resp)); err != nil {
		s.logf("ipc: writing response: %v", err)
	}
}

// answer decodes line and returns the response to it.
func (s *Server) answer(ctx context.Context, h Handler, line []byte, deadline time.Time) Response {
	req, err := decodeRequest(line)
	if err != nil {
		s.logf("ipc: rejected request: %v", err)
		return Failure(err)
	}
	if req.Op == OpPing {
		return Success(nil)
	}
	ctx, cancel := context.WithDeadline(ctx, deadline)
	defer cancel()
	return s.call(ctx, h, req)
}

// call runs h, turning a panic into a failed response.
func (s *Server) call(ctx context.Context, h Handler, req Request) (resp Response) {
	defer func() {
		if p := recover(); p != nil {
			s.logf("ipc: handler panicked on op %q: %v", req.Op, p)
			resp = Failure(fmt.Errorf("internal error in op %q", req.Op))
		}
	}()
	return h(ctx, req)
}

// logf logs through s.Logf when it is set.
func (s *Server) logf(format string, args ...any) {
	if s.Logf != nil {
		s.Logf(format, args...)
	}
}

// waitList is the connections that have not sent their request yet, oldest
// first. It is safe for concurrent use.
type waitList struct {
	mu    sync.Mutex
	conns []waiting
}

// waiting is a connection on a [waitList] and when it was added.
type waiting struct {
	conn  net.Conn
	since time.Time
}

// add puts conn at the end of the list.
func (l *waitList) add(conn net.Conn) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.conns = append(l.conns, waiting{conn, time.Now()})
}

// remove takes conn off the list and reports whether it was on it.
func (l *waitList) remove(conn net.Conn) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	i := slices.IndexFunc(l.conns, func(w waiting) bool { return w.conn == conn })
	if i < 0 {
		return false
	}
	l.conns = slices.Delete(l.conns, i, i+1)
	return true
}

// dropOldest takes the oldest connection off the list and closes it, which
// ends the read that waits for its request, if it has waited at least
// minAge at now. It reports whether it dropped one and, if not, how long to
// wait before asking again.
func (l *waitList) dropOldest(now time.Time, minAge time.Duration) (dropped bool, wait time.Duration) {
	l.mu.Lock()
	if len(l.conns) == 0 {
		l.mu.Unlock()
		return false, minAge
	}
	oldest := l.conns[0]
	if age := now.Sub(oldest.since); age < minAge {
		l.mu.Unlock()
		return false, minAge - age
	}
	l.conns = slices.Delete(l.conns, 0, 1)
	l.mu.Unlock()
	oldest.conn.Close()
	return true, minAge
}
