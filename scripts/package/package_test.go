package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"howett.net/plist"

	"grendel/app/audit"
	"grendel/scripts/internal/wineprefix"
)

// built holds the packages that the tests below share: made once, at two
// versions (the second for the upgrade), from one program build each.
var built struct {
	once   sync.Once
	err    error
	dir    string
	v1, v2 *Result
}

func TestMain(m *testing.M) {
	code := m.Run()
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
	os.Exit(code)
}

// packages builds (once) the program and the packages at the version git
// describe gives and at a later one.
func packages(t *testing.T) (v1, v2 *Result) {
	t.Helper()
	built.once.Do(func() {
		start := time.Now()
		built.dir, built.err = os.MkdirTemp("", "grendel-package-test-")
		if built.err != nil {
			return
		}
		build := func(version, sub string) (*Result, error) {
			return Build(Options{Root: "../..", Out: filepath.Join(built.dir, sub), Version: version, Formats: testFormats()})
		}
		if built.v1, built.err = build("", "v1"); built.err != nil {
			return
		}
		// The later version only for the upgrade: its .deb alone.
		built.v2, built.err = Build(Options{Root: "../..", Out: filepath.Join(built.dir, "v2"), Version: built.v1.Def.Version + ".1", Formats: []string{"deb"}, Compression: "gzip"})
		t.Logf("built the program and the packages twice in %s", time.Since(start).Round(time.Second))
	})
	if built.err != nil {
		t.Fatalf("building the packages: %v", built.err)
	}
	return built.v1, built.v2
}

// testFormats are the formats the tests build: all, but the .msi only
// where wixl and mingw's gcc are installed (TestMSI says when not).
func testFormats() []string {
	for _, tool := range []string{"wixl", "x86_64-w64-mingw32-gcc"} {
		if _, err := exec.LookPath(tool); err != nil {
			return slices.DeleteFunc(slices.Clone(Formats), func(f string) bool { return f == "msi" })
		}
	}
	return Formats
}

func TestUpstreamVersion(t *testing.T) {
	for _, c := range []struct{ describe, want string }{
		{"8976dd5", "0.1.0~git271.8976dd5"},
		{"8976dd5-dirty", "0.1.0~git271.8976dd5.dirty"},
		{"v1.2.0", "1.2.0"},
		{"v1.2.0-dirty", "1.2.0+dirty"},
		{"v1.2.0-3-gabc1234", "1.2.0+git3.abc1234"},
		{"v1.2.0-rc1", "1.2.0~rc1"},
		{"v1.2.0-rc1-4-gabc1234-dirty", "1.2.0~rc1+git4.abc1234.dirty"},
		{"1.3", "1.3"},
	} {
		got, err := UpstreamVersion(c.describe, 271, "0.1.0")
		if err != nil || got != c.want {
			t.Errorf("UpstreamVersion(%q) = %q, %v; want %q", c.describe, got, err, c.want)
		}
	}
	for _, bad := range []string{"", "release", "v1.x", "-3-gabc"} {
		if got, err := UpstreamVersion(bad, 1, "0.1.0"); err == nil {
			t.Errorf("UpstreamVersion(%q) = %q, want an error", bad, got)
		}
	}
	// Later commits and releases order after earlier ones, as dpkg sees it.
	if _, err := exec.LookPath("dpkg"); err == nil {
		order := []string{"0.1.0~git271.8976dd5", "0.1.0~git272.1234567", "0.1.0~rc1", "0.1.0", "0.1.0+git3.abc1234", "0.1.1"}
		for i := 1; i < len(order); i++ {
			if err := exec.Command("dpkg", "--compare-versions", order[i-1], "lt", order[i]).Run(); err != nil {
				t.Errorf("dpkg does not order %s before %s", order[i-1], order[i])
			}
		}
	}
	if got := baseVersion("[Details]\n  Version = \"0.1.0\"\n  Build = 1\n"); got != "0.1.0" {
		t.Errorf("baseVersion = %q", got)
	}
}

func TestTemplates(t *testing.T) {
	d := Grendel("1.2.0", "abc1234", time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC))
	unit := render(t, d, "grendel.service")
	for _, want := range []string{
		"ExecStart=/usr/bin/grendel\n", "Restart=always\n", "RestartPreventExitStatus=0\n", "RestartSec=2\n",
		"PartOf=graphical-session.target\n", "WantedBy=graphical-session.target\n",
		"StartLimitIntervalSec=600\n", "StartLimitBurst=10\n",
	} {
		if !strings.Contains(unit, want) {
			t.Errorf("grendel.service lacks %q", want)
		}
	}
	auto := render(t, d, "autostart.desktop")
	for _, want := range []string{"X-systemd-skip=true\n", "X-GNOME-HiddenUnderSystemd=true\n", "Exec=/usr/bin/grendel supervise\n", "TryExec=/usr/bin/grendel\n"} {
		if !strings.Contains(auto, want) {
			t.Errorf("autostart.desktop lacks %q", want)
		}
	}
	if app := render(t, d, "app.desktop"); !strings.Contains(app, "StartupWMClass=nl.grendel.app\n") {
		t.Errorf("app.desktop lacks the WM class:\n%s", app)
	}
	if cl := render(t, d, "changelog"); !strings.HasPrefix(cl, "grendel (1.2.0-1) unstable; urgency=medium\n") ||
		!strings.Contains(cl, " -- Grendel maintainers <maintainers@example.invalid>  Fri, 04 Dec 2026 12:00:00 +0000\n") {
		t.Errorf("changelog:\n%s", cl)
	}
	// The maintainer scripts and install.sh touch only Grendel's own files
	// and IT's policy directories: never a user's shares or keychain.
	for _, name := range []string{"postinst", "postrm", "install.sh"} {
		s := render(t, d, name)
		for _, never := range []string{"/home", "$HOME", "~/", ".config/", ".local/", "secret-tool", "shares.json", "rm -r"} {
			if strings.Contains(s, never) {
				t.Errorf("%s mentions %q", name, never)
			}
		}
	}
}

