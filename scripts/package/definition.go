package main

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"text/template"
	"time"
)

// templates are the files of what the packages install besides the
// program: the systemd user unit, the desktop entries, the maintainer
// scripts, the copyright file, the Debian changelog and install.sh.
//
//go:embed files
var templates embed.FS

// Definition is the one description of Grendel's packages: the .deb, the
// .rpm and the .tar.xz are made from it, and so are the macOS property
// lists.
type Definition struct {
	Package     string // the package's name
	Name        string // the application's name
	ID          string // the app id: desktop file, icon, WM_CLASS, bundle id
	Summary     string // one line
	Description string // a paragraph
	GenericName string
	Comment     string
	Keywords    string
	Categories  string
	Maintainer  string
	Homepage    string
	Depends     []string // Debian packages of the libraries the binary links
	Requires    []string // the same libraries as rpm names them

	// Restarts by the systemd user unit: the first after RestartSec
	// seconds, and at most StartLimitBurst starts in StartLimitInterval
	// seconds; then the unit stays failed until the next login.
	RestartSec, StartLimitInterval, StartLimitBurst int

	BinDir      string // where the program is: /usr/bin
	UserUnitDir string // where the user unit is: /usr/lib/systemd/user

	Version string    // the upstream version: 0.1.0~git271.8976dd5
	Release string    // the Debian revision and the rpm release
	Commit  string    // the commit built
	Time    time.Time // the commit's time: files' mtime, changelog date
}

// Grendel returns Grendel's definition at version (upstream) and commit
// made at t.
func Grendel(version, commit string, t time.Time) Definition {
	return Definition{
		Package: "grendel",
		Name:    "Grendel",
		ID:      "nl.grendel.app",
		Summary: "Locks the idle workstation, checks and keeps passwords",
		Description: "Grendel keeps a workstation and its user's credentials safe as IT's\n" +
			"policy says: it locks the workstation when it is left idle (with a\n" +
			"warning first), scores and generates passwords, and keeps the\n" +
			"passwords of files sent to others in the system keychain. It runs as\n" +
			"a small agent in the system tray, started at login.",
		GenericName: "Workstation lock and passwords",
		Comment:     "Lock the idle workstation, check and generate passwords",
		Keywords:    "lock;idle;password;security;policy;",
		Categories:  "Utility;System;Security;",
		Maintainer:  "Grendel maintainers <maintainers@example.invalid>",
		Homepage:    "https://example.invalid/grendel",
		Depends:     []string{"libc6", "libgl1", "libx11-6"},
		Requires:    []string{"libc.so.6()(64bit)", "libm.so.6()(64bit)", "libGL.so.1()(64bit)", "libX11.so.6()(64bit)"},

		RestartSec:         2,
		StartLimitInterval: 600,
		StartLimitBurst:    10,

		BinDir:      "/usr/bin",
		UserUnitDir: "/usr/lib/systemd/user",

		Version: version,
		Release: "1",
		Commit:  commit,
		Time:    t.UTC(),
	}
}

// PackageVersion is the Debian version: upstream and revision.
func (d Definition) PackageVersion() string { return d.Version + "-" + d.Release }

// Year is the year of the commit, for the copyright file.
func (d Definition) Year() int { return d.Time.Year() }

// Date is the commit's time as a Debian changelog writes it.
func (d Definition) Date() string { return d.Time.Format(time.RFC1123Z) }

// IconName is the icon's name in the icon theme: the app id.
func (d Definition) IconName() string { return d.ID }

// Render fills the template files/name with d.
func (d Definition) Render(name string) ([]byte, error) {
	src, err := fs.ReadFile(templates, "files/"+name)
	if err != nil {
		return nil, err
	}
	t, err := template.New(name).Option("missingkey=error").Parse(string(src))
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := t.Execute(&b, d); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return b.Bytes(), nil
}

// Kinds of an [Entry].
const (
	KindFile   = "file"   // copied as it is
	KindText   = "text"   // names /usr/bin/grendel, which install.sh rewrites
	KindConfig = "config" // configuration: a conffile, kept when changed
	KindLink   = "link"   // a symbolic link
)

// Entry is one thing the packages install.
type Entry struct {
	Kind   string
	Path   string      // where the .deb puts it
	Mode   os.FileMode // for files
	Target string      // for links
	Data   []byte      // for files; nil: read Source
	Source string      // a file on disk (the binary)
}

// PolicyDirs are IT's policy directories, made by the maintainer scripts
// (not package contents, so that removing the package leaves them and
// their files).
var PolicyDirs = []string{
	"/etc/grendel",
	"/etc/grendel/policies",
	"/etc/grendel/policies/managed",
	"/etc/grendel/policies/recommended",
}

// Entries returns what the packages install: the program built at binary,
// the man pages (name → gzip'd page), and the files made from d.
func (d Definition) Entries(binary, icon string, man map[string][]byte) ([]Entry, error) {
	iconData, err := os.ReadFile(icon)
	if err != nil {
		return nil, err
	}
	render := func(name string) ([]byte, error) { return d.Render(name) }
	unit, err := render("grendel.service")
	if err != nil {
		return nil, err
	}
	appEntry, err := render("app.desktop")
	if err != nil {
		return nil, err
	}
	autostart, err := render("autostart.desktop")
	if err != nil {
		return nil, err
	}
	copyright, err := render("copyright")
	if err != nil {
		return nil, err
	}
	changelog, err := render("changelog")
	if err != nil {
		return nil, err
	}
	changelogGz, err := gzipped(changelog, d.Time)
	if err != nil {
		return nil, err
	}
	doc := "/usr/share/doc/" + d.Package
	entries := []Entry{
		{Kind: KindFile, Path: d.BinDir + "/grendel", Mode: 0o755, Source: binary},
		{Kind: KindText, Path: "/usr/share/applications/" + d.ID + ".desktop", Mode: 0o644, Data: appEntry},
		{Kind: KindFile, Path: "/usr/share/icons/hicolor/256x256/apps/" + d.IconName() + ".png", Mode: 0o644, Data: iconData},
		{Kind: KindText, Path: d.UserUnitDir + "/grendel.service", Mode: 0o644, Data: unit},
		{Kind: KindLink, Path: d.UserUnitDir + "/graphical-session.target.wants/grendel.service", Target: "../grendel.service"},
		{Kind: KindConfig, Path: "/etc/xdg/autostart/grendel.desktop", Mode: 0o644, Data: autostart},
		{Kind: KindFile, Path: doc + "/copyright", Mode: 0o644, Data: copyright},
		{Kind: KindFile, Path: doc + "/changelog.Debian.gz", Mode: 0o644, Data: changelogGz},
	}
	for _, name := range sortedKeys(man) {
		entries = append(entries, Entry{Kind: KindFile, Path: "/usr/share/man/man1/" + name, Mode: 0o644, Data: man[name]})
	}
	return entries, nil
}
