package main

import (
	_ "embed"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
)

// The passphrase lists' shape.
const (
	minLetters = 4
	maxLetters = 8
	// minWords is the smallest list the generator accepts: 11 bits a
	// word. Passphrase entropy is always computed from a list's real size.
	minWords = 1024
	// maxWords is a list of five dice throws, 12.9 bits a word.
	maxWords = 7776
	// maxEnglishRank bounds the English subtitles for concrete nouns,
	// maxEnglishOtherRank for verbs and adjectives: the 55,830 words go
	// down to "scion" and "yodel", and the everyday verbs and adjectives
	// come first (the Dutch and German lists are short enough to be taken
	// whole).
	maxEnglishRank      = 20000
	maxEnglishOtherRank = 10000
	// See judge.isEnglish and judge.isName.
	foreignRank       = 20000
	foreignRankFactor = 5
	nameRankFactor    = 5
	nameTailRank      = 3000
	nativeRank        = 1000
)

//go:embed blocklist.txt
var blocklistText string

// excludeText is exclude.txt: words that pass every rule but a reading of
// the lists, in the blocklist's format.
//
//go:embed exclude.txt
var excludeText string

// blocklist is a parsed blocklist.txt.
type blocklist map[string][]string // section → entries

func parseBlocklist(text string) blocklist {
	b := blocklist{}
	section := "all"
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]"):
			section = line[1 : len(line)-1]
		default:
			b[section] = append(b[section], line)
		}
	}
	return b
}

// blocks reports the entry of the sections "all" and lang that matches w,
// or "".
func (b blocklist) blocks(lang, w string) string {
	for _, sec := range []string{"all", lang} {
		for _, e := range b[sec] {
			var hit bool
			switch {
			case strings.HasPrefix(e, "*") && strings.HasSuffix(e, "*") && len(e) > 2:
				hit = strings.Contains(w, e[1:len(e)-1])
			case strings.HasSuffix(e, "*"):
				hit = strings.HasPrefix(w, e[:len(e)-1])
			case strings.HasPrefix(e, "*"):
				hit = strings.HasSuffix(w, e[1:])
			default:
				hit = w == e
			}
			if hit {
				return e
			}
		}
	}
	return ""
}

// nonWords are frequent subtitle tokens that are no words to dictate:
// interjections, contractions cut at the apostrophe, slang spellings,
// brands, and English that the Dutch and German subtitles use.
var nonWords = map[string][]string{
	"nl": split(`hmmm, mmmm, oeps, jeetje, tjonge, joh, gozer, sorry, okay, oke, oké, jaja,
		neenee, pfff, hallo, doei, dada, mama, papa, mams, paps, ehbo, jezus, bijv, enzo, tja,
		effe, mevr, dhr, ofzo, ofso, wauw, shit, cool, baby, please, thanks, fuck, yeah, daddy,
		mommy, honey, okee, oeh, ohh, ooh, aah, ahh, tsja, goh, nah, huh, okido, tuurlijk, high,
		street, snake, hospik, smoking, mischien`),
	"de": split(`hmmm, mmmm, okay, sorry, hallo, tschüss, mama, papa, mami, papi, omi, opi, jesus,
		naja, jaja, ähm, ooh, ohh, aah, ahh, yeah, baby, cool, please, thanks, fuck, wow, huh,
		hey, mister, madam, lhre, lhrer, lhnen, lhren, lhrem, lhres, okey, tschau, ciao, boss,
		lady, honey, darling, mutti, vati, daddy, mommy, subbed, untertitel, ladies, street,
		high, smoking`),
	"en": split(`gonna, wanna, gotta, yeah, yeas, okay, didn, doesn, isn, wasn, couldn, wouldn,
		shouldn, aren, haven, hasn, weren, hadn, mustn, needn, ain, yep, nope, huh, uh, um,
		hmm, hmmm, whoa, ooh, ohh, ahh, aah, hey, mmm, yo, ya, yah, ok, mister, mrs, miss,
		sir, madam, ma'am, okey, gimme, lemme, dunno, kinda, sorta, outta, cuz, cos, whatcha,
		gotcha, betcha, ya'll, y'all, lotta, oughta, doin, goin, nothin, somethin, comin,
		darling, honey, sweetie, daddy, mommy, mama, papa, dude, bro, guys, yall, nah, yeh,
		alright, aright, ahem, uhh, umm, psst, shh, shhh, hush, gosh, golly, geez, jeez,
		dang, darn, heck, christmas, easter, monday, tuesday, wednesday, thursday, friday,
		saturday, sunday, january, february, march, april, june, july, august, september,
		october, november, december, english, french, german, dutch, spanish, italian, russian,
		chinese, japanese, american, british, irish, scottish, mexican, european, african,
		asian, indian, canadian, america, england, europe, africa, asia, china, japan, france,
		germany, russia, india, canada, mexico, london, paris, boston, chicago, texas`),
}

