package lock

import (
	"encoding/binary"
	"testing"
)

// wtsInfo builds a WTSINFOEXW buffer of size n (at least 20) with the
// given level and SessionFlags.
func wtsInfo(n int, level uint32, flags int32) []byte {
	b := make([]byte, n)
	binary.LittleEndian.PutUint32(b, level)
	binary.LittleEndian.PutUint32(b[8:], 3)  // SessionId
	binary.LittleEndian.PutUint32(b[12:], 0) // SessionState: WTSActive
	binary.LittleEndian.PutUint32(b[16:], uint32(flags))
	return b
}

// The real struct is 216 bytes on 64-bit Windows.
const wtsInfoSize = 216

// wtsCases feed both TestWTSLocked and FuzzWTSLocked.
var wtsCases = []struct {
	name         string
	in           []byte
	major, minor uint32
	want         bool
	wantErr      bool
}{
	{"Windows 11 locked", wtsInfo(wtsInfoSize, 1, wtsSessionStateLock), 10, 0, true, false},
	{"Windows 11 unlocked", wtsInfo(wtsInfoSize, 1, wtsSessionStateUnlock), 10, 0, false, false},
	{"Windows 8 locked", wtsInfo(wtsInfoSize, 1, wtsSessionStateLock), 6, 2, true, false},
	{"Windows 7 swaps: LOCK means unlocked", wtsInfo(wtsInfoSize, 1, wtsSessionStateLock), 6, 1, false, false},
	{"Windows 7 swaps: UNLOCK means locked", wtsInfo(wtsInfoSize, 1, wtsSessionStateUnlock), 6, 1, true, false},
	{"shortest", wtsInfo(20, 1, wtsSessionStateLock), 10, 0, true, false},
	{"unknown state", wtsInfo(wtsInfoSize, 1, wtsSessionStateUnknown), 10, 0, false, true},
	{"odd flags", wtsInfo(wtsInfoSize, 1, 7), 10, 0, false, true},
	{"wrong level", wtsInfo(wtsInfoSize, 2, wtsSessionStateLock), 10, 0, false, true},
	{"too short", wtsInfo(wtsInfoSize, 1, wtsSessionStateLock)[:19], 10, 0, false, true},
	{"empty", nil, 10, 0, false, true},
	// Cases found by fuzzing go here.
}

func TestWTSLocked(t *testing.T) {
	for _, tc := range wtsCases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := wtsLocked(tc.in, tc.major, tc.minor)
			if tc.wantErr {
				if err == nil {
					t.Errorf("wtsLocked() = %v, want an error", got)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("wtsLocked() = %v, %v; want %v", got, err, tc.want)
			}
		})
	}
}

// FuzzWTSLocked checks that the parser never panics and reads only the
// level and the flags.
func FuzzWTSLocked(f *testing.F) {
	for _, tc := range wtsCases {
		f.Add(tc.in, tc.major, tc.minor)
	}
	f.Fuzz(func(t *testing.T, in []byte, major, minor uint32) {
		locked, err := wtsLocked(in, major, minor)
		if err != nil {
			if locked {
				t.Errorf("wtsLocked() = true with error %v", err)
			}
			return
		}
		if len(in) < 20 || binary.LittleEndian.Uint32(in) != 1 {
			t.Errorf("wtsLocked(%x) accepted a buffer that is short or not level 1", in)
		}
		flags := int32(binary.LittleEndian.Uint32(in[16:]))
		swapped := major == 6 && minor == 1
		if want := (flags == wtsSessionStateLock) != swapped; locked != want {
			t.Errorf("wtsLocked(flags %d, %d.%d) = %v, want %v", flags, major, minor, locked, want)
		}
	})
}
