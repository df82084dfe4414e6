package policy

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"runtime"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/windows"
	"golang.org/x/sys/windows/registry"
)

// registryRecheck is how often the registry store is read again whatever
// the notifications say: the backstop for a change that no notification
// reported (Intune's policy CSPs write the registry without telling
// Group Policy's clients).
const registryRecheck = 15 * time.Minute

// winKey is a key of the Windows registry; it implements [RegistryKey].
type winKey struct {
	k registry.Key
	// owned is true for a key this process opened, false for a root.
	owned bool
}

var _ RegistryKey = winKey{}

// OpenKey implements [RegistryKey].
func (w winKey) OpenKey(path string) (RegistryKey, error) {
	k, err := registry.OpenKey(w.k, path, registry.QUERY_VALUE|registry.ENUMERATE_SUB_KEYS)
	if errors.Is(err, registry.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w", path, fs.ErrNotExist)
	}
	if err != nil {
		return nil, err
	}
	return winKey{k: k, owned: true}, nil
}

// ValueNames implements [RegistryKey].
func (w winKey) ValueNames() ([]string, error) {
	return w.k.ReadValueNames(0)
}

// SubKeyNames implements [RegistryKey].
func (w winKey) SubKeyNames() ([]string, error) {
	return w.k.ReadSubKeyNames(0)
}

// Value implements [RegistryKey]. A value larger than limit comes back as
// limit zero bytes with its type: the registry gives a value whole or not
// at all, and the store reports one that large rather than reading it.
func (w winKey) Value(name string, limit int) (uint32, []byte, error) {
	for range 3 { // the value may grow between asking its size and reading it
		n, typ, err := w.k.GetValue(name, nil)
		switch {
		case errors.Is(err, registry.ErrNotExist):
			return 0, nil, fmt.Errorf("%s: %w", name, fs.ErrNotExist)
		case err != nil:
			return 0, nil, err
		case n > limit:
			return typ, make([]byte, limit), nil
		}
		buf := make([]byte, n)
		n, typ, err = w.k.GetValue(name, buf)
		if errors.Is(err, registry.ErrShortBuffer) || errors.Is(err, syscall.ERROR_MORE_DATA) {
			continue
		}
		if err != nil {
			return 0, nil, err
		}
		return typ, buf[:n], nil
	}
	return 0, nil, errors.New("the value keeps changing while it is read")
}

// Close implements [RegistryKey].
func (w winKey) Close() error {
	if !w.owned {
		return nil
	}
	return w.k.Close()
}

// windowsRegistry is the registry store of a Windows computer: it reads
// as [RegistryStore] does and implements [Notifier].
type windowsRegistry struct {
	RegistryStore
	// roots are the hives' root keys, in the order of Hives.
	roots []registry.Key
	// recheck is the interval of the re-read that backs the notifications.
	recheck time.Duration
}

var _ Notifier = windowsRegistry{}

// newWindowsRegistry returns the store of the policy key path under
// HKEY_CURRENT_USER and, if machine, HKEY_LOCAL_MACHINE (read last, so
// that the computer's policy wins).
func newWindowsRegistry(path string, machine bool) windowsRegistry {
	s := windowsRegistry{RegistryStore: RegistryStore{Path: path}, recheck: registryRecheck}
	s.Hives = append(s.Hives, Hive{Name: "HKCU", Root: winKey{k: registry.CURRENT_USER}})
	s.roots = append(s.roots, registry.CURRENT_USER)
	if machine {
		s.Hives = append(s.Hives, Hive{Name: "HKLM", Machine: true, Root: winKey{k: registry.LOCAL_MACHINE}})
		s.roots = append(s.roots, registry.LOCAL_MACHINE)
	}
	return s
}

var (
	userenv                    = windows.NewLazySystemDLL("userenv.dll")
	procRegisterGPNotification = userenv.NewProc("RegisterGPNotification")
	procUnregisterGPNotify     = userenv.NewProc("UnregisterGPNotification")
)

// keyWatch is a change notification on the policy key of one hive, or on
// its nearest existing parent while it does not exist.
type keyWatch struct {
	root  registry.Key
	path  string
	event windows.Handle
	key   registry.Key // the key watched now; 0 for none
}

// arm asks for the next change: RegNotifyChangeKeyValue reports one
// change only, and on the key it was given, so the nearest existing key
// on the way to the policy key is opened again each time.
func (w *keyWatch) arm() error {
	if w.key != 0 {
		w.key.Close()
		w.key = 0
	}
	for p := w.path; p != ""; p = p[:max(strings.LastIndexByte(p, '\\'), 0)] {
		k, err := registry.OpenKey(w.root, p, registry.NOTIFY)
		if err != nil {
			continue
		}
		const filter = windows.REG_NOTIFY_CHANGE_NAME | windows.REG_NOTIFY_CHANGE_LAST_SET
		if err := windows.RegNotifyChangeKeyValue(windows.Handle(k), true, filter, w.event, true); err != nil {
			k.Close()
			return err
		}
		w.key = k
		return nil
	}
	return fmt.Errorf("no key on the way to %s can be watched", w.path)
}

// Notify implements [Notifier]: it waits for Group Policy's notification
// (for the computer and for the user), a change under the policy keys,
// or the periodic re-read, and calls changed for each.
func (s windowsRegistry) Notify(ctx context.Context, changed func()) error {
	// A registry notification is tied to the thread that asked for it.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	stop, err := windows.CreateEvent(nil, 1, 0, nil)
	if err != nil {
		return err
	}
	defer windows.CloseHandle(stop)
	defer context.AfterFunc(ctx, func() { windows.SetEvent(stop) })()
	handles := []windows.Handle{stop}
	for _, machine := range []uintptr{1, 0} {
		ev, err := windows.CreateEvent(nil, 0, 0, nil)
		if err != nil {
			return err
		}
		defer windows.CloseHandle(ev)
		if r, _, _ := procRegisterGPNotification.Call(uintptr(ev), machine); r == 0 {
			continue // Group Policy's client is missing (Wine): the others remain
		}
		defer procUnregisterGPNotify.Call(uintptr(ev))
		handles = append(handles, ev)
	}
	path := cmp.Or(s.Path, RegistryPath)
	watches := map[windows.Handle]*keyWatch{}
	for _, root := range s.roots {
		ev, err := windows.CreateEvent(nil, 0, 0, nil)
		if err != nil {
			return err
		}
		defer windows.CloseHandle(ev)
		w := &keyWatch{root: root, path: path, event: ev}
		if w.arm() != nil {
			continue
		}
		defer func() {
			if w.key != 0 {
				w.key.Close()
			}
		}()
		watches[ev] = w
		handles = append(handles, ev)
	}
	for {
		r, err := windows.WaitForMultipleObjects(handles, false, uint32(s.recheck.Milliseconds()))
		if err != nil {
			return err
		}
		if r == uint32(windows.WAIT_TIMEOUT) {
			changed()
			continue
		}
		i := int(r - windows.WAIT_OBJECT_0)
		if i <= 0 || i >= len(handles) {
			return ctx.Err()
		}
		if w := watches[handles[i]]; w != nil {
			// A key that cannot be watched again is still re-read
			// periodically.
			_ = w.arm()
		}
		changed()
	}
}
