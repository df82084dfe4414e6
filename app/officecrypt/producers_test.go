package officecrypt

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"grendel/app/officecrypt/cfb"
)

// producers are encrypted files that Grendel did not write; see
// testdata/README.md for where they come from.
var producers = []struct {
	file, password string
	size           int
	sha256         string
	err            error
}{
	{"office-password.docx", "Password1234_", 11995, "8c8212db6e624bfc69286e94d09b7e68c753ee86b6826e51427a33c841f133d1", nil},
	{"office-password.xlsx", "Password1234_", 8369, "4dd9dd0ccbfc7fb8769f1f3307830d3cc4c5042e32d619f4b2835fada89d13c6", nil},
	{"officecrypto-tool-1k.xlsx", "Grendel-fixture 1", 1161, "4bbcb16db5bef6635a34decc65281eff5cda925b9664926b5f3bddffbd2deaa0", nil},
	{"officecrypto-tool-5k.xlsx", "Grendel-fixture 1", 5257, "6fddd262669be7ed484b09aec25854ba40b6b6683322f3af7efa4082ef6813da", nil},
	{"office-standard.docx", "Password1234_", 0, "", ErrUnsupported},
	{"plain.doc", "Password1234_", 0, "", ErrNotEncrypted},
}

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestOtherProducers(t *testing.T) {
	for _, p := range producers {
		t.Run(p.file, func(t *testing.T) {
			file := readTestdata(t, p.file)
			got, err := decrypt(file, p.password)
			if p.err != nil {
				if !errors.Is(err, p.err) {
					t.Fatalf("Decrypt = %v, want %v", err, p.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Decrypt: %v", err)
			}
			if h := fmt.Sprintf("%x", sha256.Sum256(got)); len(got) != p.size || h != p.sha256 {
				t.Errorf("Decrypt gave %d bytes with SHA-256 %s, want %d bytes with %s", len(got), h, p.size, p.sha256)
			}
			if !IsEncrypted(bytes.NewReader(file), int64(len(file))) {
				t.Errorf("IsEncrypted = false, want true")
			}
			if _, err := decrypt(file, "Password1234"); !errors.Is(err, ErrWrongPassword) {
				t.Errorf("Decrypt with a wrong password = %v, want ErrWrongPassword", err)
			}
		})
	}
}

func TestIsEncrypted(t *testing.T) {
	pkg := zipPackage(t, 2000, 5)
	for _, tc := range []struct {
		name string
		data []byte
		want bool
	}{
		{"ours", encrypt(t, pkg, "pw", fast()), true},
		{"office", readTestdata(t, "office-password.xlsx"), true},
		{"standard encryption", readTestdata(t, "office-standard.docx"), true},
		{"plain zip", pkg, false},
		{"legacy doc", readTestdata(t, "plain.doc"), false},
		{"empty", nil, false},
		{"signature only", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), false},
	} {
		if got := IsEncrypted(bytes.NewReader(tc.data), int64(len(tc.data))); got != tc.want {
			t.Errorf("IsEncrypted(%s) = %v, want %v", tc.name, got, tc.want)
		}
	}
	if _, err := decrypt(pkg, "pw"); !errors.Is(err, ErrNotEncrypted) {
		t.Errorf("Decrypt(plain zip) = %v, want ErrNotEncrypted", err)
	}
}

// TestDataSpacesAsOffice compares the \x06DataSpaces streams Encrypt writes
// with those in Word's file, byte for byte.
func TestDataSpacesAsOffice(t *testing.T) {
	office := readTestdata(t, "office-password.docx")
	ours := encrypt(t, []byte("PK"), "pw", fast())
	oc, err := cfb.Open(bytes.NewReader(office), int64(len(office)))
	if err != nil {
		t.Fatal(err)
	}
	gc, err := cfb.Open(bytes.NewReader(ours), int64(len(ours)))
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range [][]string{
		{dataSpaces, "Version"},
		{dataSpaces, "DataSpaceMap"},
		{dataSpaces, "DataSpaceInfo", "StrongEncryptionDataSpace"},
		{dataSpaces, "TransformInfo", "StrongEncryptionTransform", "\x06Primary"},
	} {
		want, err1 := readStream(oc, path)
		got, err2 := readStream(gc, path)
		if err1 != nil || err2 != nil || !bytes.Equal(got, want) {
			t.Errorf("%q: ours %x (%v), Word's %x (%v)", path, got, err2, want, err1)
		}
	}
}

func readStream(c *cfb.Reader, path []string) ([]byte, error) {
	s, err := c.Open(path...)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(io.NewSectionReader(s, 0, s.Size()))
}

// TestInfoAsOffice checks that the EncryptionInfo Encrypt writes has the
// layout of Word's, attribute for attribute (values differ: salts and keys).
func TestInfoAsOffice(t *testing.T) {
	office := readTestdata(t, "office-password.docx")
	c, _ := cfb.Open(bytes.NewReader(office), int64(len(office)))
	want, err := readStream(c, []string{streamInfo})
	if err != nil {
		t.Fatal(err)
	}
	in, err := parseInfo(want)
	if err != nil {
		t.Fatal(err)
	}
	if got := marshalInfo(in); !bytes.Equal(got, want) {
		t.Errorf("marshalInfo(parseInfo(Word's)) differs from Word's:\n%s\n%s", got, want)
	}
}
