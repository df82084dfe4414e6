package i18n

import (
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2/lang"

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
