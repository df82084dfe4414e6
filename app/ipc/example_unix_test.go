//go:build unix

package ipc_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"grendel/app/ipc"
)

// An agent and a client in one process, on a private address.
func Example() {
	dir, err := os.MkdirTemp("", "g")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	addr := filepath.Join(dir, "grendel", "agent.sock")

	srv, err := ipc.Listen(addr)
	if err != nil {
		log.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error)
	go func() {
		done <- srv.Serve(ctx, func(ctx context.Context, req ipc.Request) ipc.Response {
			return ipc.Success(map[string]any{"locked": false, "idle_seconds": 42})
		})
	}()

	resp, err := ipc.Call(context.Background(), addr, ipc.Request{Op: ipc.OpStatus})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("ok=%v data=%s\n", resp.OK, resp.Data)

	_, err = ipc.Call(context.Background(), addr, ipc.Request{Op: ipc.OpShow})
	fmt.Println(err)

	stop()
	fmt.Println(<-done)
	_, err = ipc.Call(context.Background(), addr, ipc.Request{Op: ipc.OpPing})
	fmt.Println(err == nil)
	// Output:
	// ok=true data={"idle_seconds":42,"locked":false}
	// calling agent: op "show" needs a window
	// <nil>
	// false
}
