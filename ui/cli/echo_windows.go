package cli

import "golang.org/x/sys/windows"

// hideInput turns off the echo of the console on fd, keeping its line
// input, and returns the function that restores it. echoesNewline is
// false: the console does not show Enter without echo.
func hideInput(fd int) (restore func(), echoesNewline bool, err error) {
	h := windows.Handle(fd)
	var mode uint32
	if err := windows.GetConsoleMode(h, &mode); err != nil {
		return nil, false, err
	}
	hidden := (mode &^ windows.ENABLE_ECHO_INPUT) | windows.ENABLE_LINE_INPUT | windows.ENABLE_PROCESSED_INPUT
	if err := windows.SetConsoleMode(h, hidden); err != nil {
		return nil, false, err
	}
	return func() { _ = windows.SetConsoleMode(h, mode) }, false, nil
}
