package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"fyne.io/fyne/v2/lang"
	"github.com/spf13/cobra"

	"grendel/app/pii"
	"grendel/app/tabular"
	"grendel/app/vault"
	"grendel/ui/exit"
	"grendel/ui/i18n"
)

// fileErr turns an error of the file commands into a translated message
// and its exit code.
func fileErr(name string, err error) error {
	msg := i18n.FileError(err)
	if name != "" {
		msg = name + ": " + msg
	}
	code := exit.Failure
	switch {
	case errors.Is(err, tabular.ErrExists), errors.Is(err, tabular.ErrSameFile):
		code = exit.OutputExists
	case errors.Is(err, pii.ErrStillPersonal):
		code = exit.StillPersonal
	case errors.Is(err, vault.ErrKeychainLocked), errors.Is(err, vault.ErrKeychainUnavailable), errors.Is(err, vault.ErrTooBig):
		code = exit.Keychain
	case errors.Is(err, tabular.ErrWrite), errors.Is(err, pii.ErrNothingLeft):
	default:
		var te *tabular.Error
		if errors.As(err, &te) {
			code = exit.BadFile
		}
	}
	return &exitError{code: code, msg: msg}
}

func newFileCmd(opts *Options, stdout io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "file",
		Short: helpText("cli.file.short", "Check a CSV or XLSX file for personal data, and make a compact export without it"),
		Long: helpText("cli.file.long", "Before a file with customer data leaves your computer, check what is in it, column by column; "+
			"a report for colleagues goes as a compact export that holds no personal data."),
		Args: groupArgs,
		RunE: groupHelp,
	}
	cmd.AddCommand(newFileScanCmd(stdout), newFileCompactCmd(stdout), newFileEncryptCmd(opts, stdout), newFileVerifyCmd(opts, stdout))
	return cmd
}

// columnJSON is a column in `grendel file scan --json`.
type columnJSON struct {
	Sheet string `json:"sheet,omitempty"`
	pii.Column
}

// scanJSON is one file in `grendel file scan --json`.
type scanJSON struct {
	File      string       `json:"file"`
	Format    string       `json:"format"`
	Encoding  string       `json:"encoding,omitempty"`
	Separator string       `json:"separator,omitempty"`
	Rows      int64        `json:"rows"`
	Columns   []columnJSON `json:"columns"`
	Personal  []string     `json:"personal"`
	Error     string       `json:"error,omitempty"`
}

// jsonName is a column's name in JSON: its header, or "Column N".
func jsonName(c pii.Column) string {
	if strings.TrimSpace(c.Name) != "" {
		return c.Name
	}
	return "Column " + strconv.Itoa(c.Index)
}

func toJSON(name string, rep *pii.Report) scanJSON {
	out := scanJSON{File: name, Format: string(rep.Info.Format), Encoding: i18n.FileEncoding(rep.Info),
		Separator: rep.Info.SeparatorName(), Rows: rep.Rows(), Columns: []columnJSON{}, Personal: []string{}}
	for _, s := range rep.Sheets {
		for _, c := range s.Columns {
			c.Name = jsonName(c)
			out.Columns = append(out.Columns, columnJSON{Sheet: s.Name, Column: c})
			if c.Kind.Personal() {
				out.Personal = append(out.Personal, c.Name)
			}
		}
	}
	return out
}

