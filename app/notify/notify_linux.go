package notify

import (
	"context"
	"fmt"

	"github.com/godbus/dbus/v5"
)

// Send shows a notification with title and body, and returns its ID. It
// uses a connection of its own, closed after the call (fyne.io/systray
// owns the shared session bus connection).
func Send(title, body string) (uint32, error) {
	conn, err := dbus.ConnectSessionBus()
	if err != nil {
		return 0, fmt.Errorf("notify: no session bus: %w", err)
	}
	defer conn.Close()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	var id uint32
	obj := conn.Object("org.freedesktop.Notifications", "/org/freedesktop/Notifications")
	call := obj.CallWithContext(ctx, "org.freedesktop.Notifications.Notify", 0,
		AppName, uint32(0), "dialog-password", title, body, []string{}, map[string]dbus.Variant{}, int32(-1))
	if call.Err != nil {
		return 0, fmt.Errorf("notify: %w", call.Err)
	}
	if err := call.Store(&id); err != nil {
		return 0, fmt.Errorf("notify: %w", err)
	}
	return id, nil
}
