package oslock

import "testing"

// FuzzKConfig: any kscreenlockerrc parses without a panic.
func FuzzKConfig(f *testing.F) {
	for _, s := range []string{"[Daemon]\nTimeout=5\n", "[$i]\n[Daemon]\nAutolock=false\n", "[Daemon][$i]\nTimeout[$i]=3\nLockGrace=x\n", "[", "[Daemon]\n=\nTimeout[de]=1"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		vals, fixed := map[string]string{}, map[string]bool{}
		kconfigDaemon(data, vals, fixed)
		kconfigDaemon(data, vals, fixed)
	})
}
