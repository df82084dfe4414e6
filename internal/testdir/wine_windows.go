package testdir

import "golang.org/x/sys/windows"

// UnderWine reports whether the program runs under Wine, whose ntdll
// exports wine_get_version (Windows' does not).
func UnderWine() bool {
	return windows.NewLazySystemDLL("ntdll.dll").NewProc("wine_get_version").Find() == nil
}
