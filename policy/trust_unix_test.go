//go:build !windows

package policy

import (
	"crypto/rand"
	"encoding/hex"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"grendel/internal/testdir"
)

// secondUser creates a Unix user for the test and returns its uid; the
// test is skipped unless it runs as root.
func secondUser(t *testing.T) int {
	t.Helper()
	if os.Getuid() != 0 {
		t.Skip("needs root to create a second user and hand files to it")
	}
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	name := "grendelt" + hex.EncodeToString(b)
	if out, err := exec.Command("useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", name).CombinedOutput(); err != nil {
		t.Skipf("useradd: %v: %s", err, out)
	}
	t.Cleanup(func() { _ = exec.Command("userdel", name).Run() })
	u, err := user.Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	uid, err := strconv.Atoi(u.Uid)
	if err != nil {
		t.Fatal(err)
	}
	return uid
}

// Managed and recommended policy that someone other than root may change
// is ignored and reported, and managed keys take their strict values
// (issue 8, point 14).
func TestUntrustedPolicyIgnored(t *testing.T) {
	other := secondUser(t)
	type setup func(t *testing.T, root string, p *Paths)
	chown := func(path string) setup {
		return func(t *testing.T, root string, _ *Paths) {
			if err := os.Chown(filepath.Join(root, path), other, -1); err != nil {
				t.Fatal(err)
			}
		}
	}
	chmod := func(path string, mode os.FileMode) setup {
		return func(t *testing.T, root string, _ *Paths) {
			if err := os.Chmod(filepath.Join(root, path), mode); err != nil {
				t.Fatal(err)
			}
		}
	}
	// linkOut moves path into a directory that the second user owns and
	// leaves a link behind: the target is root's, its directory is not.
	linkOut := func(path string) setup {
		return func(t *testing.T, root string, _ *Paths) {
			away := filepath.Join(root, "away")
			if err := os.Mkdir(away, 0o755); err != nil {
				t.Fatal(err)
			}
			target := filepath.Join(away, filepath.Base(path))
			if err := os.Rename(filepath.Join(root, path), target); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(target, filepath.Join(root, path)); err != nil {
				t.Fatal(err)
			}
			if err := os.Chown(away, other, -1); err != nil {
				t.Fatal(err)
			}
		}
	}
	tests := []struct {
		name  string
		setup setup
		code  Code // "" for trusted
	}{
		{"root's, not writable by others: trusted", nil, ""},
		{"managed file owned by a user", chown("policies/managed/10.json"), CodeUntrustedOwner},
		{"managed file writable by others", chmod("policies/managed/10.json", 0o646), CodeUntrustedWritable},
		{"managed file writable by its group", chmod("policies/managed/10.json", 0o664), CodeUntrustedWritable},
		{"managed directory created by a user", chown("policies/managed"), CodeUntrustedOwner},
		{"managed directory writable by its group", chmod("policies/managed", 0o775), CodeUntrustedWritable},
		{"a parent directory writable by others, even sticky", chmod("policies", 0o1777), CodeUntrustedWritable},
		{"a parent directory owned by a user", chown("policies"), CodeUntrustedOwner},
		{"managed file linked into a user's directory", linkOut("policies/managed/10.json"), CodeUntrustedOwner},
		{"managed directory linked into a user's directory", linkOut("policies/managed"), CodeUntrustedOwner},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root := testdir.New(t)
			p := Paths{
				Managed: filepath.Join(root, "policies", "managed"),
				User:    filepath.Join(root, "settings.json"),
				trust:   &trustAnchor{top: root},
			}
			write(t, filepath.Join(p.Managed, "10.json"), `{"lock": {"idle_timeout": "3m"}}`)
			write(t, p.User, `{"lock": {"idle_timeout": "1h"}, "app": {"allow_quit": true}, "password": {"min_length": 8}}`)
			if tc.setup != nil {
				tc.setup(t, root, &p)
			}
			s := Load(p)
			if tc.code == "" {
				if len(s.Problems) != 0 || s.Settings.Lock.IdleTimeout != 3*time.Minute {
					t.Fatalf("trusted managed file: idle %v, problems %v; want 3m, none", s.Settings.Lock.IdleTimeout, s.Problems)
				}
				return
			}
			found := false
			for _, pr := range s.Problems {
				found = found || pr.Code == tc.code
			}
			if !found {
				t.Errorf("problems %v, want one %s", s.Problems, tc.code)
			}
			if !s.FailedClosed || s.Settings.Lock.IdleTimeout != 5*time.Minute || s.Settings.App.AllowQuit || s.Settings.Password.MinLength != 12 {
				t.Errorf("untrusted managed policy: FailedClosed %v, idle %v, allow_quit %v, min_length %d; want true, 5m, false, 12 (every key strict)",
					s.FailedClosed, s.Settings.Lock.IdleTimeout, s.Settings.App.AllowQuit, s.Settings.Password.MinLength)
			}
			if b := UserBounds(p)[LockIdleTimeout]; b.Max != 5*time.Minute {
				t.Errorf("UserBounds with untrusted managed policy: idle_timeout at most %v, want 5m", b.Max)
			}
		})
	}
}

// An untrusted recommended directory is ignored (the built-in defaults
// stand) and reported; it makes nothing fail closed.
func TestUntrustedRecommendedIgnored(t *testing.T) {
	other := secondUser(t)
	root := testdir.New(t)
	p := Paths{Recommended: filepath.Join(root, "recommended"), trust: &trustAnchor{top: root}}
	write(t, filepath.Join(p.Recommended, "10.json"), `{"lock": {"idle_timeout": "4h"}}`)
	if err := os.Chown(p.Recommended, other, -1); err != nil {
		t.Fatal(err)
	}
	s := Load(p)
	if s.Settings.Lock.IdleTimeout != 5*time.Minute || s.FailedClosed || len(s.Problems) != 1 || s.Problems[0].Code != CodeUntrustedOwner {
		t.Errorf("untrusted recommended: idle %v, FailedClosed %v, problems %v; want 5m, false, one untrusted_owner", s.Settings.Lock.IdleTimeout, s.FailedClosed, s.Problems)
	}
}

// A release build checks up to the root: a policy tree under /tmp (world
// writable, sticky) is not trusted, even if root owns it.
func TestReleaseAnchorChecksToTheRoot(t *testing.T) {
	if a := platformAnchor(); a.top != "" || a.owner != "" {
		t.Fatalf("platformAnchor() = %+v, want the root and no extra owner", a)
	}
	if testRoot() == "" {
		if a := DefaultPaths().trust; a == nil || *a != *platformAnchor() {
			t.Errorf("DefaultPaths().trust = %+v, want the platform's anchor", a)
		}
	}
	tmp := os.TempDir()
	if info, err := os.Stat(tmp); err != nil || info.Mode().Perm()&0o002 == 0 {
		t.Skipf("%s is not writable by others here", tmp)
	}
	root := testdir.New(t)
	p := Paths{Managed: filepath.Join(root, "managed"), trust: platformAnchor()}
	write(t, filepath.Join(p.Managed, "10.json"), `{"lock": {"idle_timeout": "3m"}}`)
	s := Load(p)
	if !s.FailedClosed || s.Settings.Lock.IdleTimeout != 5*time.Minute {
		t.Errorf("managed policy under %s: FailedClosed %v, idle %v, problems %v; want it ignored", tmp, s.FailedClosed, s.Settings.Lock.IdleTimeout, s.Problems)
	}
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
