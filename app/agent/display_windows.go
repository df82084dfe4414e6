package agent

import (
	"runtime"
	"unsafe"

	"golang.org/x/sys/windows"
)

var (
	user32              = windows.NewLazySystemDLL("user32.dll")
	procCreateWindowExW = user32.NewProc("CreateWindowExW")
	procDestroyWindow   = user32.NewProc("DestroyWindow")
)

// DisplayName names the desktop, "desktop", when this process can make a
// window there, and is empty when it cannot: a hidden window of the
// system's STATIC class is made and destroyed, as Fyne's GLFW makes a
// hidden helper window before any other. Under Wine without a display
// (no DISPLAY) that fails, and so would a window of Grendel's, with a
// panic in GLFW; on Windows a process of a logged-in user has a desktop.
func DisplayName() string {
	// A window belongs to the thread that made it.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	class, _ := windows.UTF16PtrFromString("STATIC")
	hwnd, _, _ := procCreateWindowExW.Call(0, uintptr(unsafe.Pointer(class)), 0, 0, 0, 0, 1, 1, 0, 0, 0, 0)
	if hwnd == 0 {
		return ""
	}
	procDestroyWindow.Call(hwnd)
	return "desktop"
}
