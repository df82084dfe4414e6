package ipc

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"grendel/internal/testdir"
)

// serve listens on a fresh address and serves h until the test ends. It
// returns the server and a func that stops it and returns Serve's result.
func serve(t *testing.T, h Handler) (*Server, func() error) {
	t.Helper()
	srv, err := Listen(testAddr(t))
	if err != nil {
		t.Fatalf("Listen = %v", err)
	}
	return start(t, srv, h)
}

// start serves h on srv until the test ends. It returns a func that stops
// the server and returns Serve's result.
func start(t *testing.T, srv *Server, h Handler) (*Server, func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, h) }()
	var once sync.Once
	var serveErr error
	stop := func() error {
		once.Do(func() {
			cancel()
			select {
			case serveErr = <-done:
			case <-time.After(10 * time.Second):
				serveErr = errors.New("Serve did not return within 10s of cancel")
			}
		})
		return serveErr
	}
	t.Cleanup(func() { stop() })
	return srv, stop
}

// mustListen calls Listen and fails the test on error.
func mustListen(t *testing.T, addr string) *Server {
	t.Helper()
	srv, err := Listen(addr)
	if err != nil {
		t.Fatalf("Listen(%s) = %v", addr, err)
	}
	return srv
}

// listenLogged listens on a fresh address, collecting the server's log
// lines, and closes the server when the test ends.
func listenLogged(t *testing.T) (*Server, *logBuffer) {
	t.Helper()
	logs := new(logBuffer)
	srv := mustListen(t, testAddr(t))
	t.Cleanup(func() { srv.Close() })
	srv.Logf = logs.Logf
	return srv, logs
}

// echo answers every request with its own op and window.
func echo(_ context.Context, req Request) Response {
	return Success(map[string]string{"op": string(req.Op), "window": req.Window})
}

// rawCall connects to addr, sends payload as is and returns the response
// line the server sends back, if any.
func rawCall(t *testing.T, addr string, payload []byte) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	conn, err := dial(ctx, addr)
	if err != nil {
		t.Fatalf("dial(%s) = %v", addr, err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(5 * time.Second))
	// Write on the side: the server may answer and close before it has
	// read everything. Then half-close, which also ends a request.
	go func() {
		conn.Write(payload)
		if cw, ok := conn.(interface{ CloseWrite() error }); ok {
			cw.CloseWrite()
		}
	}()
	line, err := readLine(conn, MaxResponseSize)
	return string(line), err
}

