package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/goreleaser/nfpm/v2"
	_ "github.com/goreleaser/nfpm/v2/deb" // registers the deb packager
	"github.com/goreleaser/nfpm/v2/files"
	_ "github.com/goreleaser/nfpm/v2/rpm" // registers the rpm packager
)

// nfpmInfo describes the package of d with entries for nfpm, the files
// staged in dir (nfpm reads every file from disk).
func nfpmInfo(d Definition, format, arch string, entries []Entry, dir, compression string) (*nfpm.Info, error) {
	var contents files.Contents
	for i, e := range entries {
		switch e.Kind {
		case KindLink:
			contents = append(contents, &files.Content{
				Type: files.TypeSymlink, Source: e.Target, Destination: e.Path,
			})
			continue
		}
		src := e.Source
		if src == "" {
			src = filepath.Join(dir, fmt.Sprintf("%02d-%s", i, filepath.Base(e.Path)))
			if err := os.WriteFile(src, e.Data, 0o644); err != nil {
				return nil, err
			}
		}
		c := &files.Content{
			Source: src, Destination: e.Path,
			FileInfo: &files.ContentFileInfo{Owner: "root", Group: "root", Mode: e.Mode, MTime: d.Time},
		}
		if e.Kind == KindConfig {
			c.Type = files.TypeConfigNoReplace
		}
		contents = append(contents, c)
	}
	scripts := map[string]string{}
	for _, name := range []string{"postinst", "postrm"} {
		data, err := d.Render(name)
		if err != nil {
			return nil, err
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o755); err != nil {
			return nil, err
		}
		scripts[name] = path
	}
	info := &nfpm.Info{
		Name:          d.Package,
		Arch:          arch,
		Platform:      "linux",
		Version:       d.Version,
		VersionSchema: "none",
		Release:       d.Release,
		Section:       "utils",
		Priority:      "optional",
		Maintainer:    d.Maintainer,
		Description:   d.Summary + "\n" + d.Description,
		Vendor:        "Grendel",
		Homepage:      d.Homepage,
		License:       "Proprietary",
		MTime:         d.Time,
		Overridables: nfpm.Overridables{
			Depends:  map[bool][]string{true: d.Depends, false: d.Requires}[format == "deb"],
			Contents: contents,
			Scripts:  nfpm.Scripts{PostInstall: scripts["postinst"], PostRemove: scripts["postrm"]},
			Deb:      nfpm.Deb{Compression: compression},
			RPM: nfpm.RPM{
				Summary: d.Summary, Group: "Applications/System", Compression: compression,
				BuildHost: "grendel", Packager: d.Maintainer,
			},
		},
	}
	return info, nil
}

// writeNFPM writes the package of format (deb, rpm) into out and returns
// its path.
func writeNFPM(format string, info *nfpm.Info, out string) (string, error) {
	p, err := nfpm.Get(format)
	if err != nil {
		return "", err
	}
	inf := *info
	inf.Target = ""
	info = nfpm.WithDefaults(&inf)
	if err := nfpm.PrepareForPackager(info, format); err != nil {
		return "", fmt.Errorf("%s: %w", format, err)
	}
	path := filepath.Join(out, p.ConventionalFileName(info))
	f, err := os.Create(path)
	if err != nil {
		return "", err
	}
	if err := p.Package(info, f); err != nil {
		f.Close()
		os.Remove(path)
		return "", fmt.Errorf("%s: %w", format, err)
	}
	return path, f.Close()
}
