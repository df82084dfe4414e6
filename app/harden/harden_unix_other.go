//go:build unix && !linux

package harden

func process() error {
	return noCore()
}
