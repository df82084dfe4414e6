// Package sendfile protects files for sending: it encrypts one or more files
// or a folder with a generated password in the format the recipient can open,
// verifies the result before anything is handed over, and only then moves it
// into place and keeps the password as a share.
//
// # Formats
//
// [Auto] chooses by the input:
//   - .xlsx, .xlsm, .docx, .pptx: Office's own "Agile" password encryption
//     ([officecrypt]), which Excel, Word and PowerPoint open natively;
//   - .csv: a workbook with every cell as text (number format "@", so that
//     Excel keeps leading zeros, long numbers and dates as written), then
//     Agile; [Zip] keeps the CSV itself in an AES ZIP instead;
//   - .pdf: a PDF with an AES-256 user password, or an AES ZIP if that fails;
//   - anything else, several files or a folder: an AES-256 ZIP
//     ([aeszip], WinZip AE-2), with neutral entry names when a file name
//     looks like a person's name.
//
// # Verification
//
// Encrypt writes to a temporary file in the target folder and checks it
// before anything else happens (see [Check]): it reopens the file with the
// password through Grendel's own reader and compares the content with the
// input (SHA-256 of the Office package and of each ZIP entry, every cell of
// a converted CSV, pages and text of a PDF); a wrong password must fail at
// the format's password check; no unencrypted Office package and no 32-byte
// window sampled from the input may occur in the file, and every ZIP entry
// must be encrypted. Only then is the file renamed into place (never over an
// existing one unless Options.Force) and the password stored as a share. A
// failed check leaves no output and no share, and the error is a
// [*VerifyError] naming the check.
//
// The package never prints and never translates; the password travels as a
// [secret.Secret].
package sendfile

import (
	"errors"
	"fmt"
	"io"

	"grendel/app/aeszip"
	"grendel/app/audit"
	"grendel/app/secret"
	"grendel/app/vault"
)

// Format is what Options.Format asks for.
type Format string

// The formats.
const (
	// Auto chooses by the input (see the package documentation).
	Auto Format = "auto"
	// Office asks for Office's Agile encryption: an OOXML package as it is,
	// a CSV file converted to a workbook first.
	Office Format = "office"
	// Zip asks for an AES-256 ZIP, whatever the input.
	Zip Format = "zip"
	// PDF asks for an encrypted PDF; the input must be one PDF.
	PDF Format = "pdf"
)

// Valid reports whether f is one of the formats ("" counts as Auto).
func (f Format) Valid() bool {
	switch f {
	case "", Auto, Office, Zip, PDF:
		return true
	}
	return false
}

// Kind is what Encrypt wrote.
type Kind string

// The kinds of output.
const (
	// KindOffice is an OOXML package in Office's Agile encryption.
	KindOffice Kind = "office"
	// KindWorkbook is a CSV file converted to a workbook of text cells, in
	// Office's Agile encryption.
	KindWorkbook Kind = "workbook"
	// KindZip is an AES-256 ZIP (WinZip AE-2).
	KindZip Kind = "zip"
	// KindPDF is a PDF with an AES-256 user password.
	KindPDF Kind = "pdf"
)

// Names says whether a ZIP stores the files' own names.
type Names string

// The choices of names.
const (
	// NamesAuto stores neutral names when a file's name looks like a
	// person's name ([PersonalName]), else the files' own.
	NamesAuto Names = ""
	// NamesOwn stores the files' own names.
	NamesOwn Names = "own"
	// NamesNeutral stores file-1.ext, file-2.ext and so on.
	NamesNeutral Names = "neutral"
)

// Check names one verification of the output.
type Check string

// The checks, in the order Encrypt runs them.
const (
	// CheckEncrypted: the file is in the encrypted format (an encrypted
	// Office package, a ZIP whose every entry is AES-encrypted, a PDF with
	// an encryption dictionary).
	CheckEncrypted Check = "encrypted"
	// CheckOpens: Grendel's own reader opens it with the password.
	CheckOpens Check = "opens"
	// CheckContent: what it opens to equals the input.
	CheckContent Check = "content"
	// CheckWrongPassword: a wrong password fails at the format's password
	// check.
	CheckWrongPassword Check = "wrong_password"
	// CheckNoPlaintext: no unencrypted Office package and no window sampled
	// from the input occurs in the file.
	CheckNoPlaintext Check = "no_plaintext"
)

// Checks lists every check in order.
var Checks = []Check{CheckEncrypted, CheckOpens, CheckContent, CheckWrongPassword, CheckNoPlaintext}

// CheckResult is the outcome of one check.
type CheckResult struct {
	Check Check `json:"check"`
	OK    bool  `json:"ok"`
	// Err says why a check failed; nil when it passed.
	Err error `json:"-"`
}

// Stage is the phase of work a [Progress] report is about.
type Stage string

// The stages.
const (
	// StageConvert: a CSV file is being converted to a workbook.
	StageConvert Stage = "convert"
	// StageEncrypt: the output is being written.
	StageEncrypt Stage = "encrypt"
	// StageVerify: the output is being checked.
	StageVerify Stage = "verify"
)

