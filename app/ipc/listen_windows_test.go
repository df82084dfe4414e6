package ipc

import (
	"crypto/rand"
	"strings"
	"testing"
)

// testAddr returns a pipe name no other test uses.
func testAddr(t *testing.T) string {
	t.Helper()
	return pipePrefix + "grendel-test-" + rand.Text()
}

func TestDefaultAddress(t *testing.T) {
	got, err := DefaultAddress()
	if err != nil {
		t.Fatalf("DefaultAddress = %v", err)
	}
	if want := pipePrefix + "grendel-S-1-"; !strings.HasPrefix(got, want) {
		t.Errorf("DefaultAddress = %q, want a name starting with %q", got, want)
	}
	if err := checkAddr(got); err != nil {
		t.Errorf("checkAddr(DefaultAddress()) = %v", err)
	}
}

func TestCheckAddr(t *testing.T) {
	tests := []struct {
		addr    string
		wantErr string
	}{
		{addr: `\\.\pipe\grendel-S-1-5-21-1-2-3-1001`},
		{addr: `\\.\PIPE\grendel`},
		{addr: ``, wantErr: "empty pipe name"},
		{addr: `\\.\pipe\`, wantErr: "does not start with"},
		{addr: `C:\grendel`, wantErr: "does not start with"},
		{addr: `\\server\pipe\grendel`, wantErr: "does not start with"},
		{addr: `\\.\pipe\` + strings.Repeat("x", 250), wantErr: "the limit is 256"},
	}
	for _, tt := range tests {
		err := checkAddr(tt.addr)
		if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
			t.Errorf("checkAddr(%q) = %v, want error containing %q", tt.addr, err, tt.wantErr)
		}
	}
}
