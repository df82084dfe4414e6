package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2/lang"
	"github.com/spf13/cobra"

	"grendel/app/pii"
	"grendel/app/rules"
	"grendel/app/secret"
	"grendel/app/sendfile"
	"grendel/app/vault"
	"grendel/ui/exit"
	"grendel/ui/i18n"
)

// sendErr turns an error of file encrypt into its translated message and
// exit code.
func sendErr(err error) error {
	msg := i18n.SendError(err)
	var ee *exitError
	switch {
	case errors.As(err, &ee):
		return ee
	case errors.Is(err, sendfile.ErrVerify):
		return &exitError{code: exit.NotVerified, msg: msg}
	case errors.Is(err, sendfile.ErrNotPartner):
		return &exitError{code: exit.NotPartner, msg: msg}
	case errors.Is(err, sendfile.ErrExists):
		return &exitError{code: exit.OutputExists, msg: msg}
	case errors.Is(err, sendfile.ErrInput), errors.Is(err, sendfile.ErrFormat), errors.Is(err, sendfile.ErrAlreadyEncrypted),
		errors.Is(err, sendfile.ErrPDF):
		// ErrPDF: --format pdf, and the PDF is damaged, too large or one
		// that pdfcpu cannot write back: unreadable input, as for a table.
		return &exitError{code: exit.BadFile, msg: msg}
	case errors.Is(err, vault.ErrKeychainLocked), errors.Is(err, vault.ErrKeychainUnavailable), errors.Is(err, vault.ErrTooBig):
		return &exitError{code: exit.Keychain, msg: msg}
	}
	return &exitError{code: exit.Failure, msg: msg}
}

// encryptJSON is `grendel file encrypt --json`: no password unless --print.
type encryptJSON struct {
	Output   string                 `json:"output"`
	Format   sendfile.Kind          `json:"format"`
	Share    string                 `json:"share"`
	Entropy  float64                `json:"entropy"`
	Checks   []sendfile.CheckResult `json:"checks"`
	Entries  map[string]string      `json:"entries,omitempty"`
	Fallback *fallbackJSON          `json:"fallback,omitempty"`
	Email    string                 `json:"email"`
	Password string                 `json:"password,omitempty"`
}

// fallbackJSON says why a PDF became a ZIP: the code, and the sentence the
// text output prints.
type fallbackJSON struct {
	Reason  sendfile.PDFProblem `json:"reason"`
	Message string              `json:"message"`
}

func newFileEncryptCmd(opts *Options, stdout io.Writer) *cobra.Command {
	var output, recipient, channel, format string
	var compact, print, asJSON, force bool
	cmd := &cobra.Command{
		Use:   "encrypt " + fileSlot() + "...",
		Short: helpText("cli.send.encrypt.short", "Encrypt files for sending, verify the result and keep the password as a share password"),
		Long: helpText("cli.send.encrypt.long", "Encrypts in the format the recipient can open: Office's own password for .xlsx, .docx and .pptx, "+
			"a workbook for a .csv file, a password-protected PDF, or an AES-256 ZIP for anything else, several files or a folder. "+
			"The result is checked before it is kept: it opens with the password to the same content, a wrong password is refused, "+
			"and it holds no readable piece of the input. Prints the file and the ID of the share password; the password goes to the recipient another way."),
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageErr(lang.X("cli.send.need_file", "name the files or the folder to encrypt"))
			}
			return nil
		},
		RunE: hardened(func(cmd *cobra.Command, args []string) error {
			f := sendfile.Format(format)
			if !f.Valid() {
				return usageErr(lang.X("cli.send.bad_format", "--format must be auto, office, zip or pdf, not {{.Format}}", map[string]string{"Format": quote(format)}))
			}
			ch := vault.Channel(channel)
			if !ch.Valid() {
				return usageErr(lang.X("cli.share.bad_channel", "--channel must be phone, sms or other, not {{.Channel}}", map[string]string{"Channel": quote(channel)}))
			}
			v, snap, err := openVault(opts, cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			s := snap.Settings
			o := sendfile.Options{
				Output: output, Naming: i18n.SendNaming(), Format: f, Force: force, Recipient: recipient, Channel: ch,
				Partners: s.Share.Partners, PartnersOnly: s.Share.PartnersOnly, MinBits: s.File.MinPasswordBits,
				Password: vault.Settings{Kind: vault.Kind(s.Share.Generator), Words: s.Share.Words, Language: i18n.WordsLanguage(s.Share.Language)},
				Meets:    rules.Vault(opts.Paths(), s).Meets,
				Shares:   v,
				Audit:    opts.recorder(cmd.ErrOrStderr()),
			}
			inputs := args
			if compact {
				in, cleanup, err := compactFirst(args, &o)
				if err != nil {
					return err
				}
				defer cleanup()
				inputs = []string{in}
			}
			unlockHint(v, cmd.ErrOrStderr())
			res, err := sendfile.Encrypt(context.Background(), inputs, o)
			if err != nil {
				return sendErr(err)
			}
			return printEncrypt(stdout, res, print, asJSON)
		}),
	}
	fl := cmd.Flags()
	fl.StringVarP(&output, "output", "o", "", helpTextWith("cli.send.flag_output", "write the encrypted file to `OUT`, a file or a folder (default: beside the first file, with -{{.Suffix}} in its name)",
		func() map[string]string { return map[string]string{"Suffix": i18n.SendNaming().Suffix} }))
	fl.StringVar(&recipient, "recipient", "", helpText("cli.share.flag_recipient", "who the password is for"))
	fl.StringVar(&channel, "channel", "phone", helpText("cli.share.flag_channel", "how the password goes: phone, sms or other"))
	fl.StringVar(&format, "format", "auto", helpText("cli.send.flag_format", "auto, office, zip or pdf"))
	fl.BoolVar(&compact, "compact", false, helpText("cli.send.flag_compact", "send a compact export of the CSV or XLSX file instead: without the columns that hold personal data"))
	fl.BoolVar(&print, "print", false, helpText("cli.send.flag_print", "also print the password, alone on the last line"))
	fl.BoolVar(&asJSON, "json", false, helpText("cli.send.flag_json", "print the result as one JSON object"))
	fl.BoolVar(&force, "force", false, helpText("cli.file.flag_force", "replace the output file if it exists"))
	return cmd
}