func TestRoundTrip(t *testing.T) {
	var mu sync.Mutex
	var seen []Op
	srv, _ := serve(t, func(ctx context.Context, req Request) Response {
		mu.Lock()
		seen = append(seen, req.Op)
		mu.Unlock()
		return echo(ctx, req)
	})
	tests := []struct {
		req      Request
		wantData string
	}{
		{req: Request{Op: OpPing}},
		{req: Request{Op: OpStatus}, wantData: `{"op":"status","window":""}`},
		{req: Request{V: Version, Op: OpShow, Window: "status"}, wantData: `{"op":"show","window":"status"}`},
		{req: Request{Op: OpReload}, wantData: `{"op":"reload","window":""}`},
	}
	for _, tt := range tests {
		got, err := Call(context.Background(), srv.Addr(), tt.req)
		if err != nil {
			t.Fatalf("Call(%+v) = %v", tt.req, err)
		}
		if got.V != Version || !got.OK || got.Error != "" || string(got.Data) != tt.wantData {
			t.Errorf("Call(%+v) = %+v (data %s); want ok, data %s", tt.req, got, got.Data, tt.wantData)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if want := []Op{OpStatus, OpShow, OpReload}; !slices.Equal(seen, want) {
		t.Errorf("handler saw ops %v, want %v (ping is the server's)", seen, want)
	}
}

func TestServerAnswersBadRequests(t *testing.T) {
	called := make(chan Op, 10)
	srv, _ := serve(t, func(ctx context.Context, req Request) Response {
		called <- req.Op
		return echo(ctx, req)
	})
	tests := []struct {
		name    string
		payload string
		wantErr string
	}{
		{name: "malformed JSON", payload: "{\"v\":1,\"op\":\n", wantErr: "bad request: malformed JSON at offset 12"},
		{name: "not JSON", payload: "hello\n", wantErr: "bad request: malformed JSON at offset 1"},
		{name: "unknown op", payload: `{"v":1,"op":"fly"}` + "\n", wantErr: `bad request: unknown op "fly"`},
		{name: "unknown version", payload: `{"v":2,"op":"ping"}` + "\n", wantErr: "bad request: unsupported protocol version 2, want 1"},
		{name: "no version", payload: `{"op":"ping"}` + "\n", wantErr: `bad request: missing protocol version, want "v":1`},
		{name: "unknown field", payload: `{"v":1,"op":"status","x":true}` + "\n", wantErr: `bad request: unknown field: version 1 has only "v", "op", "window" and "duration", in lower case`},
		{name: "duplicate op", payload: `{"v":1,"op":"ping","op":"lock"}` + "\n", wantErr: `bad request: duplicate field "op"`},
		{name: "op in capitals", payload: `{"v":1,"OP":"lock"}` + "\n", wantErr: `bad request: unknown field: version 1 has only "v", "op", "window" and "duration", in lower case`},
		{name: "second request after the first", payload: `{"v":1,"op":"ping"}{"v":1,"op":"lock"}` + "\n", wantErr: "bad request: malformed JSON: more data after the object, which ends at offset 19"},
		{name: "empty line", payload: "\n", wantErr: "bad request: malformed JSON at offset 0"},
		{name: "without newline", payload: `{"v":1,"op":"fly"}`, wantErr: `bad request: unknown op "fly"`},
		{name: "oversized", payload: `{"v":1,"op":"status","window":"` + strings.Repeat("w", MaxRequestSize) + "\"}\n", wantErr: "bad request: request larger than 65536 bytes"},
		{name: "oversized without newline", payload: strings.Repeat(" ", 1<<20), wantErr: "bad request: request larger than 65536 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			line, err := rawCall(t, srv.Addr(), []byte(tt.payload))
			if err != nil {
				t.Fatalf("reading response = %v", err)
			}
			got, err := decodeResponse([]byte(line))
			if err != nil {
				t.Fatalf("decodeResponse(%q) = %v", line, err)
			}
			if got.OK || got.Error != tt.wantErr {
				t.Errorf("response = %+v, want error %q", got, tt.wantErr)
			}
		})
	}
	select {
	case op := <-called:
		t.Errorf("handler called with op %q for a bad request", op)
	default:
	}
}

func TestServerLargestRequest(t *testing.T) {
	srv, _ := serve(t, echo)
	// Pad a valid request with spaces to exactly MaxRequestSize bytes.
	req := `{"v":1,"op":"status"}`
	payload := req + strings.Repeat(" ", MaxRequestSize-len(req)) + "\n"
	line, err := rawCall(t, srv.Addr(), []byte(payload))
	if err != nil {
		t.Fatalf("reading response = %v", err)
	}
	if got, err := decodeResponse([]byte(line)); err != nil || !got.OK {
		t.Errorf("response to a request of %d bytes = %+v, %v; want ok", MaxRequestSize, got, err)
	}
}

func TestHandlerPanic(t *testing.T) {
	srv, logs := listenLogged(t)
	start(t, srv, func(ctx context.Context, req Request) Response {
		if req.Op == OpReload {
			panic("policy exploded")
		}
		return echo(ctx, req)
	})

	got, err := Call(context.Background(), srv.Addr(), Request{Op: OpReload})
	if !errors.Is(err, ErrRequestFailed) {
		t.Fatalf("Call(reload) = %+v, %v; want error wrapping ErrRequestFailed", got, err)
	}
	if want := `internal error in op "reload"`; got.OK || got.Error != want {
		t.Errorf("Call(reload) = %+v, want error %q", got, want)
	}
	// The server survived.
	if _, err := Call(context.Background(), srv.Addr(), Request{Op: OpStatus}); err != nil {
		t.Errorf("Call(status) after a panic = %v, want nil", err)
	}
	if want := `ipc: handler panicked on op "reload": policy exploded`; !slices.Contains(logs.Lines(), want) {
		t.Errorf("logs = %q, want a line %q", logs.Lines(), want)
	}
}

func TestHandlerFailure(t *testing.T) {
	srv, _ := serve(t, func(ctx context.Context, req Request) Response {
		return Failure(fmt.Errorf("no window %q", req.Window))
	})
	got, err := Call(context.Background(), srv.Addr(), Request{Op: OpShow, Window: "nope"})
	if !errors.Is(err, ErrRequestFailed) {
		t.Fatalf("Call = %v, want error wrapping ErrRequestFailed", err)
	}
	if want := `agent refused request: no window "nope"`; err.Error() != want {
		t.Errorf("Call error = %q, want %q", err, want)
	}
	if got.OK || got.Error != `no window "nope"` {
		t.Errorf("Call = %+v, want the failed response", got)
	}
}

func TestLogsHoldNoRequestContents(t *testing.T) {
	const secret = "hunter2"
	srv, logs := listenLogged(t)
	start(t, srv, func(ctx context.Context, req Request) Response {
		panic("boom")
	})
	payloads := []string{
		`{"v":1,"op":"show","window":"` + secret + `"}`,
		`{"v":1,"op":"show","window":"w","` + secret + `":1}`,
		`{"v":1,"op":"status","note":"` + secret + `"}`,
		`{"v":1,"op":"show","window":"` + strings.Repeat(secret, 5) + `"}`,
		`{"v":1,"op":"show","window":"` + secret + `",`,
		`{"v":3,"op":"show","window":"` + secret + `"}`,
		`{"v":1,"op":"show","window":"` + secret + `"}` + strings.Repeat(" ", MaxRequestSize),
	}
	for _, p := range payloads {
		if _, err := rawCall(t, srv.Addr(), []byte(p+"\n")); err != nil {
			t.Fatalf("rawCall(%q) = %v", p, err)
		}
	}
	if _, err := Call(context.Background(), srv.Addr(), Request{Op: OpShow, Window: secret}); err == nil {
		t.Fatalf("Call(show) = nil, want the panic's error")
	}
	lines := logs.Lines()
	if len(lines) == 0 {
		t.Fatalf("no log lines, want some")
	}
	for _, l := range lines {
		if strings.Contains(l, secret) {
			t.Errorf("log line %q holds request contents", l)
		}
	}
}

func TestServeStopsOnCancel(t *testing.T) {
	handlerDone := make(chan error, 1)
	started := make(chan struct{})
	srv, stop := serve(t, func(ctx context.Context, req Request) Response {
		close(started)
		<-ctx.Done()
		handlerDone <- ctx.Err()
		return Failure(ctx.Err())
	})
	go Call(context.Background(), srv.Addr(), Request{Op: OpStatus})
	<-started
	if err := stop(); err != nil {
		t.Fatalf("Serve = %v after cancel, want nil", err)
	}
	select {
	case err := <-handlerDone:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("handler ctx.Err() = %v, want context.Canceled", err)
		}
	default:
		t.Errorf("Serve returned before its running handler")
	}
	_, err := Call(context.Background(), srv.Addr(), Request{Op: OpPing})
	if !errors.Is(err, ErrNoAgent) {
		t.Errorf("Call after Serve stopped = %v, want error wrapping ErrNoAgent", err)
	}
	// The address is free again.
	again, err := Listen(srv.Addr())
	if err != nil {
		t.Fatalf("Listen after Serve stopped = %v, want nil", err)
	}
	if err := again.Close(); err != nil {
		t.Errorf("Close = %v", err)
	}
}

