package lock

import (
	"context"
	"errors"
	"fmt"
	"unsafe"

	"golang.org/x/sys/windows"
	"golang.org/x/sys/windows/registry"
)

var (
	user32              = windows.NewLazySystemDLL("user32.dll")
	procLockWorkStation = user32.NewProc("LockWorkStation")

	wtsapi32                        = windows.NewLazySystemDLL("wtsapi32.dll")
	procWTSQuerySessionInformationW = wtsapi32.NewProc("WTSQuerySessionInformationW")
)

const (
	wtsCurrentServerHandle = 0
	wtsCurrentSession      = 0xFFFFFFFF
	wtsSessionInfoEx       = 25 // WTS_INFO_CLASS
)

// Platform returns the Windows chain: command first when it is not empty
// (the policy's lock.command, an argv, looked up in the process's PATH),
// then LockWorkStation, verified by the session's WTS lock state; see the
// package documentation.
func Platform(command []string, env Env) *Chain {
	var methods []Method
	if len(command) > 0 {
		methods = append(methods, policyCommand(command, env))
	}
	methods = append(methods, lockWorkStation{})
	return &Chain{Methods: methods, Verifiers: []Verifier{wtsSession{}}}
}

// lockWorkStation is the "LockWorkStation" [Method].
type lockWorkStation struct{}

// Name implements [Method].
func (lockWorkStation) Name() string { return "LockWorkStation" }

// Lock implements [Method]. LockWorkStation only starts the lock: it
// returns before the lock screen is up.
func (lockWorkStation) Lock(context.Context) error {
	if err := procLockWorkStation.Find(); err != nil {
		return fmt.Errorf("LockWorkStation: %w", err)
	}
	r, _, err := procLockWorkStation.Call()
	if r == 0 {
		return fmt.Errorf("LockWorkStation: %w", err)
	}
	return nil
}

// Probe implements [Prober]: LockWorkStation works unless the policy
// "Remove Lock Computer" turns it off ([OffByPolicy]).
func (lockWorkStation) Probe(context.Context) error {
	if OffByPolicy() {
		return fmt.Errorf("LockWorkStation: DisableLockWorkstation (\"Remove Lock Computer\") is set: %w", ErrDisabled)
	}
	return nil
}

// OffByPolicy reports whether the policy "Remove Lock Computer"
// (DisableLockWorkstation, for the user or the machine) turns Windows'
// lock off. A LockWorkStation that fails without it failed for another
// reason (under Wine: it is not implemented).
func OffByPolicy() bool {
	for _, root := range []registry.Key{registry.CURRENT_USER, registry.LOCAL_MACHINE} {
		k, err := registry.OpenKey(root, `Software\Microsoft\Windows\CurrentVersion\Policies\System`, registry.QUERY_VALUE)
		if err != nil {
			continue
		}
		v, _, err := k.GetIntegerValue("DisableLockWorkstation")
		k.Close()
		if err == nil && v != 0 {
			return true
		}
	}
	return false
}

// wtsSession is the "wts-session" [Verifier].
type wtsSession struct{}

// Name implements [Verifier].
func (wtsSession) Name() string { return "wts-session" }

// Locked implements [Verifier]: the SessionFlags of our session.
func (wtsSession) Locked(context.Context) (bool, error) {
	if err := procWTSQuerySessionInformationW.Find(); err != nil {
		return false, fmt.Errorf("WTSQuerySessionInformation: %w", err)
	}
	var buf *byte
	var n uint32
	r, _, err := procWTSQuerySessionInformationW.Call(
		wtsCurrentServerHandle, wtsCurrentSession, wtsSessionInfoEx,
		uintptr(unsafe.Pointer(&buf)), uintptr(unsafe.Pointer(&n)))
	if r == 0 {
		return false, fmt.Errorf("WTSQuerySessionInformation: %w", err)
	}
	if buf == nil {
		return false, errors.New("WTSQuerySessionInformation returned no data")
	}
	defer windows.WTSFreeMemory(uintptr(unsafe.Pointer(buf)))
	info := append([]byte(nil), unsafe.Slice(buf, n)...)
	v := windows.RtlGetVersion()
	return wtsLocked(info, v.MajorVersion, v.MinorVersion)
}
