package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"fyne.io/fyne/v2/lang"
	"github.com/spf13/cobra"

	"grendel/app/agent"
	"grendel/app/rules"
	"grendel/app/secret"
	"grendel/app/vault"
	"grendel/policy"
	"grendel/ui/exit"
	"grendel/ui/i18n"
)

// openVault opens the share vault in the user's config directory with the
// system keychain and the policy's share.max_age, recording in the audit
// trail, and reports what reconciling the index found.
func openVault(opts *Options, stderr io.Writer) (*vault.Vault, *policy.Snapshot, error) {
	snap := opts.Snapshot()
	cfg := rules.Vault(opts.Paths(), snap.Settings)
	cfg.Audit = opts.recorder(stderr)
	v, problems, err := vault.Open(cfg)
	if err != nil {
		return nil, nil, vaultErr(err, "")
	}
	for _, p := range problems {
		fmt.Fprintf(stderr, "grendel: %s\n", i18n.VaultProblem(p))
	}
	return v, snap, nil
}

// unlockHint tells the user, before an operation that reads or writes a
// password, that the keychain is locked and will ask to be unlocked: the
// command waits for the prompt's answer and would seem to hang.
func unlockHint(v *vault.Vault, stderr io.Writer) {
	if v.KeychainLocked() {
		fmt.Fprintf(stderr, "grendel: %s\n", lang.X("cli.share.unlock_hint",
			"the system keychain is locked: unlock it in the window that asks for your password (Grendel waits up to {{.Time}})",
			map[string]string{"Time": i18n.Duration(vault.DefaultTimeout)}))
	}
}

// vaultErr turns a vault error into its translated text (see
// [i18n.VaultError]) and a stable exit code, with a hint at the command
// that helps where there is one. The vault's errors never hold a password.
func vaultErr(err error, id string) error {
	msg := i18n.VaultError(err, id)
	switch {
	case errors.Is(err, vault.ErrNotFound):
		return &exitError{code: exit.NoShare, msg: msg + "; " + lang.X("cli.share.list_hint", "\"grendel share list\" shows them")}
	case errors.Is(err, vault.ErrKeychainLocked), errors.Is(err, vault.ErrKeychainUnavailable):
		return &exitError{code: exit.Keychain, msg: msg}
	case errors.Is(err, vault.ErrExpired):
		return &exitError{code: exit.Failure, msg: msg + "; " + lang.X("cli.share.extend_hint", "\"grendel share extend\" keeps it longer")}
	case errors.Is(err, vault.ErrInvalid):
		return usageErr(msg)
	}
	return &exitError{code: exit.Failure, msg: msg}
}

func newShareCmd(opts *Options, stdout io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "share",
		Short: helpText("cli.share.short", "Passwords for files you share: the file goes by e-mail, its password by phone or SMS"),
		Long:  helpText("cli.share.long", "Grendel generates the password of a shared file, keeps it in the system keychain (never in a plain file), and retires it after the policy's share.max_age."),
		Args:  groupArgs,
		RunE:  groupHelp,
	}
	cmd.AddCommand(newShareNewCmd(opts, stdout), newShareListCmd(opts, stdout), newShareShowCmd(opts, stdout),
		newShareIDCmd(opts, stdout, "rotate", helpText("cli.share.rotate.short", "Replace a share password with a new one (the old one stops working for you)"), true,
			func(v *vault.Vault, id string) (string, error) {
				s, err := v.Rotate(id)
				return lang.X("cli.share.rotated", "share password {{.ID}} was replaced; the new one expires {{.Expires}}",
					map[string]string{"ID": id, "Expires": i18n.DateTime(s.Expires.Local())}), err
			}),
		newShareIDCmd(opts, stdout, "extend", helpText("cli.share.extend.short", "Keep a share password until share.max_age from now"), false,
			func(v *vault.Vault, id string) (string, error) {
				s, err := v.Extend(id)
				return lang.X("cli.share.extended", "share password {{.ID}} now expires {{.Expires}}",
					map[string]string{"ID": id, "Expires": i18n.DateTime(s.Expires.Local())}), err
			}),
		newShareIDCmd(opts, stdout, "delete", helpText("cli.share.delete.short", "Delete a share password"), true,
			func(v *vault.Vault, id string) (string, error) {
				return lang.X("cli.share.deleted", "share password {{.ID}} deleted", map[string]string{"ID": id}), v.Delete(id)
			}),
		newSharePurgeCmd(opts, stdout),
	)
	// Every share command opens the keychain that holds the passwords.
	for _, c := range cmd.Commands() {
		c.RunE = hardened(c.RunE)
	}
	return cmd
}