func render(t *testing.T, d Definition, name string) string {
	t.Helper()
	b, err := d.Render(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestMacPlists(t *testing.T) {
	d := Grendel("1.2.0+git3.abc1234", "abc1234", time.Now())
	data, err := marshalPlist(d.MacLaunchAgent())
	if err != nil {
		t.Fatal(err)
	}
	var agent map[string]any
	if _, err := plist.Unmarshal(data, &agent); err != nil {
		t.Fatalf("the LaunchAgent does not parse: %v\n%s", err, data)
	}
	keep, _ := agent["KeepAlive"].(map[string]any)
	if agent["Label"] != "nl.grendel.app" || agent["RunAtLoad"] != true || keep == nil || keep["SuccessfulExit"] != false ||
		agent["LimitLoadToSessionType"] != "Aqua" {
		t.Errorf("LaunchAgent: %v", agent)
	}
	if args, _ := agent["ProgramArguments"].([]any); len(args) != 1 || args[0] != "/Applications/Grendel.app/Contents/MacOS/grendel" {
		t.Errorf("ProgramArguments: %v", agent["ProgramArguments"])
	}
	data, err = marshalPlist(d.MacInfo(shortVersion.FindString(d.Version), 271))
	if err != nil {
		t.Fatal(err)
	}
	var info map[string]any
	if _, err := plist.Unmarshal(data, &info); err != nil {
		t.Fatalf("Info.plist does not parse: %v\n%s", err, data)
	}
	for k, want := range map[string]any{
		"CFBundleIdentifier": "nl.grendel.app", "CFBundleExecutable": "grendel", "CFBundlePackageType": "APPL",
		"CFBundleShortVersionString": "1.2.0", "CFBundleVersion": "271", "LSUIElement": true,
	} {
		if info[k] != want {
			t.Errorf("Info.plist %s = %v, want %v", k, info[k], want)
		}
	}
}

// TestBuiltPackages checks what make package makes: the files of every
// output, the macOS property lists, and the tarball's MANIFEST.
func TestBuiltPackages(t *testing.T) {
	v1, _ := packages(t)
	for _, f := range []string{"deb", "rpm", "tar.xz", "launchagent", "infoplist"} {
		st, err := os.Stat(v1.Packages[f])
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		t.Logf("%s: %s, %d KiB", f, filepath.Base(v1.Packages[f]), st.Size()/1024)
	}
	if p := v1.Packages["msi"]; p != "" {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatalf("msi: %v", err)
		}
		t.Logf("msi: %s, %d KiB", filepath.Base(p), st.Size()/1024)
		if !strings.HasPrefix(filepath.Base(p), "grendel-"+v1.Def.Version+"-x64.msi") {
			t.Errorf("the .msi is %s", filepath.Base(p))
		}
		if _, err := exec.LookPath("msiinfo"); err != nil {
			t.Log("msiinfo is not installed: the built .msi is not read")
		} else if files := msiTable(t, p, "File"); !hasRow(files, "grendel.exe", "Programs", "grendel.exe") || !hasRow(files, "grendelw.exe", "Programs", "grendelw.exe") {
			t.Errorf("the built .msi's File table: %v", files)
		}
	}
	for _, f := range []string{"launchagent", "infoplist"} {
		data, _ := os.ReadFile(v1.Packages[f])
		var m map[string]any
		if _, err := plist.Unmarshal(data, &m); err != nil {
			t.Errorf("%s does not parse: %v", f, err)
		}
	}
	var pages []string
	for _, e := range v1.Entries {
		if strings.HasPrefix(e.Path, "/usr/share/man/man1/") {
			pages = append(pages, filepath.Base(e.Path))
		}
	}
	for _, want := range []string{"grendel.1.gz", "grendel-status.1.gz", "grendel-policy-validate.1.gz", "grendel-file-encrypt.1.gz"} {
		if !slices.Contains(pages, want) {
			t.Errorf("no man page %s among %v", want, pages)
		}
	}
}

// expected are the paths the .deb installs, with their modes.
func expected(r *Result) map[string]fs.FileMode {
	m := map[string]fs.FileMode{}
	for _, e := range r.Entries {
		if e.Kind == KindLink {
			m[e.Path] = fs.ModeSymlink
		} else {
			m[e.Path] = e.Mode
		}
	}
	return m
}

func need(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (scripts/install-deps.sh installs it)", tool)
		}
	}
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// TestLintian runs Debian's package checker on the .deb: no errors. The
// warnings it may give are listed in README.md ("Install").
func TestLintian(t *testing.T) {
	need(t, "lintian")
	v1, _ := packages(t)
	out, _ := exec.Command("lintian", "--allow-root", "--tag-display-limit", "0", v1.Packages["deb"]).CombinedOutput()
	t.Logf("lintian:\n%s", out)
	known := []string{"hardening-no-pie", "initial-upload-closes-no-bugs"}
	for _, line := range strings.Split(string(out), "\n") {
		switch {
		case strings.HasPrefix(line, "E: "):
			t.Errorf("lintian error: %s", line)
		case strings.HasPrefix(line, "W: "):
			if !slices.ContainsFunc(known, func(tag string) bool { return strings.Contains(line, " "+tag) }) {
				t.Errorf("a lintian warning that README.md does not explain: %s", line)
			}
		}
	}
}

// TestDebDependsOnLinkedLibraries checks that Depends names the package of
// every library the program links, and the rpm's Requires the library.
func TestDebDependsOnLinkedLibraries(t *testing.T) {
	need(t, "readelf", "dpkg", "ldconfig")
	v1, _ := packages(t)
	// The program was built into a directory Build removed; extract it.
	dir := t.TempDir()
	run(t, "dpkg-deb", "-x", v1.Packages["deb"], dir)
	bin := filepath.Join(dir, "usr/bin/grendel")
	cache := run(t, "ldconfig", "-p")
	for _, m := range regexp.MustCompile(`\(NEEDED\)\s+Shared library: \[([^]]+)\]`).FindAllStringSubmatch(run(t, "readelf", "-d", bin), -1) {
		lib := m[1]
		if !slices.Contains(v1.Def.Requires, lib+"()(64bit)") {
			t.Errorf("the program links %s, which the rpm's Requires (%v) lack", lib, v1.Def.Requires)
		}
		path := regexp.MustCompile(`(?m)^\s+` + regexp.QuoteMeta(lib) + ` \(libc6[^)]*\) => (\S+)$`).FindStringSubmatch(cache)
		if path == nil {
			t.Logf("%s: not in ldconfig's cache here", lib)
			continue
		}
		// With merged /usr, dpkg knows the file by its /usr path.
		var owner string
		real, _ := filepath.EvalSymlinks(path[1])
		for _, p := range []string{path[1], "/usr" + path[1], real} {
			if out, err := exec.Command("dpkg", "-S", p).Output(); err == nil {
				owner, _, _ = strings.Cut(string(out), ":")
				break
			}
		}
		if owner == "" {
			t.Errorf("no package owns %s (%s)", lib, path[1])
			continue
		}
		if !slices.Contains(v1.Def.Depends, owner) {
			t.Errorf("the program links %s of %s, which Depends (%v) lacks", lib, owner, v1.Def.Depends)
		}
	}
}

