package lock

import (
	"encoding/binary"
	"fmt"
)

// Values of WTSINFOEX_LEVEL1_W.SessionFlags.
const (
	wtsSessionStateLock    = 0
	wtsSessionStateUnlock  = 1
	wtsSessionStateUnknown = -1
)

// wtsLocked reads the WTSINFOEXW that WTSQuerySessionInformationW returns
// for WTSSessionInfoEx, and tells whether the session is locked. The
// struct is a DWORD Level (1) followed, at offset 8 (the union holds a
// LARGE_INTEGER), by WTSINFOEX_LEVEL1_W: SessionId, SessionState and
// SessionFlags at offsets 8, 12 and 16. Windows 7 and Server 2008 R2
// (version 6.1) report LOCK and UNLOCK the wrong way round; major and minor
// are the OS version, so that this is corrected.
func wtsLocked(b []byte, major, minor uint32) (bool, error) {
	if len(b) < 20 {
		return false, fmt.Errorf("WTSINFOEX of %d bytes, want at least 20", len(b))
	}
	if level := binary.LittleEndian.Uint32(b); level != 1 {
		return false, fmt.Errorf("WTSINFOEX level %d, want 1", level)
	}
	flags := int32(binary.LittleEndian.Uint32(b[16:]))
	swapped := major == 6 && minor == 1
	switch flags {
	case wtsSessionStateLock:
		return !swapped, nil
	case wtsSessionStateUnlock:
		return swapped, nil
	case wtsSessionStateUnknown:
		return false, fmt.Errorf("the session's lock state is unknown")
	}
	return false, fmt.Errorf("unknown SessionFlags %d", flags)
}
