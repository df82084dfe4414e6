//go:build !windows && !darwin

package policy

func systemDir() string { return "/etc/grendel/policies" }
