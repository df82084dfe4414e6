package i18n

import (
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"

	"grendel/app/sendfile"
)

// TestPDFProblem: each reason a PDF can become a ZIP has its own words,
// which the fallback line and the --format pdf error both carry, and
// neither repeats pdfcpu's error, which may quote the document.
func TestPDFProblem(t *testing.T) {
	leak := errors.New("pdfcpu: corrupt dict: (Jan de Vries, IBAN NL91ABNA0417164300)")
	tests := []struct {
		problem sendfile.PDFProblem
		want    string
	}{
		{sendfile.PDFEncrypted, "the PDF is already protected with a password"},
		{sendfile.PDFTooLarge, "the PDF is too large (over 128 MiB)"},
		{sendfile.PDFUnreadable, "the PDF could not be read"},
		{sendfile.PDFUnsupported, "Grendel cannot save it again with a password"},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		e := &sendfile.PDFError{Problem: tt.problem, Err: leak}
		reason := PDFProblem(tt.problem)
		if !strings.Contains(reason, tt.want) || seen[reason] {
			t.Errorf("PDFProblem(%s) = %q, want its own text with %q", tt.problem, reason, tt.want)
		}
		seen[reason] = true
		fb := SendFallback(e)
		if !strings.HasPrefix(fb, "The file became an encrypted ZIP file instead of a protected PDF: ") || !strings.HasSuffix(fb, reason+".") {
			t.Errorf("SendFallback(%s) = %q", tt.problem, fb)
		}
		msg := SendError(e)
		if tt.problem == sendfile.PDFEncrypted {
			// Under --format pdf an encrypted PDF is an encrypted file.
			if msg != "the file is already encrypted" {
				t.Errorf("SendError(%s) = %q", tt.problem, msg)
			}
		} else if !strings.HasPrefix(msg, "the PDF cannot be encrypted as a PDF: "+reason+"; without --format pdf") {
			t.Errorf("SendError(%s) = %q", tt.problem, msg)
		}
		for _, s := range []string{fb, msg} {
			if strings.Contains(s, "Vries") || strings.Contains(s, "NL91") || strings.Contains(s, "pdfcpu") {
				t.Errorf("%s: %q repeats pdfcpu's error", tt.problem, s)
			}
		}
	}
	if len(tests) != len(sendfile.PDFProblems) {
		t.Errorf("%d problems tested, sendfile has %d", len(tests), len(sendfile.PDFProblems))
	}
	// ErrPDF without a PDFError says it could not be read.
	if msg := SendError(sendfile.ErrPDF); !strings.Contains(msg, PDFProblem(sendfile.PDFUnreadable)) {
		t.Errorf("SendError(ErrPDF) = %q", msg)
	}
}

// TestSendNaming: without translations, the words of the default name are
// the core's English ones.
func TestSendNaming(t *testing.T) {
	if n := SendNaming(); n.Suffix != sendfile.DefaultSuffix || n.Files != sendfile.DefaultFiles {
		t.Errorf("SendNaming() = %+v", n)
	}
}

// envSendLang makes TestSendLanguages the child that checks one language.
const envSendLang = "GRENDEL_I18N_SEND_LANG"

// TestSendLanguages renders the words of a default name and the fallback
// line in Dutch and German, each in a child process whose LANG picks the
// language (Fyne's lang reads the locale once, at start).
func TestSendLanguages(t *testing.T) {
	want := map[string]struct{ suffix, files, fallback, pdf string }{
		"nl": {"beveiligd", "bestanden", "Het bestand is een versleuteld zip-bestand geworden in plaats van een beveiligde pdf: de pdf is al met een wachtwoord beveiligd.", "de pdf "},
		"de": {"geschützt", "Dateien", "Die Datei wurde statt als geschütztes PDF als verschlüsselte ZIP-Datei gespeichert: das PDF ist bereits mit einem Passwort geschützt.", "das PDF "},
	}
	if l := os.Getenv(envSendLang); l != "" {
		if err := Load(); err != nil {
			t.Fatal(err)
		}
		w := want[l]
		if got := Language(); got != l {
			t.Fatalf("Language() = %s, want %s", got, l)
		}
		if n := SendNaming(); n.Suffix != w.suffix || n.Files != w.files {
			t.Errorf("%s: SendNaming() = %+v", l, n)
		}
		if got := SendFallback(&sendfile.PDFError{Problem: sendfile.PDFEncrypted}); got != w.fallback {
			t.Errorf("%s: SendFallback = %q, want %q", l, got, w.fallback)
		}
		seen := map[string]bool{}
		for _, p := range sendfile.PDFProblems {
			r := PDFProblem(p)
			if seen[r] || !strings.HasPrefix(r, w.pdf) {
				t.Errorf("%s: PDFProblem(%s) = %q, want its own text about %q", l, p, r, w.pdf)
			}
			seen[r] = true
		}
		return
	}
	for l := range want {
		t.Run(l, func(t *testing.T) { inLanguage(t, "TestSendLanguages", envSendLang, l) })
	}
}

// inLanguage runs the test named test again, in a child process whose
// LANG picks language l (Fyne's lang reads the locale once, at start),
// with env set to l to make it the child, and fails t when the child does.
func inLanguage(t *testing.T, test, env, l string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$", "-test.count=1")
	for _, kv := range os.Environ() {
		switch k, _, _ := strings.Cut(kv, "="); k {
		case "LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES":
		default:
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, env+"="+l, "LANG="+l+"_"+strings.ToUpper(l)+".UTF-8")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("%s: %v\n%s", l, err, out)
	}
}