// reviewedOut are words that passed the rules but not a reading of the
// lists: characters and places of films and series that no name list has,
// subtitle artifacts and typos, and English.
var reviewedOut = map[string]map[string]bool{
	"nl": setOf(split(`alistair, anubis, arlo, arnie, artie, atlantis, auggie, baal, bajor,
		beatles, beka, benji, bermuda, bigfoot, birkoff, bluebell, brendan, bret, bubba, darren,
		derek, dinozzo, doug, dougie, ernie, farnon, florrick, gareth, geoff, genesis, gestapo,
		godzilla, grendel, griff, hades, hamptons, hank, hiro, hola, horatio, hotch, houdini,
		interpol, jaffa, jarod, jedi, judas, karev, kensi, kenzi, kermit, klingon, klingons, lapd,
		leanne, lorelai, lupin, luthor, malibu, marisol, mossad, mozart, navid, neelix, nemo,
		oleg, oprah, paso, pegasus, pete, pluto, porsche, puck, rafe, roger, roxton, saddam,
		sergei, simpsons, sinbad, smurf, sookie, spock, stalin, steph, stevie, stewie, streep,
		tardis, tarzan, thad, titan, tuvok, vlad, wraith, zeke, zeus, zhaan, saturnus, superman,
		aires, buenos, obama, google, goliath, hulk, tesla, twitter, haha, homie, lets, prof,
		subs, dvdrip, eleases, fubre, ulds, datie, euhm, echtwaar, voorje, voorjou, gesms, ateam,
		fbiagent, dnatest, usbstick, exman, exvriend, exvrouw, tshirt, tshirts, showtime, timeout,
		trutteke, wesen, sire, madam, madame, mamma, hola, beach, black, brown, chase, chief,
		charming, chopper, duke, white, stone, snow, spider, tiger, upper, sunset, swat, tech,
		dump, date, blues, briefing, brownies, division, award, lets, intense, hints, kits,
		rovers, marshals, hippie, hippies, hotdog, hotdogs, presents, orders, bumper, honk,
		himmler, lemand, ledereen, ikik, ikje, ikke, maarje, janeliz, goffini, hebbe, omaha,
		nassau, nasa, netflix, pentagon, mustang, ipod, releases, prepaid, hackers, heli,
		hologram, lane, nate, info, limo, grant, merlijn, mozes, jozef, prive`)),
	"de": setOf(split(`bajor, benji, chuck, chffffff, chwhite, daktari, doug, dads, gaius, godzilla,
		gestapo, gmbh, hank, neela, neelix, nels, nsdap, okres, oblast, otaru, powiat, rajon,
		sookie, spock, steph, stevie, superman, tarzan, tuvok, wladimir, wraith, zorro, stargate,
		netflix, sams, scht, nich, gehts, gibts, habs, halts, stimmts, amerikas, englands,
		europas, pariser, breslau, dresdner, uefa, ubahn, uboot, tshirt, tshirts, twilight,
		phaser, quark, pesos, signora, reverend, monsieur, sheriff, sheriffs, donuts, emails,
		ichich, ichs, jimbob, karev, kermit, lorelai, luthor, jaffa, maestro, madame, mailbox,
		lane, mhmhm, hubraum, neckar, nouvelle, roms, alpes, ansbach, antonius, belgrad,
		breisgau, bukarest, dessau, ermland, genua, germania, gmina, gotha, hanau, primera, prof,
		schen, sogn, stettin, udssr, weblinks,
		exfrau, exmann, teenager, tequila, salut, adios, bins, docks, nikolaus, neustadt`)),
	"en": setOf(split(`timothy, shankar, byung, vijay, shiva, venus, santa, scrooge, superman,
		sierra, seoul, zealand, brussels, buenos, yahoo, youtube, walmart, xbox, xerox, skype,
		ebay, tesla, twitter, cadillac, chevy, velcro, vaseline, tabasco, sharpie, blah, bleep,
		trump, arabs, arabic, cuban, egyptian, eskimo, siamese, siberian, swedish, turkish,
		yiddish, celtic, roman, soviet, soviets, democrat, tshirt, congrats, honoured, metres,
		hindi, joseon, kyoto, osaka, radha, nintendo, myspace, itunes, ipad, iphone, ipod, lego,
		kleenex, facebook, google, obama, nasa, goliath, hulk, john, geoff, muppet, jimmy`)),
}

