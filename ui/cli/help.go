package cli

import (
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2/lang"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// localizeHelp replaces cobra's English help, usage, help command and help
// flag with Grendel's, in the user's language, on root and every command
// below it. The help is written here rather than by cobra's template, as
// cobra and pflag put English words into it: "[flags]", a flag's type
// ("string", "int") and "(default 20)".
func localizeHelp(root *cobra.Command) {
	help := &cobra.Command{
		Use:    "help [" + lang.X("cli.help.command", "command") + "]",
		Short:  lang.X("cli.help.short", "Show help for a command"),
		Hidden: true,
		RunE: func(c *cobra.Command, args []string) error {
			target, rest, err := c.Root().Find(args)
			if err != nil || target == nil || len(rest) > 0 {
				return usageErr(lang.X("cli.error.unknown_command", "unknown command {{.Command}}", map[string]string{"Command": quote(strings.Join(args, " "))}))
			}
			return target.Help()
		},
	}
	root.SetHelpCommand(help)
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.SetHelpFunc(func(c *cobra.Command, _ []string) { writeHelp(c.OutOrStdout(), c) })
		c.SetUsageFunc(func(c *cobra.Command) error { writeHelp(c.OutOrStdout(), c); return nil })
		c.Flags().BoolP("help", "h", false, lang.X("cli.flag.help", "show this help"))
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	walk(help) // cobra adds it to root only when it runs
}

// writeHelp writes c's help: what it does, how it is called, its commands
// and its flags.
func writeHelp(w io.Writer, c *cobra.Command) {
	if about := c.Long; about != "" || c.Short != "" {
		if about == "" {
			about = c.Short
		}
		fmt.Fprintf(w, "%s\n\n", about)
	}
	fmt.Fprintf(w, "%s:\n", lang.X("cli.help.usage", "Usage"))
	if c.Runnable() && !(c.HasParent() && c.HasAvailableSubCommands()) { // a group's RunE only shows this help
		line := c.Use
		if c.HasParent() {
			line = c.Parent().CommandPath() + " " + line
		}
		if c.HasAvailableFlags() {
			line += " [" + lang.X("cli.help.flag_slot", "flags") + "]"
		}
		fmt.Fprintf(w, "  %s\n", line)
	}
	var commands []*cobra.Command
	width := 0
	for _, sub := range c.Commands() {
		if sub.IsAvailableCommand() {
			commands = append(commands, sub)
			width = max(width, len(sub.Name()))
		}
	}
	if len(commands) > 0 {
		fmt.Fprintf(w, "  %s [%s]\n\n%s:\n", c.CommandPath(), lang.X("cli.help.command", "command"), lang.X("cli.help.commands", "Commands"))
		for _, sub := range commands {
			fmt.Fprintf(w, "  %-*s   %s\n", width, sub.Name(), sub.Short)
		}
	}
	if c.HasAvailableLocalFlags() {
		fmt.Fprintf(w, "\n%s:\n%s", lang.X("cli.help.flags", "Flags"), flagUsages(c.LocalFlags()))
	}
	if c.HasAvailableInheritedFlags() {
		fmt.Fprintf(w, "\n%s:\n%s", lang.X("cli.help.global_flags", "Global flags"), flagUsages(c.InheritedFlags()))
	}
}

// flagUsages writes one line per flag of fs, as pflag does, but in the
// user's language: a value's placeholder is the one the usage names in
// backquotes, else a translated word for its type, and a default that is
// not the zero value ends the line.
func flagUsages(fs *pflag.FlagSet) string {
	type row struct{ name, usage string }
	var rows []row
	width := 0
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		name := "      --" + f.Name
		if f.Shorthand != "" {
			name = "  -" + f.Shorthand + ", --" + f.Name
		}
		slot, usage := pflag.UnquoteUsage(f)
		if !strings.Contains(f.Usage, "`") {
			slot = typeSlot(f.Value.Type())
		}
		if slot != "" {
			name += " " + slot
		}
		if d := flagDefault(f); d != "" {
			usage += " " + lang.X("cli.help.default", "(default: {{.Value}})", map[string]string{"Value": d})
		}
		rows = append(rows, row{name, usage})
		width = max(width, len([]rune(name)))
	})
	var b strings.Builder
	for _, r := range rows {
		fmt.Fprintf(&b, "%s%s   %s\n", r.name, strings.Repeat(" ", width-len([]rune(r.name))), r.usage)
	}
	return b.String()
}

// typeSlot is the placeholder of a flag's value of type t: none for a
// switch, a number or a text.
func typeSlot(t string) string {
	switch t {
	case "bool":
		return ""
	case "int", "int64", "uint", "uint64":
		return lang.X("cli.help.slot_number", "N")
	}
	return lang.X("cli.help.slot_text", "TEXT")
}

// flagDefault is f's default as the help shows it: "" for the zero value
// of its type, which goes without saying.
func flagDefault(f *pflag.Flag) string {
	switch f.DefValue {
	case "", "0", "false", "[]":
		return ""
	}
	return f.DefValue
}

// fileSlot is the placeholder of a file argument in a command's usage.
func fileSlot() string { return lang.X("cli.help.slot_file", "FILE") }
