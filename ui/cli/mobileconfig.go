package cli

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2/lang"
	"github.com/spf13/cobra"

	"grendel/internal/atomicfile"
	"grendel/policy"
	"grendel/ui/exit"
	"grendel/ui/i18n"
)

// newMobileconfigCmd is `grendel policy mobileconfig`: a macOS
// configuration profile of a policy file's values, or (--manifest) the
// ProfileCreator / iMazing Profile Editor manifest of every key.
func newMobileconfigCmd(stdout io.Writer) *cobra.Command {
	var values, output, organization string
	var manifest bool
	cmd := &cobra.Command{
		Use:   "mobileconfig",
		Short: helpText("cli.mobileconfig.short", "Write a macOS configuration profile of the policy, for an MDM such as Jamf, Intune or Kandji"),
		Long: helpText("cli.mobileconfig.long", "Writes a configuration profile (.mobileconfig) that sets the values of a policy file as "+
			"managed preferences of nl.grendel.app. Without --values the profile sets every key to its built-in default, "+
			"as a complete starting point: installed as it is, it caps each key at its default and fixes the keys that have no "+
			"stricter direction (such as share.generator). A policy file with a problem gives no profile. "+
			"With --manifest it writes instead the manifest that gives ProfileCreator and iMazing Profile Editor a form for these keys."),
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			stderr := cmd.ErrOrStderr()
			var data []byte
			var err error
			switch {
			case manifest && values != "":
				return usageErr(lang.X("cli.mobileconfig.manifest_values", "--manifest writes the form for every key and takes no --values"))
			case manifest:
				data, err = policy.Manifest()
			default:
				var set map[policy.Key]any
				if set, err = profileValues(values, stderr); err != nil {
					return err
				}
				data, err = policy.MobileConfig(set, policy.ProfileText{
					DisplayName:  lang.X("cli.mobileconfig.display_name", "Grendel policy"),
					Description:  lang.X("cli.mobileconfig.description", "Settings for Grendel from your IT department: idle lock, password rules and encrypted files."),
					Organization: organization,
				}, nil)
			}
			if err != nil {
				return &exitError{code: exit.Failure, msg: err.Error()}
			}
			if output == "" || output == "-" {
				_, err := stdout.Write(data)
				return err
			}
			// Readable by all: a profile or manifest holds policy, which
			// no one needs to hide from the users it applies to.
			if err := atomicfile.Write(output, data, 0o644); err != nil {
				return &exitError{code: exit.Failure, msg: output + ": " + i18n.FileError(err)}
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&values, "values", "", helpText("cli.mobileconfig.flag_values", "the policy file (`FILE`, as for validate) whose values the profile sets (default: every key at its built-in default)"))
	f.StringVarP(&output, "output", "o", "", helpText("cli.mobileconfig.flag_output", "write to `FILE`, replacing it whole, instead of standard output"))
	f.StringVar(&organization, "organization", "", helpText("cli.mobileconfig.flag_organization", "the organisation (`NAME`) that System Settings shows as the profile's source"))
	f.BoolVar(&manifest, "manifest", false, helpText("cli.mobileconfig.flag_manifest", "write the ProfileCreator / iMazing Profile Editor manifest instead of a profile"))
	return cmd
}

// profileValues returns the values a profile sets: those of the policy
// file at path, or, for "", every key's built-in default (which it says
// on stderr). Every problem of the file goes to stderr, as validate prints
// it; one that is not a mere warning means no profile.
func profileValues(path string, stderr io.Writer) (map[policy.Key]any, error) {
	if path == "" {
		fmt.Fprintln(stderr, "grendel: "+lang.X("cli.mobileconfig.defaults", "no --values: the profile sets every key to its built-in default"))
		set := map[policy.Key]any{}
		for _, k := range policy.Keys() {
			set[k.Name] = k.Default
		}
		return set, nil
	}
	file := policy.ReadFile(path)
	bad := false
	for _, p := range file.Problems {
		fmt.Fprintln(stderr, i18n.Problem(p))
		bad = bad || !p.Warning
	}
	if bad {
		return nil, &exitError{code: exit.Failure, msg: lang.X("cli.mobileconfig.bad_values", "no profile written: {{.File}} has the problems above", map[string]string{"File": path})}
	}
	return file.Values, nil
}

// readPolicyFile reads a file for `grendel policy validate`: managed
// preferences (.plist) and configuration profiles (.mobileconfig) as a Mac
// reads them, anything else as a policy file.
func readPolicyFile(path string) *policy.File {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".plist", ".mobileconfig":
		return policy.ReadPreferencesFile(path)
	}
	return policy.ReadFile(path)
}
