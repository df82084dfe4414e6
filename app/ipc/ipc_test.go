package ipc

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
)

// requestTests feeds TestDecodeRequest and the seeds of FuzzDecodeRequest.
// wantErr is a substring of the error; empty means the request is valid.
var requestTests = []struct {
	name    string
	in      string
	want    Request
	wantErr string
}{
	{name: "ping", in: `{"v":1,"op":"ping"}`, want: Request{V: 1, Op: OpPing}},
	{name: "status", in: `{"v":1,"op":"status"}`, want: Request{V: 1, Op: OpStatus}},
	{name: "show", in: `{"v":1,"op":"show","window":"status"}`, want: Request{V: 1, Op: OpShow, Window: "status"}},
	{name: "show dashed window", in: `{"v":1,"op":"show","window":"pass-words2"}`, want: Request{V: 1, Op: OpShow, Window: "pass-words2"}},
	{name: "reload", in: `{"v":1,"op":"reload"}`, want: Request{V: 1, Op: OpReload}},
	{name: "lock", in: `{"v":1,"op":"lock"}`, want: Request{V: 1, Op: OpLock}},
	{name: "present", in: `{"v":1,"op":"present","duration":"30m"}`, want: Request{V: 1, Op: OpPresent, Duration: "30m"}},
	{name: "present end", in: `{"v":1,"op":"present","duration":"0"}`, want: Request{V: 1, Op: OpPresent, Duration: "0"}},
	{name: "quit", in: `{"v":1,"op":"quit"}`, want: Request{V: 1, Op: OpQuit}},
	{name: "window on quit", in: `{"v":1,"op":"quit","window":"status"}`, wantErr: `op "quit" takes no window`},
	{name: "present without duration", in: `{"v":1,"op":"present"}`, wantErr: `op "present" needs a duration`},
	{name: "present bad duration", in: `{"v":1,"op":"present","duration":"soon"}`, wantErr: "invalid duration"},
	{name: "present negative", in: `{"v":1,"op":"present","duration":"-5m"}`, wantErr: "invalid duration"},
	{name: "duration on lock", in: `{"v":1,"op":"lock","duration":"5m"}`, wantErr: `op "lock" takes no duration`},
	{name: "fields reordered", in: `{"op":"reload","v":1}`, want: Request{V: 1, Op: OpReload}},
	{name: "whitespace and CR", in: " {\"v\": 1, \"op\": \"ping\"}\t\r", want: Request{V: 1, Op: OpPing}},
	{name: "empty window on ping", in: `{"v":1,"op":"ping","window":""}`, want: Request{V: 1, Op: OpPing}},

	{name: "missing version", in: `{"op":"ping"}`, wantErr: `missing protocol version, want "v":1`},
	{name: "null version", in: `{"v":null,"op":"ping"}`, wantErr: "missing protocol version"},
	{name: "version 0", in: `{"v":0,"op":"ping"}`, wantErr: "unsupported protocol version 0, want 1"},
	{name: "version 2 with new fields", in: `{"v":2,"op":"teleport","to":"mars"}`, wantErr: "unsupported protocol version 2, want 1"},
	{name: "negative version", in: `{"v":-1,"op":"ping"}`, wantErr: "unsupported protocol version -1"},
	{name: "version as string", in: `{"v":"1","op":"ping"}`, wantErr: `field "v" is string`},
	{name: "version as float", in: `{"v":1.5,"op":"ping"}`, wantErr: `field "v" is number, want int`},
	{name: "version overflows", in: `{"v":1e400,"op":"ping"}`, wantErr: `field "v"`},
	{name: "missing op", in: `{"v":1}`, wantErr: "missing op"},
	{name: "empty op", in: `{"v":1,"op":""}`, wantErr: "missing op"},
	{name: "unknown op", in: `{"v":1,"op":"fly"}`, wantErr: `unknown op "fly"`},
	{name: "op in capitals", in: `{"v":1,"op":"PING"}`, wantErr: `unknown op "PING"`},
	{name: "long unknown op is cut", in: `{"v":1,"op":"` + strings.Repeat("x", 100) + `"}`, wantErr: `unknown op "` + strings.Repeat("x", 32) + `..."`},
	{name: "op as number", in: `{"v":1,"op":3}`, wantErr: `field "op" is number`},
	{name: "show without window", in: `{"v":1,"op":"show"}`, wantErr: `op "show" needs a window`},
	{name: "window on status", in: `{"v":1,"op":"status","window":"status"}`, wantErr: `op "status" takes no window`},
	{name: "window with capitals", in: `{"v":1,"op":"show","window":"Status"}`, wantErr: "invalid window name"},
	{name: "window with path", in: `{"v":1,"op":"show","window":"../etc"}`, wantErr: "invalid window name"},
	{name: "window with space", in: `{"v":1,"op":"show","window":"a b"}`, wantErr: "invalid window name"},
	{name: "window too long", in: `{"v":1,"op":"show","window":"` + strings.Repeat("w", 33) + `"}`, wantErr: "invalid window name"},
	{name: "window as number", in: `{"v":1,"op":"show","window":7}`, wantErr: `field "window" is number`},
	{name: "unknown field", in: `{"v":1,"op":"ping","x":1}`, wantErr: `unknown field: version 1 has only "v", "op", "window" and "duration", in lower case`},

	// Strict decoding: what encoding/json alone lets through (issue 8,
	// point 11).
	{name: "duplicate op, the last a lock", in: `{"op":"ping","op":"lock","v":1}`, wantErr: `duplicate field "op"`},
	{name: "duplicate op, same value", in: `{"v":1,"op":"ping","op":"ping"}`, wantErr: `duplicate field "op"`},
	{name: "duplicate version", in: `{"v":2,"v":1,"op":"ping"}`, wantErr: `duplicate field "v"`},
	{name: "duplicate window", in: `{"v":1,"op":"show","window":"status","window":"settings"}`, wantErr: `duplicate field "window"`},
	{name: "duplicate duration", in: `{"v":1,"op":"present","duration":"1m","duration":"0"}`, wantErr: `duplicate field "duration"`},
	{name: "duplicate through an escape", in: `{"v":1,"op":"ping","\u006fp":"lock"}`, wantErr: `duplicate field "op"`},
	{name: "duplicate unknown field", in: `{"v":1,"op":"ping","x":1,"x":2}`, wantErr: "unknown field"},
	{name: "op in another case", in: `{"v":1,"Op":"lock"}`, wantErr: "unknown field"},
	{name: "op in another case beside op", in: `{"v":1,"op":"ping","OP":"lock"}`, wantErr: "unknown field"},
	{name: "version in capitals", in: `{"V":1,"op":"ping"}`, wantErr: "missing protocol version"},
	{name: "version in capitals beside v", in: `{"v":1,"V":1,"op":"ping"}`, wantErr: "unknown field"},
	{name: "window in another case", in: `{"v":1,"op":"show","Window":"status"}`, wantErr: "unknown field"},
	{name: "duration in another case", in: `{"v":1,"op":"present","DURATION":"5m"}`, wantErr: "unknown field"},
	{name: "kelvin sign folds to k", in: "{\"v\":1,\"op\":\"ping\",\"\u212a\":1}", wantErr: "unknown field"},
	{name: "escaped key is the same key", in: `{"\u0076":1,"op":"ping"}`, want: Request{V: 1, Op: OpPing}},
	{name: "unknown field holding an object", in: `{"v":1,"op":"ping","x":{"op":"lock"}}`, wantErr: "unknown field"},
	{name: "nested duplicates are still unknown", in: `{"v":1,"op":"ping","x":{"a":1,"a":2}}`, wantErr: "unknown field"},
	{name: "trailing object", in: `{"v":1,"op":"ping"} {"v":1,"op":"lock"}`, wantErr: "more data after the object"},
	{name: "trailing number", in: `{"v":1,"op":"ping"}1`, wantErr: "more data after the object"},
	{name: "trailing bracket", in: `{"v":1,"op":"ping"}]`, wantErr: "malformed JSON"},
	{name: "number", in: `1`, wantErr: "want a JSON object, got number"},
	{name: "boolean", in: `true`, wantErr: "want a JSON object, got boolean"},
	{name: "closing brace", in: `}`, wantErr: "malformed JSON"},
	{name: "unclosed object", in: `{"v":1,"op":"ping"`, wantErr: "malformed JSON"},
	{name: "key without value", in: `{"v":1,"op"}`, wantErr: "malformed JSON"},
	{name: "number as key", in: `{1:1}`, wantErr: "malformed JSON"},

	{name: "empty", in: ``, wantErr: "malformed JSON"},
	{name: "spaces only", in: `   `, wantErr: "malformed JSON"},
	{name: "cut short", in: `{"v":1,"op":"pi`, wantErr: "malformed JSON"},
	{name: "not JSON", in: `ping`, wantErr: "malformed JSON at offset 1"},
	{name: "trailing garbage", in: `{"v":1,"op":"ping"} x`, wantErr: "malformed JSON"},
	{name: "two objects", in: `{"v":1,"op":"ping"}{"v":1,"op":"ping"}`, wantErr: "malformed JSON"},
	{name: "array", in: `[{"v":1,"op":"ping"}]`, wantErr: "want a JSON object, got array"},
	{name: "string", in: `"ping"`, wantErr: "want a JSON object, got string"},
	{name: "null", in: `null`, wantErr: "want a JSON object, got null"},
	{name: "invalid UTF-8 in op", in: "{\"v\":1,\"op\":\"p\xffing\"}", wantErr: "unknown op"},

	// Cases found by fuzzing.
}