// ordinaryWords are words of the name, place and football lists that are
// ordinary words first.
var ordinaryWords = setOf(split(`bent, elke, ward, leen, toon, staf, namen, held, brand, post,
	west, park, winter, wild, star, marine, black, white, cool, island, beach, bell, stone, rose,
	hall, snow, hunt, hill, golden, marks, miles, love, little, long, green, block, happy, chase,
	grant, lane, link, bond, ford, hammer, crane, booth, duke, junior, august, wolf, brown, stern,
	geel, best, leer, mol, lier, baden, union, arena, real, sport, standard, eintracht, dynamo,
	sturm, meister, kampioen, voetbal, kampioenen, boeren, kuip, klassieker, fohlen, knappen,
	kleeblatt, rapid, oranje, leiden, zug, marken, huizen, essen, halle, aue, helder, main, goes,
	fall, wedding, will, finger, jung, ball, stock, tiger, sand, start, over, half, pack, clever,
	lies, deck, last`))

// worldPlaces are proper nouns that the subtitles use and the places list
// lacks, in Dutch, German and English spellings: continents, countries,
// American states and cities the films are set in. The passphrase lists
// leave them out; the dictionaries do not need them.
var worldPlaces = split(`afrika, africa, azië, asien, asia, europa, europe, amerika, america, australië,
	australien, australia, antarctica, arctica, atlantic, pacific, noordpool, nordpol, zuidpool,
	südpol, irak, iraq, iran, israël, israel, egypte, ägypten, egypt, syrië, syrien, syria, libië,
	libyen, libya, tunesië, tunesien, algerije, algerien, algeria, kenia, kenya, nigeria, ghana,
	kongo, congo, soedan, sudan, ethiopië, äthiopien, somalië, somalia, angola, namibië, namibia,
	zambia, zimbabwe, uganda, rwanda, ruanda, tanzania, tansania, madagaskar, madagascar, india,
	indien, pakistan, afghanistan, nepal, tibet, china, japan, korea, vietnam, thailand, birma,
	burma, cambodja, kambodscha, laos, maleisië, malaysia, singapore, singapur, filipijnen,
	philippinen, taiwan, mongolië, mongolei, mongolia, rusland, russland, russia, siberië,
	sibirien, siberia, oekraïne, ukraine, wit-rusland, belarus, polen, poland, tsjechië,
	tschechien, slowakije, slowakei, hongarije, ungarn, hungary, roemenië, rumänien, romania,
	bulgarije, bulgarien, bulgaria, servië, serbien, serbia, bosnië, bosnien, bosnia, albanië,
	albanien, albania, kosovo, macedonië, mazedonien, griekenland, cyprus, zypern, malta,
	turkije, türkei, turkey, georgië, georgien, georgia, armenië, armenien, armenia, tsjetsjenië,
	litouwen, litauen, lithuania, letland, lettland, latvia, estland, estonia, finland, finnland,
	zweden, schweden, noorwegen, norwegen, norway, denemarken, dänemark, ijsland, island, iceland,
	ierland, irland, schotland, schottland, wales, engeland, england, brittannië, britannien,
	britain, frankrijk, frankreich, france, spanje, spanien, spain, portugal, italië, italien,
	italy, sicilië, sardinië, corsica, korsika, monaco, andorra, luxemburg, luxembourg, canada,
	kanada, mexico, mexiko, cuba, kuba, jamaica, jamaika, haïti, haiti, panama, colombia,
	kolumbien, venezuela, brazilië, brasilien, brazil, argentinië, argentinien, argentina, chili,
	chile, peru, bolivia, bolivien, ecuador, uruguay, paraguay, alaska, hawaii, texas, florida,
	california, californië, kalifornien, nevada, arizona, utah, colorado, oregon, washington,
	montana, idaho, wyoming, dakota, nebraska, kansas, oklahoma, missouri, iowa, minnesota,
	wisconsin, illinois, indiana, ohio, michigan, kentucky, tennessee, alabama, mississippi,
	louisiana, arkansas, georgia, carolina, virginia, maryland, delaware, jersey, vermont,
	maine, boston, chicago, detroit, dallas, houston, denver, seattle, atlanta, phoenix,
	memphis, nashville, orleans, angeles, vegas, miami, brooklyn, bronx, manhattan, harlem,
	queens, hollywood, frisco, toronto, montreal, vancouver, havana, tokio, tokyo, peking,
	beijing, shanghai, kairo, cairo, bagdad, baghdad, teheran, jeruzalem, jerusalem, mekka,
	mecca, moskou, moskau, moscow, londen, london, parijs, paris, berlijn, brussel, wenen, rome,
	athene, madrid, lissabon, dublin, oslo, stockholm, helsinki, warschau, warsaw, praag, prag,
	boedapest, kiew, kiev, krakau, istanbul, bangkok, sydney, hongkong, bombay, mumbai, delhi, texaan, mexicaan, hebreeuws,
	hebrew, hebräisch, siamese, arabië, arabien, arabia, perzië, persien, persia, babylon`)

