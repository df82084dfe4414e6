package sleep_test

import (
	"context"
	"errors"
	"log"

	"grendel/app/sleep"
)

// Watch locks the screen before each sleep until the agent quits.
func ExampleWatch() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	lockScreen := func(ctx context.Context) { /* lock, and wait for the lock to be verified or ctx to end */ }
	err := sleep.Watch(ctx, lockScreen)
	if errors.Is(err, sleep.ErrUnsupported) {
		log.Printf("cannot lock before sleep here: %v", err)
	}
}
