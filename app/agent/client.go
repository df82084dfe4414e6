package agent

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"grendel/app/ipc"
)

// AskTimeout bounds one request of [Ask] to the agent.
const AskTimeout = 5 * time.Second

// Ask sends req to this user's running agent and returns its answer. It
// gives up after [AskTimeout], or earlier when ctx ends; with no agent
// running the error wraps [ipc.ErrNoAgent].
func Ask(ctx context.Context, req ipc.Request) (ipc.Response, error) {
	addr, err := ipc.DefaultAddress()
	if err != nil {
		return ipc.Response{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, AskTimeout)
	defer cancel()
	return ipc.Call(ctx, addr, req)
}

// FetchStatus asks this user's running agent for its [Status].
func FetchStatus(ctx context.Context) (Status, error) {
	var st Status
	resp, err := Ask(ctx, ipc.Request{Op: ipc.OpStatus})
	if err != nil {
		return st, err
	}
	if !resp.OK {
		return st, errors.New(resp.Error)
	}
	err = json.Unmarshal(resp.Data, &st)
	return st, err
}