func newFileScanCmd(stdout io.Writer) *cobra.Command {
	asJSON := false
	cmd := &cobra.Command{
		Use:   "scan " + fileSlot() + "...",
		Short: helpText("cli.file.scan.short", "Tell, column by column, what personal data CSV or XLSX files hold; exit 8 if any does"),
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageErr(lang.X("cli.file.need_file", "name at least one CSV or XLSX file"))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			personal := false
			var failed error
			enc := json.NewEncoder(stdout)
			for i, name := range args {
				rep, err := pii.Scan(context.Background(), name, pii.Options{})
				if err != nil {
					ferr := fileErr(name, err)
					if asJSON {
						enc.Encode(scanJSON{File: name, Columns: []columnJSON{}, Personal: []string{}, Error: i18n.FileError(err)})
					}
					if failed == nil {
						failed = ferr
					} else {
						fmt.Fprintf(cmd.ErrOrStderr(), "grendel: %s\n", ferr.Error())
					}
					continue
				}
				personal = personal || rep.Personal()
				if asJSON {
					enc.Encode(toJSON(name, rep))
					continue
				}
				if i > 0 {
					fmt.Fprintln(stdout)
				}
				printScan(stdout, name, rep)
			}
			if failed != nil {
				return failed
			}
			if personal {
				return &exitError{code: exit.Personal}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, helpText("cli.file.flag_json", "print one JSON object per file instead"))
	return cmd
}

// printScan prints one file's report: a line about the file, a table per
// sheet, and the verdict.
func printScan(w io.Writer, name string, rep *pii.Report) {
	info := rep.Info
	if info.Format == tabular.CSV {
		fmt.Fprintln(w, lang.X("cli.file.about_csv", "{{.File}}: CSV, {{.Encoding}}, separator {{.Separator}}, {{.Rows}}",
			map[string]string{"File": name, "Encoding": i18n.FileEncoding(info), "Separator": quote(info.SeparatorName()), "Rows": rows(rep.Rows())}))
	} else {
		fmt.Fprintln(w, lang.X("cli.file.about_xlsx", "{{.File}}: XLSX workbook, {{.Sheets}}, {{.Rows}}",
			map[string]string{"File": name, "Sheets": counted(len(rep.Sheets), lang.X("cli.file.sheets_one", "1 sheet"), lang.X("cli.file.sheets", "{{.N}} sheets", nData(int64(len(rep.Sheets))))), "Rows": rows(rep.Rows())}))
	}
	var personal []string
	for _, s := range rep.Sheets {
		if info.Format == tabular.XLSX {
			fmt.Fprintln(w, lang.X("cli.file.sheet", "sheet {{.Sheet}}: {{.Rows}}",
				map[string]string{"Sheet": quote(s.Name), "Rows": rows(s.Rows)}))
		}
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", lang.X("cli.file.col.column", "COLUMN"), lang.X("cli.file.col.kind", "KIND"),
			lang.X("cli.file.col.share", "CELLS"), lang.X("cli.file.col.example", "EXAMPLE (MASKED)"))
		for _, c := range s.Columns {
			share := "–"
			if c.Checked > 0 {
				share = i18n.Number(int64(c.Matches)) + "/" + i18n.Number(int64(c.Checked))
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", oneLine(i18n.ColumnName(c)), i18n.Kind(c.Kind), share, c.Example)
			if c.Kind.Personal() {
				name := i18n.ColumnName(c)
				if len(rep.Sheets) > 1 {
					name = s.Name + "!" + name
				}
				personal = append(personal, name)
			}
		}
		tw.Flush()
	}
	if len(personal) == 0 {
		fmt.Fprintln(w, lang.X("cli.file.verdict_clean", "verdict: no personal data found"))
		return
	}
	fmt.Fprintln(w, lang.X("cli.file.verdict_personal", "verdict: personal data in {{.Count}} ({{.Columns}}); \"grendel file compact\" makes an export without it",
		map[string]string{"Count": counted(len(personal), lang.X("cli.file.columns_one", "1 column"), lang.X("cli.file.columns", "{{.N}} columns", nData(int64(len(personal))))), "Columns": strings.Join(personal, ", ")}))
}

// rows writes a number of rows: "1 row", "1,234 rows".
func rows(n int64) string {
	return counted(int(n), lang.X("cli.file.rows_one", "1 row"), lang.X("cli.file.rows", "{{.N}} rows", nData(n)))
}

// counted returns one when n is 1, else many.
func counted(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// nData is the data of a text that counts: N, n in the user's digit
// grouping.
func nData(n int64) map[string]string { return map[string]string{"N": i18n.Number(n)} }

// compactJSON is `grendel file compact --json`.
type compactJSON struct {
	File          string   `json:"file"`
	Output        string   `json:"output"`
	Rows          int64    `json:"rows"`
	Dropped       []string `json:"dropped"`
	Masked        []string `json:"masked"`
	Pseudonymised []string `json:"pseudonymised"`
	Kept          []string `json:"kept"`
}

func newFileCompactCmd(stdout io.Writer) *cobra.Command {
	var output string
	var keep, mask, pseudo []string
	var force, asJSON bool
	cmd := &cobra.Command{
		Use:   "compact " + fileSlot(),
		Short: helpText("cli.file.compact.short", "Write a copy of a CSV or XLSX file without its personal data"),
		Long: helpText("cli.file.compact.long", "Writes a new file beside the original (which is never touched), in the same format, "+
			"without the columns that hold personal data. --keep, --mask and --pseudonymise choose otherwise for a column, "+
			"named by its header or its number. The export is checked again before it is kept: if it still holds personal data "+
			"that you did not ask to keep, it is not written."),
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErr(lang.X("cli.file.need_one_file", "name one CSV or XLSX file"))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			in := args[0]
			rep, err := pii.Scan(context.Background(), in, pii.Options{})
			if err != nil {
				return fileErr(in, err)
			}
			actions := map[pii.Ref]pii.Action{}
			for _, sel := range []struct {
				cols   []string
				action pii.Action
			}{{keep, pii.Keep}, {mask, pii.MaskIt}, {pseudo, pii.Pseudonymise}} {
				for _, col := range sel.cols {
					refs, err := pii.Select(rep, col)
					if err != nil {
						return usageErr(lang.X("cli.file.no_column", "{{.File}} has no column {{.Column}}; give a header or a column number as \"grendel file scan\" shows them",
							map[string]string{"File": in, "Column": quote(col)}))
					}
					for _, r := range refs {
						actions[r] = sel.action
					}
				}
			}
			opts := pii.CompactOptions{Output: output, Force: force, Actions: actions}
			if opts.Output == "" {
				opts.Output = i18n.CompactName(in)
			}
			if len(pseudo) > 0 {
				if opts.Key, err = pii.LoadKey(vault.System{}); err != nil {
					return fileErr("", err)
				}
			}
			res, err := pii.Compact(context.Background(), rep, opts)
			if err != nil {
				return fileErr(in, err)
			}
			return printCompact(stdout, in, rep, res, asJSON)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&output, "output", "o", "", helpText("cli.file.flag_output", "write the export to `OUT` (default: beside the file, with -compact in its name)"))
	f.StringArrayVar(&keep, "keep", nil, helpText("cli.file.flag_keep", "keep column `COL` as it is (a header or a number; may be repeated)"))
	f.StringArrayVar(&mask, "mask", nil, helpText("cli.file.flag_mask", "mask column `COL`: j***@example.nl, an IBAN's last four, a postcode's digits, a year of birth (may be repeated)"))
	f.StringArrayVar(&pseudo, "pseudonymise", nil, helpText("cli.file.flag_pseudonymise", "replace column `COL` by tokens, the same value by the same token in every file, under a key kept in the system keychain (may be repeated)"))
	f.BoolVar(&force, "force", false, helpText("cli.file.flag_force", "replace the output file if it exists"))
	f.BoolVar(&asJSON, "json", false, helpText("cli.file.flag_compact_json", "print the result as one JSON object"))
	return cmd
}

func printCompact(w io.Writer, in string, rep *pii.Report, res *pii.Result, asJSON bool) error {
	out := compactJSON{File: in, Output: res.Output, Rows: res.Rows, Dropped: []string{}, Masked: []string{}, Pseudonymised: []string{}, Kept: []string{}}
	lists := map[pii.Action]*[]string{pii.Drop: &out.Dropped, pii.MaskIt: &out.Masked, pii.Pseudonymise: &out.Pseudonymised, pii.Keep: &out.Kept}
	multi := len(rep.Sheets) > 1
	for _, d := range res.Decisions {
		name := jsonName(d.Column)
		if !asJSON {
			name = i18n.ColumnName(d.Column)
		}
		if multi {
			name = d.Sheet + "!" + name
		}
		*lists[d.Action] = append(*lists[d.Action], name)
	}
	if asJSON {
		return json.NewEncoder(w).Encode(out)
	}
	fmt.Fprintln(w, lang.X("cli.file.written", "written: {{.Output}} ({{.Rows}})", map[string]string{"Output": res.Output, "Rows": rows(res.Rows)}))
	line := func(label string, names []string) {
		if len(names) > 0 {
			fmt.Fprintf(w, "  %s: %s\n", label, strings.Join(names, ", "))
		}
	}
	line(lang.X("cli.file.dropped", "dropped"), out.Dropped)
	line(lang.X("cli.file.masked", "masked"), out.Masked)
	line(lang.X("cli.file.pseudonymised", "pseudonymised"), out.Pseudonymised)
	line(lang.X("cli.file.kept", "kept"), out.Kept)
	if len(out.Pseudonymised) > 0 || len(out.Masked) > 0 {
		fmt.Fprintln(w, lang.X("cli.file.still_gdpr", "note: a pseudonymised or masked export is still personal data under the GDPR (AVG/DSGVO): whoever holds the key, or other data, can link it to people again"))
	}
	return nil
}
