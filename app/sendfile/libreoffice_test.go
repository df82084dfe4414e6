//go:build unix

package sendfile

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"grendel/app/vault"
	"grendel/internal/testdir"
)

// unoScript is the independent reader: it connects to the LibreOffice
// started by the test (over the pipe named in its input), and for each file
// loads it three times, with the password, with a wrong one and without
// one, and reports what it read. Its input, on standard input, is one JSON
// object: {"pipe", "connect_seconds", "files": [{"kind", "path",
// "password", "wrong"}]}, so that the passwords never reach argv. Its
// output, on standard output, is a JSON array of one object per file: what
// it read with the password ("cells" of the first sheet as [type, string,
// number format] for a workbook, "text" for a document), and "refused" and
// "refused_none": the exception, or "" if the file loaded, with the wrong
// password and with none. LibreOffice has no interaction handler here, so
// nothing can ask for a password: a load without the right one must fail.
// At the end it asks LibreOffice to terminate.
const unoScript = `import faulthandler, json, sys, time
faulthandler.enable()
import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

req = json.load(sys.stdin)

def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p

local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
deadline = time.monotonic() + req["connect_seconds"]
while True:
    try:
        ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % req["pipe"])
        break
    except NoConnectException:
        if time.monotonic() > deadline:
            sys.exit("LibreOffice did not answer on its pipe in time")
        time.sleep(0.2)
desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)

def load(path, password):
    props = [prop("Hidden", True), prop("ReadOnly", True)]
    if password is not None:
        props.append(prop("Password", password))
    return desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), "_blank", 0, tuple(props))

def refused(path, password):
    try:
        doc = load(path, password)
    except Exception as e:
        return type(e).__name__
    if doc is None:
        return "None"
    doc.close(True)
    return ""

def read_calc(doc):
    sheet = doc.Sheets.getByIndex(0)
    cur = sheet.createCursor()
    cur.gotoEndOfUsedArea(False)
    end = cur.getRangeAddress()
    formats = doc.NumberFormats
    rows = []
    for r in range(end.EndRow + 1):
        row = []
        for c in range(end.EndColumn + 1):
            cell = sheet.getCellByPosition(c, r)
            row.append([cell.Type.value, cell.String, formats.getByKey(cell.NumberFormat).FormatString])
        rows.append(row)
    return {"cells": rows}

def read_writer(doc):
    return {"text": doc.Text.String}

readers = {"calc": read_calc, "writer": read_writer}
out = []
for f in req["files"]:
    r = {"path": f["path"]}
    try:
        doc = load(f["path"], f["password"])
        if doc is None:
            r["error"] = "it did not load with the password"
        else:
            r.update(readers[f["kind"]](doc))
            doc.close(True)
    except Exception as e:
        r["error"] = "with the password: %s" % type(e).__name__
    r["refused"] = refused(f["path"], f["wrong"])
    r["refused_none"] = refused(f["path"], None)
    out.append(r)
json.dump(out, sys.stdout)
try:
    desktop.terminate()
except Exception:
    pass  # the connection ends as LibreOffice does
`

// unoResult is what unoScript read from one file.
type unoResult struct {
	Path        string       `json:"path"`
	Error       string       `json:"error"`
	Cells       [][][]string `json:"cells"`
	Text        string       `json:"text"`
	Refused     string       `json:"refused"`
	RefusedNone string       `json:"refused_none"`
}

// unoFile is a file for unoScript: "calc" or "writer" says how to read it.
type unoFile struct {
	Kind     string `json:"kind"`
	Path     string `json:"path"`
	Password string `json:"password"`
	Wrong    string `json:"wrong"`
}

// needUNO returns soffice and the system Python with LibreOffice's UNO
// bridge (the python3 on PATH may be another one, without Debian's
// modules). Without them the test is skipped, or fails when CI=true:
// scripts/install-deps.sh installs them.
func needUNO(t *testing.T) string {
	t.Helper()
	soffice := tool(t, "soffice", "libreoffice-calc-nogui and libreoffice-writer-nogui")
	if err := exec.Command("/usr/bin/python3", "-c", "import uno").Run(); err != nil {
		why := "/usr/bin/python3 cannot import uno (scripts/install-deps.sh installs python3-uno): " + err.Error()
		if os.Getenv("CI") == "true" {
			t.Fatal(why)
		}
		t.Skip(why)
	}
	return soffice
}

// startSoffice starts a headless LibreOffice with a private profile and
// HOME in a fresh folder, listening on a pipe of a random name, in a
// process group of its own, and returns the pipe's name. The test's
// cleanup gives it 10 s to end (unoScript asks it to), then kills its
// group, and checks that no process of it is left.
func startSoffice(t *testing.T, soffice string) string {
	t.Helper()
	home := testdir.New(t)
	profile := (&url.URL{Scheme: "file", Path: filepath.Join(home, "profile")}).String()
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	pipe := "grendel-test-" + hex.EncodeToString(b)
	cmd := exec.Command(soffice, "--headless", "--invisible", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
		"-env:UserInstallation="+profile, "--accept=pipe,name="+pipe+";urp;StarOffice.ComponentContext")
	cmd.Env = append(slices.DeleteFunc(os.Environ(), func(kv string) bool { return strings.HasPrefix(kv, "HOME=") }), "HOME="+home)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	logPath := filepath.Join(home, "soffice.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	defer logFile.Close()
	// A file, not a pipe: Wait then waits for soffice alone, not for
	// whatever it started that holds its output open.
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	t.Cleanup(func() {
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			log, _ := os.ReadFile(logPath)
			t.Logf("soffice did not end by itself within 10 s; killing it\n%s", log)
		}
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Error("soffice survived SIGKILL")
		}
		if left := processesWith(home); len(left) > 0 {
			t.Errorf("processes of this soffice left after its group was killed: %v", left)
			for _, pid := range left {
				_ = syscall.Kill(pid, syscall.SIGKILL)
			}
		}
	})
	return pipe
}

