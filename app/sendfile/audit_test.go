package sendfile

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"grendel/app/audit"
	"grendel/app/audit/audittest"

	"grendel/internal/testdir"
)

// TestEncryptAudit: an encrypted file is recorded with its format, that
// it was verified, and its share's ID; one whose check failed as not
// verified, without a share. The file's name, its folder, the recipient
// and the password are nowhere in the audit file.
func TestEncryptAudit(t *testing.T) {
	v, _ := testVault(t)
	auditDir := testdir.New(t)
	log := audit.New(audit.Config{Role: audit.RoleCLI, Sinks: []audit.Sink{&audit.FileSink{Dir: auditDir}}})
	dir := filepath.Join(testdir.New(t), "Jansen BV")
	os.Mkdir(dir, 0o700)
	in := writeFile(t, filepath.Join(dir, "klanten-jansen.csv"), []byte("naam;iban\nJan;NL91ABNA0417164300\n"))
	const recipient = "piet@mailhuis.nl"
	res, err := Encrypt(context.Background(), []string{in}, Options{Shares: v, Recipient: recipient, Audit: log})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Encrypt(context.Background(), []string{in}, Options{Shares: v, Recipient: recipient, Audit: log, Format: Zip,
		Output: filepath.Join(dir, "tweede.zip"),
		tamper: func(p string) error {
			b, _ := os.ReadFile(p)
			b[200] ^= 0x55
			return os.WriteFile(p, b, 0o600)
		}})
	if !errors.Is(err, ErrVerify) {
		t.Fatalf("tampered Encrypt = %v", err)
	}
	got, err := audittest.Entries(auditDir)
	if err != nil || len(got) != 2 {
		t.Fatalf("entries %+v, %v", got, err)
	}
	for i, want := range []struct {
		format   string
		verified bool
		share    string
	}{{"workbook", true, res.Share.ID}, {"zip", false, ""}} {
		e := got[i]
		f, _ := e.Word("format")
		ok, _ := e.Bool("verified")
		s, _ := e.Word("share")
		if e.Event != audit.NameFileEncrypted || f != want.format || ok != want.verified || s != want.share {
			t.Errorf("entry %d = %+v, want %+v", i, e, want)
		}
	}
	leaks, err := audittest.Leaks(auditDir, "klanten", "jansen", "Jansen BV", dir, in, res.Output, recipient, "NL91ABNA0417164300", res.Password.Reveal())
	if err != nil || leaks != nil {
		t.Errorf("the audit file holds %q (%v)", leaks, err)
	}
}
