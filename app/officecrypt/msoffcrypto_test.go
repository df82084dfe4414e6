package officecrypt

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"grendel/internal/testdir"
)

// msoffcrypto returns the msoffcrypto-tool command and the Python that runs
// it (from its #! line: the python3 on PATH may be another one, without the
// module). Without the tool the test is skipped, or fails when CI=true:
// scripts/install-deps.sh installs python3-msoffcrypto-tool.
func msoffcrypto(t *testing.T) (tool, python string) {
	t.Helper()
	tool, err := exec.LookPath("msoffcrypto-tool")
	if err == nil {
		var f *os.File
		if f, err = os.Open(tool); err == nil {
			line, _ := bufio.NewReader(f).ReadString('\n')
			f.Close()
			python, _, _ = strings.Cut(strings.TrimSpace(strings.TrimPrefix(line, "#!")), " ")
		}
	}
	if err != nil || python == "" {
		why := "msoffcrypto-tool is not installed (scripts/install-deps.sh installs python3-msoffcrypto-tool)"
		if os.Getenv("CI") == "true" {
			t.Fatal(why)
		}
		t.Skip(why)
	}
	return tool, python
}

// decryptScript decrypts argv[1] with the password on standard input, the
// password and the integrity checked, into argv[2]; exit 3 for a wrong
// password.
const decryptScript = `import sys, msoffcrypto
from msoffcrypto.exceptions import InvalidKeyError
password = sys.stdin.read()
with open(sys.argv[1], "rb") as f:
    office = msoffcrypto.OfficeFile(f)
    try:
        office.load_key(password=password, verify_password=True)
    except InvalidKeyError as e:
        print("wrong password:", e)
        sys.exit(3)
    with open(sys.argv[2], "wb") as out:
        office.decrypt(out, verify_integrity=True)
`

// TestMsoffcryptoDecrypts has Debian's msoffcrypto-tool, an independent
// implementation, decrypt what Encrypt wrote, with its password and integrity
// checks on, to the byte-identical package; and refuse a wrong password.
func TestMsoffcryptoDecrypts(t *testing.T) {
	tool, python := msoffcrypto(t)
	dir := testdir.New(t)
	for _, tc := range []struct {
		name string
		size int
	}{{"1KB.xlsx", 1 << 10}, {"5KB.docx", 5 << 10}, {"10MB.xlsx", 10 << 20}} {
		t.Run(tc.name, func(t *testing.T) {
			pkg := zipPackage(t, tc.size, uint64(tc.size))
			in := filepath.Join(dir, tc.name)
			out := in + ".out"
			if err := os.WriteFile(in, encrypt(t, pkg, testPassword, nil), 0o600); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(python, "-c", decryptScript, in, out)
			cmd.Stdin = strings.NewReader(testPassword)
			if b, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("msoffcrypto: %v\n%s", err, b)
			}
			got, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if sha256.Sum256(got) != sha256.Sum256(pkg) {
				t.Errorf("msoffcrypto decrypted %d bytes that differ from the %d encrypted", len(got), len(pkg))
			}

			cmd = exec.Command(python, "-c", decryptScript, in, out)
			cmd.Stdin = strings.NewReader(testPassword + "!")
			b, err := cmd.CombinedOutput()
			if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 3 {
				t.Errorf("msoffcrypto with a wrong password: %v, want exit 3 (wrong password)\n%s", err, b)
			}

			// The command line tool, as a user would run it.
			if tc.size < 1<<20 {
				cli := out + ".cli"
				if b, err := exec.Command(tool, "-p", testPassword, in, cli).CombinedOutput(); err != nil {
					t.Fatalf("msoffcrypto-tool: %v\n%s", err, b)
				}
				if got, _ := os.ReadFile(cli); !bytes.Equal(got, pkg) {
					t.Errorf("msoffcrypto-tool decrypted %d bytes that differ from the %d encrypted", len(got), len(pkg))
				}
			}
		})
	}
}