func TestClose(t *testing.T) {
	srv, stop := serve(t, echo)
	if _, err := Call(context.Background(), srv.Addr(), Request{Op: OpPing}); err != nil {
		t.Fatalf("Call(ping) = %v", err)
	}
	if err := srv.Close(); err != nil {
		t.Fatalf("Close = %v", err)
	}
	if err := stop(); err != nil {
		t.Errorf("Serve = %v after Close, want nil", err)
	}
	if err := srv.Close(); err != nil {
		t.Errorf("second Close = %v, want nil", err)
	}
	if err := srv.Serve(context.Background(), echo); err == nil {
		t.Errorf("Serve after Close = nil, want an error")
	}
}

func TestServeMisuse(t *testing.T) {
	srv, err := Listen(testAddr(t))
	if err != nil {
		t.Fatalf("Listen = %v", err)
	}
	defer srv.Close()
	if err := srv.Serve(context.Background(), nil); err == nil {
		t.Errorf("Serve(nil handler) = nil, want an error")
	}
	start(t, srv, echo)
	if _, err := Call(context.Background(), srv.Addr(), Request{Op: OpPing}); err != nil {
		t.Fatalf("Call(ping) = %v", err)
	}
	if err := srv.Serve(context.Background(), echo); err == nil {
		t.Errorf("second Serve = nil, want an error")
	}
}

