package main

import (
	"archive/tar"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/ulikunitz/xz"
)

// Manifest is the list install.sh installs: one line per entry, "kind
// mode path" ("link target path" for a link), paths as the .deb has them.
func Manifest(entries []Entry) string {
	var b strings.Builder
	for _, e := range entries {
		if e.Kind == KindLink {
			fmt.Fprintf(&b, "%s %s %s\n", e.Kind, e.Target, e.Path)
			continue
		}
		fmt.Fprintf(&b, "%s %04o %s\n", e.Kind, e.Mode, e.Path)
	}
	return b.String()
}

// writeTarball writes grendel-VERSION-linux-ARCH.tar.xz into out: a
// directory of that name with install.sh, MANIFEST and files/ (the
// entries at their .deb paths), and returns its path.
func writeTarball(d Definition, arch string, entries []Entry, out string) (string, error) {
	top := fmt.Sprintf("%s-%s-linux-%s", d.Package, d.Version, arch)
	path := filepath.Join(out, top+".tar.xz")
	f, err := os.Create(path)
	if err != nil {
		return "", err
	}
	fail := func(err error) (string, error) {
		f.Close()
		os.Remove(path)
		return "", err
	}
	xw, err := xz.NewWriter(f)
	if err != nil {
		return fail(err)
	}
	tw := tar.NewWriter(xw)
	dirs := map[string]bool{}
	add := func(name string, mode int64, data []byte, link string) error {
		var parents []string
		for dir := filepath.Dir(name); dir != "." && !dirs[dir]; dir = filepath.Dir(dir) {
			parents = append([]string{dir}, parents...)
		}
		for _, dir := range parents {
			dirs[dir] = true
			h := &tar.Header{Typeflag: tar.TypeDir, Name: dir + "/", Mode: 0o755, ModTime: d.Time, Uname: "root", Gname: "root", Format: tar.FormatPAX}
			if err := tw.WriteHeader(h); err != nil {
				return err
			}
		}
		h := &tar.Header{Name: name, Mode: mode, ModTime: d.Time, Uname: "root", Gname: "root", Format: tar.FormatPAX}
		if link != "" {
			h.Typeflag, h.Linkname = tar.TypeSymlink, link
		} else {
			h.Typeflag, h.Size = tar.TypeReg, int64(len(data))
		}
		if err := tw.WriteHeader(h); err != nil {
			return err
		}
		_, err := tw.Write(data)
		return err
	}
	install, err := fs.ReadFile(templates, "files/install.sh")
	if err != nil {
		return fail(err)
	}
	if err := add(top+"/install.sh", 0o755, install, ""); err != nil {
		return fail(err)
	}
	if err := add(top+"/MANIFEST", 0o644, []byte(Manifest(entries)), ""); err != nil {
		return fail(err)
	}
	for _, e := range entries {
		name := top + "/files" + e.Path
		if e.Kind == KindLink {
			if err := add(name, 0o777, nil, e.Target); err != nil {
				return fail(err)
			}
			continue
		}
		data := e.Data
		if data == nil {
			if data, err = os.ReadFile(e.Source); err != nil {
				return fail(err)
			}
		}
		if err := add(name, int64(e.Mode), data, ""); err != nil {
			return fail(err)
		}
	}
	if err := tw.Close(); err != nil {
		return fail(err)
	}
	if err := xw.Close(); err != nil {
		return fail(err)
	}
	return path, f.Close()
}
