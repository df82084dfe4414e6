package cli

import (
	"errors"
	"fmt"
	"io"
	"strconv"

	"fyne.io/fyne/v2/lang"
	"github.com/spf13/cobra"

	"grendel/app/passgen"
	"grendel/app/rules"
	"grendel/app/strength"
	"grendel/assets"
	"grendel/policy"
	"grendel/ui/exit"
	"grendel/ui/i18n"
)

// genOptions are the flags of `grendel gen`.
type genOptions struct {
	kind   string
	words  int
	length int
	lang   string
	spell  bool
	count  int
}

// maxGenCount bounds --count.
const maxGenCount = 1000

func newGenCmd(opts *Options, stdout io.Writer) *cobra.Command {
	var g genOptions
	cmd := &cobra.Command{
		Use:   "gen",
		Short: helpText("cli.gen.short", "Generate strong passwords or passphrases that meet the policy"),
		Long: helpText("cli.gen.long", "Prints one new password per line. A passphrase is made of common words that are easy "+
			"to read out over the phone; --spell adds, after a tab, the password spelled with the spelling alphabet of the language. "+
			"Every password meets the policy's password.min_score and password.min_length. The defaults come from the policy "+
			"(share.generator, share.words, share.language)."),
		Args: noArgs,
		RunE: hardened(func(cmd *cobra.Command, _ []string) error {
			return runGen(cmd, g, opts.Snapshot().Settings, stdout, cmd.ErrOrStderr())
		}),
	}
	f := cmd.Flags()
	f.StringVar(&g.kind, "kind", "", helpText("cli.gen.flag_kind", "passphrase or random (default: the policy's share.generator)"))
	f.IntVar(&g.words, "words", 0, helpText("cli.gen.flag_words", "words in a passphrase, 4 to 10 (default: the policy's share.words)"))
	f.IntVar(&g.length, "length", passgen.DefaultLength, helpText("cli.gen.flag_length", "characters in a random password, 8 to 128"))
	f.StringVar(&g.lang, "lang", "", helpText("cli.gen.flag_lang", "nl, de or en: the words and the spelling alphabet (default: the policy's share.language, else yours)"))
	f.BoolVar(&g.spell, "spell", false, helpText("cli.gen.flag_spell", "add the phone readout after a tab"))
	f.IntVar(&g.count, "count", 1, helpText("cli.gen.flag_count", "how many to generate, 1 to 1000"))
	return cmd
}

func runGen(cmd *cobra.Command, g genOptions, s policy.Settings, stdout, stderr io.Writer) error {
	kind := g.kind
	if kind == "" {
		kind = s.Share.Generator
	}
	if kind != "passphrase" && kind != "random" {
		return usageErr(lang.X("cli.gen.bad_kind", "--kind must be passphrase or random, not {{.Kind}}", map[string]string{"Kind": quote(kind)}))
	}
	language := g.lang
	if language == "" {
		language = i18n.WordsLanguage(s.Share.Language)
	}
	if language != "nl" && language != "de" && language != "en" {
		return usageErr(lang.X("cli.gen.bad_lang", "--lang must be nl, de or en, not {{.Lang}}", map[string]string{"Lang": quote(language)}))
	}
	if g.count < 1 || g.count > maxGenCount {
		return usageErr(lang.X("cli.gen.bad_count", "--count must be 1 to {{.Max}}", map[string]string{"Max": strconv.Itoa(maxGenCount)}))
	}
	// A --words given is checked as given, like --length: 0 is no way to
	// ask for the policy's number.
	words := s.Share.Words
	if cmd.Flags().Changed("words") {
		if g.words < passgen.MinWords || g.words > passgen.MaxWords {
			return usageErr(lang.X("cli.gen.bad_words", "--words must be {{.Min}} to {{.Max}}",
				map[string]string{"Min": strconv.Itoa(passgen.MinWords), "Max": strconv.Itoa(passgen.MaxWords)}))
		}
		words = g.words
	}
	if g.length < passgen.MinLength || g.length > passgen.MaxLength {
		return usageErr(lang.X("cli.gen.bad_length", "--length must be {{.Min}} to {{.Max}}",
			map[string]string{"Min": strconv.Itoa(passgen.MinLength), "Max": strconv.Itoa(passgen.MaxLength)}))
	}

	pol, ctx := rules.Password(s.Password)
	meets := func(pw string) bool { return pol.Judge(strength.Default().Score(pw, ctx)).Pass }

	var gen func() (passgen.Password, error)
	var list *passgen.WordList
	if kind == "passphrase" {
		var err error
		list, err = passgen.NewWordList(assets.PassphraseWords(language))
		if err != nil {
			return &exitError{code: exit.Failure, msg: err.Error()}
		}
		o := passgen.PassphraseOptions{Words: words, Meets: meets}
		gen = func() (passgen.Password, error) { return o.Generate(list) }
	} else {
		o := passgen.PasswordOptions{Length: g.length, NoLookAlikes: g.spell, Meets: meets}
		gen = func() (passgen.Password, error) { return o.Generate() }
	}

	bits := 0.0
	for range g.count {
		pw, err := gen()
		if err != nil {
			if errors.Is(err, passgen.ErrPolicy) {
				return &exitError{code: exit.Failure, msg: lang.X("cli.gen.policy", "no generated password met the policy (min_score {{.Score}}, min_length {{.Length}}); ask for more words or a longer password",
					map[string]string{"Score": strconv.Itoa(pol.MinScore), "Length": strconv.Itoa(pol.MinLength)})}
			}
			return &exitError{code: exit.Failure, msg: err.Error()}
		}
		line := pw.Reveal()
		if g.spell {
			// The readout of the Generate window, word for word.
			line += "\t" + passgen.Readout(pw.Reveal(), pw.Separator(), language)
		}
		fmt.Fprintln(stdout, line)
		bits = pw.Entropy() // the same for every password of these options
	}
	// On standard error, so that standard output holds only passwords.
	fmt.Fprintf(stderr, "grendel: %s\n", lang.X("cli.gen.entropy", "{{.Bits}} bits of entropy each", map[string]string{"Bits": i18n.Decimal(bits, 1)}))
	return nil
}