func TestCallNoAgent(t *testing.T) {
	addr := testAddr(t)
	_, err := Call(context.Background(), addr, Request{Op: OpPing})
	if !errors.Is(err, ErrNoAgent) {
		t.Fatalf("Call(%s) = %v, want error wrapping ErrNoAgent", addr, err)
	}
	if !strings.Contains(err.Error(), addr) {
		t.Errorf("Call error %q does not name the address %s", err, addr)
	}
}

func TestCallRefusesInvalidRequest(t *testing.T) {
	_, err := Call(context.Background(), testAddr(t), Request{Op: "fly"})
	if err == nil || errors.Is(err, ErrNoAgent) || !strings.Contains(err.Error(), `unknown op "fly"`) {
		t.Fatalf("Call(fly) = %v, want an unknown op error before dialing", err)
	}
}

func TestCallHonorsContext(t *testing.T) {
	srv, _ := serve(t, func(ctx context.Context, req Request) Response {
		<-ctx.Done()
		return Failure(ctx.Err())
	})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	begin := time.Now()
	_, err := Call(ctx, srv.Addr(), Request{Op: OpStatus})
	if !errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Errorf("Call with a 50ms deadline = %v, want a deadline error", err)
	}
	if d := time.Since(begin); d > 2*time.Second {
		t.Errorf("Call with a 50ms deadline took %v", d)
	}
}

func TestSecondListen(t *testing.T) {
	first, err := Listen(testAddr(t))
	if err != nil {
		t.Fatalf("Listen = %v", err)
	}
	// Not serving yet: the lock or the pipe alone keeps a second agent out.
	if s, err := Listen(first.Addr()); !errors.Is(err, ErrAgentRunning) {
		if s != nil {
			s.Close()
		}
		t.Fatalf("second Listen before Serve = %v, want error wrapping ErrAgentRunning", err)
	}
	start(t, first, echo)
	_, err = Listen(first.Addr())
	if !errors.Is(err, ErrAgentRunning) {
		t.Fatalf("second Listen = %v, want error wrapping ErrAgentRunning", err)
	}
	if !strings.Contains(err.Error(), first.Addr()) {
		t.Errorf("second Listen error %q does not name the address", err)
	}
	// The first agent is undisturbed.
	if _, err := Call(context.Background(), first.Addr(), Request{Op: OpPing}); err != nil {
		t.Errorf("Call(ping) to the first agent = %v", err)
	}
}

func TestConcurrentListen(t *testing.T) {
	for range 20 {
		addr := testAddr(t)
		var wg sync.WaitGroup
		results := make(chan error, 2)
		servers := make(chan *Server, 2)
		for range 2 {
			wg.Go(func() {
				s, err := Listen(addr)
				if err == nil {
					servers <- s
				}
				results <- err
			})
		}
		wg.Wait()
		close(results)
		close(servers)
		var won, running int
		for err := range results {
			switch {
			case err == nil:
				won++
			case errors.Is(err, ErrAgentRunning):
				running++
			default:
				t.Errorf("Listen = %v, want nil or ErrAgentRunning", err)
			}
		}
		for s := range servers {
			s.Close()
		}
		if won != 1 || running != 1 {
			t.Fatalf("two concurrent Listen: %d won, %d got ErrAgentRunning; want 1 and 1", won, running)
		}
	}
}

