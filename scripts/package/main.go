// Command package builds Grendel's packages for Linux from one definition
// (definition.go): a Debian .deb and an .rpm with nfpm used as a library, a
// .tar.xz with install.sh for other distributions, and the macOS property
// lists (LaunchAgent, Info.plist) for the bundle that is not built yet; and
// the Windows .msi with wixl (msi.go).
//
// From the repository root (make package):
//
//	go run ./scripts/package [-out dist] [-version V]
//
// It builds the program itself (go build -trimpath, stripped, with the
// version in main.version), writes the man pages from the cobra commands,
// and puts grendel_V-1_ARCH.deb, grendel-V-1.ARCH.rpm,
// grendel-V-linux-ARCH.tar.xz, macos/ and grendel-V-x64.msi into -out. The version comes from
// git describe (see UpstreamVersion) unless -version gives one. The
// packages' contents are described in README.md ("Install").
package main

import (
	"cmp"
	"errors"
	"flag"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Options say what [Build] makes.
type Options struct {
	Root    string // the repository
	Out     string // where the packages go
	Version string // the upstream version; "" means from git describe
	Binary  string // a program already built; "" means build it
	Formats []string
	// Compression of the .deb and .rpm: xz unless this says otherwise
	// (the upgrade test's second .deb: gzip, which is faster).
	Compression string
}

// Result is what [Build] made.
type Result struct {
	Def      Definition
	Entries  []Entry
	Packages map[string]string // format (deb, rpm, tar.xz, launchagent, infoplist) → path
}

// Formats are all the outputs, in the order they are made.
var Formats = []string{"deb", "rpm", "tar.xz", "macos", "msi"}

func main() {
	var o Options
	var formats string
	flag.StringVar(&o.Out, "out", "dist", "the `directory` the packages go into")
	flag.StringVar(&o.Version, "version", "", "the upstream `version` (default: from git describe)")
	flag.StringVar(&formats, "formats", strings.Join(Formats, ","), "what to make: `list` of deb, rpm, tar.xz, macos, msi")
	flag.Parse()
	o.Root = "."
	o.Formats = strings.Split(formats, ",")
	res, err := Build(o)
	if err != nil {
		fmt.Fprintf(os.Stderr, "package: %v\n", err)
		os.Exit(1)
	}
	for _, f := range sortedKeys(res.Packages) {
		p := res.Packages[f]
		if st, err := os.Stat(p); err == nil {
			fmt.Printf("%s (%d KiB)\n", p, (st.Size()+1023)/1024)
		}
	}
}

// git runs git in root and returns its output without the newline.
func git(root string, args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("git %s: %w", strings.Join(args, " "), err)
	}
	return strings.TrimSpace(string(out)), nil
}

// debArch is GOARCH in Debian's words (nfpm makes rpm's of it).
func debArch() string {
	switch runtime.GOARCH {
	case "386":
		return "i386"
	case "arm":
		return "armhf"
	}
	return runtime.GOARCH
}

// Build makes the packages o asks for.
func Build(o Options) (*Result, error) {
	for _, f := range o.Formats {
		if !slices.Contains(Formats, f) {
			return nil, fmt.Errorf("unknown format %q (use %s)", f, strings.Join(Formats, ", "))
		}
	}
	commit, err := git(o.Root, "rev-parse", "--short", "HEAD")
	if err != nil {
		return nil, err
	}
	unix, err := git(o.Root, "log", "-1", "--format=%ct")
	if err != nil {
		return nil, err
	}
	sec, err := strconv.ParseInt(unix, 10, 64)
	if err != nil {
		return nil, err
	}
	count, err := git(o.Root, "rev-list", "--count", "HEAD")
	if err != nil {
		return nil, err
	}
	commits, _ := strconv.Atoi(count)
	toml, err := os.ReadFile(filepath.Join(o.Root, "FyneApp.toml"))
	if err != nil {
		return nil, err
	}
	base := baseVersion(string(toml))
	version := o.Version
	if version == "" {
		describe, err := git(o.Root, "describe", "--tags", "--always", "--dirty")
		if err != nil {
			return nil, err
		}
		if version, err = UpstreamVersion(describe, commits, base); err != nil {
			return nil, err
		}
	} else if !debianUpstream.MatchString(version) {
		return nil, fmt.Errorf("-version %q is no valid Debian upstream version", version)
	}
	d := Grendel(version, commit, time.Unix(sec, 0))

	if err := os.MkdirAll(o.Out, 0o755); err != nil {
		return nil, err
	}
	stage, err := os.MkdirTemp("", "grendel-package-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(stage)

	binary := o.Binary
	if binary == "" {
		binary = filepath.Join(stage, "grendel")
		if err := BuildBinary(o.Root, version, binary); err != nil {
			return nil, err
		}
	}
	man, err := ManPages(o.Root, version, d.Time)
	if err != nil {
		return nil, fmt.Errorf("man pages: %w", err)
	}
	entries, err := d.Entries(binary, filepath.Join(o.Root, "assets/icons/grendel.png"), man)
	if err != nil {
		return nil, err
	}
	res := &Result{Def: d, Entries: entries, Packages: map[string]string{}}
	// The formats are made side by side: each spends its time compressing.
	var (
		mu   sync.Mutex
		wg   sync.WaitGroup
		errs []error
	)
	for _, f := range o.Formats {
		wg.Add(1)
		go func() {
			defer wg.Done()
			paths, err := d.make(f, o, commits, entries, stage)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", f, err))
			}
			maps.Copy(res.Packages, paths)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return res, nil
}

// make makes the output f and returns its path(s) by name.
func (d Definition) make(f string, o Options, commits int, entries []Entry, stage string) (map[string]string, error) {
	switch f {
	case "deb", "rpm":
		dir, err := os.MkdirTemp(stage, f)
		if err != nil {
			return nil, err
		}
		info, err := nfpmInfo(d, f, debArch(), entries, dir, cmp.Or(o.Compression, "xz"))
		if err != nil {
			return nil, err
		}
		p, err := writeNFPM(f, info, o.Out)
		return map[string]string{f: p}, err
	case "tar.xz":
		p, err := writeTarball(d, debArch(), entries, o.Out)
		return map[string]string{f: p}, err
	case "msi":
		p, err := writeMSI(d, o, commits, stage)
		return map[string]string{f: p}, err
	case "macos":
		dir := filepath.Join(o.Out, "macos")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
		out := map[string]string{}
		for name, v := range map[string]any{
			d.ID + ".plist": d.MacLaunchAgent(),
			"Info.plist":    d.MacInfo(shortVersion.FindString(d.Version), commits),
		} {
			data, err := marshalPlist(v)
			if err != nil {
				return nil, err
			}
			p := filepath.Join(dir, name)
			if err := os.WriteFile(p, data, 0o644); err != nil {
				return nil, err
			}
			out[map[bool]string{true: "infoplist", false: "launchagent"}[name == "Info.plist"]] = p
		}
		return out, nil
	}
	return nil, fmt.Errorf("unknown format (use %s)", strings.Join(Formats, ", "))
}

// BuildBinary builds the program of the repository at root into out as
// the packages ship it: -trimpath, stripped (-s -w: Debian ships no
// unstripped programs; a panic's stack trace keeps its function names and
// lines), with the version.
func BuildBinary(root, version, out string) error {
	abs, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags", "-s -w -X main.version="+version, "-o", abs, ".")
	cmd.Dir = root
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go build: %w", err)
	}
	return nil
}
