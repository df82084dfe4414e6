package testdir

import (
	"os"
	"path/filepath"
	"testing"
)

func TestNewRemovesTree(t *testing.T) {
	var dir string
	t.Run("inner", func(t *testing.T) {
		dir = New(t)
		deep := filepath.Join(dir, "a", "b")
		if err := os.MkdirAll(deep, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, f := range []string{filepath.Join(dir, "x"), filepath.Join(deep, "y")} {
			if err := os.WriteFile(f, []byte("z"), 0o400); err != nil {
				t.Fatal(err)
			}
		}
	})
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("after the test, Stat(%s) = %v, want not exist", dir, err)
	}
}

func TestRemoveTree(t *testing.T) {
	dir, err := os.MkdirTemp("", "testdir-")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "a", "b", "c"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "a", "f"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := removeTree(dir); err != nil {
		t.Fatalf("removeTree = %v", err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("Stat(%s) = %v, want not exist", dir, err)
	}
}
