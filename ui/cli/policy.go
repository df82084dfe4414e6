package cli

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"fyne.io/fyne/v2/lang"
	"github.com/spf13/cobra"

	"grendel/policy"
	"grendel/policy/admx"
	"grendel/ui/exit"
	"grendel/ui/i18n"
)

func newPolicyCmd(opts *Options, stdout io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "policy",
		Short: helpText("cli.policy.short", "Check and show policy files"),
		Args:  groupArgs,
		RunE:  groupHelp,
	}
	asJSON := false
	show := &cobra.Command{
		Use:   "show",
		Short: helpText("cli.policy.show.short", "Show each setting's effective value and where it comes from"),
		Args:  noArgs,
		RunE: func(*cobra.Command, []string) error {
			paths := opts.Paths()
			r := opts.Snapshot().Report()
			if asJSON {
				return writeJSON(stdout, r)
			}
			writePolicy(stdout, paths, r)
			return nil
		},
	}
	show.Flags().BoolVar(&asJSON, "json", false, helpText("cli.flag.json", "print JSON for scripts"))
	cmd.AddCommand(
		&cobra.Command{
			Use:   "validate " + fileSlot() + "...",
			Short: helpText("cli.policy.validate.short", "Check policy files: one line per problem, exit 1 if any"),
			Args: func(_ *cobra.Command, args []string) error {
				if len(args) == 0 {
					return usageErr(lang.X("cli.error.validate_args", "name at least one policy file"))
				}
				return nil
			},
			RunE: func(_ *cobra.Command, files []string) error {
				bad := 0
				for _, f := range files {
					file := readPolicyFile(f)
					for _, p := range file.Problems {
						fmt.Fprintln(stdout, i18n.Problem(p))
					}
					if !file.OK() {
						bad++
					}
				}
				if bad > 0 {
					return &exitError{code: exit.Failure, msg: lang.X("cli.policy.validate.bad", "policy files checked: {{.Files}}, invalid: {{.Bad}}", map[string]int{"Bad": bad, "Files": len(files)})}
				}
				fmt.Fprintln(stdout, lang.X("cli.policy.validate.ok", "policy files checked: {{.Files}}, all valid", map[string]int{"Files": len(files)}))
				return nil
			},
		},
		show,
		newPolicyADMXCmd(stdout),
		&cobra.Command{
			Use:   "schema",
			Short: helpText("cli.policy.schema.short", "Print the JSON Schema of policy files, for editors"),
			Args:  noArgs,
			RunE: func(*cobra.Command, []string) error {
				b, err := policy.Schema(i18n.Language())
				if err != nil {
					return &exitError{code: exit.Failure, msg: err.Error()}
				}
				_, err = fmt.Fprintf(stdout, "%s\n", b)
				return err
			},
		},
		newMobileconfigCmd(stdout),
	)
	return cmd
}

// newPolicyADMXCmd returns "policy admx -o DIR", which writes the Group
// Policy templates for Windows (package admx).
func newPolicyADMXCmd(stdout io.Writer) *cobra.Command {
	dir := ""
	cmd := &cobra.Command{
		Use:   "admx -o " + helpText("admx.cmd.slot_dir", "DIR"),
		Short: helpText("admx.cmd.short", "Write the Group Policy templates for Windows (ADMX and ADML)"),
		Args:  noArgs,
		RunE: func(*cobra.Command, []string) error {
			if dir == "" {
				return usageErr(lang.X("admx.cmd.no_dir", "name the directory to write the templates to, with -o DIR"))
			}
			if err := admx.Write(dir); err != nil {
				return &exitError{code: exit.Failure, msg: lang.X("admx.cmd.failed", "cannot write the templates to {{.Folder}}: {{.Error}}",
					map[string]string{"Folder": dir, "Error": err.Error()})}
			}
			files := []string{admx.ADMXFile}
			for _, l := range admx.Languages {
				files = append(files, admx.ADMLFile(l.Culture))
			}
			fmt.Fprintln(stdout, lang.X("admx.cmd.written", "templates written to {{.Folder}}: {{.Files}}",
				map[string]string{"Folder": dir, "Files": strings.Join(files, ", ")}))
			return nil
		},
	}
	cmd.Flags().StringVarP(&dir, "output", "o", "", helpText("admx.cmd.flag_output", "write into `DIR`, created if needed"))
	return cmd
}

func writePolicy(w io.Writer, paths policy.Paths, r policy.Report) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "%s:\t%s\n", lang.X("cli.policy.show.managed", "Managed policy"), paths.Managed)
	fmt.Fprintf(tw, "%s:\t%s\n", lang.X("cli.policy.show.recommended", "Recommended policy"), paths.Recommended)
	fmt.Fprintf(tw, "%s:\t%s\n", lang.X("cli.policy.show.user", "User settings"), paths.User)
	for _, f := range paths.Extra {
		fmt.Fprintf(tw, "--policy:\t%s\n", f)
	}
	tw.Flush()
	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "%s\t%s\t%s\n", lang.X("cli.policy.show.key", "KEY"), lang.X("cli.policy.show.value", "VALUE"), lang.X("cli.policy.show.source", "SOURCE"))
	for _, k := range r.Keys {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", k.Key, k.Display, i18n.Source(k))
	}
	tw.Flush()
	if len(r.Problems) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, lang.X("cli.policy.show.problems", "Problems:"))
		for _, p := range r.Problems {
			fmt.Fprintln(w, "  "+i18n.Problem(p))
		}
	}
}