// englishHomophones are groups of common English words that sound alike (or
// that British and American English spell differently). The English list
// keeps none of them: a listener could write down either.
const englishHomophones = `
there their theyre
right write rite wright
night knight
whole hole
piece peace
weak week
wear where ware
mail male
sail sale
tail tale
pair pear pare
bear bare
hear here
meet meat mete
road rode rowed
flour flower
wait weight
plain plane
sight site cite
steal steel
break brake
cell sell
cent scent sent
dear deer
fair fare
hair hare
hall haul
heal heel
knew new gnu
know no
knot not
made maid
mind mined
mist missed
none nun
pain pane
past passed
peak peek pique
pole poll
pour pore poor
rain reign rein
real reel
roll role
root route
seam seem
soar sore
sole soul
some sum
stair stare
suite sweet
tide tied
vain vein vane
waist waste
weather whether wether
which witch
wood would
allowed aloud
board bored
bolder boulder
ceiling sealing
cereal serial
chews choose
coarse course
council counsel
desert dessert
feat feet
flea flee
groan grown
guessed guest
heard herd
higher hire
idle idol
jeans genes
lessen lesson
loan lone
medal meddle metal mettle
morning mourning
naval navel
pedal peddle petal
plum plumb
presence presents
profit prophet
rapped wrapped rapt
rays raise raze
ring wring
rote wrote
scene seen
shoe shoo
sighs size
stake steak
storey story
threw through thru
throne thrown
toe tow
wail whale
war wore
way weigh whey
wine whine
yoke yolk
hour our
aisle isle
bail bale
bald bawled
ball bawl
band banned
baron barren
base bass
beach beech
beat beet
berry bury
billed build
blew blue
boar bore
born borne
bough bow
bread bred
brews bruise
bridal bridle
cash cache
cellar seller
cheap cheep
chord cord cored
claws clause
close clothes
colonel kernel
creak creek
crews cruise
days daze
doe dough
dual duel
faint feint
find fined
flew flu flue
flow floe
foul fowl
gait gate
grate great
grease greece
hay hey
heroin heroine
hoarse horse
holy wholly holey
hymn him
jewel joule
knead need kneed
knit nit
knows nose
lead led
leak leek
links lynx
lute loot
maize maze
mall maul
manner manor
mare mayor
marshal martial
mince mints
moose mousse
muscle mussel
oar ore
pail pale
pause paws
peal peel
plait plate
pray prey
pride pried
prince prints
read reed red
rest wrest
rose rows
rung wrung
seas sees seize
sew sow
shear sheer
side sighed
sign sine
slay sleigh
soared sword
tacks tax
taught taut
team teem
tense tents
tern turn
time thyme
told tolled
vale veil
wade weighed
waive wave
warn worn
watt what
wheel
whirled world
wise whys
worst wurst
carrot carat karat
cymbal symbol
frieze freeze frees
guise guys
hangar hanger
lumbar lumber
mantel mantle
pier peer
pistil pistol
ruff rough
scull skull
sensor censor
straight strait
throes throws
vial vile
cue queue
dew due
die dye
fir fur
gilt guilt
hoard horde
lacks lax
lochs locks
nay neigh
quarts quartz
rack wrack
raw roar
sac sack
tea tee
weave
which
yore your
axel axle
banns bans
bard barred
berth birth
bite byte
bloc block
bold bowled
boy buoy
brood brewed
cannon canon
capital capitol
chased chaste
chute shoot
clique click
complement compliment
coward cowered
crewel cruel
cygnet signet
discreet discrete
draft draught
ewe you yew
fairy ferry
flair flare
fort fought
forth fourth
gorilla guerrilla
grisly grizzly
hail hale
heard
jam jamb
knickers nickers
knight
lain lane
liar lyre
lichen liken
licker liquor
loch lock
made
mask masque
meter metre
might mite
moan mown
mode mowed
mood mooed
muse mews
mustard mustered
ode owed
overdo overdue
pact packed
palate palette pallet
patience patients
pearl purl
pedal
pi pie
plaice place
pores pours
principal principle
quay key
rapper wrapper
rigger rigor
roe row
sealing
sects
serf surf
shake sheikh
sleight slight
soared
stationary stationery
sundae sunday
tacked tact
tear tier
tic tick
towed toad
troop troupe
undo undue
wade
wax whacks
weak
we'd weed
whet wet
who's whose
yolk
color colour
honor honour
humor humour
labor labour
favor favour
flavor flavour
harbor harbour
neighbor neighbour
rumor rumour
valor valour
vapor vapour
savior saviour
armor armour
behavior behaviour
center centre
theater theatre
meter metre
fiber fibre
liter litre
caliber calibre
gray grey
tire tyre
curb kerb
check cheque
plow plough
jewelry jewellery
aluminum aluminium
catalog catalogue
dialog dialogue
analog analogue
program programme
defense defence
offense offence
license licence
practice practise
traveler traveller
canceled cancelled
modeling modelling
skeptic sceptic
mold mould
pajamas pyjamas
donut doughnut
cozy cosy
colors colours
rumors rumours
favorite favourite
honors honours
labors labours
`