// TestDebInstallUpgradeRemovePurge installs the .deb on this machine (as
// root, with dpkg: CI), checks the files, their owners and modes, the unit
// and the desktop entries, runs the program, upgrades to the later
// version with a policy file in place (kept), removes (the policy
// directories, IT's file and the conffile stay) and purges (the conffile
// and the empty policy directories go, the one with IT's file stays).
func TestDebInstallUpgradeRemovePurge(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("installing the .deb needs root (CI runs as root)")
	}
	need(t, "dpkg", "dpkg-query")
	if out, err := exec.Command("dpkg-query", "-W", "-f=${Status}", "grendel").Output(); err == nil && strings.Contains(string(out), "installed") {
		t.Skipf("a grendel package is already on this machine (%s); the test does not replace it", out)
	}
	if _, err := os.Lstat("/etc/grendel"); err == nil {
		t.Skip("/etc/grendel exists on this machine; the test does not touch IT's policy")
	}
	v1, v2 := packages(t)
	policyFile := "/etc/grendel/policies/managed/50-test.json"
	t.Cleanup(func() {
		exec.Command("dpkg", "--purge", "grendel").Run()
		os.Remove(policyFile)
		for _, d := range slices.Backward(PolicyDirs) {
			os.Remove(d)
		}
	})

	run(t, "dpkg", "-i", v1.Packages["deb"])
	checkInstalled(t, v1)
	if out := run(t, "/usr/bin/grendel", "version"); !strings.HasPrefix(out, "Grendel "+v1.Def.Version+" ") {
		t.Errorf("grendel version: %q, want Grendel %s", out, v1.Def.Version)
	}
	if _, err := exec.LookPath("desktop-file-validate"); err == nil {
		run(t, "desktop-file-validate", "/usr/share/applications/nl.grendel.app.desktop", "/etc/xdg/autostart/grendel.desktop")
	} else {
		t.Log("desktop-file-validate is not installed: the desktop entries are not validated")
	}
	if _, err := exec.LookPath("systemd-analyze"); err == nil {
		cmd := exec.Command("systemd-analyze", "--user", "verify", "/usr/lib/systemd/user/grendel.service")
		cmd.Env = append(os.Environ(), "XDG_RUNTIME_DIR="+t.TempDir())
		if out, err := cmd.CombinedOutput(); err != nil || len(bytes.TrimSpace(out)) > 0 {
			t.Errorf("systemd-analyze --user verify: %v\n%s", err, out)
		}
	} else {
		t.Log("systemd-analyze is not installed: the unit is not verified")
	}

	// IT drops a policy file; an upgrade keeps it as it is.
	policy := []byte("// IT's policy\n{\"lock\": {\"idle_timeout\": \"5m\"}}\n")
	if err := os.WriteFile(policyFile, policy, 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, "dpkg", "-i", v2.Packages["deb"])
	checkInstalled(t, v2)
	if got := run(t, "dpkg-query", "-W", "-f=${Version}", "grendel"); got != v2.Def.PackageVersion() {
		t.Errorf("after the upgrade dpkg has %s, want %s", got, v2.Def.PackageVersion())
	}
	if out := run(t, "/usr/bin/grendel", "version"); !strings.HasPrefix(out, "Grendel "+v2.Def.Version+" ") {
		t.Errorf("after the upgrade grendel version says %q", out)
	}
	if got, err := os.ReadFile(policyFile); err != nil || !bytes.Equal(got, policy) {
		t.Errorf("the upgrade did not keep IT's policy file: %q, %v", got, err)
	}

	// Remove: the program goes; the conffile, the policy directories and
	// IT's file stay.
	run(t, "dpkg", "--remove", "grendel")
	if got := run(t, "dpkg-query", "-W", "-f=${Status}", "grendel"); got != "deinstall ok config-files" {
		t.Errorf("after remove: %s", got)
	}
	for path := range expected(v2) {
		_, err := os.Lstat(path)
		if path == "/etc/xdg/autostart/grendel.desktop" {
			if err != nil {
				t.Errorf("remove took the conffile %s: %v", path, err)
			}
		} else if err == nil {
			t.Errorf("remove left %s", path)
		}
	}
	for _, d := range PolicyDirs {
		checkDir(t, d)
	}
	if got, err := os.ReadFile(policyFile); err != nil || !bytes.Equal(got, policy) {
		t.Errorf("remove did not keep IT's policy file: %q, %v", got, err)
	}

	// Purge: the conffile and the empty policy directory go; managed/ with
	// IT's file, and its parents, stay.
	run(t, "dpkg", "--purge", "grendel")
	if out, _ := exec.Command("dpkg-query", "-W", "-f=${Status}", "grendel").Output(); strings.Contains(string(out), "installed") || strings.Contains(string(out), "config-files") {
		t.Errorf("after purge: %s", out)
	}
	for _, gone := range []string{"/etc/xdg/autostart/grendel.desktop", "/etc/grendel/policies/recommended", "/usr/share/doc/grendel"} {
		if _, err := os.Lstat(gone); err == nil {
			t.Errorf("purge left %s", gone)
		}
	}
	if got, err := os.ReadFile(policyFile); err != nil || !bytes.Equal(got, policy) {
		t.Errorf("purge touched IT's policy file: %q, %v", got, err)
	}
	// Without IT's file, a purge removes every policy directory.
	os.Remove(policyFile)
	run(t, "dpkg", "-i", v1.Packages["deb"])
	run(t, "dpkg", "--purge", "grendel")
	if _, err := os.Lstat("/etc/grendel"); err == nil {
		t.Error("purge left the empty /etc/grendel")
	}
}