func TestDecodeRequest(t *testing.T) {
	for _, tt := range requestTests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := decodeRequest([]byte(tt.in))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("decodeRequest(%q) = %+v, %v; want error containing %q", tt.in, got, err, tt.wantErr)
				}
				if !errors.Is(err, errBadRequest) {
					t.Errorf("decodeRequest(%q) error %v does not wrap errBadRequest", tt.in, err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("decodeRequest(%q) = %+v, %v; want %+v, nil", tt.in, got, err, tt.want)
			}
		})
	}
}

func FuzzDecodeRequest(f *testing.F) {
	for _, tt := range requestTests {
		f.Add([]byte(tt.in))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		req, err := decodeRequest(in)
		if err != nil {
			if !errors.Is(err, errBadRequest) {
				t.Fatalf("decodeRequest(%q) error %v does not wrap errBadRequest", in, err)
			}
			// The error goes back to the client and into logs: it must
			// not echo the request.
			if n := len(err.Error()); n > 200 {
				t.Fatalf("decodeRequest(%q) error is %d bytes long, want at most 200", in, n)
			}
			return
		}
		if err := req.validate(); err != nil {
			t.Fatalf("decodeRequest(%q) = %+v, which does not validate: %v", in, req, err)
		}
		// What it took is one object, every key once and exactly as the
		// protocol spells it.
		keys, ok := topLevelKeys(in)
		if !ok {
			t.Fatalf("decodeRequest(%q) = %+v, nil; want an error: not one JSON object", in, req)
		}
		seen := make(map[string]bool)
		for _, k := range keys {
			if seen[k] || !slices.Contains(requestFields, k) {
				t.Fatalf("decodeRequest(%q) = %+v, nil; want an error for key %q (keys %q)", in, req, k, keys)
			}
			seen[k] = true
		}
		line, err := encodeRequest(req)
		if err != nil {
			t.Fatalf("encodeRequest(%+v) = %v", req, err)
		}
		if len(line) > MaxRequestSize+1 {
			t.Fatalf("encodeRequest(%+v) is %d bytes, want at most %d", req, len(line), MaxRequestSize+1)
		}
		again, err := decodeRequest(bytes.TrimSuffix(line, []byte("\n")))
		if err != nil || again != req {
			t.Fatalf("decodeRequest(encodeRequest(%+v)) = %+v, %v; want the same request", req, again, err)
		}
	})
}