// candidate is a word that a passphrase list may take.
type candidate struct {
	word   string
	origin string // "subtitles", the only source
	rank   int    // 1-based, in the list it comes from
}

// buildPassphraseLists returns the lists for nl, de and en, keyed by
// language, and writes every candidate it rejected, with the reason, to
// rejects.
//
// Each list takes the words of the language's subtitle list, most
// frequent first, that pass [judge.verdict]; a German noun is written
// with its capital. (The Wikipedia lists, which earlier lists drew on too,
// add words of encyclopedias: "Dekanat", "Vogtei", "Liturgie".)
func buildPassphraseLists(src sources, lex map[string]*lexicon, rejects io.Writer) (map[string][]string, error) {
	j := newJudge(src, lex)
	out := map[string][]string{}
	for _, lang := range []string{"nl", "de", "en"} {
		var list []string
		seen := map[string]bool{}
		take := func(c candidate) {
			if seen[c.word] || !plainWord(c.word) || len(list) >= maxWords {
				return
			}
			seen[c.word] = true
			if why := j.verdict(lang, c); why != "" {
				fmt.Fprintf(rejects, "%s\t%s\t%d\t%s\t%s\n", lang, c.origin, c.rank, c.word, why)
				return
			}
			list = append(list, j.spelling(lang, c.word))
		}
		for i, w := range j.subtitles[lang] {
			take(candidate{w, "subtitles", i + 1})
		}
		if len(list) < minWords {
			return nil, fmt.Errorf("passphrase list %s has %d words, want at least %d", lang, len(list), minWords)
		}
		slices.Sort(list)
		out[lang] = list
	}
	return out, nil
}

// judge holds what the rules of the passphrase lists look words up in.
type judge struct {
	block     blocklist
	nonWords  map[string]map[string]bool
	subtitles map[string][]string       // language → normalised, ranked
	ranks     map[string]map[string]int // language → word → rank in subtitles
	// exclude is exclude.txt.
	exclude blocklist
	// lex holds each language's parts of speech and base forms.
	lex map[string]*lexicon
	// diceware is the EFF list, whose words are never names.
	diceware map[string]bool

	// Name lists: the 300 most given Belgian names of each sex; the places
	// and football clubs; all first names and the 1000 most frequent last
	// names of each language; all of them and every last name.
	topFirstnames, placeNames, strongNames, allNames map[string]bool
	// firstnames are every first name of the name lists.
	firstnames map[string]bool
	// tailNames are, per language, all names but the language's own last
	// names, which in Dutch and German are mostly words (Bakker, Koch).
	tailNames map[string]map[string]bool

	// sounds maps a Dutch or German sound key (homophoneKey) to the
	// subtitle words that have it, and an English word to its group of
	// englishHomophones.
	sounds map[string]map[string][]string
}

