package ipc_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"

	"grendel/app/ipc"
)

// The agent claims the current user's channel and serves it until ctx ends.
func ExampleListen() {
	addr, err := ipc.DefaultAddress()
	if err != nil {
		log.Fatal(err)
	}
	srv, err := ipc.Listen(addr)
	if errors.Is(err, ipc.ErrAgentRunning) {
		fmt.Fprintln(os.Stderr, "grendel: the agent is already running")
		os.Exit(1)
	}
	if err != nil {
		log.Fatal(err)
	}
	srv.Logf = log.Printf
	err = srv.Serve(context.Background(), func(ctx context.Context, req ipc.Request) ipc.Response {
		switch req.Op {
		case ipc.OpStatus:
			return ipc.Success(map[string]bool{"locked": false})
		case ipc.OpShow:
			return ipc.Failure(fmt.Errorf("no window %q", req.Window))
		}
		return ipc.Failure(fmt.Errorf("op %q not supported", req.Op))
	})
	if err != nil {
		log.Fatal(err)
	}
}

// A CLI command asks the agent for its status.
func ExampleCall() {
	addr, err := ipc.DefaultAddress()
	if err != nil {
		log.Fatal(err)
	}
	resp, err := ipc.Call(context.Background(), addr, ipc.Request{Op: ipc.OpStatus})
	switch {
	case errors.Is(err, ipc.ErrNoAgent):
		fmt.Println("the agent is not running")
	case err != nil:
		fmt.Println("error:", err)
	default:
		fmt.Printf("status: %s\n", resp.Data)
	}
}
