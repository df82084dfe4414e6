package tray_test

import (
	"context"
	"log"

	"grendel/ui/tray"
)

// The resident agent shows the tray when it can, and keeps the *Tray to
// show a policy reload.
func ExampleRun() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	if err := tray.Available(); err != nil {
		log.Printf("running without a tray icon: %v", err)
		<-ctx.Done() // the agent goes on without a tray
		return
	}
	menu := tray.Menu{
		OnStatus:  func() { /* start "grendel ui status" */ },
		OnQuit:    cancel,
		AllowQuit: true,
	}
	reloaded := make(chan bool) // the policy has a problem, from the agent
	err := tray.Run(ctx, menu, func(t *tray.Tray) {
		go func() { // ready must return promptly
			for {
				select {
				case problem := <-reloaded:
					menu.Warning = problem
					t.Update(menu)
				case <-ctx.Done():
					return
				}
			}
		}()
	})
	if err != nil {
		log.Printf("tray: %v", err)
	}
}
