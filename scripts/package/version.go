package main

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

var (
	describeTag  = regexp.MustCompile(`^v?([0-9]+(?:\.[0-9]+)*)(?:-([0-9A-Za-z.]+?))??(?:-([0-9]+)-g([0-9a-f]+))?$`)
	describeHash = regexp.MustCompile(`^[0-9a-f]{4,40}$`)
	// Debian's upstream version without a hyphen (the package has a
	// revision), which rpm also accepts as a version.
	debianUpstream = regexp.MustCompile(`^[0-9][A-Za-z0-9.+~]*$`)
	// macOS's CFBundleShortVersionString: up to three numbers.
	shortVersion = regexp.MustCompile(`^[0-9]+(\.[0-9]+){0,2}`)
)

// UpstreamVersion turns what `git describe --tags --always --dirty` says
// into a version that Debian and rpm accept and that orders as the commits
// do: a tag v1.2.0 is 1.2.0, three commits after it 1.2.0+git3.abc1234, a
// tag v1.2.0-rc1 is 1.2.0~rc1 (before 1.2.0); with no tag yet, the base
// version (FyneApp.toml's) before it: 0.1.0~git271.abc1234, where 271 is
// the number of commits. A build with changes not committed ends in
// .dirty (or +dirty).
func UpstreamVersion(describe string, commits int, base string) (string, error) {
	d, dirty := strings.CutSuffix(strings.TrimSpace(describe), "-dirty")
	var v string
	switch m := describeTag.FindStringSubmatch(d); {
	case describeHash.MatchString(d) && !strings.Contains(d, "."):
		v = fmt.Sprintf("%s~git%d.%s", base, commits, d)
	case m != nil:
		v = m[1]
		if m[2] != "" {
			v += "~" + m[2]
		}
		if m[3] != "" {
			v += "+git" + m[3] + "." + m[4]
		}
	default:
		return "", fmt.Errorf("cannot make a version of %q", describe)
	}
	if dirty {
		if strings.ContainsAny(v, "+~") {
			v += ".dirty"
		} else {
			v += "+dirty"
		}
	}
	if !debianUpstream.MatchString(v) {
		return "", fmt.Errorf("%q (from %q) is no valid version", v, describe)
	}
	return v, nil
}

// baseVersion reads the version of FyneApp.toml's [Details].
func baseVersion(toml string) string {
	for _, line := range strings.Split(toml, "\n") {
		k, v, ok := strings.Cut(line, "=")
		if ok && strings.TrimSpace(k) == "Version" {
			if s, err := strconv.Unquote(strings.TrimSpace(v)); err == nil {
				return s
			}
		}
	}
	return "0.0.0"
}