func TestManyClients(t *testing.T) {
	srv, _ := serve(t, func(ctx context.Context, req Request) Response {
		time.Sleep(time.Millisecond)
		return echo(ctx, req)
	})
	const n = 200
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Go(func() {
			window := fmt.Sprintf("w%d", i)
			resp, err := Call(context.Background(), srv.Addr(), Request{Op: OpShow, Window: window})
			if err != nil {
				errs <- err
				return
			}
			var data map[string]string
			if err := json.Unmarshal(resp.Data, &data); err != nil || data["window"] != window {
				errs <- fmt.Errorf("response %s for window %s", resp.Data, window)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("Call = %v", err)
	}
}

func TestStuckClientDoesNotBlock(t *testing.T) {
	srv, err := Listen(testAddr(t))
	if err != nil {
		t.Fatalf("Listen = %v", err)
	}
	srv.timeout = 200 * time.Millisecond
	start(t, srv, echo)

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	stuck, err := dial(ctx, srv.Addr())
	if err != nil {
		t.Fatalf("dial = %v", err)
	}
	defer stuck.Close()
	stuck.Write([]byte(`{"v":1,`)) // and never more

	if _, err := Call(context.Background(), srv.Addr(), Request{Op: OpStatus}); err != nil {
		t.Errorf("Call beside a stuck client = %v", err)
	}
	// The server hangs up on the stuck client once its deadline passes.
	stuck.SetReadDeadline(time.Now().Add(5 * time.Second))
	begin := time.Now()
	n, err := stuck.Read(make([]byte, 1))
	if n != 0 || err == nil || errors.Is(err, os.ErrDeadlineExceeded) {
		t.Errorf("stuck client Read = %d, %v; want the server to hang up", n, err)
	}
	if d := time.Since(begin); d > 2*time.Second {
		t.Errorf("server hung up on the stuck client after %v, want about %v", d, srv.timeout)
	}
}

func TestEmptyConnection(t *testing.T) {
	srv, logs := listenLogged(t)
	start(t, srv, echo)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	conn, err := dial(ctx, srv.Addr())
	if err != nil {
		t.Fatalf("dial = %v", err)
	}
	conn.Close() // a client that hangs up without asking
	if _, err := Call(context.Background(), srv.Addr(), Request{Op: OpPing}); err != nil {
		t.Errorf("Call(ping) after an empty connection = %v", err)
	}
	if lines := logs.Lines(); len(lines) != 0 {
		t.Errorf("logs = %q, want none for a client that hung up", lines)
	}
}

func TestPeerOfAnotherUID(t *testing.T) {
	if runtime.GOOS != "linux" && runtime.GOOS != "darwin" {
		t.Skipf("no peer credentials on %s", runtime.GOOS)
	}
	srv, logs := listenLogged(t)
	srv.uid = os.Geteuid() + 1 // pretend the agent runs as someone else
	called := make(chan struct{}, 1)
	start(t, srv, func(ctx context.Context, req Request) Response {
		called <- struct{}{}
		return echo(ctx, req)
	})
	_, err := Call(context.Background(), srv.Addr(), Request{Op: OpStatus})
	if err == nil || !strings.Contains(err.Error(), "connection closed without a response") {
		t.Errorf("Call from another uid = %v, want the connection dropped", err)
	}
	select {
	case <-called:
		t.Errorf("handler called for a peer of another uid")
	default:
	}
	want := fmt.Sprintf("ipc: dropped connection from uid %d, want uid %d", os.Geteuid(), srv.uid)
	if !slices.Contains(logs.Lines(), want) {
		t.Errorf("logs = %q, want a line %q", logs.Lines(), want)
	}
}

// logBuffer collects log lines; its Logf is safe for concurrent use.
type logBuffer struct {
	mu    sync.Mutex
	lines []string
}

// Logf records one line.
func (b *logBuffer) Logf(format string, args ...any) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.lines = append(b.lines, fmt.Sprintf(format, args...))
}

// waitFor waits up to 5 s for a line want and reports whether it came.
func (b *logBuffer) waitFor(want string) bool {
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if slices.Contains(b.Lines(), want) {
			return true
		}
	}
	return slices.Contains(b.Lines(), want)
}

// Lines returns the lines so far.
func (b *logBuffer) Lines() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return slices.Clone(b.lines)
}

