package vault

import (
	"slices"
	"testing"

	"grendel/app/audit"
	"grendel/app/audit/audittest"
	"grendel/app/secret"

	"grendel/internal/testdir"
)

// TestVaultAudit: creating, rotating, deleting and purging shares records
// each by its ID alone; the labels, recipients and passwords, typed or
// generated, are nowhere in the audit file.
func TestVaultAudit(t *testing.T) {
	dir := testdir.New(t)
	f := newFixture(t)
	f.cfg.Audit = audit.New(audit.Config{Role: audit.RoleCLI, Sinks: []audit.Sink{&audit.FileSink{Dir: dir}}})
	f.open()
	const label, recipient, typed = "Klantenlijst Jansen Q3.xlsx", "Jan de Vries <jan@mailhuis.nl>", "Zomer2024!Welkom"
	a := f.create(Request{Label: label, Recipient: recipient})
	b := f.create(Request{Label: "Offerte Müller", Recipient: "+31 6 12345678", Secret: secret.New(typed)})
	first := f.secret(a.ID)
	if _, err := f.v.Rotate(a.ID); err != nil {
		t.Fatal(err)
	}
	second := f.secret(a.ID)
	if err := f.v.Delete(b.ID); err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(maxAge)
	if gone, err := f.v.Purge(f.clock.Now()); err != nil || len(gone) != 1 {
		t.Fatalf("Purge = %v, %v", gone, err)
	}
	got, err := audittest.Entries(dir)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, e := range got {
		id, _ := e.Word("share")
		lines = append(lines, string(e.Event)+" "+id)
	}
	want := []string{"share.created " + a.ID, "share.created " + b.ID, "share.rotated " + a.ID, "share.deleted " + b.ID, "share.expired " + a.ID}
	if !slices.Equal(lines, want) {
		t.Errorf("audit %q, want %q", lines, want)
	}
	leaks, err := audittest.Leaks(dir, label, "Klantenlijst", "Jansen", recipient, "jan@mailhuis.nl", "Jan de Vries",
		"Offerte Müller", "Müller", "+31 6 12345678", "12345678", typed, first, second)
	if err != nil || leaks != nil {
		t.Errorf("the audit file holds %q (%v)", leaks, err)
	}
}
