package uitest

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// InLanguage runs the test named test again, in a child process whose
// LANG picks language l (Fyne's lang reads the locale once, at start),
// with the environment variable env set to l to make it the child, and
// fails t when the child does. The child loads the translations itself.
func InLanguage(t *testing.T, test, env, l string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$", "-test.count=1")
	for _, kv := range os.Environ() {
		switch k, _, _ := strings.Cut(kv, "="); k {
		case "LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", env:
		default:
			cmd.Env = append(cmd.Env, kv)
		}
	}
	region := strings.ToUpper(l)
	if l == "en" {
		region = "GB"
	}
	cmd.Env = append(cmd.Env, env+"="+l, "LANG="+l+"_"+region+".UTF-8")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("%s: %v\n%s", l, err, out)
	}
}
