package tray

import (
	"unsafe"

	"golang.org/x/sys/windows"
)

var findWindow = windows.NewLazySystemDLL("user32.dll").NewProc("FindWindowW")

// notificationArea returns [ErrNoNotificationArea] when no window of the
// taskbar's class (Shell_TrayWnd) exists.
func notificationArea() error {
	class, err := windows.UTF16PtrFromString("Shell_TrayWnd")
	if err != nil {
		return err
	}
	if err := findWindow.Find(); err != nil {
		return err
	}
	if h, _, _ := findWindow.Call(uintptr(unsafe.Pointer(class)), 0); h == 0 {
		return ErrNoNotificationArea
	}
	return nil
}
