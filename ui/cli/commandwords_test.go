package cli

import (
	"slices"
	"strings"
	"testing"
)

// TestCommandWords: the command line others see keeps the command's
// words and leaves out labels, recipients, files and a policy's path.
func TestCommandWords(t *testing.T) {
	code := 0
	root := newRoot(&Options{}, processes{}, &code, strings.NewReader(""), &strings.Builder{})
	tests := []struct {
		args []string
		want []string
	}{
		{nil, nil},
		{[]string{"--policy", "/home/jan/klanten.json"}, nil},
		{[]string{"share", "new", "--label", "Offerte Jansen", "--recipient", "Piet Jansen"}, []string{"share", "new"}},
		{[]string{"--policy", "/home/jan/p.json", "share", "new", "--label=Offerte"}, []string{"share", "new"}},
		{[]string{"file", "encrypt", "klanten.csv", "--recipient", "Piet Jansen"}, []string{"file", "encrypt"}},
		{[]string{"ui", "warning"}, []string{"ui"}}, // its RunE adds the window
		{[]string{"--policy", "/home/jan/p.json", "ui", "privacy"}, []string{"ui"}},
		{[]string{"ui", "klanten.csv"}, []string{"ui"}},
		{[]string{"klanten.csv"}, nil},
	}
	for _, tt := range tests {
		if got := commandWords(root, tt.args); !slices.Equal(got, tt.want) {
			t.Errorf("commandWords(%q) = %q, want %q", tt.args, got, tt.want)
		}
	}
}
