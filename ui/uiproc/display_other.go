//go:build windows || darwin

package uiproc

func hasDisplay() bool { return true }
