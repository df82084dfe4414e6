package cli

import (
	"fmt"
	"io"
	"strings"
	"sync"

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
		Use:    "help [" + helpText("cli.help.command", "command") + "]",
		Short:  helpText("cli.help.short", "Show help for a command"),
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
	translate := sync.OnceFunc(func() { translateHelp(root, help) })
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.SetHelpFunc(func(c *cobra.Command, _ []string) { translate(); writeHelp(c.OutOrStdout(), c) })
		c.SetUsageFunc(func(c *cobra.Command) error { translate(); writeHelp(c.OutOrStdout(), c); return nil })
		c.Flags().BoolP("help", "h", false, helpText("cli.flag.help", "show this help"))
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	walk(help) // cobra adds it to root only when it runs
}

// The help texts of the command tree — each command's Short and Long, each
// flag's usage, the placeholders in a command's Use — are not translated
// while the tree is built, but when help is shown (or completions, or the
// man pages): every run builds the whole tree and few show its help, and
// translating the texts up front loaded the user's translations and
// rendered some eighty texts in every run, `grendel version` too. Until
// then the tree holds each text marked with its key (helpText), and
// translateHelp translates them all at once.

// helpMark delimits a marked help text: mark, key, mark, English
// fallback, mark.
const helpMark = "\x00"

// helpData holds the data of the help texts that are templates, by key.
var helpData sync.Map // key → func() map[string]string

// helpText returns the help text of translation key, with the English
// fallback, marked for translateHelp.
func helpText(key, fallback string) string {
	return helpMark + key + helpMark + fallback + helpMark
}

// helpTextWith is helpText for a template, filled in with the data that
// data returns when the text is translated.
func helpTextWith(key, fallback string, data func() map[string]string) string {
	helpData.Store(key, data)
	return helpText(key, fallback)
}

// helpTr returns s with each help text marked in it translated into the
// user's language.
func helpTr(s string) string {
	var b strings.Builder
	for {
		before, rest, ok := strings.Cut(s, helpMark)
		b.WriteString(before)
		if !ok {
			return b.String()
		}
		key, rest, _ := strings.Cut(rest, helpMark)
		fallback, rest, _ := strings.Cut(rest, helpMark)
		if data, ok := helpData.Load(key); ok {
			b.WriteString(lang.X(key, fallback, data.(func() map[string]string)()))
		} else {
			b.WriteString(lang.X(key, fallback))
		}
		s = rest
	}
}

// translateHelp translates the help texts of the commands cmds and of
// those below them, each once.
func translateHelp(cmds ...*cobra.Command) {
	seen := map[any]bool{}
	flag := func(f *pflag.Flag) {
		if !seen[f] {
			seen[f] = true
			f.Usage = helpTr(f.Usage)
		}
	}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if seen[c] {
			return
		}
		seen[c] = true
		c.Use, c.Short, c.Long = helpTr(c.Use), helpTr(c.Short), helpTr(c.Long)
		c.Flags().VisitAll(flag)
		c.PersistentFlags().VisitAll(flag)
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	for _, c := range cmds {
		walk(c)
	}
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
func fileSlot() string { return helpText("cli.help.slot_file", "FILE") }
