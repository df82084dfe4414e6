// Package ipc is the local channel between Grendel's resident agent and the
// processes that talk to it: the on-demand UI (grendel ui WINDOW) and the CLI
// commands (grendel status).
//
// The agent calls [Listen] and [Server.Serve]; everyone else calls [Call].
// [DefaultAddress] names the channel of the current user.
//
// # Transport
//
// On Unix the channel is a socket file of mode 0600 inside a runtime
// directory of mode 0700 owned by the current user, in a place only that
// user controls ([DefaultAddress]): $XDG_RUNTIME_DIR/grendel,
// /run/user/UID/grendel or $TMPDIR/grendel when that base is the user's
// own and private, else grendel/run in the user's cache directory. A
// shared directory such as /tmp is never used, as another user could take
// the name first. [Listen] checks every directory on the way (owned by root
// or the user, not writable by others unless sticky, symlinks only of root
// or the user), creates what is missing with mode 0700, refuses a runtime
// directory that is a symlink, not a directory, sticky or owned by another
// user, and tightens one of ours that group or others can enter. On Linux
// and macOS both ends also check the peer's uid (SO_PEERCRED,
// LOCAL_PEERCRED) and drop a peer of another uid.
//
// On Windows the channel is the named pipe \\.\pipe\grendel-SID, SID being
// the user of the process token. The pipe's owner is that user and its DACL
// grants access to that user alone; remote clients are rejected. [Call]
// refuses a pipe that someone else owns (a squatter).
//
// # Single instance
//
// Only one agent per user serves the channel. On Unix [Listen] holds an
// exclusive flock on agent.lock, next to the socket, for the life of the
// [Server]; the lock file itself is never removed. With the lock held, a
// socket file nobody answers on is stale (left by a crash or kill -9) and is
// replaced. If the lock is taken but the socket cannot be made (a path too
// long for a socket, say), the agent keeps the lock without a channel: a
// second agent still gets [ErrAgentRunning], and [Call] an error wrapping
// [ErrNoChannel] rather than [ErrNoAgent]. On Windows [Listen] holds the
// named mutex Local\grendel-SID (the user's session) for the life of the
// [Server], and a mutex exists only while a handle to it is open; the pipe
// is made after it (a pipe that cannot be made leaves the agent with
// [ErrNoChannel], as on Unix). Either way, when another agent is alive [Listen] returns an
// error wrapping [ErrAgentRunning].
//
// # Protocol, version 1
//
// One request per connection. The client sends one line, a JSON object
// ended by a newline (LF; a client may instead half-close after the object):
//
//	{"v":1,"op":"ping"}
//	{"v":1,"op":"status"}
//	{"v":1,"op":"show","window":"status"}
//	{"v":1,"op":"reload"}
//	{"v":1,"op":"lock"}
//	{"v":1,"op":"present","duration":"30m"}
//	{"v":1,"op":"quit"}
//
// "v" is the protocol version and must be 1. "op" is one of the [Op]
// constants. "window" is required for "show" and not allowed otherwise; it is
// 1 to 32 characters from a-z, 0-9 and '-'. "duration" is required for
// "present" and not allowed otherwise. The line is decoded strictly: field
// names are exact and lower case, each at most once; unknown fields are
// rejected, and so is anything but white space after the object (one object
// per line, so {"op":"ping","op":"lock"} or {"Op":"lock"} cannot mean
// something a client's or proxy's check did not see). A request line may
// hold at most [MaxRequestSize] bytes, the newline not counted.
//
// The agent answers with one line and closes the connection:
//
//	{"v":1,"ok":true}
//	{"v":1,"ok":true,"data":{...}}
//	{"v":1,"ok":false,"error":"bad request: unknown op \"fly\""}
//
// "data" is any JSON value and is absent when there is none; its shape is
// defined per op by the agent, not by this package. "error" is a
// human-readable English message, present exactly when "ok" is false. A
// response line may hold at most [MaxResponseSize] bytes.
//
// A request that is malformed, too large, of another version, or names an
// unknown op still gets an error response (a request too large gets it
// without being read to the end). Only a peer of another uid, and a client
// that has not sent its request within the time limit or is dropped to make
// room (see below), are dropped without one. "ping" is answered by the server itself and proves that an
// agent is alive; the other ops go to the [Handler].
//
// The agent gives each connection 1 second ([RequestTimeout]) to send its
// whole request line and 5 seconds ([Timeout]) in all to have it answered
// and read the response. It serves at most 256 connections at once and, when
// a new one comes, drops the one that has waited longest for its request, so
// idle or slow clients never keep it from answering a new one.
package ipc

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// Version is the protocol version this package speaks.
const Version = 1

