package pii

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"grendel/app/tabular"
	"grendel/app/vault"
)

// Action is what a compact export does with a column.
type Action string

// The actions.
const (
	Drop         Action = "drop"
	Keep         Action = "keep"
	MaskIt       Action = "mask"
	Pseudonymise Action = "pseudonymise"
)

// Ref names a column of a report: its sheet's index and its 1-based index.
type Ref struct {
	Sheet, Index int
}

// Select returns the columns of r that sel names: a header text (in any
// case), or a 1-based column number; "Sheet!col" limits it to one sheet of
// a workbook. It fails with [ErrNoColumn] if none matches.
func Select(r *Report, sel string) ([]Ref, error) {
	sheet, col := "", strings.TrimSpace(sel)
	if i := strings.LastIndexByte(col, '!'); i > 0 && r.Info.Format == tabular.XLSX {
		sheet, col = col[:i], col[i+1:]
	}
	num, numErr := strconv.Atoi(col)
	var refs []Ref
	for si, s := range r.Sheets {
		if sheet != "" && !strings.EqualFold(sheet, s.Name) {
			continue
		}
		for _, c := range s.Columns {
			if s.Header && strings.EqualFold(strings.TrimSpace(c.Name), col) || numErr == nil && c.Index == num {
				refs = append(refs, Ref{si, c.Index})
			}
		}
	}
	if len(refs) == 0 {
		return nil, fmt.Errorf("%w: %q", ErrNoColumn, sel)
	}
	return refs, nil
}

// Decision is what a compact export did with a column.
type Decision struct {
	Sheet  string
	Column Column
	Action Action
	// Asked is whether the user asked for Action; otherwise it is the
	// default (drop personal data, keep the rest).
	Asked bool
}

// CompactOptions configure [Compact].
type CompactOptions struct {
	Options
	// Output is the file to write.
	Output string
	// Force allows replacing an existing Output.
	Force bool
	// Actions are the user's choices; a column not in it is dropped if
	// personal and kept otherwise.
	Actions map[Ref]Action
	// Key pseudonymises; it is needed only for the Pseudonymise action.
	Key Key
	// Wrap, if set, wraps the output's writer (tests: a full disk).
	Wrap func(io.Writer) io.Writer
}

// Result is what a compact export wrote.
type Result struct {
	Output    string
	Decisions []Decision
	// Rows is the number of data rows written, in every sheet.
	Rows int64
}

// The errors of [Compact], beside tabular's.
var (
	// ErrNoKey: a column is to be pseudonymised without a key.
	ErrNoKey = errors.New("no pseudonymisation key")
	// ErrNothingLeft: every column would be dropped.
	ErrNothingLeft = errors.New("every column holds personal data: nothing is left to export")
	// ErrStillPersonal: the export, checked again, holds personal data
	// that was not asked to be kept; see [StillPersonalError].
	ErrStillPersonal = errors.New("the export still holds personal data")
)

// StillPersonalError names the columns of an export that still hold
// personal data nobody asked to keep. It wraps [ErrStillPersonal].
type StillPersonalError struct {
	Columns []Decision
}

func (e *StillPersonalError) Error() string {
	var names []string
	for _, d := range e.Columns {
		names = append(names, fmt.Sprintf("%d (%s)", d.Column.Index, d.Column.Kind))
	}
	return ErrStillPersonal.Error() + ": columns " + strings.Join(names, ", ")
}

func (e *StillPersonalError) Unwrap() error { return ErrStillPersonal }

// plan is the action per column of each sheet.
func plan(rep *Report, actions map[Ref]Action) [][]Decision {
	out := make([][]Decision, len(rep.Sheets))
	for si, s := range rep.Sheets {
		for _, c := range s.Columns {
			d := Decision{Sheet: s.Name, Column: c, Action: Keep}
			if a, ok := actions[Ref{si, c.Index}]; ok {
				d.Action, d.Asked = a, true
			} else if c.Kind.Personal() {
				d.Action = Drop
			}
			out[si] = append(out[si], d)
		}
	}
	return out
}