// topLevelKeys returns the keys of the JSON object in, in order and
// duplicates included, walking the tokens apart from the decoder under test.
// ok is false unless in is one JSON object and white space.
func topLevelKeys(in []byte) (keys []string, ok bool) {
	dec := json.NewDecoder(bytes.NewReader(in))
	first, err := dec.Token()
	if err != nil || first != json.Delim('{') {
		return nil, false
	}
	depth, key := 1, true // key: the next token at depth 1 is a key
	for depth > 0 {
		tok, err := dec.Token()
		if err != nil {
			return nil, false
		}
		if s, isKey := tok.(string); isKey && depth == 1 && key {
			keys = append(keys, s)
			key = false
			continue
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
		key = depth == 1
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, false
	}
	return keys, true
}

func TestEncodeRequest(t *testing.T) {
	tests := []struct {
		name    string
		req     Request
		want    string
		wantErr string
	}{
		{name: "fills version", req: Request{Op: OpPing}, want: `{"v":1,"op":"ping"}` + "\n"},
		{name: "show", req: Request{V: 1, Op: OpShow, Window: "status"}, want: `{"v":1,"op":"show","window":"status"}` + "\n"},
		{name: "other version", req: Request{V: 2, Op: OpPing}, wantErr: "unsupported protocol version 2"},
		{name: "unknown op", req: Request{Op: "fly"}, wantErr: `unknown op "fly"`},
		{name: "show without window", req: Request{Op: OpShow}, wantErr: "needs a window"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := encodeRequest(tt.req)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("encodeRequest(%+v) = %q, %v; want error containing %q", tt.req, got, err, tt.wantErr)
				}
				return
			}
			if err != nil || string(got) != tt.want {
				t.Fatalf("encodeRequest(%+v) = %q, %v; want %q, nil", tt.req, got, err, tt.want)
			}
		})
	}
}