// MaxRequestSize is the largest request line, in bytes without the newline,
// that the server reads.
const MaxRequestSize = 64 << 10

// MaxResponseSize is the largest response line, in bytes without the
// newline, that [Call] reads.
const MaxResponseSize = 1 << 20

// maxWindowLen is the longest window name a show request may carry.
const maxWindowLen = 32

// Op names what a [Request] asks the agent to do.
type Op string

// The operations of protocol version 1.
const (
	// OpPing asks whether an agent is alive. The server answers it itself.
	OpPing Op = "ping"
	// OpStatus asks for the agent's state, returned as data.
	OpStatus Op = "status"
	// OpShow asks the agent to open the window named in [Request.Window].
	OpShow Op = "show"
	// OpReload asks the agent to reload its policy.
	OpReload Op = "reload"
	// OpLock asks the agent to lock the session now. The agent answers at
	// once, without data, once the lock has started (the lock chain may take
	// longer than a connection may last); the outcome shows in the status.
	OpLock Op = "lock"
	// OpPresent starts presentation mode for [Request.Duration] ("0" ends
	// it); the data is when it ends.
	OpPresent Op = "present"
	// OpQuit asks the agent to stop, as the user confirmed in the quit
	// window; the agent refuses when its policy does not allow quitting.
	// It answers before it stops.
	OpQuit Op = "quit"
)

// known reports whether op is an operation of protocol version 1.
func (op Op) known() bool {
	switch op {
	case OpPing, OpStatus, OpShow, OpReload, OpLock, OpPresent, OpQuit:
		return true
	}
	return false
}

// Request is one request of the protocol.
type Request struct {
	// V is the protocol version. [Call] fills in [Version] when it is zero.
	V int `json:"v"`
	// Op is the operation.
	Op Op `json:"op"`
	// Window names the window for [OpShow] and is empty otherwise.
	Window string `json:"window,omitempty"`
	// Duration is the length of presentation mode for [OpPresent], a Go
	// duration such as "30m", and is empty otherwise.
	Duration string `json:"duration,omitempty"`
}

// Response is the agent's answer to a [Request].
type Response struct {
	// V is the protocol version. The server always sends [Version].
	V int `json:"v"`
	// OK reports whether the request succeeded.
	OK bool `json:"ok"`
	// Data is the result of a successful request, if any.
	Data json.RawMessage `json:"data,omitempty"`
	// Error says why the request failed. It is set exactly when OK is false.
	Error string `json:"error,omitempty"`
}

// Success returns a successful [Response] that carries data encoded as JSON,
// or none when data is nil. If data cannot be encoded, Success returns a
// failed Response saying so.
func Success(data any) Response {
	if data == nil {
		return Response{V: Version, OK: true}
	}
	b, err := json.Marshal(data)
	if err != nil {
		return Failure(fmt.Errorf("encoding response data: %w", err))
	}
	return Response{V: Version, OK: true, Data: b}
}

// Failure returns a failed [Response] whose message is err's text. It is
// sent to the client, so err should not hold secrets.
func Failure(err error) Response {
	msg := "request failed"
	if err != nil && err.Error() != "" {
		msg = err.Error()
	}
	return Response{V: Version, Error: msg}
}

var (
	// ErrAgentRunning is wrapped by the error [Listen] returns when another
	// agent already serves the address.
	ErrAgentRunning = errors.New("agent already running")
	// ErrNoAgent is wrapped by the error [Call] returns when no agent listens
	// at the address.
	ErrNoAgent = errors.New("agent not running")
	// ErrNoChannel is wrapped by the error [Listen] returns when it holds the
	// single-instance lock but cannot open the channel, and by the error
	// [Call] returns when an agent holds the lock but does not answer (on
	// Unix; the lock is checked when nothing listens).
	ErrNoChannel = errors.New("agent runs without its channel")
	// ErrRequestFailed is wrapped by the error [Call] returns when the agent
	// answered with "ok":false; the error's text ends with the agent's
	// message.
	ErrRequestFailed = errors.New("agent refused request")

	// errBadRequest is wrapped by every error decodeRequest returns.
	errBadRequest = errors.New("bad request")
	// errBadResponse is wrapped by every error decodeResponse returns.
	errBadResponse = errors.New("bad response")
	// errTooLarge is returned by readLine for a line over its limit.
	errTooLarge = errors.New("message too large")
)

// requestFields are the field names of a version 1 request, in the only
// case they are accepted in.
var requestFields = []string{"v", "op", "window", "duration"}

// errUnknownField is the error for a request field that is not one of
// requestFields, in another case too; it does not echo the name.
var errUnknownField = errors.New(`unknown field: version 1 has only "v", "op", "window" and "duration", in lower case`)

