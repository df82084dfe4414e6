package ipc

import (
	"context"
	"errors"
	"fmt"
	"io"
	"syscall"
	"time"
)

// Call sends req to the agent at addr and returns its response. It fills in
// the version when req.V is zero and refuses a request the agent would
// reject. When ctx has no deadline, Call gives up after [Timeout].
//
// The error wraps [ErrNoAgent] when nothing listens at addr, and
// [ErrRequestFailed] when the agent answered "ok":false; the failed Response
// is then returned too.
func Call(ctx context.Context, addr string, req Request) (Response, error) {
	line, err := encodeRequest(req)
	if err != nil {
		return Response{}, fmt.Errorf("calling agent: %w", err)
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, Timeout)
		defer cancel()
	}
	conn, err := dial(ctx, addr)
	if err != nil {
		return Response{}, err
	}
	defer conn.Close()
	if d, ok := ctx.Deadline(); ok {
		if err := conn.SetDeadline(d); err != nil {
			return Response{}, fmt.Errorf("calling agent at %s: %w", addr, err)
		}
	}
	stop := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Now()) })
	defer stop()

	_, err = conn.Write(line)
	var respLine []byte
	if err == nil {
		respLine, err = readLine(conn, MaxResponseSize)
	}
	switch {
	case hungUp(err):
		return Response{}, fmt.Errorf("calling agent at %s: connection closed without a response", addr)
	case errors.Is(err, errTooLarge):
		return Response{}, fmt.Errorf("calling agent at %s: %w: response larger than %d bytes", addr, errBadResponse, MaxResponseSize)
	case err != nil:
		return Response{}, fmt.Errorf("calling agent at %s: %w", addr, ctxErr(ctx, err))
	}
	resp, err := decodeResponse(respLine)
	if err != nil {
		return Response{}, fmt.Errorf("calling agent at %s: %w", addr, err)
	}
	if !resp.OK {
		return resp, fmt.Errorf("%w: %s", ErrRequestFailed, resp.Error)
	}
	return resp, nil
}

// hungUp reports whether err means the other end closed the connection.
func hungUp(err error) bool {
	return errors.Is(err, io.EOF) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE)
}

// ctxErr returns ctx's error if ctx is done, as that is why I/O failed, and
// err otherwise.
func ctxErr(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return err
}