// checkInstalled checks every file of r on this machine: there, root's,
// its mode; the unit's link; the policy directories root's and 0755; and
// that dpkg lists no file in the policy directories (they are IT's).
func checkInstalled(t *testing.T, r *Result) {
	t.Helper()
	for path, mode := range expected(r) {
		st, err := os.Lstat(path)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		if mode == fs.ModeSymlink {
			if st.Mode()&fs.ModeSymlink == 0 {
				t.Errorf("%s is no symbolic link", path)
			} else if _, err := os.Stat(path); err != nil {
				t.Errorf("%s: the link is broken: %v", path, err)
			}
		} else if st.Mode() != mode {
			t.Errorf("%s: mode %v, want %v", path, st.Mode(), mode)
		}
		if sys := st.Sys().(*syscall.Stat_t); sys.Uid != 0 || sys.Gid != 0 {
			t.Errorf("%s: owner %d:%d, want root", path, sys.Uid, sys.Gid)
		}
	}
	for _, d := range PolicyDirs {
		checkDir(t, d)
	}
	listed := run(t, "dpkg-query", "-L", "grendel")
	if strings.Contains(listed, "/etc/grendel") {
		t.Errorf("the package owns something under /etc/grendel:\n%s", listed)
	}
	conffiles := run(t, "dpkg-query", "-W", "-f=${Conffiles}", "grendel")
	if got := strings.Fields(conffiles); len(got) == 0 || got[0] != "/etc/xdg/autostart/grendel.desktop" || strings.Count(conffiles, "/") != 4 {
		t.Errorf("conffiles: %q, want only /etc/xdg/autostart/grendel.desktop", conffiles)
	}
}

func checkDir(t *testing.T, d string) {
	t.Helper()
	st, err := os.Lstat(d)
	if err != nil {
		t.Errorf("policy directory %s: %v", d, err)
		return
	}
	sys := st.Sys().(*syscall.Stat_t)
	if !st.IsDir() || st.Mode().Perm() != 0o755 || sys.Uid != 0 || sys.Gid != 0 {
		t.Errorf("policy directory %s: %v %d:%d, want a directory, 0755, root's", d, st.Mode(), sys.Uid, sys.Gid)
	}
}

// TestRPM lists the .rpm with rpm: the same files as the .deb, the
// autostart entry as configuration, the same scripts.
func TestRPM(t *testing.T) {
	need(t, "rpm")
	v1, _ := packages(t)
	p := v1.Packages["rpm"]
	list := strings.Fields(run(t, "rpm", "-qlp", p))
	want := sortedKeys(expected(v1))
	var got []string
	for _, f := range list {
		if slices.Contains(want, f) {
			got = append(got, f)
		} else if !strings.HasPrefix(f, "/usr/") || strings.Contains(f, ".") {
			t.Errorf("the rpm has %s, which the .deb has not", f)
		}
	}
	if len(got) != len(want) {
		t.Errorf("the rpm has %d of the .deb's %d files:\n%s", len(got), len(want), strings.Join(list, "\n"))
	}
	if cfg := strings.TrimSpace(run(t, "rpm", "-qcp", p)); cfg != "/etc/xdg/autostart/grendel.desktop" {
		t.Errorf("rpm -qc: %q", cfg)
	}
	scripts := run(t, "rpm", "-qp", "--scripts", p)
	for _, want := range []string{"postinstall scriptlet", "/etc/grendel/policies/managed", "postuninstall scriptlet"} {
		if !strings.Contains(scripts, want) {
			t.Errorf("rpm --scripts lacks %q:\n%s", want, scripts)
		}
	}
	requires := run(t, "rpm", "-qpR", p)
	for _, want := range v1.Def.Requires {
		if !strings.Contains(requires, want) {
			t.Errorf("the rpm does not require %s:\n%s", want, requires)
		}
	}
	for _, deb := range v1.Def.Depends {
		if regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(deb) + `\b`).MatchString(requires) {
			t.Errorf("the rpm requires the Debian package %s:\n%s", deb, requires)
		}
	}
	if v := run(t, "rpm", "-qp", "--qf", "%{VERSION}-%{RELEASE}", p); v != v1.Def.PackageVersion() {
		t.Errorf("rpm version %s, want %s", v, v1.Def.PackageVersion())
	}
}

