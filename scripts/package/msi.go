package main

import (
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"text/template"
)

// The Windows package: a per-machine .msi made with wixl (msitools) from a
// WiX source that [Definition.Render] fills from files/grendel.wxs.

// UpgradeCode is the MSI's upgrade code: fixed for Grendel's whole life,
// so that every later version finds and replaces (MajorUpgrade) an
// earlier one. Never change it.
const UpgradeCode = "6F3C1E8A-2B7D-4C59-9E14-8A0D5B3F7C21"

// The components' GUIDs: fixed, so that an upgrade sees the same
// components (Windows Installer's component rules).
const (
	msiProgramsGUID    = "B1D2E3F4-0A1B-4C2D-8E3F-4A5B6C7D8E01"
	msiAutostartGUID   = "B1D2E3F4-0A1B-4C2D-8E3F-4A5B6C7D8E02"
	msiShortcutGUID    = "B1D2E3F4-0A1B-4C2D-8E3F-4A5B6C7D8E03"
	msiManagedGUID     = "B1D2E3F4-0A1B-4C2D-8E3F-4A5B6C7D8E04"
	msiRecommendedGUID = "B1D2E3F4-0A1B-4C2D-8E3F-4A5B6C7D8E05"
	msiEventSourceGUID = "B1D2E3F4-0A1B-4C2D-8E3F-4A5B6C7D8E06"
)

// MSI is what the .wxs template needs besides the [Definition].
type MSI struct {
	Definition
	ProductVersion string // major.minor.build, see [MSIVersion]
	UpgradeCode    string
	GUIDs          map[string]string
	// grendel.exe, grendelw.exe and grendel.ico: their names in the
	// directory of the .wxs, where wixl looks for them.
	Console, GUI, Icon string
	// The Run value: HKLM\Software\Microsoft\Windows\CurrentVersion\Run.
	RunKey, RunName string
	// EventSourceKey registers the event log source of the audit trail
	// under HKLM (app/audit's EventSource).
	EventSourceKey string
}

// RunValue is the Run value's data, in MSI's formatted syntax: the
// GUI-subsystem program (no console window) that supervises the agent.
func (m MSI) RunValue() string { return `"[INSTALLDIR]grendelw.exe" supervise` }

// PolicyACL are icacls's arguments that leave %ProgramData%\Grendel and
// the policy directories in it to Administrators and SYSTEM (full
// control) and let users read them, with nothing inherited from
// ProgramData (whose users may add files): what policy/trust.go trusts.
func (m MSI) PolicyACL() string {
	return "/inheritance:r /grant:r *S-1-5-32-544:(OI)(CI)F *S-1-5-18:(OI)(CI)F *S-1-5-32-545:(OI)(CI)RX"
}

// MSIVersion makes an MSI ProductVersion (major.minor.build: at most 255,
// 255 and 65535) of an upstream version and the number of commits: the
// major and minor of the version and the commits as the build, so that
// every later commit is a newer version to Windows Installer, which
// compares only these three numbers.
func MSIVersion(version string, commits int) (string, error) {
	nums := strings.Split(shortVersion.FindString(version), ".")
	if nums[0] == "" {
		return "", fmt.Errorf("%q has no version number", version)
	}
	for len(nums) < 2 {
		nums = append(nums, "0")
	}
	major, err1 := strconv.Atoi(nums[0])
	minor, err2 := strconv.Atoi(nums[1])
	if err1 != nil || err2 != nil || major > 255 || minor > 255 || commits < 0 || commits > 65535 {
		return "", fmt.Errorf("%q with %d commits is no MSI version (255.255.65535 at most)", version, commits)
	}
	return fmt.Sprintf("%d.%d.%d", major, minor, commits), nil
}

