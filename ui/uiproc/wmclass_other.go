//go:build !((linux || freebsd || openbsd || netbsd) && !wasm)

package uiproc

// setWindowClass does nothing here: only X11 groups windows by WM_CLASS.
func setWindowClass(string) {}