// responseTests feeds TestDecodeResponse and the seeds of
// FuzzDecodeResponse. wantErr is a substring of the error; empty means the
// response is valid.
var responseTests = []struct {
	name    string
	in      string
	want    Response
	wantErr string
}{
	{name: "ok", in: `{"v":1,"ok":true}`, want: Response{V: 1, OK: true}},
	{name: "ok with data", in: `{"v":1,"ok":true,"data":{"locked":false}}`, want: Response{V: 1, OK: true, Data: json.RawMessage(`{"locked":false}`)}},
	{name: "ok with null data", in: `{"v":1,"ok":true,"data":null}`, want: Response{V: 1, OK: true}},
	{name: "failure", in: `{"v":1,"ok":false,"error":"no such window"}`, want: Response{V: 1, Error: "no such window"}},
	{name: "unknown field ignored", in: `{"v":1,"ok":true,"extra":1}`, want: Response{V: 1, OK: true}},

	{name: "missing version", in: `{"ok":true}`, wantErr: "missing protocol version"},
	{name: "version 2", in: `{"v":2,"ok":true}`, wantErr: "agent speaks protocol version 2, want 1"},
	{name: "ok as string", in: `{"v":1,"ok":"yes"}`, wantErr: `field "ok" is string`},
	{name: "ok with error", in: `{"v":1,"ok":true,"error":"boom"}`, wantErr: "ok response carries an error"},
	{name: "failure without error", in: `{"v":1,"ok":false}`, wantErr: "failed response carries no error"},
	{name: "missing ok", in: `{"v":1,"error":"boom"}`, want: Response{V: 1, Error: "boom"}},
	{name: "malformed", in: `{"v":1,"ok":tru`, wantErr: "malformed JSON"},
	{name: "empty", in: ``, wantErr: "malformed JSON"},
	{name: "array", in: `[]`, wantErr: "want a JSON object, got array"},

	// Cases found by fuzzing.
}

func TestDecodeResponse(t *testing.T) {
	for _, tt := range responseTests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := decodeResponse([]byte(tt.in))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("decodeResponse(%q) = %+v, %v; want error containing %q", tt.in, got, err, tt.wantErr)
				}
				if !errors.Is(err, errBadResponse) {
					t.Errorf("decodeResponse(%q) error %v does not wrap errBadResponse", tt.in, err)
				}
				return
			}
			if err != nil || !sameResponse(got, tt.want) {
				t.Fatalf("decodeResponse(%q) = %+v, %v; want %+v, nil", tt.in, got, err, tt.want)
			}
		})
	}
}

func FuzzDecodeResponse(f *testing.F) {
	for _, tt := range responseTests {
		f.Add([]byte(tt.in))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		resp, err := decodeResponse(in)
		if err != nil {
			if !errors.Is(err, errBadResponse) {
				t.Fatalf("decodeResponse(%q) error %v does not wrap errBadResponse", in, err)
			}
			return
		}
		line := encodeResponse(resp)
		again, err := decodeResponse(bytes.TrimSuffix(line, []byte("\n")))
		if err != nil {
			t.Fatalf("decodeResponse(encodeResponse(%+v)) = %v", resp, err)
		}
		if len(line) <= MaxResponseSize && !sameResponse(again, resp) {
			t.Fatalf("decodeResponse(encodeResponse(%+v)) = %+v; want the same response", resp, again)
		}
	})
}

// sameResponse reports whether a and b are equal, comparing Data as compact
// JSON.
func sameResponse(a, b Response) bool {
	return a.V == b.V && a.OK == b.OK && a.Error == b.Error && compact(a.Data) == compact(b.Data)
}

