//go:build (linux || freebsd || openbsd || netbsd) && !wasm

package uiproc

import "github.com/go-gl/glfw/v3.3/glfw"

// setWindowClass gives every window this process creates the X11 WM_CLASS
// id (instance and class), so that the taskbar groups all of Grendel's
// windows under one icon. Fyne sets none, and GLFW then uses each window's
// title, which differs per window. It must run on the main thread before
// the first window is created: it initialises GLFW (Fyne's own
// initialisation then finds it done) and sets the hint, which Fyne never
// resets.
func setWindowClass(id string) {
	if glfw.Init() != nil {
		return // Fyne's own attempt reports it
	}
	glfw.WindowHintString(glfw.X11ClassName, id)
	glfw.WindowHintString(glfw.X11InstanceName, id)
}