func newJudge(src sources, lex map[string]*lexicon) *judge {
	j := &judge{
		block:         parseBlocklist(blocklistText),
		exclude:       parseBlocklist(excludeText),
		lex:           lex,
		nonWords:      map[string]map[string]bool{},
		subtitles:     map[string][]string{},
		ranks:         map[string]map[string]int{},
		diceware:      setOf(src["common/diceware"]),
		topFirstnames: setOf(head(src["nl-be/boysFirstnames"], 300), head(src["nl-be/girlsFirstnames"], 300)),
		placeNames:    setOf(handLists["places"], handLists["football"], worldPlaces),
		strongNames: setOf(src["nl-be/boysFirstnames"], src["nl-be/girlsFirstnames"],
			src["de/firstnames"], src["en/firstnames"],
			head(src["nl-be/lastnames"], 1000), head(src["de/lastnames"], 1000), head(src["en/lastnames"], 1000)),
		sounds: map[string]map[string][]string{},
	}
	j.allNames = union(j.placeNames, union(j.strongNames,
		setOf(src["nl-be/lastnames"], src["de/lastnames"], src["en/lastnames"])))
	firstnames := setOf(src["nl-be/boysFirstnames"], src["nl-be/girlsFirstnames"],
		src["de/firstnames"], src["en/firstnames"])
	j.firstnames = firstnames
	j.tailNames = map[string]map[string]bool{
		"nl": union(firstnames, setOf(src["de/lastnames"], src["en/lastnames"])),
		"de": union(firstnames, setOf(src["nl-be/lastnames"], src["en/lastnames"])),
		"en": j.allNames,
	}
	for lang, key := range map[string]string{"nl": "nl-be/commonWords", "de": "de/commonWords", "en": "en/commonWords"} {
		var words []string
		for _, w := range src[key] {
			if n, ok := normalize(w); ok {
				words = append(words, n)
			}
		}
		j.subtitles[lang] = words
		j.ranks[lang] = rankOf(words)
		j.nonWords[lang] = setOf(nonWords[lang])
	}

	j.sounds["en"] = map[string][]string{}
	for _, line := range strings.Split(englishHomophones, "\n") {
		group := strings.Fields(line)
		for _, w := range group {
			j.sounds["en"][w] = group
		}
	}
	for _, lang := range []string{"nl", "de"} {
		j.sounds[lang] = map[string][]string{}
		spelled := setOf(j.subtitles[lang])
		for i, w := range j.subtitles[lang] {
			// "daß" is the old spelling of "dass", "écht" the stressed
			// one of "echt": not other words.
			if plain := accentFold.Replace(strings.ReplaceAll(w, "ß", "ss")); plain != w && spelled[plain] {
				continue
			}
			c := candidate{w, "subtitles", i + 1}
			if j.isName(lang, c) || j.isEnglish(lang, c) {
				continue
			}
			k := homophoneKey(lang, w)
			if !slices.Contains(j.sounds[lang][k], w) {
				j.sounds[lang][k] = append(j.sounds[lang][k], w)
			}
		}
	}
	return j
}

// verdict returns why c may not be in lang's passphrase list, or "".
func (j *judge) verdict(lang string, c candidate) string {
	w := c.word
	if e := j.block.blocks(lang, w); e != "" {
		return "blocklist " + e
	}
	if j.nonWords[lang][w] {
		return "non-word"
	}
	if reviewedOut[lang][w] {
		return "reviewed out"
	}
	if e := j.exclude.blocks(lang, w); e != "" {
		return "excluded " + e
	}
	if j.isName(lang, c) {
		return "name"
	}
	if why := hardToSpell(lang, w); why != "" {
		return why
	}
	if j.isEnglish(lang, c) {
		return "english"
	}
	if lang == "en" && c.rank > maxEnglishRank {
		return "rare"
	}
	if why := j.lexical(lang, c); why != "" {
		return why
	}
	if g := j.soundsLike(lang, w); g != nil {
		return "sounds like " + strings.Join(g, "/")
	}
	return ""
}

// lexical returns why the dictionaries of lang rule c out, or "": it must
// be a base form (see [lexicon]) and a noun, a verb or an adjective; an
// English noun that is neither verb nor adjective must be concrete, and a
// Dutch or German noun must not have an ending of abstract nouns. Nouns
// are all that Wikipedia adds.
func (j *judge) lexical(lang string, c candidate) string {
	l, w := j.lex[lang], c.word
	class := l.class[w]
	switch {
	case l.why[w] != "":
		return l.why[w]
	case class == 0:
		return "no noun, verb or adjective"
	case l.inflected[w] != "" && !l.concreteFirst[w]:
		return "inflected " + l.inflected[w]
	case lang == "en" && englishPlural(w, l):
		return "plural"
	case lang == "en" && class == classNoun && !l.concrete[w]:
		return "abstract"
	case lang == "en" && !l.concrete[w] && c.rank > maxEnglishOtherRank:
		return "rare"
	case class&classNoun != 0 && abstractEndings[lang] != nil && abstractEndings[lang].MatchString(w):
		return "abstract ending"
	}
	return ""
}