// compact returns raw with insignificant space removed, or raw itself if it
// is not valid JSON.
func compact(raw json.RawMessage) string {
	var buf bytes.Buffer
	if err := json.Compact(&buf, raw); err != nil {
		return string(raw)
	}
	return buf.String()
}

func TestEncodeResponse(t *testing.T) {
	big := strings.Repeat("x", MaxResponseSize)
	tests := []struct {
		name string
		resp Response
		want string
	}{
		{name: "success without data", resp: Success(nil), want: `{"v":1,"ok":true}`},
		{name: "success with data", resp: Success(map[string]int{"n": 1}), want: `{"v":1,"ok":true,"data":{"n":1}}`},
		{name: "data is compacted", resp: Response{OK: true, Data: json.RawMessage("{ \"n\" : 1 }")}, want: `{"v":1,"ok":true,"data":{"n":1}}`},
		{name: "failure", resp: Failure(errors.New("no such window")), want: `{"v":1,"ok":false,"error":"no such window"}`},
		{name: "failure of nil", resp: Failure(nil), want: `{"v":1,"ok":false,"error":"request failed"}`},
		{name: "version is forced", resp: Response{V: 7, OK: true}, want: `{"v":1,"ok":true}`},
		{name: "error dropped when ok", resp: Response{OK: true, Error: "stray"}, want: `{"v":1,"ok":true}`},
		{name: "data dropped when failed", resp: Response{Data: json.RawMessage(`1`), Error: "boom"}, want: `{"v":1,"ok":false,"error":"boom"}`},
		{name: "failure without message", resp: Response{}, want: `{"v":1,"ok":false,"error":"request failed"}`},
		{name: "invalid data", resp: Response{OK: true, Data: json.RawMessage(`{`)}, want: `{"v":1,"ok":false,"error":"internal error: response data is not valid JSON"}`},
		{name: "unencodable data", resp: Success(func() {}), want: `{"v":1,"ok":false,"error":"encoding response data: json: unsupported type: func()"}`},
		{name: "too large", resp: Success(big), want: `{"v":1,"ok":false,"error":"internal error: response larger than 1048576 bytes"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := encodeResponse(tt.resp)
			if string(got) != tt.want+"\n" {
				t.Fatalf("encodeResponse(%.80v) = %q, want %q", tt.resp, got, tt.want+"\n")
			}
		})
	}
}

func TestReadLine(t *testing.T) {
	const max = 8
	tests := []struct {
		name    string
		in      string
		want    string
		wantErr error
	}{
		{name: "line", in: "abc\n", want: "abc"},
		{name: "rest ignored", in: "abc\ndef\n", want: "abc"},
		{name: "empty line", in: "\n", want: ""},
		{name: "end of input ends a line", in: "abc", want: "abc"},
		{name: "nothing", in: "", wantErr: io.EOF},
		{name: "exactly max", in: "12345678\n", want: "12345678"},
		{name: "exactly max at end of input", in: "12345678", want: "12345678"},
		{name: "one over max", in: "123456789\n", wantErr: errTooLarge},
		{name: "one over max at end of input", in: "123456789", wantErr: errTooLarge},
		{name: "far over max", in: strings.Repeat("x", 10000), wantErr: errTooLarge},
	}
	for _, tt := range tests {
		for _, rname := range []string{"whole", "byte by byte"} {
			t.Run(tt.name+"/"+rname, func(t *testing.T) {
				var r io.Reader = strings.NewReader(tt.in)
				if rname == "byte by byte" {
					r = iotest.OneByteReader(r)
				}
				got, err := readLine(r, max)
				if tt.wantErr != nil {
					if !errors.Is(err, tt.wantErr) {
						t.Fatalf("readLine(%q, %d) = %q, %v; want error %v", tt.in, max, got, err, tt.wantErr)
					}
					return
				}
				if err != nil || string(got) != tt.want {
					t.Fatalf("readLine(%q, %d) = %q, %v; want %q, nil", tt.in, max, got, err, tt.want)
				}
			})
		}
	}
}

func TestReadLineError(t *testing.T) {
	boom := errors.New("boom")
	got, err := readLine(iotest.ErrReader(boom), 8)
	if !errors.Is(err, boom) {
		t.Fatalf("readLine(failing reader) = %q, %v; want error %v", got, err, boom)
	}
}
