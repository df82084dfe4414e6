package i18n

import (
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2/lang"

	"grendel/app/sendfile"
	"grendel/app/tabular"
)

// CompactName is the default name of the compact export of the file in:
// beside it, with a suffix in the user's language (klanten-compact.csv,
// kunden-kompakt.csv), for the CLI and the window alike.
func CompactName(in string) string {
	ext := filepath.Ext(in)
	suffix := lang.X("cli.file.compact_suffix", "compact")
	return strings.TrimSuffix(in, ext) + "-" + suffix + ext
}

// SendNaming is the words of an encrypted file's default name in the
// user's language, for the CLI and the window alike:
// klanten-beveiligd.xlsx, kunden-geschützt.xlsx, bestanden-beveiligd.zip.
//
// German keeps its umlaut ("geschützt", not "geschuetzt"). The suffix is
// added to the user's own file name, which in German often has umlauts
// already (Kündigungen.xlsx), so an ASCII suffix would not make the name
// ASCII: whatever handles the attachment (mail clients, which encode
// non-ASCII names by RFC 2231; Windows and macOS file systems; Office)
// must cope with umlauts anyway, and does. The one known hazard, macOS
// writing names decomposed (u + combining diaeresis), hits an umlaut in
// the stem just the same. "geschuetzt", on the other hand, reads to a
// German recipient like a typo or a machine's spelling.
func SendNaming() sendfile.Naming {
	return sendfile.Naming{
		Suffix: lang.X("send.name.suffix", "protected"),
		Files:  lang.X("send.name.files", "files"),
	}
}

// FileEncoding is a CSV file's encoding as reports show it, with its byte
// order mark ("utf-8-bom"); "" for a workbook.
func FileEncoding(info tabular.Info) string {
	if info.Format != tabular.CSV {
		return ""
	}
	if info.BOM && info.Encoding == tabular.UTF8 {
		return "utf-8-bom"
	}
	return string(info.Encoding)
}