// englishPlural reports whether w is the plural of an English noun,
// although it may be a lemma too ("glasses", "eggs", "arms"): a listener
// may write the singular.
func englishPlural(w string, l *lexicon) bool {
	for _, end := range []string{"s", "es"} {
		if stem, ok := strings.CutSuffix(w, end); ok && !strings.HasSuffix(stem, "s") && l.class[stem]&classNoun != 0 {
			return true
		}
	}
	return false
}

// spelling returns w as the list writes it: German nouns with a capital.
func (j *judge) spelling(lang, w string) string {
	if cased := j.lex[lang].cased[w]; cased != "" {
		return cased
	}
	return w
}

// isName reports whether c is a proper name.
//
// Films keep their characters' names in every language, so a word of the
// strong name lists that other languages' subtitles have at about the
// same rank is a name (John, Michael), while one that they have far less
// often is a word as well (Dutch "bent", German "klein",
// English "young"). Further down the subtitles, past rank nameTailRank,
// a word of any name list that the English subtitles have too is taken
// for a name (Garth, Hogg): the cognates up there ("hand", "water") are
// common. The top Belgian first names, the places and the football clubs
// are names anyway; ordinaryWords and, in English, the EFF dice words
// never are, nor is a German noun of no first-name or place list.
func (j *judge) isName(lang string, c candidate) bool {
	w := c.word
	switch {
	case ordinaryWords[w]:
		return false
	case lang == "de" && j.lex["de"].cased[w] != "" && !j.firstnames[w] && !j.placeNames[w]:
		return false // a German noun that is a last name too: "Bauer", "Koch"
	case j.placeNames[w]:
		return true
	case lang == "en" && j.diceware[w]:
		return false
	case lang == "nl" && j.topFirstnames[w]:
		return true
	case j.strongNames[w] && j.likeAName(lang, w):
		return true
	}
	return c.rank > nameTailRank && j.tailNames[lang][w] && j.ranks["en"][w] > 0
}

// likeAName reports whether w is about as frequent in other languages'
// subtitles as in lang's, as a name is: for Dutch and German, in the
// English ones (most films are English), for English, in the Dutch or
// German ones.
func (j *judge) likeAName(lang, w string) bool {
	own := j.ranks[lang][w]
	near := func(other string) bool {
		r := j.ranks[other][w]
		return own > 0 && r > 0 && r <= nameRankFactor*own
	}
	if lang == "en" {
		return near("nl") || near("de")
	}
	return near("en")
}

// isEnglish reports whether a Dutch or German candidate is an English
// word. One from the subtitles is when the English subtitles rank it in
// their first foreignRank words and at least foreignRankFactor times
// higher ("street", "girl"; not "over", "hand", "want"), or, past the
// language's first nativeRank words, higher at all ("black", "stone").
func (j *judge) isEnglish(lang string, c candidate) bool {
	if lang == "en" {
		return false
	}
	r, ok := j.ranks["en"][c.word]
	own := j.ranks[lang][c.word]
	return ok && r < foreignRank && (own > foreignRankFactor*r || own > nativeRank && own > r)
}

// soundsLike returns the other words that a listener could write for w,
// with w among them, or nil.
func (j *judge) soundsLike(lang, w string) []string {
	if lang == "en" {
		return j.sounds["en"][w]
	}
	g := j.sounds[lang][homophoneKey(lang, w)]
	if len(g) == 0 || len(g) == 1 && g[0] == w {
		return nil
	}
	return g
}

var plainWordRE = regexp.MustCompile(fmt.Sprintf("^[a-z]{%d,%d}$", minLetters, maxLetters))

// plainWord reports whether w has the passphrase lists' shape.
func plainWord(w string) bool { return plainWordRE.MatchString(w) }

// hardToSpell returns why a Dutch or German word is awkward to dictate, or
// "". Letters that these languages use mostly in loanwords get spelled
// wrong: c outside ch, ck and sch (is it k, s or z?), y, and in Dutch q;
// x, and q in German, are fine. A word that starts with l and a consonant
// is a subtitle's misread capital I ("lhnen" for "Ihnen").
func hardToSpell(lang, w string) string {
	if lang == "en" {
		return ""
	}
	if strings.ContainsRune(w, 'y') || lang == "nl" && strings.ContainsRune(w, 'q') {
		return "loan letters"
	}
	if strings.Contains(strings.NewReplacer("sch", "", "ch", "", "ck", "").Replace(w), "c") {
		return "loan letters"
	}
	if w[0] == 'l' && !strings.ContainsRune("aeiou", rune(w[1])) {
		return "misread I"
	}
	return ""
}