// decodeRequest parses and validates one request line (without the newline).
// Every error wraps errBadRequest and is fit to send back to the client.
//
// It is stricter than encoding/json: the line must be one JSON object and
// nothing more, no key may occur twice and every key must be one of
// requestFields exactly, so that {"op":"ping","op":"lock"} or {"Op":"lock"}
// cannot mean something the client's checks did not see.
func decodeRequest(line []byte) (Request, error) {
	members, err := objectMembers(line)
	if err != nil {
		return Request{}, fmt.Errorf("%w: %w", errBadRequest, err)
	}
	// The version decides how the rest is read, so it is checked first.
	rawV, ok := members["v"]
	if !ok || string(rawV) == "null" {
		return Request{}, fmt.Errorf("%w: missing protocol version, want \"v\":%d", errBadRequest, Version)
	}
	var v int
	if err := json.Unmarshal(rawV, &v); err != nil {
		return Request{}, fmt.Errorf("%w: %w", errBadRequest, jsonError(inField("v", err)))
	}
	if v != Version {
		return Request{}, fmt.Errorf("%w: unsupported protocol version %d, want %d", errBadRequest, v, Version)
	}
	for key := range members {
		if !slices.Contains(requestFields, key) {
			return Request{}, fmt.Errorf("%w: %w", errBadRequest, errUnknownField)
		}
	}
	var req Request
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return Request{}, fmt.Errorf("%w: %w", errBadRequest, jsonError(err))
	}
	if err := req.validate(); err != nil {
		return Request{}, fmt.Errorf("%w: %w", errBadRequest, err)
	}
	return req, nil
}

// objectMembers checks that line holds one JSON object and, after it, only
// white space, and that no key of the object occurs twice. It returns the
// object's values by key, the keys exactly as sent (escapes resolved). Its
// errors hold nothing from the input but offsets, kinds of values and keys
// of requestFields.
func objectMembers(line []byte) (map[string]json.RawMessage, error) {
	dec := json.NewDecoder(bytes.NewReader(line))
	malformed := func(err error) error {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return fmt.Errorf("malformed JSON at offset %d", len(line)) // cut short
		}
		return jsonError(err)
	}
	tok, err := dec.Token()
	if err != nil {
		return nil, malformed(err)
	}
	if tok != json.Delim('{') {
		return nil, fmt.Errorf("want a JSON object, got %s", tokenKind(tok))
	}
	members := make(map[string]json.RawMessage)
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, malformed(err)
		}
		key, _ := tok.(string) // the decoder allows nothing else here
		var value json.RawMessage
		if err := dec.Decode(&value); err != nil {
			return nil, malformed(err)
		}
		if _, dup := members[key]; dup {
			if !slices.Contains(requestFields, key) {
				return nil, errUnknownField
			}
			return nil, fmt.Errorf("duplicate field %q", key)
		}
		members[key] = value
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return nil, malformed(err)
	}
	end := dec.InputOffset()
	switch _, err := dec.Token(); {
	case err == io.EOF:
		return members, nil
	case err != nil:
		return nil, malformed(err)
	}
	return nil, fmt.Errorf("malformed JSON: more data after the object, which ends at offset %d", end)
}

// tokenKind names the kind of JSON value that tok starts.
func tokenKind(tok json.Token) string {
	switch tok.(type) {
	case json.Delim:
		return "array" // '{' is an object, and '}' and ']' cannot start a value
	case string:
		return "string"
	case bool:
		return "boolean"
	case nil:
		return "null"
	}
	return "number"
}

// inField names field in err when err is a type error of a value decoded on
// its own, as the struct field it stands for.
func inField(field string, err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Field == "" {
		te.Field = field
	}
	return err
}

// validate checks a request whose version is already known to be [Version].
func (r Request) validate() error {
	if r.V != Version {
		return fmt.Errorf("unsupported protocol version %d, want %d", r.V, Version)
	}
	switch {
	case r.Op == "":
		return errors.New("missing op")
	case !r.Op.known():
		return fmt.Errorf("unknown op %q", truncate(string(r.Op), 32))
	case r.Op == OpShow && r.Window == "":
		return fmt.Errorf("op %q needs a window", r.Op)
	case r.Op != OpShow && r.Window != "":
		return fmt.Errorf("op %q takes no window", r.Op)
	case r.Op == OpShow && !validWindow(r.Window):
		return fmt.Errorf("invalid window name: want 1 to %d characters from a-z, 0-9 and '-'", maxWindowLen)
	case r.Op == OpPresent && r.Duration == "":
		return fmt.Errorf("op %q needs a duration", r.Op)
	case r.Op != OpPresent && r.Duration != "":
		return fmt.Errorf("op %q takes no duration", r.Op)
	}
	if r.Op == OpPresent {
		if d, err := time.ParseDuration(r.Duration); err != nil || d < 0 || len(r.Duration) > 16 {
			return errors.New("invalid duration: want a Go duration such as \"30m\", at least 0")
		}
	}
	return nil
}