// Compact writes rep's file to opts.Output without its personal columns,
// or with them kept, masked or pseudonymised as opts.Actions say, in the
// same format, encoding, separator and sheets. It writes atomically, and
// scans the output before it takes its place: if a column that was not asked to be kept still
// holds personal data (e-mail addresses or IBANs anywhere in a kept
// column, or anything a scan finds), it fails with
// a [*StillPersonalError], leaving no output.
func Compact(ctx context.Context, rep *Report, opts CompactOptions) (*Result, error) {
	decisions := plan(rep, opts.Actions)
	written := 0
	for _, ds := range decisions {
		for _, d := range ds {
			if d.Action == Pseudonymise && opts.Key.b == nil {
				return nil, ErrNoKey
			}
			if d.Action != Drop {
				written++
			}
		}
	}
	if written == 0 {
		return nil, ErrNothingLeft
	}
	f, err := tabular.Open(rep.File, opts.Limits)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	w, err := tabular.Create(opts.Output, f.Info(), tabular.CreateOptions{Force: opts.Force, Input: rep.File, Wrap: opts.Wrap})
	if err != nil {
		return nil, err
	}
	res := &Result{Output: opts.Output}
	var leaks []Decision
	for si := range rep.Sheets {
		n, leak, err := compactSheet(ctx, f, w, rep, si, decisions[si], opts)
		if err != nil {
			w.Abort()
			return nil, err
		}
		res.Rows += n
		leaks = append(leaks, leak...)
		res.Decisions = append(res.Decisions, decisions[si]...)
	}
	if len(leaks) > 0 {
		w.Abort()
		return nil, &StillPersonalError{Columns: leaks}
	}
	tmp, err := w.Finish()
	if err != nil {
		return nil, err
	}
	if err := recheck(ctx, tmp, opts, decisions); err != nil {
		w.Abort()
		return nil, err
	}
	if err := w.Commit(); err != nil {
		return nil, err
	}
	return res, nil
}

// compactSheet copies one sheet, and returns the number of data rows and
// the columns kept by default in which a quick check of every cell found
// an e-mail address or IBAN.
func compactSheet(ctx context.Context, f *tabular.File, w tabular.Writer, rep *Report, si int, ds []Decision, opts CompactOptions) (int64, []Decision, error) {
	s := rep.Sheets[si]
	rows, err := f.Rows(si)
	if err != nil {
		return 0, nil, err
	}
	defer rows.Close()
	if err := w.Sheet(s.Name); err != nil {
		return 0, nil, err
	}
	leaked := make([]bool, len(ds))
	var out []string
	var outTypes []tabular.Type
	var n int64
	for first := true; ; first = false {
		row, err := rows.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return 0, nil, err
		}
		header := first && s.Header
		types := rows.Types()
		out, outTypes = out[:0], outTypes[:0]
		for i, d := range ds {
			if d.Action == Drop {
				continue
			}
			v, typ := "", tabular.String
			if i < len(row) {
				v = row[i]
			}
			if i < len(types) && d.Action == Keep {
				typ = types[i]
			}
			outTypes = append(outTypes, typ)
			switch {
			case header:
			case d.Action == MaskIt:
				v = Mask(d.Column.Kind, v)
			case d.Action == Pseudonymise:
				v = opts.Key.Pseudonym(d.Column.Kind, v)
			case !d.Asked && !leaked[i] && quickPersonal(v):
				leaked[i] = true
			}
			out = append(out, v)
		}
		if err := w.Write(out, outTypes); err != nil {
			return 0, nil, err
		}
		if !header {
			n++
		}
		if n%progressEvery == 0 {
			if err := ctx.Err(); err != nil {
				return 0, nil, err
			}
			if opts.Progress != nil {
				opts.Progress(progressOf(f, rows))
			}
		}
	}
	var leaks []Decision
	for i, l := range leaked {
		if l {
			leaks = append(leaks, ds[i])
		}
	}
	return n, leaks, nil
}

