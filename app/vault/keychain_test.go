package vault

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/zalando/go-keyring"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		err  error
		want error
	}{
		{keyring.ErrNotFound, ErrNotFound},
		{keyring.ErrSetDataTooBig, ErrTooBig},
		{keyring.ErrUnsupportedPlatform, ErrKeychainUnavailable},
		{errors.New("dbus: DBUS_SESSION_BUS_ADDRESS not set"), ErrKeychainUnavailable},
	}
	for _, tt := range tests {
		if got := classify(tt.err); !errors.Is(got, tt.want) {
			t.Errorf("classify(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
	if got := classify(keyring.ErrSetDataTooBig).Error(); got != "password too long for the keychain: data passed to Set was too big" {
		t.Errorf("message %q", got)
	}
}

// TestCallTimeout tests the timeout wrapper alone: it needs no keychain
// and no session bus.
func TestCallTimeout(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	start := time.Now()
	_, err := within(20*time.Millisecond, func() (string, error) {
		<-release
		return "late", nil
	})
	if !errors.Is(err, ErrKeychainUnavailable) || !isTimeout(err) || time.Since(start) > 5*time.Second {
		t.Errorf("within = %v, timeout %v, want ErrKeychainUnavailable after the timeout", err, isTimeout(err))
	}
	if !strings.Contains(err.Error(), "no answer within 20ms") {
		t.Errorf("message %q does not say how long it waited", err)
	}
	_, err = within(time.Second, func() (string, error) { panic("boom") })
	if !errors.Is(err, ErrKeychainUnavailable) || isTimeout(err) {
		t.Errorf("within of a panicking client = %v, want ErrKeychainUnavailable", err)
	}
	_, err = within(time.Second, func() (string, error) { return "", keyring.ErrNotFound })
	if !errors.Is(err, ErrNotFound) {
		t.Errorf("within of a missing item = %v, want ErrNotFound", err)
	}
	got, err := within(0, func() (string, error) { return "ok", nil })
	if got != "ok" || err != nil {
		t.Errorf("within = %q, %v, want ok", got, err)
	}
}

// TestCallNotReady checks that call fails at once, without calling the
// keychain, where the platform cannot take a call.
func TestCallNotReady(t *testing.T) {
	if platformReady() == nil {
		t.Skip("the platform can take keychain calls here (a session bus, or no bus needed)")
	}
	called := false
	_, err := call(time.Minute, func() (string, error) { called = true; return "", nil })
	if called || !errors.Is(err, ErrKeychainUnavailable) || isTimeout(err) {
		t.Errorf("call without a session bus = %v (client called: %v), want ErrKeychainUnavailable at once", err, called)
	}
}

func TestKeychainErr(t *testing.T) {
	const secret = "pa55word"
	tests := []struct {
		err     error
		want    error
		text    string
		timeout bool
	}{
		{ErrNotFound, ErrNotFound, "not found", false},
		{errors.New("boom"), ErrKeychainUnavailable, "keychain unavailable: boom", false},
		{classify(keyring.ErrSetDataTooBig), ErrTooBig, "password too long for the keychain: data passed to Set was too big", false},
		{errors.New("cannot store pa55word"), ErrKeychainUnavailable, "keychain unavailable (details withheld: they held the password)", false},
		{&keychainError{kind: ErrKeychainUnavailable, cause: errors.New("no answer for pa55word"), timeout: true},
			ErrKeychainUnavailable, "keychain unavailable (details withheld: they held the password)", true},
	}
	for _, tt := range tests {
		got := keychainErr(tt.err, secret)
		if !errors.Is(got, tt.want) || got.Error() != tt.text || isTimeout(got) != tt.timeout {
			t.Errorf("keychainErr(%v) = %q (timeout %v), want %q wrapping %v (timeout %v)",
				tt.err, got, isTimeout(got), tt.text, tt.want, tt.timeout)
		}
	}
}

func TestMapKeychain(t *testing.T) {
	var k MapKeychain
	if _, err := k.Get("s", "a"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get of nothing = %v, want ErrNotFound", err)
	}
	if err := k.Delete("s", "a"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Delete of nothing = %v, want ErrNotFound", err)
	}
	for _, step := range []struct{ service, account, secret string }{{"s", "a", "1"}, {"s", "a", "2"}, {"s", "b", "3"}, {"t", "a", "4"}} {
		if err := k.Set(step.service, step.account, step.secret); err != nil {
			t.Fatal(err)
		}
	}
	if got, err := k.Get("s", "a"); got != "2" || err != nil {
		t.Errorf("Get = %q, %v, want the replaced secret", got, err)
	}
	if got := k.Accounts("s"); len(got) != 2 || got[0] != "a" || got[1] != "b" {
		t.Errorf("Accounts = %v, want [a b]", got)
	}
	k.Fail = func(op, _, _ string) error {
		if op == "delete" {
			return ErrKeychainLocked
		}
		return nil
	}
	if err := k.Delete("s", "a"); !errors.Is(err, ErrKeychainLocked) {
		t.Errorf("Delete = %v, want ErrKeychainLocked", err)
	}
	if _, err := k.Get("s", "a"); err != nil {
		t.Errorf("a failed Delete removed the secret")
	}
}