func newShareNewCmd(opts *Options, stdout io.Writer) *cobra.Command {
	var label, recipient, channel string
	var print bool
	cmd := &cobra.Command{
		Use:   "new",
		Short: helpText("cli.share.new.short", "Create a share password: prints its ID, and with --print the password on a second line"),
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if strings.TrimSpace(label) == "" {
				return usageErr(lang.X("cli.share.need_label", "--label is required: say what is shared, such as the file name"))
			}
			ch := vault.Channel(channel)
			if !ch.Valid() {
				return usageErr(lang.X("cli.share.bad_channel", "--channel must be phone, sms or other, not {{.Channel}}", map[string]string{"Channel": quote(channel)}))
			}
			v, snap, err := openVault(opts, cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			s := snap.Settings.Share
			language := i18n.WordsLanguage(s.Language)
			unlockHint(v, cmd.ErrOrStderr())
			share, err := v.Create(vault.Request{Label: label, Recipient: recipient, Channel: ch,
				Settings: vault.Settings{Kind: vault.Kind(s.Generator), Words: s.Words, Language: language}})
			if err != nil {
				return vaultErr(err, "")
			}
			fmt.Fprintln(stdout, share.ID)
			if print {
				pw, err := v.Reveal(share.ID)
				if err != nil {
					return vaultErr(err, share.ID)
				}
				fmt.Fprintln(stdout, pw.Reveal())
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&label, "label", "", helpText("cli.share.flag_label", "what is shared, such as the file name (required)"))
	f.StringVar(&recipient, "recipient", "", helpText("cli.share.flag_recipient", "who the password is for"))
	f.StringVar(&channel, "channel", "phone", helpText("cli.share.flag_channel", "how the password goes: phone, sms or other"))
	f.BoolVar(&print, "print", false, helpText("cli.share.flag_print", "also print the password, alone on the second line"))
	return cmd
}

// shareJSON is a share in `grendel share list --json`: no secret, and the
// entropy rounded.
type shareJSON struct {
	vault.Share
	Entropy float64 `json:"entropy,omitempty"`
	Expired bool    `json:"expired"`
}

func newShareListCmd(opts *Options, stdout io.Writer) *cobra.Command {
	asJSON := false
	cmd := &cobra.Command{
		Use:   "list",
		Short: helpText("cli.share.list.short", "List the share passwords (never the passwords themselves)"),
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			v, _, err := openVault(opts, cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			shares, err := v.List()
			if err != nil {
				return vaultErr(err, "")
			}
			now := time.Now()
			if asJSON {
				enc := json.NewEncoder(stdout)
				for _, s := range shares {
					if err := enc.Encode(shareJSON{s, round(s.Entropy, 1), s.Expired(now)}); err != nil {
						return &exitError{code: exit.Failure, msg: err.Error()}
					}
				}
				return nil
			}
			if len(shares) == 0 {
				fmt.Fprintln(stdout, lang.X("cli.share.none", "no share passwords"))
				return nil
			}
			tw := tabwriter.NewWriter(stdout, 2, 4, 2, ' ', 0)
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", lang.X("cli.share.col.id", "ID"), lang.X("cli.share.col.label", "LABEL"),
				lang.X("cli.share.col.recipient", "RECIPIENT"), lang.X("cli.share.col.created", "CREATED"),
				lang.X("cli.share.col.expires", "EXPIRES"), lang.X("cli.share.col.state", "STATE"))
			for _, s := range shares {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", s.ID, oneLine(s.Label), oneLine(s.Recipient),
					i18n.DateTime(s.Created.Local()), i18n.DateTime(s.Expires.Local()), i18n.ShareState(s, now))
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, helpText("cli.share.flag_json", "print one JSON object per share password instead"))
	return cmd
}

// oneLine keeps a label on its line of the table.
func oneLine(s string) string {
	if s == "" {
		return "-"
	}
	return strings.Join(strings.Fields(s), " ")
}

func newShareShowCmd(opts *Options, stdout io.Writer) *cobra.Command {
	var print, copyIt bool
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: helpText("cli.share.show.short", "Show a share password; --print adds the password alone on the last line, --copy copies it"),
		Args:  oneID,
		RunE: func(cmd *cobra.Command, args []string) error {
			if print && copyIt {
				return usageErr(lang.X("cli.share.print_or_copy", "choose --print or --copy, not both"))
			}
			id := args[0]
			v, snap, err := openVault(opts, cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			s, err := v.Get(id)
			if err != nil {
				return vaultErr(err, id)
			}
			now := time.Now()
			tw := tabwriter.NewWriter(stdout, 2, 4, 2, ' ', 0)
			row := func(k, val string) { fmt.Fprintf(tw, "%s:\t%s\n", k, val) }
			row(lang.X("cli.share.col.id", "ID"), s.ID)
			row(lang.X("cli.share.col.label", "LABEL"), s.Label)
			row(lang.X("cli.share.col.recipient", "RECIPIENT"), oneLine(s.Recipient))
			row(lang.X("cli.share.col.channel", "CHANNEL"), i18n.Channel(s.Channel))
			row(lang.X("cli.share.col.created", "CREATED"), i18n.DateTime(s.Created.Local()))
			row(lang.X("cli.share.col.expires", "EXPIRES"), i18n.DateTime(s.Expires.Local()))
			row(lang.X("cli.share.col.state", "STATE"), i18n.ShareState(s, now))
			if err := tw.Flush(); err != nil {
				return err
			}
			if !print && !copyIt {
				return nil
			}
			unlockHint(v, cmd.ErrOrStderr())
			pw, err := v.Reveal(id)
			if err != nil {
				return vaultErr(err, id)
			}
			if print {
				fmt.Fprintln(stdout, pw.Reveal())
			} else {
				if err := copyInUIProcess(pw, opts.UICommand(agent.WindowClipboard)); err != nil {
					return &exitError{code: exit.Failure, msg: lang.X("cli.share.copy_failed", "cannot copy to the clipboard: {{.Error}}", map[string]string{"Error": err.Error()})}
				}
				fmt.Fprintln(cmd.ErrOrStderr(), "grendel: "+lang.X("cli.share.copied", "copied; the clipboard is cleared in {{.Time}} unless you copy something else first",
					map[string]string{"Time": i18n.Duration(snap.Settings.Share.ClipboardClear)}))
			}
			_, _ = v.Copied(id)
			return nil
		},
	}
	cmd.Flags().BoolVar(&print, "print", false, helpText("cli.share.flag_show_print", "print the password, alone on the last line"))
	cmd.Flags().BoolVar(&copyIt, "copy", false, helpText("cli.share.flag_copy", "copy the password to the clipboard, which clears itself after share.clipboard_clear"))
	return cmd
}

// copyInUIProcess hands the secret, on its standard input, to a UI
// process (`grendel ui clipboard`) that owns the clipboard until the
// policy's clear time: on X11 a clipboard dies with its owner, and the CLI
// is gone in a moment. argv is the helper's command line.
func copyInUIProcess(pw secret.Secret, argv []string) error {
	cmd := exec.Command(argv[0], argv[1:]...)
	in, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	ready, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	_, werr := io.WriteString(in, pw.Reveal())
	cerr := in.Close()
	if werr != nil || cerr != nil {
		return errors.Join(werr, cerr)
	}
	// The helper says "ok" once the clipboard holds the secret.
	var buf [8]byte
	n, _ := io.ReadFull(ready, buf[:2])
	if string(buf[:n]) != "ok" {
		_ = cmd.Wait()
		return errors.New(lang.X("cli.share.copy_helper", "the clipboard helper did not start"))
	}
	return cmd.Process.Release()
}

// newShareIDCmd is a command on one share; keychain says that do reads or
// writes the keychain.
func newShareIDCmd(opts *Options, stdout io.Writer, name, short string, keychain bool, do func(v *vault.Vault, id string) (string, error)) *cobra.Command {
	return &cobra.Command{
		Use:   name + " ID",
		Short: short,
		Args:  oneID,
		RunE: func(cmd *cobra.Command, args []string) error {
			v, _, err := openVault(opts, cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			if keychain {
				unlockHint(v, cmd.ErrOrStderr())
			}
			msg, err := do(v, args[0])
			if err != nil {
				return vaultErr(err, args[0])
			}
			fmt.Fprintln(stdout, msg)
			return nil
		},
	}
}

func newSharePurgeCmd(opts *Options, stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "purge",
		Short: helpText("cli.share.purge.short", "Delete every expired share password"),
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			v, _, err := openVault(opts, cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			now := time.Now()
			if shares, err := v.List(); err == nil && slices.ContainsFunc(shares, func(s vault.Share) bool { return s.Expired(now) }) {
				unlockHint(v, cmd.ErrOrStderr())
			}
			gone, err := v.Purge(now)
			if err != nil {
				return vaultErr(err, "")
			}
			if len(gone) == 1 {
				fmt.Fprintln(stdout, lang.X("cli.share.purged_one", "1 expired share password deleted"))
			} else {
				fmt.Fprintln(stdout, lang.X("cli.share.purged", "{{.Count}} expired share passwords deleted", map[string]string{"Count": i18n.Number(int64(len(gone)))}))
			}
			return nil
		},
	}
}

// oneID checks for exactly one share ID.
func oneID(cmd *cobra.Command, args []string) error {
	if len(args) != 1 {
		return usageErr(lang.X("cli.share.one_id", "{{.Command}} takes the ID of one share password", map[string]string{"Command": cmd.CommandPath()}))
	}
	if !vault.ValidID(args[0]) {
		return vaultErr(vault.ErrNotFound, quote(args[0]))
	}
	return nil
}