// homophoneFolds map a Dutch or German word to a rough key of how it
// sounds, so that words which a listener cannot tell apart get one key:
// Dutch "wijs"/"weis", "rouw"/"rauw", "word"/"wordt"; German "seid"/"seit",
// "wahr"/"war", "mehr"/"Meer", "das"/"dass", "wider"/"wieder".
var homophoneFolds = map[string][]struct {
	re   *regexp.Regexp
	with string
}{
	"nl": {
		{regexp.MustCompile(`ij`), "ei"},
		{regexp.MustCompile(`au`), "ou"},
		{regexp.MustCompile(`ph`), "f"},
		{regexp.MustCompile(`th`), "t"},
		{regexp.MustCompile(`ch`), "g"},
		{regexp.MustCompile(`c([eiy])`), "s$1"},
		{regexp.MustCompile(`c`), "k"},
		{regexp.MustCompile(`[ëéè]`), "e"},
		{regexp.MustCompile(`[ïí]`), "i"},
		{regexp.MustCompile(`dt$`), "t"},
		{regexp.MustCompile(`d$`), "t"},
		{regexp.MustCompile(`b$`), "p"},
	},
	"de": {
		{regexp.MustCompile(`ß`), "ss"},
		{regexp.MustCompile(`äu`), "eu"},
		{regexp.MustCompile(`ä`), "e"},
		{regexp.MustCompile(`ai`), "ei"},
		{regexp.MustCompile(`dt`), "t"},
		{regexp.MustCompile(`th`), "t"},
		{regexp.MustCompile(`ph`), "f"},
		{regexp.MustCompile(`v`), "f"},
		{regexp.MustCompile(`ck`), "kk"},
		{regexp.MustCompile(`tz`), "zz"},
		{regexp.MustCompile(`chs|x`), "ks"},
		// Long vowels, spelled or not, become capitals: "ie", "ih",
		// a vowel and h before a consonant, a doubled vowel, and a vowel
		// before a single consonant and a vowel ("wider" like "wieder").
		{regexp.MustCompile(`ie|ih`), "I"},
		{regexp.MustCompile(`([aeiouöü])h([^aeiouäöü]|$)`), "${1}:$2"},
		{regexp.MustCompile(`aa`), "a:"},
		{regexp.MustCompile(`ee`), "e:"},
		{regexp.MustCompile(`oo`), "o:"},
		{regexp.MustCompile(`d$`), "t"},
		{regexp.MustCompile(`b$`), "p"},
		{regexp.MustCompile(`g$`), "k"},
	},
}

// germanLong marks a vowel before a single consonant and a vowel as long.
var germanLong = regexp.MustCompile(`([aeiouöü])([bdfgklmnprstwz])([aeiouöüI])`)

// homophoneKey returns the sound key of w for lang ("nl" or "de").
func homophoneKey(lang, w string) string {
	for _, f := range homophoneFolds[lang] {
		w = f.re.ReplaceAllString(w, f.with)
	}
	if lang == "de" {
		// Twice, for overlapping matches ("leben").
		w = germanLong.ReplaceAllString(w, "$1:$2$3")
		w = germanLong.ReplaceAllString(w, "$1:$2$3")
		w = strings.ReplaceAll(w, "I", "i:")
		w = dedouble(w)
	}
	return w
}

// dedouble writes each run of one consonant once: "bitte" → "bite".
func dedouble(w string) string {
	var b strings.Builder
	var last rune
	for _, r := range w {
		if r == last && !strings.ContainsRune("aeiouäöü:", r) {
			continue
		}
		b.WriteRune(r)
		last = r
	}
	return b.String()
}

// rankOf maps each word of a ranked list to its 1-based rank.
func rankOf(words []string) map[string]int {
	m := make(map[string]int, len(words))
	for i, w := range words {
		if _, ok := m[w]; !ok {
			m[w] = i + 1
		}
	}
	return m
}

// setOf returns the normalised words of all lists as a set.
func setOf(lists ...[]string) map[string]bool {
	m := map[string]bool{}
	for _, l := range lists {
		for _, w := range l {
			if n, ok := normalize(w); ok {
				m[n] = true
			}
		}
	}
	return m
}

func union(a, b map[string]bool) map[string]bool {
	m := make(map[string]bool, len(a)+len(b))
	for k := range a {
		m[k] = true
	}
	for k := range b {
		m[k] = true
	}
	return m
}

// head returns at most the first n words.
func head(words []string, n int) []string { return words[:min(n, len(words))] }

// sortedKeys returns the keys of m in order.
func sortedKeys(m map[string][]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