// TestTarballInstall unpacks the .tar.xz and runs its install.sh into a
// temporary DESTDIR with prefix /usr/local, then --uninstall and --purge.
func TestTarballInstall(t *testing.T) {
	need(t, "tar", "xz", "sh")
	v1, _ := packages(t)
	dir := t.TempDir()
	run(t, "tar", "-C", dir, "-xJf", v1.Packages["tar.xz"])
	top := filepath.Join(dir, fmt.Sprintf("grendel-%s-linux-%s", v1.Def.Version, debArch()))
	dest := filepath.Join(dir, "root")
	run(t, "sh", filepath.Join(top, "install.sh"), "--destdir", dest, "--prefix", "/usr/local")

	want := map[string]fs.FileMode{}
	for path, mode := range expected(v1) {
		switch {
		case strings.HasPrefix(path, "/usr/lib/systemd/user/"):
			path = "/usr/local/lib/systemd/user/" + strings.TrimPrefix(path, "/usr/lib/systemd/user/")
		case strings.HasPrefix(path, "/usr/"):
			path = "/usr/local/" + strings.TrimPrefix(path, "/usr/")
		}
		want[path] = mode
	}
	for path, mode := range want {
		st, err := os.Lstat(dest + path)
		switch {
		case err != nil:
			t.Errorf("install.sh did not install %s: %v", path, err)
		case mode == fs.ModeSymlink && st.Mode()&fs.ModeSymlink == 0,
			mode != fs.ModeSymlink && st.Mode() != mode:
			t.Errorf("%s: mode %v, want %v", path, st.Mode(), mode)
		}
	}
	for _, d := range PolicyDirs {
		if st, err := os.Stat(dest + d); err != nil || st.Mode().Perm() != 0o755 {
			t.Errorf("policy directory %s: %v", d, err)
		}
	}
	for _, f := range []string{"/usr/local/lib/systemd/user/grendel.service", "/usr/local/share/applications/nl.grendel.app.desktop", "/etc/xdg/autostart/grendel.desktop"} {
		data, _ := os.ReadFile(dest + f)
		if !strings.Contains(string(data), "/usr/local/bin/grendel") || strings.Contains(string(data), "/usr/bin/grendel") {
			t.Errorf("%s does not name /usr/local/bin/grendel:\n%s", f, data)
		}
	}
	if out := run(t, dest+"/usr/local/bin/grendel", "version"); !strings.HasPrefix(out, "Grendel "+v1.Def.Version+" ") {
		t.Errorf("grendel version: %q", out)
	}

	// IT's policy file; an administrator's change to the autostart entry.
	policyFile := dest + "/etc/grendel/policies/managed/50-test.json"
	if err := os.WriteFile(policyFile, []byte("{}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Installing again (an upgrade) keeps a changed autostart entry.
	auto := dest + "/etc/xdg/autostart/grendel.desktop"
	if err := os.WriteFile(auto, []byte("[Desktop Entry]\nHidden=true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, "sh", filepath.Join(top, "install.sh"), "--destdir", dest, "--prefix", "/usr/local")
	if data, _ := os.ReadFile(auto); string(data) != "[Desktop Entry]\nHidden=true\n" {
		t.Errorf("install.sh replaced the changed autostart entry: %q", data)
	}
	os.Remove(auto + ".new")

	// Uninstall with the installed copy of install.sh.
	run(t, "sh", dest+"/usr/local/lib/grendel/install.sh", "--uninstall", "--destdir", dest, "--prefix", "/usr/local")
	left := listFiles(t, dest)
	wantLeft := []string{"/etc/grendel/policies/managed/50-test.json", "/etc/xdg/autostart/grendel.desktop"}
	if !slices.Equal(left, wantLeft) {
		t.Errorf("after --uninstall these are left: %v, want %v", left, wantLeft)
	}
	run(t, "sh", filepath.Join(top, "install.sh"), "--uninstall", "--purge", "--destdir", dest, "--prefix", "/usr/local")
	if left := listFiles(t, dest); !slices.Equal(left, wantLeft[:1]) {
		t.Errorf("after --purge these are left: %v, want only IT's policy file", left)
	}
	if _, err := os.Stat(dest + "/etc/grendel/policies/recommended"); err == nil {
		t.Error("--purge left the empty policy directory recommended")
	}
}

// listFiles lists the files and links below root (paths without root).
func listFiles(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			out = append(out, strings.TrimPrefix(path, root))
		}
		return err
	})
	slices.Sort(out)
	return out
}

func TestMSIVersion(t *testing.T) {
	for _, c := range []struct {
		version string
		commits int
		want    string
	}{
		{"0.1.0~git271.8976dd5", 271, "0.1.271"},
		{"1.2.0+git3.abc1234.dirty", 300, "1.2.300"},
		{"1.3", 12, "1.3.12"},
		{"2", 7, "2.0.7"},
	} {
		if got, err := MSIVersion(c.version, c.commits); err != nil || got != c.want {
			t.Errorf("MSIVersion(%q, %d) = %q, %v; want %q", c.version, c.commits, got, err, c.want)
		}
	}
	for _, c := range []struct {
		version string
		commits int
	}{{"256.1.0", 1}, {"1.256", 1}, {"1.2.0", 65536}, {"x", 1}} {
		if got, err := MSIVersion(c.version, c.commits); err == nil {
			t.Errorf("MSIVersion(%q, %d) = %q, want an error", c.version, c.commits, got)
		}
	}
}

// msiTable returns the rows of an MSI's table as msiinfo exports them
// (tab-separated, after the three header lines).
func msiTable(t *testing.T, msi, table string) [][]string {
	t.Helper()
	out := run(t, "msiinfo", "export", msi, table)
	lines := strings.Split(strings.ReplaceAll(out, "\r\n", "\n"), "\n")
	var rows [][]string
	for i, l := range lines {
		if i < 3 || l == "" {
			continue
		}
		rows = append(rows, strings.Split(l, "\t"))
	}
	return rows
}

func hasRow(rows [][]string, want ...string) bool {
	return slices.ContainsFunc(rows, func(r []string) bool {
		for i, w := range want {
			if w != "*" && (i >= len(r) || r[i] != w) {
				return false
			}
		}
		return true
	})
}

// TestMSI makes the .msi with wixl from the Definition, with stand-ins for
// the two programs (make package builds the real ones), and reads its
// tables back with msiinfo: both programs and the icon in Program
// Files\Grendel, the Run value that starts grendelw.exe supervise for every
// user, the Start-menu shortcut to the status window, the ProgramData
// policy directories, the event log source of the audit trail, the
// upgrade code, version and the major upgrade.
func TestMSI(t *testing.T) {
	need(t, "wixl", "msiinfo")
	if !slices.Contains(testFormats(), "msi") {
		t.Log("make package's .msi is not built here: x86_64-w64-mingw32-gcc is missing")
	}
	dir := t.TempDir()
	stand := func(name string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("MZ stand-in for "+name), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	d := Grendel("0.1.0~git271.abc1234", "abc1234", time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC))
	version, err := MSIVersion(d.Version, 271)
	if err != nil {
		t.Fatal(err)
	}
	m := msiOf(d, version, stand("grendel.exe"), stand("grendelw.exe"), stand("grendel.ico"))
	wxs, err := m.WXS()
	if err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(dir, "grendel.wxs")
	if err := os.WriteFile(src, wxs, 0o644); err != nil {
		t.Fatal(err)
	}
	msi := filepath.Join(dir, "grendel.msi")
	wixl := exec.Command("wixl", "--arch", "x64", "-o", msi, filepath.Base(src))
	wixl.Dir = dir
	if out, err := wixl.CombinedOutput(); err != nil {
		t.Fatalf("wixl: %v\n%s", err, out)
	}

	files := msiTable(t, msi, "File")
	for _, f := range []string{"grendel.exe", "grendelw.exe", "grendel.ico"} {
		if !hasRow(files, "*", "Programs", f) {
			t.Errorf("File table lacks %s: %v", f, files)
		}
	}
	dirs := msiTable(t, msi, "Directory")
	for _, want := range [][]string{
		{"INSTALLDIR", "ProgramFiles64Folder", "Grendel"},
		{"GrendelData", "CommonAppDataFolder", "Grendel"},
		{"PolicyDir", "GrendelData", "policies"},
		{"ManagedDir", "PolicyDir", "managed"},
		{"RecommendedDir", "PolicyDir", "recommended"},
	} {
		if !hasRow(dirs, want...) {
			t.Errorf("Directory table lacks %v: %v", want, dirs)
		}
	}
	create := msiTable(t, msi, "CreateFolder")
	if !hasRow(create, "ManagedDir", "ManagedPolicies") || !hasRow(create, "RecommendedDir", "RecommendedPolicies") {
		t.Errorf("CreateFolder table: %v", create)
	}
	// Root 2 is HKEY_LOCAL_MACHINE.
	reg := msiTable(t, msi, "Registry")
	if !hasRow(reg, "*", "2", `Software\Microsoft\Windows\CurrentVersion\Run`, "Grendel", `"[INSTALLDIR]grendelw.exe" supervise`, "Autostart") {
		t.Errorf("Registry table lacks the Run value: %v", reg)
	}
	// The audit trail's event log source (app/audit.EventSource): the
	// message file, whose folder msiexec fills in, and two DWORDs (#).
	source := `SYSTEM\CurrentControlSet\Services\EventLog\Application\Grendel`
	for _, v := range [][]string{
		{"EventMessageFile", `[System64Folder]EventCreate.exe`}, {"TypesSupported", "#7"}, {"CustomSource", "#1"},
	} {
		if !hasRow(reg, "*", "2", source, v[0], v[1], "EventSource") {
			t.Errorf("Registry table lacks the event source's %s = %s: %v", v[0], v[1], reg)
		}
	}
	props := msiTable(t, msi, "Property")
	for _, want := range [][]string{
		{"UpgradeCode", "{" + UpgradeCode + "}"}, {"ProductVersion", "0.1.271"}, {"ProductName", "Grendel"},
		{"ICACLS", "icacls.exe"},
	} {
		if !hasRow(props, want...) && !hasRow(props, want[0], strings.Trim(want[1], "{}")) {
			t.Errorf("Property table lacks %v: %v", want, props)
		}
	}
	// The major upgrade: every earlier version of this upgrade code is
	// found (and removed), and a later one stops the install.
	up := msiTable(t, msi, "Upgrade")
	if len(up) < 2 || !slices.ContainsFunc(up, func(r []string) bool { return strings.Contains(r[0], UpgradeCode) }) {
		t.Errorf("Upgrade table: %v", up)
	}
	if seq := run(t, "msiinfo", "export", msi, "InstallExecuteSequence"); !strings.Contains(seq, "RemoveExistingProducts") {
		t.Errorf("InstallExecuteSequence lacks RemoveExistingProducts:\n%s", seq)
	}
	// The policy directories are made the administrators' after
	// CreateFolders (deferred, as SYSTEM), on install and upgrade.
	ca := msiTable(t, msi, "CustomAction")
	if !slices.ContainsFunc(ca, func(r []string) bool {
		// 3122: 50 (the program a property names) + deferred + as SYSTEM.
		return len(r) >= 4 && r[0] == "LockPolicyDirs" && r[1] == "3122" && r[2] == "ICACLS" &&
			strings.HasPrefix(r[3], `"[GrendelData]." /inheritance:r /grant:r *S-1-5-32-544:(OI)(CI)F *S-1-5-18:(OI)(CI)F *S-1-5-32-545:(OI)(CI)RX`)
	}) {
		t.Errorf("CustomAction table: %v", ca)
	}
	if seq := msiTable(t, msi, "InstallExecuteSequence"); !hasRow(seq, "LockPolicyDirs", "NOT REMOVE") {
		t.Errorf("InstallExecuteSequence lacks LockPolicyDirs: %v", seq)
	}
	sc := msiTable(t, msi, "Shortcut")
	if !hasRow(sc, "StartMenuShortcut", "ProgramMenuFolder", "*", "StartMenu", "[INSTALLDIR]grendelw.exe", "ui status") {
		t.Errorf("Shortcut table: %v", sc)
	}
	if sum := run(t, "msiinfo", "suminfo", msi); !strings.Contains(sum, "x64;1033") {
		t.Errorf("summary information is not x64:\n%s", sum)
	}
}

// TestMSIWine installs the built .msi under Wine (a fresh prefix, with
// the ProcessPrng shim of scripts/internal/wineprefix), runs the
// installed grendel.exe version, reads the Run value, and uninstalls it:
// the programs, the Run value and the event source go, a policy file IT
// put into the managed directory stays. What the programs report to the
// Windows event log is read from Wine's debug output (eventlog_wine_test.go).
func TestMSIWine(t *testing.T) {
	need(t, wineprefix.Tools...)
	v1, _ := packages(t)
	msi := v1.Packages["msi"]
	if msi == "" {
		t.Skip("no .msi was built (wixl is not installed)")
	}
	p, err := wineprefix.New(t.TempDir(), wineprefix.Options{Logf: t.Logf})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	prefix := p.Dir
	wine := p.Run
	winMSI, err := p.WindowsPath(msi)
	if err != nil {
		t.Fatal(err)
	}
	if out, err := wine(3*time.Minute, "wine", "msiexec", "/i", winMSI, "/qn"); err != nil {
		t.Fatalf("msiexec /i: %v\n%s", err, out)
	}
	dir := filepath.Join(prefix, "drive_c/Program Files/Grendel")
	for _, f := range []string{"grendel.exe", "grendelw.exe", "grendel.ico"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("not installed: %v", err)
		}
	}
	if out, err := wine(time.Minute, "wine", `C:\Program Files\Grendel\grendel.exe`, "version"); err != nil || !strings.Contains(out, "Grendel "+v1.Def.Version+" ") {
		t.Errorf("grendel.exe version = %v\n%s", err, out)
	}
	const runKey = `HKLM\Software\Microsoft\Windows\CurrentVersion\Run`
	runValue, _ := wine(30*time.Second, "wine", "reg", "query", runKey, "/v", "Grendel")
	if !strings.Contains(runValue, `"C:\Program Files\Grendel\grendelw.exe" supervise`) {
		t.Errorf("the Run value:\n%s", runValue)
	}
	// A portable copy, for after the uninstall.
	portable := filepath.Join(prefix, "drive_c", "portable", "grendel.exe")
	if b, err := os.ReadFile(filepath.Join(dir, "grendel.exe")); err != nil || os.MkdirAll(filepath.Dir(portable), 0o755) != nil || os.WriteFile(portable, b, 0o755) != nil {
		t.Fatalf("copying grendel.exe: %v", err)
	}
	t.Run("Autostart", func(t *testing.T) { checkAutostartWine(t, p, runValue) })
	// Nothing of Grendel's runs during the upgrade and the uninstall.
	p.Close()
	winMSI = checkUpgradeWine(t, p, v1)
	policies := filepath.Join(prefix, "drive_c/ProgramData/Grendel/policies")
	itFile := filepath.Join(policies, "managed", "it.json")
	if err := os.WriteFile(itFile, []byte("{}\n"), 0o644); err != nil {
		t.Fatalf("the managed policy directory: %v", err)
	}
	if out, err := wine(3*time.Minute, "wine", "msiexec", "/x", winMSI, "/qn"); err != nil {
		t.Fatalf("msiexec /x: %v\n%s", err, out)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("Program Files\\Grendel is still there after uninstall (%v)", err)
	}
	if out, _ := wine(30*time.Second, "wine", "reg", "query", runKey, "/v", "Grendel"); strings.Contains(out, "grendelw.exe") {
		t.Errorf("the Run value is still there after uninstall:\n%s", out)
	}
	if _, err := os.Stat(itFile); err != nil {
		t.Errorf("IT's policy file went with the uninstall: %v", err)
	}
	if _, err := os.Stat(filepath.Join(policies, "recommended")); !os.IsNotExist(err) {
		t.Errorf("the empty recommended directory stayed after uninstall (%v)", err)
	}
	t.Run("UnregisteredSource", func(t *testing.T) { checkUnregisteredSourceWine(t, p, `C:\portable\grendel.exe`) })
}