// TestIdleClientsDoNotBlock opens connections that send nothing, or a byte
// now and then, as a local process of the same user may, and asks for the
// status beside them (issue 8, point 10: 64 idle connections held the server
// for its 5 s limit, more for longer).
func TestIdleClientsDoNotBlock(t *testing.T) {
	// Far below Timeout, far above what answering takes on a loaded machine.
	const bound = 2 * time.Second
	tests := []struct {
		name       string
		idle, slow int
	}{
		{name: "64 idle", idle: 64},
		{name: "200 idle", idle: 200},
		{name: "64 slowloris", slow: 64},
		{name: "200 idle and a slowloris", idle: 200, slow: 1},
		{name: "more idle than the server serves at once", idle: maxConns + 100},
		{name: "more slowloris than the server serves at once", slow: maxConns + 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.idle+tt.slow > maxConns && testdir.UnderWine() {
				t.Skipf("under Wine, opening %d connections takes longer than RequestTimeout (%v), so the server drops them for their timeout before it has maxConns open", tt.idle+tt.slow, RequestTimeout)
			}
			srv, logs := listenLogged(t)
			start(t, srv, echo)
			ctx, cancel := context.WithCancel(context.Background())
			var wg sync.WaitGroup
			defer wg.Wait()
			defer cancel()
			for range tt.idle {
				conn := dialRetry(t, srv.Addr())
				defer conn.Close()
			}
			for range tt.slow {
				conn := dialRetry(t, srv.Addr())
				defer conn.Close()
				wg.Go(func() { dribble(ctx, conn) })
			}
			for i := range 3 { // the first beside them, and again
				begin := time.Now()
				callCtx, cancelCall := context.WithTimeout(context.Background(), 10*time.Second)
				_, err := Call(callCtx, srv.Addr(), Request{Op: OpStatus})
				cancelCall()
				if took := time.Since(begin); err != nil || took > bound {
					t.Errorf("Call(status) #%d beside %d idle and %d slow connections = %v after %v, want an answer within %v", i, tt.idle, tt.slow, err, took, bound)
				}
			}
			if tt.idle+tt.slow > maxConns {
				want := fmt.Sprintf("ipc: %d connections open; dropped the one that waited longest for its request", maxConns)
				if !slices.Contains(logs.Lines(), want) {
					t.Errorf("logs = %.300q..., want a line %q", logs.Lines(), want)
				}
			}
		})
	}
}

// TestSlowRequestDropped checks that a client sending its request a byte at
// a time is dropped after RequestTimeout, not kept for the whole Timeout.
func TestSlowRequestDropped(t *testing.T) {
	srv, logs := listenLogged(t)
	start(t, srv, echo)
	conn := dialRetry(t, srv.Addr())
	defer conn.Close()
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	defer wg.Wait()
	defer cancel()
	begin := time.Now()
	wg.Go(func() { dribble(ctx, conn) })

	conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	n, err := conn.Read(make([]byte, 1))
	took := time.Since(begin)
	if n != 0 || err == nil || errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("slow client Read = %d, %v; want the server to hang up", n, err)
	}
	// Timeout is 5 s; RequestTimeout 1 s. The bound leaves room for a slow
	// machine and still tells them apart.
	if took < RequestTimeout/2 || took > 3*time.Second {
		t.Errorf("server hung up on a slow client after %v, want about %v", took, RequestTimeout)
	}
	want := fmt.Sprintf("ipc: dropped connection: no complete request within %v", RequestTimeout)
	if !logs.waitFor(want) {
		t.Errorf("logs = %q, want a line %q", logs.Lines(), want)
	}
}

// TestSlowHandlerHasTheWholeTimeout checks that the request timeout bounds
// only the reading of the request: a handler may take longer.
func TestSlowHandlerHasTheWholeTimeout(t *testing.T) {
	srv, _ := serve(t, func(ctx context.Context, req Request) Response {
		select {
		case <-time.After(RequestTimeout + 500*time.Millisecond):
			return echo(ctx, req)
		case <-ctx.Done():
			return Failure(ctx.Err())
		}
	})
	if _, err := Call(context.Background(), srv.Addr(), Request{Op: OpStatus}); err != nil {
		t.Errorf("Call to a handler slower than RequestTimeout = %v, want its answer", err)
	}
}

// dialRetry connects to addr, retrying for a while if the listen backlog is
// full, and fails the test if it cannot.
func dialRetry(t *testing.T, addr string) net.Conn {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		conn, err := dial(ctx, addr)
		cancel()
		if err == nil {
			return conn
		}
		if time.Now().After(deadline) {
			t.Fatalf("dial(%s) = %v", addr, err)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// dribble writes the start of a request to conn a byte at a time, one every
// 100 ms, never ending it, until ctx is done or the write fails.
func dribble(ctx context.Context, conn net.Conn) {
	payload := []byte(`{"v":1,"op":"status"` + strings.Repeat(" ", 1000))
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for _, b := range payload {
		if _, err := conn.Write([]byte{b}); err != nil {
			return
		}
		select {
		case <-tick.C:
		case <-ctx.Done():
			return
		}
	}
}
