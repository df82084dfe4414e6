package i18n

import (
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"

	"grendel/app/pii"
	"grendel/app/tabular"
	"grendel/app/vault"
)

// Kind names a kind of personal data in the user's language.
func Kind(k pii.Kind) string {
	switch k {
	case pii.Email:
		return lang.X("file.kind.email", "e-mail address")
	case pii.Phone:
		return lang.X("file.kind.phone", "phone number")
	case pii.Name:
		return lang.X("file.kind.name", "name")
	case pii.Address:
		return lang.X("file.kind.address", "address")
	case pii.Birthdate:
		return lang.X("file.kind.birthdate", "date of birth")
	case pii.IBAN:
		return lang.X("file.kind.iban", "IBAN")
	case pii.NationalID:
		return lang.X("file.kind.national_id", "national ID (BSN, Steuer-ID)")
	case pii.Gender:
		return lang.X("file.kind.gender", "salutation or gender")
	case pii.CustomerID:
		return lang.X("file.kind.customer_id", "customer number")
	case pii.FreeText:
		return lang.X("file.kind.free_text", "free text with personal data")
	}
	return lang.X("file.kind.none", "no personal data")
}

// ColumnName is a column's header text, or "Column N" in the user's
// language for a column without one.
func ColumnName(c pii.Column) string {
	if strings.TrimSpace(c.Name) != "" {
		return c.Name
	}
	return lang.X("file.column_n", "Column {{.N}}", map[string]string{"N": strconv.Itoa(c.Index)})
}

// FileError renders an error of reading, checking or exporting a file in
// the user's language, for the CLI and the windows alike. The errors never
// hold a cell's value.
func FileError(err error) string {
	data := map[string]string{"Error": err.Error(), "Line": "", "Sheet": "", "Limit": "", "Count": "", "Columns": ""}
	var te *tabular.Error
	if errors.As(err, &te) {
		data["Line"] = strconv.FormatInt(te.Line, 10)
		data["Sheet"] = te.Sheet
		data["Limit"] = size(te.Limit)
		data["Count"] = strconv.FormatInt(te.Limit, 10)
		if te.Cause != nil {
			data["Error"] = te.Cause.Error()
		}
	}
	var still *pii.StillPersonalError
	if errors.As(err, &still) {
		var names []string
		for _, d := range still.Columns {
			names = append(names, fmt.Sprintf("%s (%s)", ColumnName(d.Column), Kind(d.Column.Kind)))
		}
		data["Columns"] = strings.Join(names, ", ")
	}
	switch {
	case errors.Is(err, tabular.ErrEmpty):
		return lang.X("file.error.empty", "the file is empty")
	case errors.Is(err, tabular.ErrBinary):
		return lang.X("file.error.binary", "this is not a CSV or XLSX file (it holds binary data)")
	case errors.Is(err, tabular.ErrEncrypted):
		return lang.X("file.error.encrypted", "the workbook is password-protected: open it in Excel, remove the password (File > Info > Protect Workbook), save it and try again")
	case errors.Is(err, tabular.ErrLegacyFormat):
		return lang.X("file.error.legacy", "this is an old Excel 97–2003 workbook (.xls): save it as .xlsx or CSV and try again")
	case errors.Is(err, tabular.ErrCorrupt):
		return lang.X("file.error.corrupt", "the workbook is damaged or incomplete ({{.Error}})", data)
	case errors.Is(err, tabular.ErrLineTooLong):
		return lang.X("file.error.line_too_long", "line {{.Line}} is longer than {{.Limit}}: this does not look like a table", data)
	case errors.Is(err, tabular.ErrRecordTooLong):
		return lang.X("file.error.record_too_long", "the row at line {{.Line}} is longer than {{.Limit}}: a quote is probably not closed", data)
	case errors.Is(err, tabular.ErrTooManyFields):
		return lang.X("file.error.too_many_fields", "the row at line {{.Line}} has more than {{.Count}} columns", data)
	case errors.Is(err, tabular.ErrQuote):
		return lang.X("file.error.quote", "a quoted field that starts at line {{.Line}} is never closed", data)
	case errors.Is(err, tabular.ErrInvalidText):
		return lang.X("file.error.invalid_text", "line {{.Line}} holds bytes that are not valid text in the file's encoding", data)
	case errors.Is(err, tabular.ErrTooLarge):
		return lang.X("file.error.too_large", "the file, or a part of it, is larger than Grendel reads ({{.Limit}})", data)
	case errors.Is(err, tabular.ErrZipBomb):
		return lang.X("file.error.zip_bomb", "the workbook would unpack to far more than its size: Grendel does not open it")
	case errors.Is(err, tabular.ErrTooDeep):
		return lang.X("file.error.too_deep", "the workbook's XML is nested too deeply: Grendel does not open it")
	case errors.Is(err, tabular.ErrTooManyCells):
		return lang.X("file.error.too_many_cells", "a sheet of the workbook has more cells than Grendel reads ({{.Count}})", data)
	case errors.Is(err, tabular.ErrExists):
		return lang.X("file.error.exists", "the output file exists already: choose another name, or replace it with --force")
	case errors.Is(err, tabular.ErrSameFile):
		return lang.X("file.error.same_file", "the output would replace the file being read: choose another name")
	case errors.Is(err, tabular.ErrWrite):
		data["Error"] = causeText(err, te)
		return lang.X("file.error.write", "the export could not be written, and nothing was left behind ({{.Error}})", data)
	case errors.Is(err, fs.ErrNotExist):
		return lang.X("file.error.not_exist", "there is no such file")
	case errors.Is(err, fs.ErrPermission):
		return lang.X("file.error.permission", "you have no permission to read this file")
	case te != nil && te.Cause != nil && te.Cause.Error() == "not a regular file": // tabular.Open's words
		return lang.X("file.error.not_regular", "this is a folder or a device, not a file")
	case errors.Is(err, tabular.ErrRead):
		data["Error"] = causeText(err, te)
		return lang.X("file.error.read", "the file could not be read ({{.Error}})", data)
	case errors.Is(err, pii.ErrStillPersonal):
		return lang.X("file.error.still_personal", "the export was not written: these columns still hold personal data that you did not ask to keep: {{.Columns}}. Drop, mask or pseudonymise them, or choose to keep them", data)
	case errors.Is(err, pii.ErrNothingLeft):
		return lang.X("file.error.nothing_left", "every column holds personal data, so nothing would be left: keep, mask or pseudonymise a column")
	case errors.Is(err, vault.ErrKeychainLocked):
		return lang.X("file.error.key_locked", "the system keychain, which holds the pseudonymisation key, is locked: unlock it and try again ({{.Error}})", data)
	case errors.Is(err, vault.ErrKeychainUnavailable), errors.Is(err, vault.ErrTooBig):
		return lang.X("file.error.no_keychain", "pseudonymising needs Grendel's key from the system keychain, which is not available ({{.Error}})", data)
	}
	return err.Error()
}

// causeText is what the operating system said under a table error, in the
// user's words where it is one of the usual refusals (OSError).
func causeText(err error, te *tabular.Error) string {
	if te == nil || te.Cause == nil {
		return OSError(err)
	}
	return OSError(te.Cause)
}

// size writes a limit in bytes as KiB, MiB or GiB where it is one.
func size(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return strconv.FormatInt(n, 10)
}
