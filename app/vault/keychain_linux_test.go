package vault

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

	"grendel/internal/testdir"
)

func TestClassifySecretService(t *testing.T) {
	tests := []struct {
		err  error
		want error
	}{
		{dbus.Error{Name: "org.freedesktop.Secret.Error.IsLocked"}, ErrKeychainLocked},
		{&dbus.Error{Name: "org.freedesktop.Secret.Error.IsLocked"}, ErrKeychainLocked},
		{fmt.Errorf("wrapped: %w", dbus.Error{Name: "org.freedesktop.Secret.Error.IsLocked"}), ErrKeychainLocked},
		{errors.New("failed to unlock correct collection '/org/freedesktop/secrets/aliases/default'"), ErrKeychainLocked},
		{dbus.Error{Name: "org.freedesktop.DBus.Error.ServiceUnknown", Body: []any{"The name is not activatable"}}, ErrKeychainUnavailable},
		{dbus.Error{Name: "org.freedesktop.DBus.Error.NoReply"}, ErrKeychainUnavailable},
		{errors.New("dial unix /run/user/1000/bus: connect: no such file or directory"), ErrKeychainUnavailable},
	}
	for _, tt := range tests {
		if got := classify(tt.err); !errors.Is(got, tt.want) {
			t.Errorf("classify(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}

// With no session bus at all the system keychain fails at once, with
// ErrKeychainUnavailable, instead of autolaunching a bus of its own.
func TestSystemKeychainNoBusFailsFast(t *testing.T) {
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "")
	t.Setenv("XDG_RUNTIME_DIR", testdir.New(t))
	start := time.Now()
	_, err := System{}.Get("grendel-test-nobus", "abcdefghij")
	if !errors.Is(err, ErrKeychainUnavailable) || !strings.Contains(err.Error(), "no D-Bus session bus") {
		t.Errorf("Get without a bus = %v, want ErrKeychainUnavailable naming the missing bus", err)
	}
	if time.Since(start) > DefaultTimeout/2 {
		t.Errorf("Get without a bus took %v", time.Since(start))
	}
}
