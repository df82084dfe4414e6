package i18n

import (
	"errors"
	"strconv"

	"fyne.io/fyne/v2/lang"

	"grendel/app/aeszip"
	"grendel/app/officecrypt"
	"grendel/app/sendfile"
	"grendel/app/vault"
)

// SendCheck names a verification of an encrypted file, as a finished
// statement.
func SendCheck(c sendfile.Check) string {
	switch c {
	case sendfile.CheckEncrypted:
		return lang.X("send.check.encrypted", "the file is encrypted")
	case sendfile.CheckOpens:
		return lang.X("send.check.opens", "it opens with the password")
	case sendfile.CheckContent:
		return lang.X("send.check.content", "its content equals the original")
	case sendfile.CheckWrongPassword:
		return lang.X("send.check.wrong_password", "a wrong password is refused")
	case sendfile.CheckNoPlaintext:
		return lang.X("send.check.no_plaintext", "it holds no readable piece of the original")
	}
	return string(c)
}

// SendError renders an error of sendfile (or of a check) in the user's
// language. It never holds a password.
func SendError(err error) string {
	var ve *sendfile.VerifyError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &ve):
		return lang.X("send.err.verify", "the encrypted file failed the check \"{{.Check}}\", so it was not kept and no share password was made",
			map[string]string{"Check": SendCheck(ve.Check)})
	case errors.Is(err, sendfile.ErrNotPartner):
		return lang.X("send.err.not_partner", "the recipient is not on the list of partners with a processing agreement (share.partners), and the policy allows no one else")
	case errors.Is(err, sendfile.ErrExists):
		return lang.X("send.err.exists", "the output file exists; choose another with -o or replace it with --force")
	case errors.Is(err, sendfile.ErrAlreadyEncrypted):
		return lang.X("send.err.already", "the file is already encrypted")
	case errors.Is(err, sendfile.ErrPDF):
		var pe *sendfile.PDFError
		reason := PDFProblem(sendfile.PDFUnreadable)
		if errors.As(err, &pe) {
			reason = PDFProblem(pe.Problem)
		}
		return lang.X("send.err.pdf", "the PDF cannot be encrypted as a PDF: {{.Reason}}; without --format pdf it goes into an AES-256 ZIP instead",
			map[string]string{"Reason": reason})
	case errors.Is(err, sendfile.ErrNoEncryptedKind):
		return lang.X("send.err.no_encrypted_kind", "it is not an encrypted Office file, ZIP file or PDF, the kinds Grendel encrypts and checks")
	case errors.Is(err, sendfile.ErrFormat):
		return lang.X("send.err.format", "this format does not fit the file: Office encryption takes one .xlsx, .xlsm, .docx, .pptx or .csv file, PDF encryption one .pdf; a ZIP takes anything")
	case errors.Is(err, sendfile.ErrInput):
		return lang.X("send.err.input", "the file or folder cannot be read, or holds nothing to send")
	case errors.Is(err, sendfile.ErrPassword):
		return lang.X("send.err.password", "the settings for share passwords cannot make a password as strong as file.min_password_bits asks")
	case errors.Is(err, officecrypt.ErrWrongPassword), errors.Is(err, aeszip.ErrWrongPassword), errors.Is(err, sendfile.ErrPDFWrongPassword):
		return lang.X("send.err.wrong_password", "the password does not open the file")
	case errors.Is(err, officecrypt.ErrIntegrity), errors.Is(err, aeszip.ErrIntegrity):
		return lang.X("send.err.integrity", "the file was changed or damaged after it was encrypted")
	case errors.Is(err, officecrypt.ErrNotEncrypted), errors.Is(err, aeszip.ErrNotEncrypted), errors.Is(err, aeszip.ErrZipCrypto):
		return lang.X("send.err.not_encrypted", "the file, or something in it, is not encrypted")
	case errors.Is(err, sendfile.ErrWrite):
		return lang.X("send.err.write", "the encrypted file could not be written")
	case errors.Is(err, vault.ErrKeychainLocked), errors.Is(err, vault.ErrKeychainUnavailable), errors.Is(err, vault.ErrTooBig):
		return VaultError(err, "")
	}
	return lang.X("send.err.other", "that did not work: the file could not be encrypted or checked")
}

// PDFProblem says why a PDF could not be encrypted as a PDF, as a clause
// for an office worker (lower case, no full stop). It never quotes the
// file.
func PDFProblem(p sendfile.PDFProblem) string {
	switch p {
	case sendfile.PDFEncrypted:
		return lang.X("send.pdf.encrypted", "the PDF is already protected with a password")
	case sendfile.PDFTooLarge:
		return lang.X("send.pdf.too_large", "the PDF is too large (over {{.Size}} MiB)",
			map[string]string{"Size": strconv.Itoa(sendfile.MaxPDFSize >> 20)})
	case sendfile.PDFUnsupported:
		return lang.X("send.pdf.unsupported", "the PDF has a flaw that PDF readers put up with, but Grendel cannot save it again with a password")
	}
	return lang.X("send.pdf.unreadable", "the PDF could not be read: it is damaged, or made in a way Grendel cannot read")
}

// SendFallback says that a PDF became an encrypted ZIP file, and why (see
// [sendfile.Result].Fallback), for the command line and the window alike.
func SendFallback(e *sendfile.PDFError) string {
	return lang.X("send.fallback", "The file became an encrypted ZIP file instead of a protected PDF: {{.Reason}}.",
		map[string]string{"Reason": PDFProblem(e.Problem)})
}

// SendEmail is the e-mail text that goes with an encrypted file: what is
// attached, how to open it for its kind, and that the password comes
// separately by the share's channel. It never holds the password.
func SendEmail(kind sendfile.Kind, s vault.Share) string {
	greeting := lang.X("shares.email.greeting", "Hello,")
	if s.Recipient != "" {
		greeting = lang.X("shares.email.greeting_name", "Hello {{.Recipient}},", map[string]string{"Recipient": s.Recipient})
	}
	var how string
	switch kind {
	case sendfile.KindOffice, sendfile.KindWorkbook:
		how = lang.X("send.email.office", "Open it in Excel, Word or PowerPoint (or LibreOffice), which will ask for the password.")
	case sendfile.KindPDF:
		how = lang.X("send.email.pdf", "Open it in any PDF reader, which will ask for the password.")
	default:
		how = lang.X("send.email.zip", "It is a ZIP file with AES-256 encryption, which Windows Explorer and the macOS Archive Utility cannot open: use 7-Zip on Windows, or Keka or The Unarchiver on macOS, and type the password when asked.")
	}
	return greeting + "\n\n" + lang.X("send.email.body",
		"Attached is {{.Label}}, protected with a password. To protect the personal data in it, the password does not come by e-mail: you receive it separately, {{.By}}.",
		map[string]string{"Label": s.Label, "By": ChannelBy(s.Channel)}) +
		"\n\n" + how + "\n\n" + lang.X("send.email.closing", "Kind regards")
}