// checkAutostartWine starts exactly what the Run value (reg query's
// output, runValue) starts, and checks that the agent answers
// grendel.exe status within a bound, that a second agent started by hand
// exits rather than runs beside it, that policy show --json is JSON, that
// a share password goes into Credential Manager and out again, and that
// what the supervisor, the agents and the share commands recorded reached
// the event log as the audit file has it (checkEventlogWine), without the
// label, the password or the value typed into the registry.
func checkAutostartWine(t *testing.T, p *wineprefix.Prefix, runValue string) {
	// reg query prints "    Grendel    REG_SZ    COMMAND".
	_, command, ok := strings.Cut(runValue, "REG_SZ")
	argv := splitCommandLine(strings.TrimSpace(strings.SplitN(command, "\n", 2)[0]))
	if !ok || len(argv) == 0 {
		t.Fatalf("no command in the Run value:\n%s", runValue)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	autostart := p.Command(ctx, "wine", argv...)
	// Wine's eventlog output of the supervisor and of every agent it
	// starts, which inherit its standard error.
	debugLog, err := os.Create(filepath.Join(t.TempDir(), "eventlog"))
	if err != nil {
		t.Fatal(err)
	}
	defer debugLog.Close()
	autostart.Env, autostart.Stderr = eventlogEnv(p), debugLog
	if err := autostart.Start(); err != nil {
		t.Fatalf("starting the Run value's %q: %v", argv, err)
	}
	// p.Close (wineserver -k), after the test, ends it and the agent.
	go autostart.Wait()

	const cli = `C:\Program Files\Grendel\grendel.exe`
	start := time.Now()
	var status string
	for {
		out, err := p.Run(30*time.Second, "wine", cli, "status")
		if err == nil {
			status = out
			break
		}
		if time.Since(start) > 90*time.Second {
			t.Fatalf("grendel.exe status did not answer within 90 s of %q: %v\n%s", argv, err, out)
		}
		time.Sleep(time.Second)
	}
	t.Logf("grendel.exe status answered %s after the Run value's command started:\n%s", time.Since(start).Round(100*time.Millisecond), status)

	// A second agent, started by hand, finds the first and exits.
	if out, err := p.Run(90*time.Second, "wine", `C:\Program Files\Grendel\grendelw.exe`); err != nil && strings.Contains(err.Error(), "not done within") {
		t.Errorf("a second grendelw.exe still ran after 90 s (a second agent?): %v\n%s", err, out)
	}
	if out, err := p.Run(30*time.Second, "wine", cli, "status"); err != nil {
		t.Errorf("grendel.exe status after a second start = %v\n%s", err, out)
	}

	if out, err := p.Run(time.Minute, "wine", cli, "policy", "show", "--json"); err != nil || !json.Valid([]byte(out)) {
		t.Errorf("grendel.exe policy show --json = %v, valid JSON %v\n%s", err, json.Valid([]byte(out)), out)
	}
	checkRegistryPolicyWine(t, p, cli)
	const typed = "Zeer-Geheim-Getypt-42"
	checkRejectedPolicyWine(t, p, typed)
	checkKillWine(t, p, cli)

	// Share passwords in Credential Manager; the commands' eventlog
	// output in cliLogs.
	var cliLogs []string
	share := func(args ...string) (string, error) {
		out, stderr, err := runEventlog(p, time.Minute, "wine", append([]string{cli, "share"}, args...)...)
		cliLogs = append(cliLogs, stderr)
		return out, err
	}
	const label = "Offerte.pdf"
	out, err := share("new", "--label", label, "--print")
	lines := strings.Split(strings.TrimSpace(strings.ReplaceAll(out, "\r", "")), "\n")
	if err != nil || len(lines) != 2 {
		t.Fatalf("grendel.exe share new --print = %v\n%s", err, out)
	}
	id, pw := lines[0], lines[1]
	if out, err := share("show", id, "--print"); err != nil || lastLine(out) != pw {
		t.Errorf("grendel.exe share show %s --print = %v; the password read back differs: %t", id, err, lastLine(out) != pw)
	}
	if out, err := share("delete", id); err != nil {
		t.Errorf("grendel.exe share delete %s = %v\n%s", id, err, out)
	}
	if _, err := share("show", id); err == nil {
		t.Errorf("grendel.exe share show %s after delete succeeded", id)
	}

	logs := func() []string {
		b, _ := os.ReadFile(debugLog.Name())
		return append([]string{string(b)}, cliLogs...)
	}
	entries := checkEventlogWine(t, p, 0, logs, label, pw, typed)
	// Two lines as Wine prints them, written out: the first agent's
	// start, information, and the supervisor's restart after taskkill /F,
	// a warning, with the documented code of an agent ended from outside
	// (audit.ExitUnasked).
	for _, want := range []string{
		`:trace:eventlog:ReportEventW L"Grendel: agent started\r\nevent=agent.started role=agent seq=1 schema=grendel.audit/1 started_by=supervisor"`,
		`:warn:eventlog:ReportEventW L"Grendel: agent restarted after it ended\r\nevent=agent.restarted role=supervisor seq=1 schema=grendel.audit/1 exit_code=-2"`,
	} {
		if !strings.Contains(logs()[0], want) {
			t.Errorf("Wine's eventlog output of the Run value's processes lacks %s", want)
		}
	}
	// Both types, and the events this test made, by name.
	for _, want := range []audit.Name{audit.NameAgentStarted, audit.NamePolicyApplied, audit.NamePolicyRejected,
		audit.NameAgentRestarted, audit.NameShareCreated, audit.NameShareDeleted} {
		if !slices.ContainsFunc(entries, func(e audit.Entry) bool { return e.Event == want }) {
			t.Errorf("no %s in the audit file and the event log", want)
		}
	}
}

// checkKillWine kills the agent as taskkill /F does, and sees the
// supervisor that the Run value started bring it back: grendel.exe status
// answers again, from another process. Wine's taskkill /F ends a process
// with exit code 0, which the supervisor must not take for a quit.
func checkKillWine(t *testing.T, p *wineprefix.Prefix, cli string) {
	t.Helper()
	field := func(name string) (string, error) {
		out, err := p.Run(30*time.Second, "wine", cli, "status", "--field", name)
		return strings.TrimSpace(out), err
	}
	pid, err := field("AgentPID")
	if err != nil || pid == "" || pid == "0" {
		t.Fatalf("status --field AgentPID = %q, %v", pid, err)
	}
	if by, _ := field("AgentStartedBy"); by != "supervisor" {
		t.Errorf("the agent the Run value started says it was started by %q, want supervisor", by)
	}
	if out, err := p.Run(30*time.Second, "wine", "taskkill", "/F", "/PID", pid); err != nil {
		t.Fatalf("taskkill /F /PID %s: %v\n%s", pid, err, out)
	}
	killed := time.Now()
	for {
		again, err := field("AgentPID")
		if err == nil && again != "" && again != "0" && again != pid {
			t.Logf("the agent was back %s after taskkill /F (pid %s, before %s)", time.Since(killed).Round(100*time.Millisecond), again, pid)
			return
		}
		if time.Since(killed) > time.Minute {
			t.Errorf("no new agent within a minute of taskkill /F: status --field AgentPID = %q, %v", again, err)
			return
		}
		time.Sleep(300 * time.Millisecond)
	}
}

// checkUpgradeWine installs a later version's .msi over v1's, as IT's
// next rollout does, and checks that it replaced v1 (UpgradeCode,
// MajorUpgrade): the programs are the new version's, Windows lists one
// Grendel, and the Run value is still there. It returns the new .msi's
// Windows path, for the uninstall.
func checkUpgradeWine(t *testing.T, p *wineprefix.Prefix, v1 *Result) string {
	t.Helper()
	major, minor, _ := strings.Cut(v1.Def.Version, ".")
	minor, _, _ = strings.Cut(minor, ".")
	n, err := strconv.Atoi(minor)
	if err != nil {
		t.Fatalf("version %q: %v", v1.Def.Version, err)
	}
	// Windows Installer compares major.minor.build only: a later minor.
	next := fmt.Sprintf("%s.%d.0", major, n+1)
	v2, err := Build(Options{Root: "../..", Out: filepath.Join(built.dir, "v2-msi"), Version: next, Formats: []string{"msi"}})
	if err != nil {
		t.Fatalf("building the .msi of %s: %v", next, err)
	}
	winMSI, err := p.WindowsPath(v2.Packages["msi"])
	if err != nil {
		t.Fatal(err)
	}
	if out, err := p.Run(3*time.Minute, "wine", "msiexec", "/i", winMSI, "/qn"); err != nil {
		t.Fatalf("msiexec /i of the later version: %v\n%s", err, out)
	}
	if out, err := p.Run(time.Minute, "wine", `C:\Program Files\Grendel\grendel.exe`, "version"); err != nil || !strings.Contains(out, "Grendel "+next+" ") {
		t.Errorf("after the upgrade grendel.exe version = %v\n%s, want %s", err, out, next)
	}
	out, _ := p.Run(30*time.Second, "wine", "reg", "query", `HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall`, "/s")
	if n := regexp.MustCompile(`DisplayName\s+REG_SZ\s+Grendel\r?\n`).FindAllStringIndex(out, -1); len(n) != 1 {
		t.Errorf("after the upgrade Windows lists %d products named Grendel, want 1 (the older one replaced)", len(n))
	}
	if out, _ := p.Run(30*time.Second, "wine", "reg", "query", `HKLM\Software\Microsoft\Windows\CurrentVersion\Run`, "/v", "Grendel"); !strings.Contains(out, "grendelw.exe") {
		t.Errorf("the Run value went with the upgrade:\n%s", out)
	}
	return winMSI
}

// checkRegistryPolicyWine sets a policy in the registry as Group Policy
// would (wine reg add), sees grendel.exe policy show --json report it
// with the registry key as its source, and sees the running agent take
// it up without a restart (its status).
func checkRegistryPolicyWine(t *testing.T, p *wineprefix.Prefix, cli string) {
	const key = `HKLM\Software\Policies\Grendel\Grendel`
	if out, err := p.Run(time.Minute, "wine", "reg", "add", key, "/v", "LockIdleTimeoutSeconds", "/t", "REG_DWORD", "/d", "120", "/f"); err != nil {
		t.Fatalf("reg add: %v\n%s", err, out)
	}
	out, err := p.Run(time.Minute, "wine", cli, "policy", "show", "--json")
	var report struct {
		Keys []struct {
			Key, Display, Source, File string
		}
	}
	if err != nil || json.Unmarshal([]byte(out), &report) != nil {
		t.Fatalf("grendel.exe policy show --json after reg add = %v\n%s", err, out)
	}
	found := false
	for _, k := range report.Keys {
		if k.Key == "lock.idle_timeout" {
			found = true
			if k.Display != "2m" || k.Source != "managed" || k.File != key {
				t.Errorf("lock.idle_timeout after reg add: %+v, want 2m from managed %s", k, key)
			}
		}
	}
	if !found {
		t.Errorf("policy show --json has no lock.idle_timeout:\n%s", out)
	}
	// The agent: Group Policy's notification or the key's change
	// notification, no restart.
	start := time.Now()
	for {
		out, err := p.Run(30*time.Second, "wine", cli, "status", "--field", "PolicyLockIdleTimeoutSeconds")
		if err == nil && strings.TrimSpace(out) == "120" {
			t.Logf("the agent took up the registry's policy %s after reg add", time.Since(start).Round(100*time.Millisecond))
			return
		}
		if time.Since(start) > time.Minute {
			t.Errorf("the agent's policy did not follow the registry within a minute: status --field = %v %q", err, out)
			return
		}
		time.Sleep(time.Second)
	}
}

// lastLine is the last line of s, without a carriage return.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(strings.ReplaceAll(s, "\r", ""), "\n"), "\n")
	return lines[len(lines)-1]
}

// splitCommandLine splits a Windows command line of the shape the Run
// value has: a program, quoted if it has spaces, then plain arguments.
func splitCommandLine(s string) []string {
	var argv []string
	if rest, ok := strings.CutPrefix(s, `"`); ok {
		prog, after, found := strings.Cut(rest, `"`)
		if !found {
			return nil
		}
		argv, s = append(argv, prog), after
	}
	return append(argv, strings.Fields(s)...)
}