// validWindow reports whether name is a well-formed window name.
func validWindow(name string) bool {
	if name == "" || len(name) > maxWindowLen {
		return false
	}
	for _, c := range []byte(name) {
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '-' {
			return false
		}
	}
	return true
}

// encodeRequest returns req as one line, newline included, filling in the
// version when it is zero. It refuses a request the server would reject.
func encodeRequest(req Request) ([]byte, error) {
	if req.V == 0 {
		req.V = Version
	}
	if err := req.validate(); err != nil {
		return nil, err
	}
	b, err := json.Marshal(req)
	if err != nil {
		return nil, fmt.Errorf("encoding request: %w", err)
	}
	return append(b, '\n'), nil
}

// encodeResponse returns resp as one line, newline included. It sets the
// version and makes OK and Error agree; if resp cannot be encoded (invalid
// Data, or too large), it encodes a failure saying so instead.
func encodeResponse(resp Response) []byte {
	resp.V = Version
	if resp.OK {
		resp.Error = ""
	} else {
		resp.Data = nil
		if resp.Error == "" {
			resp.Error = "request failed"
		}
	}
	b, err := json.Marshal(resp)
	switch {
	case err != nil:
		b, _ = json.Marshal(Failure(errors.New("internal error: response data is not valid JSON")))
	case len(b) > MaxResponseSize:
		b, _ = json.Marshal(Failure(fmt.Errorf("internal error: response larger than %d bytes", MaxResponseSize)))
	}
	return append(b, '\n')
}

// versionOnly is the first pass of decoding a response: the version decides
// how the rest is read.
type versionOnly struct {
	V *int `json:"v"`
}

// decodeResponse parses one response line (without the newline). Every error
// wraps errBadResponse.
func decodeResponse(line []byte) (Response, error) {
	var vo versionOnly
	if err := json.Unmarshal(line, &vo); err != nil {
		return Response{}, fmt.Errorf("%w: %w", errBadResponse, jsonError(err))
	}
	switch {
	case vo.V == nil:
		return Response{}, fmt.Errorf("%w: missing protocol version", errBadResponse)
	case *vo.V != Version:
		return Response{}, fmt.Errorf("%w: agent speaks protocol version %d, want %d", errBadResponse, *vo.V, Version)
	}
	var resp Response
	if err := json.Unmarshal(line, &resp); err != nil {
		return Response{}, fmt.Errorf("%w: %w", errBadResponse, jsonError(err))
	}
	switch {
	case resp.OK && resp.Error != "":
		return Response{}, fmt.Errorf("%w: ok response carries an error", errBadResponse)
	case !resp.OK && resp.Error == "":
		return Response{}, fmt.Errorf("%w: failed response carries no error", errBadResponse)
	}
	if len(resp.Data) == 0 || string(resp.Data) == "null" {
		resp.Data = nil
	}
	return resp, nil
}

// jsonError turns an encoding/json error into a short message that holds
// nothing from the input but offsets and kinds of values, so it is safe to
// log.
func jsonError(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		kind, _, _ := strings.Cut(te.Value, " ") // "number 1.5" → "number"
		if te.Field == "" {
			return fmt.Errorf("want a JSON object, got %s", kind)
		}
		return fmt.Errorf("field %q is %s, want %s", te.Field, kind, te.Type)
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("malformed JSON at offset %d", se.Offset)
	}
	if strings.HasPrefix(err.Error(), "json: unknown field ") {
		return errUnknownField
	}
	return errors.New("malformed JSON")
}

// truncate shortens s to at most n bytes, marking the cut with "...".
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}

// readLine reads one line of at most max bytes, newline not counted, and
// returns it without the newline. End of input also ends a line that is not
// empty. A longer line gives errTooLarge; end of input before any byte gives
// io.EOF.
func readLine(r io.Reader, max int) ([]byte, error) {
	lr := &io.LimitedReader{R: r, N: int64(max) + 1}
	var line []byte
	buf := make([]byte, 4096)
	for {
		n, err := lr.Read(buf)
		if i := bytes.IndexByte(buf[:n], '\n'); i >= 0 {
			line = append(line, buf[:i]...)
			if len(line) > max {
				return nil, errTooLarge
			}
			return line, nil
		}
		line = append(line, buf[:n]...)
		if len(line) > max {
			return nil, errTooLarge
		}
		if err == io.EOF {
			if len(line) == 0 {
				return nil, io.EOF
			}
			return line, nil
		}
		if err != nil {
			return nil, err
		}
	}
}