// msiOf is the .msi of d at ProductVersion version, with the programs and
// the icon at these paths, which must be in the directory of the .wxs.
func msiOf(d Definition, version, console, gui, icon string) MSI {
	return MSI{
		Definition: d, ProductVersion: version, UpgradeCode: UpgradeCode,
		GUIDs: map[string]string{
			"programs": msiProgramsGUID, "autostart": msiAutostartGUID, "shortcut": msiShortcutGUID,
			"managed": msiManagedGUID, "recommended": msiRecommendedGUID, "eventsource": msiEventSourceGUID,
		},
		Console: filepath.Base(console), GUI: filepath.Base(gui), Icon: filepath.Base(icon),
		RunKey: `Software\Microsoft\Windows\CurrentVersion\Run`, RunName: d.Name,
		EventSourceKey: `SYSTEM\CurrentControlSet\Services\EventLog\Application\` + d.Name,
	}
}

// WXS is the WiX source of the .msi: files/grendel.wxs filled with m,
// every value escaped for XML.
func (m MSI) WXS() ([]byte, error) {
	src, err := fs.ReadFile(templates, "files/grendel.wxs")
	if err != nil {
		return nil, err
	}
	t, err := template.New("grendel.wxs").Option("missingkey=error").Funcs(template.FuncMap{
		"xml": func(s string) (string, error) {
			var b strings.Builder
			err := xml.EscapeText(&b, []byte(s))
			return b.String(), err
		},
		"line": func(s string) string { return strings.Join(strings.Fields(s), " ") },
	}).Parse(string(src))
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := t.Execute(&b, m); err != nil {
		return nil, fmt.Errorf("grendel.wxs: %w", err)
	}
	return b.Bytes(), nil
}

// icoOfPNG wraps a PNG image of size×size pixels (at most 256) in an ICO
// file, as Windows Vista and later read it.
func icoOfPNG(png []byte, size int) []byte {
	var b bytes.Buffer
	dim := byte(size % 256) // 0 means 256
	le := binary.LittleEndian
	b.Write(le.AppendUint16(nil, 0))                // reserved
	b.Write(le.AppendUint16(nil, 1))                // an icon
	b.Write(le.AppendUint16(nil, 1))                // one image
	b.Write([]byte{dim, dim, 0, 0})                 // width, height, no palette, reserved
	b.Write(le.AppendUint16(nil, 1))                // colour planes
	b.Write(le.AppendUint16(nil, 32))               // bits per pixel
	b.Write(le.AppendUint32(nil, uint32(len(png)))) // its size
	b.Write(le.AppendUint32(nil, 6+16))             // its offset
	b.Write(png)
	return b.Bytes()
}

// BuildWindows builds the two Windows programs of the repository at root
// into dir with mingw's gcc (cgo), as make cross does, stripped and
// versioned: grendel.exe for the console and grendelw.exe for the GUI
// subsystem (README "Install"). The second link reuses the first's build.
func BuildWindows(root, version, dir string) (console, gui string, err error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", "", err
	}
	console, gui = filepath.Join(abs, "grendel.exe"), filepath.Join(abs, "grendelw.exe")
	for out, extra := range map[string]string{console: "", gui: " -H=windowsgui"} {
		cmd := exec.Command("go", "build", "-trimpath", "-ldflags", "-s -w -X main.version="+version+extra, "-o", out, ".")
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "CGO_ENABLED=1", "GOOS=windows", "GOARCH=amd64", "CC=x86_64-w64-mingw32-gcc")
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return "", "", fmt.Errorf("go build for windows: %w", err)
		}
	}
	return console, gui, nil
}

// writeMSI builds the Windows programs and makes out/grendel-VERSION-x64.msi
// with wixl.
func writeMSI(d Definition, o Options, commits int, stage string) (string, error) {
	version, err := MSIVersion(d.Version, commits)
	if err != nil {
		return "", err
	}
	dir, err := os.MkdirTemp(stage, "msi")
	if err != nil {
		return "", err
	}
	console, gui, err := BuildWindows(o.Root, d.Version, dir)
	if err != nil {
		return "", err
	}
	png, err := os.ReadFile(filepath.Join(o.Root, "assets/icons/grendel.png"))
	if err != nil {
		return "", err
	}
	icon := filepath.Join(dir, "grendel.ico")
	if err := os.WriteFile(icon, icoOfPNG(png, 256), 0o644); err != nil {
		return "", err
	}
	wxs, err := msiOf(d, version, console, gui, icon).WXS()
	if err != nil {
		return "", err
	}
	src := filepath.Join(dir, "grendel.wxs")
	if err := os.WriteFile(src, wxs, 0o644); err != nil {
		return "", err
	}
	out, err := filepath.Abs(filepath.Join(o.Out, fmt.Sprintf("%s-%s-x64.msi", d.Package, d.Version)))
	if err != nil {
		return "", err
	}
	cmd := exec.Command("wixl", "--arch", "x64", "-o", out, filepath.Base(src))
	cmd.Dir = dir
	if msg, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("wixl: %w\n%s", err, msg)
	}
	return out, nil
}