// Progress reports how far Encrypt is: Done of Total bytes of the current
// stage (Total is 0 when unknown).
type Progress struct {
	Stage       Stage
	Done, Total int64
}

// Shares keeps share passwords; [*vault.Vault] implements it.
type Shares interface {
	Create(req vault.Request) (vault.Share, error)
}

var _ Shares = (*vault.Vault)(nil)

// Errors that Encrypt and Inspect wrap; test with errors.Is.
var (
	// ErrInput means that an input is missing, unreadable, of a kind that
	// cannot be sent (a special file), or that there is nothing to send.
	ErrInput = errors.New("nothing that can be encrypted")
	// ErrFormat means that the format asked for does not fit the input,
	// or that the input is damaged for its format.
	ErrFormat = errors.New("the format does not fit the file")
	// ErrNoEncryptedKind means that a file to check is none of the kinds
	// Grendel encrypts: an encrypted Office file, a ZIP or a PDF.
	ErrNoEncryptedKind = errors.New("neither an encrypted Office file, a ZIP nor a PDF")
	// ErrAlreadyEncrypted means that an input is already encrypted.
	ErrAlreadyEncrypted = errors.New("the file is already encrypted")
	// ErrExists means that the output exists and Options.Force is off.
	ErrExists = errors.New("the output file exists")
	// ErrNotPartner means that share.partners_only is on and the
	// recipient is not on share.partners.
	ErrNotPartner = errors.New("the recipient is not a partner with a processing agreement")
	// ErrPassword means that no password of the required entropy could
	// be generated with the share settings.
	ErrPassword = errors.New("no password of the required strength")
	// ErrVerify means that a check of the output failed; the error is a
	// [*VerifyError].
	ErrVerify = errors.New("verification failed")
	// ErrWrite means that the output could not be written.
	ErrWrite = errors.New("the output could not be written")
)

// VerifyError is the error of a failed check.
type VerifyError struct {
	Check Check
	Err   error
}

func (e *VerifyError) Error() string {
	return fmt.Sprintf("verification failed: %s: %v", e.Check, e.Err)
}

// Unwrap returns ErrVerify and the cause.
func (e *VerifyError) Unwrap() []error { return []error{ErrVerify, e.Err} }

// Result is what Encrypt did.
type Result struct {
	// Inputs are the files and folders encrypted.
	Inputs []string
	// Output is the encrypted file's path.
	Output string
	// Size is its size in bytes.
	Size int64
	// Kind is its format.
	Kind Kind
	// Fallback, if not nil, is why the format asked for was not used: a
	// PDF that could not be encrypted as a PDF went into a ZIP.
	Fallback *PDFError
	// Entries are a ZIP's entries, with the mapping to neutral names.
	Entries []aeszip.Entry
	// Neutral reports that a ZIP stores neutral names.
	Neutral bool
	// Rows is the number of rows of a converted CSV file.
	Rows int64
	// Checks are the verifications, each passed.
	Checks []CheckResult
	// Share is the share that holds the password.
	Share vault.Share
	// Password is the password; Entropy its entropy in bits.
	Password secret.Secret
	Entropy  float64
}

// Options say what Encrypt does.
type Options struct {
	// Output is the encrypted file's path, or a folder to write it in;
	// "" means beside the first input (see [OutputName]).
	Output string
	// Naming is the words of the default output name in the user's
	// language; empty ones are English.
	Naming Naming
	// Format is the format asked for; "" means Auto.
	Format Format
	// Force allows replacing an existing output file.
	Force bool
	// Names says whether a ZIP stores the files' own names.
	Names Names
	// Recipient is who the file is for; Channel how the password goes.
	Recipient string
	Channel   vault.Channel
	// Partners and PartnersOnly are share.partners and
	// share.partners_only.
	Partners     []string
	PartnersOnly bool
	// MinBits is file.min_password_bits; below 1 means 80.
	MinBits int
	// Password says how to generate the password (share.generator,
	// share.words, the language); Words or Length grow until the password
	// has MinBits.
	Password vault.Settings
	// Meets, if not nil, is the password policy a generated password must
	// meet.
	Meets func(pw string) bool
	// Shares keeps the password; it must not be nil.
	Shares Shares
	// Progress, if not nil, is called on Encrypt's goroutine as work
	// advances.
	Progress func(Progress)
	// Rand is the random source of the password; nil means crypto/rand.
	Rand io.Reader
	// Audit records the file encrypted: its format and whether it was
	// verified ([grendel/app/audit]); nil records nothing.
	Audit audit.Recorder

	// tamper, in tests, changes the temporary file before it is verified.
	tamper func(path string) error
	// maxPDF, in tests, replaces MaxPDFSize when it is above 0 (so that a
	// test of a PDF too large need not write and encrypt 128 MiB).
	maxPDF int64
}

func (o *Options) progress(st Stage, done, total int64) {
	if o.Progress != nil {
		o.Progress(Progress{Stage: st, Done: done, Total: total})
	}
}
