package i18n

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"grendel/app/vault"
)

func TestVaultError(t *testing.T) {
	tests := []struct {
		err  error
		want []string // parts of the text
	}{
		{fmt.Errorf("share abc: %w", vault.ErrNotFound), []string{"there is no share password Offerte.pdf"}},
		{fmt.Errorf("share abc: reading the password: %w", vault.ErrKeychainLocked), []string{"keychain is locked", "try again"}},
		{fmt.Errorf("storing: %w: no answer within 2m0s", vault.ErrKeychainUnavailable), []string{"keychain is not available", "in a desktop session (the keychain did not answer in time)"}},
		{vault.ErrTooBig, []string{"too long for the system keychain"}},
		{fmt.Errorf("share abc: %w", vault.ErrBroken), []string{"share password Offerte.pdf is missing", "new one, or delete it"}},
		{fmt.Errorf("share abc: %w", vault.ErrExpired), []string{"share password Offerte.pdf has expired"}},
		{fmt.Errorf("%w: empty label", vault.ErrInvalid), []string{"invalid share password: invalid share: empty label"}},
		{fmt.Errorf("opening the vault: %w", vault.ErrIndexVersion), []string{"newer version of Grendel"}},
		{errors.New("disk full"), []string{"the vault of share passwords failed: disk full"}},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		got := VaultError(tt.err, "Offerte.pdf")
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("VaultError(%v) = %q, want it to hold %q", tt.err, got, w)
			}
		}
		if seen[got] {
			t.Errorf("VaultError(%v) = %q, the text of another error", tt.err, got)
		}
		seen[got] = true
	}
}

// TestKeychainCause: the usual reasons the keychain cannot be reached are
// said in the user's words; the library's own English never is.
func TestKeychainCause(t *testing.T) {
	for _, tc := range []struct{ err, want string }{
		{"dbus: DBUS_SESSION_BUS_ADDRESS not set", " (there is no D-Bus session bus: start Grendel in a desktop session)"},
		{"The name org.freedesktop.secrets was not provided by any .service files", " (no program offers the Secret Service)"},
		{"no answer within 2m0s", " (the keychain did not answer in time)"},
		{"prompt dismissed", " (the request to unlock it was dismissed)"},
		{"something else entirely", ""},
	} {
		err := fmt.Errorf("%w: %s", vault.ErrKeychainUnavailable, tc.err)
		if got := keychainCause(err); got != tc.want {
			t.Errorf("keychainCause(%q) = %q, want %q", tc.err, got, tc.want)
		}
		if got := VaultError(err, ""); strings.Contains(got, tc.err) {
			t.Errorf("VaultError shows the library's words: %q", got)
		}
	}
	if got := keychainCause(nil); got != "" {
		t.Errorf("keychainCause(nil) = %q", got)
	}
}