// quickPersonal is the check of every cell of a column kept by default: an
// e-mail address or an IBAN in it. It is cheap for cells with neither '@'
// nor a run of digits.
func quickPersonal(v string) bool {
	if strings.IndexByte(v, '@') >= 0 {
		if k, _, ok := findEmbedded(v); ok && k == Email {
			return true
		}
	}
	return len(v) >= 15 && embeddedIBAN(v) != ""
}

// recheck scans the written output at path and fails if a column that nobody
// asked to keep, mask or pseudonymise holds personal data.
func recheck(ctx context.Context, path string, opts CompactOptions, decisions [][]Decision) error {
	out, err := Scan(ctx, path, opts.Options)
	if err != nil {
		return err
	}
	var leaks []Decision
	for si, s := range out.Sheets {
		if si >= len(decisions) {
			break
		}
		var written []Decision
		for _, d := range decisions[si] {
			if d.Action != Drop {
				written = append(written, d)
			}
		}
		for ci, c := range s.Columns {
			if ci < len(written) && c.Kind.Personal() && !written[ci].Asked {
				d := written[ci]
				d.Column.Kind = c.Kind
				leaks = append(leaks, d)
			}
		}
	}
	if len(leaks) > 0 {
		return &StillPersonalError{Columns: leaks}
	}
	return nil
}

// Key is the secret key that pseudonymises: HMAC-SHA-256. It refuses to
// print.
type Key struct{ b []byte }

// NewKey returns a key of the given bytes (tests; [LoadKey] otherwise).
func NewKey(b []byte) Key { return Key{b: append([]byte(nil), b...)} }

func (Key) String() string   { return "**redacted**" }
func (Key) GoString() string { return "**redacted**" }

// The keychain item that holds the pseudonymisation key.
const (
	KeyService = "grendel-pseudonym"
	KeyAccount = "hmac-sha256-v1"
)

// LoadKey returns the pseudonymisation key kept in kc, generating and
// storing a new one the first time. Its errors wrap vault's keychain
// errors (ErrKeychainUnavailable, ErrKeychainLocked).
func LoadKey(kc vault.Keychain) (Key, error) {
	s, err := kc.Get(KeyService, KeyAccount)
	if err == nil {
		b, derr := base64.StdEncoding.DecodeString(s)
		if derr != nil || len(b) < 32 {
			return Key{}, fmt.Errorf("%w: the pseudonymisation key in the keychain is damaged", vault.ErrKeychainUnavailable)
		}
		return Key{b: b}, nil
	}
	if !errors.Is(err, vault.ErrNotFound) {
		return Key{}, err
	}
	b := make([]byte, 32)
	rand.Read(b)
	if err := kc.Set(KeyService, KeyAccount, base64.StdEncoding.EncodeToString(b)); err != nil {
		return Key{}, err
	}
	return Key{b: b}, nil
}

var tokenEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// Pseudonym returns the token for v, a value of kind k: the same value
// (ignoring case and spacing where they do not matter) gets the same
// token in every file, and the token cannot be reversed without the key.
// An empty value stays empty.
func (key Key) Pseudonym(k Kind, v string) string {
	v = strings.TrimSpace(v)
	if v == "" {
		return ""
	}
	switch k {
	case Email, Name, Address, Gender:
		v = strings.Join(strings.Fields(strings.ToLower(v)), " ")
	case IBAN:
		v = compactIBAN(v)
	case Phone, NationalID:
		v = strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' || r == '+' {
				return r
			}
			return -1
		}, v)
	}
	mac := hmac.New(sha256.New, key.b)
	mac.Write([]byte(v))
	return "P-" + strings.ToLower(tokenEncoding.EncodeToString(mac.Sum(nil)[:10]))
}