// compactFirst writes the compact export of the one table in args to a
// hidden temporary file beside it, and points o's output at the name the
// original would get. cleanup removes the export.
func compactFirst(args []string, o *sendfile.Options) (string, func(), error) {
	if len(args) != 1 {
		return "", nil, usageErr(lang.X("cli.send.compact_one", "--compact takes one CSV or XLSX file"))
	}
	in := args[0]
	rep, err := pii.Scan(context.Background(), in, pii.Options{})
	if err != nil {
		return "", nil, fileErr(in, err)
	}
	if o.Output == "" {
		kind, err := sendfile.KindFor(args, o.Format)
		if err != nil {
			return "", nil, sendErr(err)
		}
		o.Output = sendfile.OutputName(args, kind, o.Naming)
	}
	tmp := filepath.Join(filepath.Dir(in), ".grendel-compact-"+filepath.Base(in))
	if _, err := pii.Compact(context.Background(), rep, pii.CompactOptions{Output: tmp}); err != nil {
		return "", nil, fileErr(in, err)
	}
	return tmp, func() { _ = os.Remove(tmp) }, nil
}

func printEncrypt(w io.Writer, res *sendfile.Result, print, asJSON bool) error {
	if asJSON {
		j := encryptJSON{Output: res.Output, Format: res.Kind, Share: res.Share.ID, Entropy: round(res.Entropy, 1), Checks: res.Checks,
			Email: i18n.SendEmail(res.Kind, res.Share)}
		if res.Neutral {
			j.Entries = map[string]string{}
			for _, e := range res.Entries {
				j.Entries[e.Stored] = e.Name
			}
		}
		if res.Fallback != nil {
			j.Fallback = &fallbackJSON{Reason: res.Fallback.Problem, Message: i18n.SendFallback(res.Fallback)}
		}
		if print {
			j.Password = res.Password.Reveal()
		}
		return json.NewEncoder(w).Encode(j)
	}
	for _, c := range res.Checks {
		fmt.Fprintf(w, "✓ %s\n", i18n.SendCheck(c.Check))
	}
	if res.Neutral {
		fmt.Fprintln(w, lang.X("cli.send.neutral", "The ZIP stores neutral names, as a file name looked like a person's name:"))
		for _, e := range res.Entries {
			if !e.Dir {
				fmt.Fprintf(w, "  %s = %s\n", e.Stored, e.Name)
			}
		}
	}
	if res.Fallback != nil {
		fmt.Fprintln(w, i18n.SendFallback(res.Fallback))
	}
	fmt.Fprintln(w, res.Output)
	fmt.Fprintln(w, res.Share.ID)
	if print {
		fmt.Fprintln(w, res.Password.Reveal())
	}
	return nil
}

func newFileVerifyCmd(opts *Options, stdout io.Writer) *cobra.Command {
	var share string
	cmd := &cobra.Command{
		Use:   "verify " + fileSlot(),
		Short: helpText("cli.send.verify.short", "Check an encrypted file: encrypted, opens with the share password (or the one on standard input), holds no plaintext"),
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErr(lang.X("cli.send.verify_one", "name one file to verify"))
			}
			return nil
		},
		RunE: hardened(func(cmd *cobra.Command, args []string) error {
			var pw secret.Secret
			if share != "" {
				v, _, err := openVault(opts, cmd.ErrOrStderr())
				if err != nil {
					return err
				}
				unlockHint(v, cmd.ErrOrStderr())
				if pw, err = v.Reveal(share); err != nil {
					return vaultErr(err, share)
				}
			} else {
				b, err := io.ReadAll(io.LimitReader(cmd.InOrStdin(), vault.MaxSecretLen+2))
				if err != nil {
					return &exitError{code: exit.Failure, msg: err.Error()}
				}
				pw = secret.New(strings.TrimRight(string(b), "\r\n"))
				if pw.Reveal() == "" {
					return usageErr(lang.X("cli.send.need_password", "give --share ID, or the password on standard input"))
				}
			}
			rep, err := sendfile.Inspect(args[0], pw)
			if err != nil {
				return &exitError{code: exit.BadFile, msg: args[0] + ": " + i18n.SendError(err)}
			}
			for _, c := range rep.Checks {
				if c.OK {
					fmt.Fprintf(stdout, "✓ %s\n", i18n.SendCheck(c.Check))
				} else {
					fmt.Fprintf(stdout, "✗ %s: %s\n", i18n.SendCheck(c.Check), i18n.SendError(c.Err))
				}
			}
			if !rep.OK() {
				return &exitError{code: exit.NotVerified, msg: lang.X("cli.send.not_verified", "{{.File}} did not pass the checks", map[string]string{"File": args[0]})}
			}
			return nil
		}),
	}
	cmd.Flags().StringVar(&share, "share", "", helpText("cli.send.flag_share", "the `ID` of the share password that opens the file"))
	return cmd
}