// processesWith returns the processes whose command line holds s (the
// private profile's folder, which only this test's soffice names).
func processesWith(s string) []int {
	var pids []int
	es, _ := os.ReadDir("/proc")
	for _, e := range es {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err == nil && bytes.Contains(b, []byte(s)) {
			pids = append(pids, pid)
		}
	}
	return pids
}

// docx returns a small Word document (a package of the three parts Word
// needs) whose paragraphs are paras.
func docx(t *testing.T, paras []string) []byte {
	t.Helper()
	var body strings.Builder
	for _, p := range paras {
		var esc bytes.Buffer
		_ = xml.EscapeText(&esc, []byte(p))
		body.WriteString(`<w:p><w:r><w:t xml:space="preserve">` + esc.String() + `</w:t></w:r></w:p>`)
	}
	parts := []struct{ name, data string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body.String() + `</w:body></w:document>`},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.Create(p.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(p.data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestLibreOfficeOpens: LibreOffice, an independent reader of Office's
// password encryption, opens what Encrypt wrote with the share's password:
// a CSV file's workbook to the same cells, every one text in the text
// format (leading zeros, long numbers, dates and a formula as written), and
// a Word document to the same text; a wrong password and no password fail
// to load. LibreOffice runs headless with a private profile and is ended
// after the test.
//
// Not the PDF: LibreOffice's PDF import (7.4, Debian 12) checks the
// password with its own parser, which knows RC4 only; it refuses every
// AES-encrypted PDF with the right password too (qpdf's AES-128 and
// AES-256 alike), so it cannot tell anything about ours. qpdf checks those
// (TestEncryptPDF).
func TestLibreOfficeOpens(t *testing.T) {
	soffice := needUNO(t)
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()

	v, kc := testVault(t)
	dir := testdir.New(t)
	csv := "klantnr;postcode;telefoon;iban;datum;bedrag;opmerking\n" +
		"000123;1234 AB;0612345678;NL91ABNA0417164300;01-02-2024;1.234,50;Kündigung\n" +
		"4711;0815;+31201234567;12345678901234567890;2024-02-01;=1+1;007\n"
	paras := []string{"Kündigung für Jan de Vries & Söhne", "IBAN NL91ABNA0417164300, klantnr 000123"}
	inputs := []struct {
		name string
		data []byte
		kind string // how unoScript reads the output
		want Kind
	}{
		{"klanten.csv", []byte(csv), "calc", KindWorkbook},
		{"brief.docx", docx(t, paras), "writer", KindOffice},
	}
	// LibreOffice starts while the files are encrypted.
	pipe := startSoffice(t, soffice)
	var files []unoFile
	for _, in := range inputs {
		path := writeFile(t, filepath.Join(dir, in.name), in.data)
		res, err := Encrypt(ctx, []string{path}, Options{Shares: v})
		if err != nil || res.Kind != in.want {
			t.Fatalf("Encrypt(%s) = %+v, %v", in.name, res, err)
		}
		pw, err := kc.Get(vault.Service, res.Share.ID)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, unoFile{Kind: in.kind, Path: res.Output, Password: pw, Wrong: wrongPassword(pw)})
	}

	req, err := json.Marshal(map[string]any{"pipe": pipe, "connect_seconds": 120, "files": files})
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(ctx, "/usr/bin/python3", "-c", unoScript)
	cmd.Stdin = bytes.NewReader(req)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("the UNO script: %v\n%s\n%s", err, out, stderr.String())
	}
	var results []unoResult
	if err := json.Unmarshal(out, &results); err != nil || len(results) != len(files) {
		t.Fatalf("the UNO script printed %q (%v)", out, err)
	}
	for _, f := range files {
		if bytes.Contains(out, []byte(f.Password)) || bytes.Contains(stderr.Bytes(), []byte(f.Password)) {
			t.Error("the script's output holds a password")
		}
	}

	for i, r := range results {
		name := inputs[i].name
		if r.Error != "" {
			t.Errorf("%s: LibreOffice: %s", name, r.Error)
			continue
		}
		if r.Refused == "" || r.RefusedNone == "" {
			t.Errorf("%s: LibreOffice loaded it with a wrong password (%q) or none (%q)", name, r.Refused, r.RefusedNone)
		}
		t.Logf("%s: a wrong password: %s; none: %s", name, r.Refused, r.RefusedNone)
	}

	// The workbook: every cell text, in the text format "@", as written.
	var want [][][]string
	for _, line := range strings.Split(strings.TrimSpace(csv), "\n") {
		var row [][]string
		for _, c := range strings.Split(line, ";") {
			row = append(row, []string{"TEXT", c, "@"})
		}
		want = append(want, row)
	}
	if got := results[0].Cells; !equalCells(got, want) {
		t.Errorf("LibreOffice Calc reads\n%v\nwant\n%v", got, want)
	}
	// The document: its paragraphs.
	if got := strings.Split(strings.TrimRight(strings.ReplaceAll(results[1].Text, "\r\n", "\n"), "\n"), "\n"); !slices.Equal(got, paras) {
		t.Errorf("LibreOffice Writer reads %q, want %q", got, paras)
	}
}

func equalCells(a, b [][][]string) bool {
	return slices.EqualFunc(a, b, func(x, y [][]string) bool {
		return slices.EqualFunc(x, y, func(p, q []string) bool { return slices.Equal(p, q) })
	})
}
