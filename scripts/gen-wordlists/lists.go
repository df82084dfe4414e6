package main

import "strings"

// handLists are the dictionaries written by hand, keyed by file name. Each
// entry is normalised like the packages' words: "den haag" becomes
// "denhaag", and "münchen" brings "muenchen" along. They are not ranked,
// except that the best-known entries come first.
var handLists = map[string][]string{
	"places":         split(placesNL + placesBE + placesDE + placesAT + placesCH + placesWorld),
	"football":       split(footballNL + footballBE + footballDE + footballATCH + footballWorld),
	"months":         split(months),
	"weekdays":       split(weekdays),
	"seasons":        split(seasons),
	"greetings":      split(greetings),
	"password_words": split(passwordWords),
}

// split cuts a hand-written list at commas and line breaks.
func split(s string) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		for _, w := range strings.Split(line, ",") {
			if w = strings.TrimSpace(w); w != "" {
				out = append(out, w)
			}
		}
	}
	return out
}

const placesNL = `
nederland, holland, amsterdam, rotterdam, den haag, 's-gravenhage, utrecht, eindhoven, groningen,
tilburg, almere, breda, nijmegen, apeldoorn, arnhem, haarlem, haarlemmermeer, enschede, amersfoort,
zaanstad, zaandam, 's-hertogenbosch, den bosch, zwolle, leiden, zoetermeer, leeuwarden, ljouwert,
maastricht, dordrecht, ede, alphen aan den rijn, alkmaar, emmen, westland, delft, venlo, deventer,
sittard, geleen, helmond, oss, amstelveen, hilversum, heerlen, hoorn, spijkenisse, purmerend,
schiedam, lelystad, roosendaal, leidschendam, voorburg, gouda, vlaardingen, hoofddorp, assen,
bergen op zoom, capelle aan den ijssel, katwijk, veenendaal, zeist, nieuwegein, hardenberg,
roermond, doetinchem, den helder, hoogeveen, terneuzen, middelburg, vlissingen, goes, kampen,
harderwijk, weert, barneveld, heerenveen, sneek, drachten, zutphen, tiel, winterswijk, wageningen,
veldhoven, oosterhout, waalwijk, uden, venray, kerkrade, valkenburg, hengelo, almelo, oldenzaal,
rijswijk, wassenaar, noordwijk, zandvoort, scheveningen, volendam, edam, marken, giethoorn,
gorinchem, culemborg, woerden, houten, ijsselstein, soest, baarn, bussum, naarden, huizen, weesp,
diemen, heemstede, bloemendaal, beverwijk, heemskerk, ijmuiden, velsen, castricum, heiloo,
schagen, enkhuizen, medemblik, zaltbommel, boxtel, best, geldrop, meppel, steenwijk, coevorden,
stadskanaal, veendam, winschoten, delfzijl, harlingen, franeker, dokkum, bolsward, urk, schiphol,
texel, vlieland, terschelling, ameland, schiermonnikoog, veluwe, zeeland, friesland, fryslân,
drenthe, overijssel, gelderland, flevoland, noord-holland, zuid-holland, noord-brabant, brabant,
limburg, randstad, twente, achterhoek, betuwe, ijsselmeer, markermeer, waddenzee, wadden, noordzee,
ijssel, rijn, maas, waal, amstel, mokum, jordaan, zuidas, kinderdijk, keukenhof, efteling
`

const placesBE = `
belgië, belgie, belgium, belgique, belgien, vlaanderen, flanders, wallonië, wallonie, wallonia,
brussel, bruxelles, brussels, antwerpen, anvers, antwerp, gent, gand, ghent, brugge, bruges,
leuven, louvain, mechelen, aalst, kortrijk, hasselt, genk, oostende, ostend, sint-niklaas,
roeselare, turnhout, lier, ieper, ypres, knokke, knokke-heist, de panne, blankenberge, luik,
liège, namen, namur, charleroi, mons, doornik, tournai, waterloo, spa, bastogne, dinant, durbuy,
ardennen, ardennes, tienen, geel, mol, dendermonde, vilvoorde, zaventem, halle, ninove, waregem,
eeklo, lokeren, beveren, herentals, tongeren, sint-truiden, maaseik, lommel, diest, aarschot,
zottegem, oudenaarde, ronse, poperinge, diksmuide, nieuwpoort, koksijde, de haan, eupen, arlon,
verviers, wavre, nivelles, louvain-la-neuve, limburg, kempen, schelde, westhoek
`

const placesDE = `
deutschland, germany, duitsland, berlin, hamburg, münchen, munich, köln, cologne, frankfurt,
stuttgart, düsseldorf, leipzig, dortmund, essen, bremen, dresden, hannover, nürnberg, nuremberg,
duisburg, bochum, wuppertal, bielefeld, bonn, münster, mannheim, karlsruhe, augsburg, wiesbaden,
mönchengladbach, gladbach, gelsenkirchen, aachen, braunschweig, kiel, chemnitz, halle, magdeburg,
freiburg, krefeld, mainz, lübeck, erfurt, oberhausen, rostock, kassel, hagen, potsdam, saarbrücken,
hamm, ludwigshafen, mülheim, oldenburg, osnabrück, leverkusen, heidelberg, darmstadt, solingen,
herne, neuss, regensburg, paderborn, ingolstadt, offenbach, fürth, würzburg, ulm, heilbronn,
pforzheim, wolfsburg, göttingen, bottrop, reutlingen, koblenz, bremerhaven, recklinghausen,
erlangen, bergisch gladbach, remscheid, jena, trier, salzgitter, moers, siegen, hildesheim,
gütersloh, cottbus, kaiserslautern, witten, schwerin, zwickau, gera, iserlohn, düren, esslingen,
flensburg, ratingen, marl, lünen, velbert, konstanz, wilhelmshaven, sindelfingen, rosenheim,
garmisch, garmisch-partenkirchen, passau, bamberg, bayreuth, coburg, weimar, eisenach, wismar,
stralsund, greifswald, cuxhaven, emden, aurich, leer, lingen, meppen, nordhorn, kleve, wesel,
xanten, emmerich, berchtesgaden, oberstdorf, lindau, warnemünde, travemünde, sylt, rügen,
helgoland, usedom, norderney, borkum, amrum, föhr, fehmarn, bodensee, rhein, elbe, donau, mosel,
weser, harz, schwarzwald, eifel, sauerland, allgäu, ruhrgebiet, ruhrpott, ruhr, ostsee, nordsee,
bayern, bavaria, sachsen, saxony, hessen, thüringen, brandenburg, niedersachsen,
nordrhein-westfalen, nrw, westfalen, rheinland, rheinland-pfalz, pfalz, saarland,
schleswig-holstein, holstein, mecklenburg, vorpommern, mecklenburg-vorpommern, baden,
württemberg, baden-württemberg, franken, schwaben, zugspitze, brocken, tegernsee, chiemsee,
königssee, alpen, kudamm, alexanderplatz, kreuzberg, sankt pauli, st. pauli, reeperbahn, altona
`

const placesAT = `
österreich, austria, oostenrijk, wien, vienna, graz, linz, salzburg, innsbruck, klagenfurt,
villach, wels, sankt pölten, st. pölten, dornbirn, bregenz, feldkirch, steyr, leoben, krems,
wolfsberg, kitzbühel, ischgl, sölden, lech, zell am see, hallstatt, bad ischl, kaprun,
mayrhofen, saalbach, schladming, obergurgl, tirol, tyrol, kärnten, steiermark, vorarlberg,
burgenland, niederösterreich, oberösterreich, wachau, salzkammergut, wörthersee, zillertal,
ötztal, arlberg, großglockner, prater
`

const placesCH = `
schweiz, suisse, svizzera, switzerland, zwitserland, helvetia, zürich, genf, genève, geneva,
basel, bern, lausanne, winterthur, luzern, lucerne, st. gallen, sankt gallen, lugano, biel,
bienne, thun, köniz, schaffhausen, chur, fribourg, neuchâtel, sion, sitten, zug, uster, aarau,
olten, solothurn, davos, st. moritz, zermatt, grindelwald, interlaken, wengen, gstaad, montreux,
locarno, ascona, arosa, engelberg, verbier, crans-montana, saas-fee, matterhorn, eiger, jungfrau,
pilatus, rigi, säntis, titlis, gotthard, genfersee, zürichsee, vierwaldstättersee, graubünden,
wallis, valais, tessin, ticino, aargau, thurgau, appenzell, glarus, uri, schwyz, obwalden,
nidwalden, jura, vaud, waadt, liechtenstein, vaduz
`

// placesWorld are the countries and cities abroad that Dutch and German
// speakers name most, in their spellings and the English one.
const placesWorld = `
europa, europe, amerika, america, usa, spanje, spanien, spain, frankrijk, frankreich, france,
italië, italien, italy, engeland, england, schotland, schottland, scotland, ierland,
irland, ireland, griekenland, griechenland, greece, turkije, türkei, turkey, portugal, polen,
poland, denemarken, dänemark, denmark, zweden, schweden, sweden, noorwegen, norwegen, norway,
finland, finnland, ijsland, island, iceland, marokko, morocco, suriname, curaçao, aruba,
bonaire, indonesië, indonesien, indonesia, bali, kroatië, kroatien, croatia, mallorca,
ibiza, kreta, crete, tenerife, gran canaria, lanzarote, canarias, parijs, paris, londen, london,
rome, rom, roma, madrid, barcelona, lissabon, lisbon, wenen, praag, prag, prague, boedapest,
budapest, kopenhagen, copenhagen, stockholm, oslo, dublin, edinburgh, athene, athen, athens,
istanbul, new york, newyork, las vegas, miami, california, florida, hawaii, texas, tokyo,
sydney, dubai, kaapstad, kapstadt, cape town, moskou, moskau, moscow, venetië, venedig, venice,
florence, florenz, napels, neapel, naples, milaan, mailand, milan, sicilië, sizilien, sicily,
toscane, toskana, tuscany
`

const footballNL = `
ajax, afc ajax, ajax amsterdam, psv, psv eindhoven, feyenoord, feyenoord rotterdam, az,
az alkmaar, fc twente, twente, fc utrecht, sparta, sparta rotterdam, nec, nec nijmegen,
go ahead eagles, gae, sc heerenveen, heerenveen, fortuna sittard, heracles, heracles almelo,
pec zwolle, pec, willem ii, willem2, nac, nac breda, fc groningen, rkc, rkc waalwijk,
almere city, excelsior, telstar, vitesse, sc cambuur, cambuur, fc volendam, roda jc, roda,
ado den haag, ado, fc den bosch, fc emmen, fc eindhoven, de graafschap, graafschap, fc dordrecht,
helmond sport, mvv, mvv maastricht, top oss, fc oss, vvv venlo, vvv, jong ajax, jong psv, jong az,
jong utrecht, dws, blauw-wit, hfc haarlem, fc zwolle, oranje, knvb, eredivisie, eerste divisie,
keuken kampioen divisie, godenzonen, ajacied, ajacieden, amsterdammers, boeren, lichtstad,
tukkers, kuip, de kuip, johan cruijff arena, arena, philips stadion, abe lenstra, euroborg,
klassieker, kampioen, kampioenen, voetbal
`

const footballBE = `
anderlecht, rsc anderlecht, club brugge, clubbrugge, standard, standard luik, standard liège,
krc genk, racing genk, kaa gent, aa gent, royal antwerp, antwerp, union, union saint-gilloise,
usg, cercle brugge, cercle, kv mechelen, malinwa, oh leuven, beerschot, kv kortrijk, westerlo,
sporting charleroi, sint-truiden, stvv, zulte waregem, lierse, lokeren, rode duivels,
red devils, jupiler pro league
`

const footballDE = `
bayern, fc bayern, bayern münchen, fcb, fcbayern, borussia dortmund, bvb, bvb09, dortmund, borussia,
rb leipzig, rasenballsport, bayer leverkusen, bayer 04, leverkusen, eintracht frankfurt,
eintracht, sge, vfb stuttgart, vfb, sc freiburg, vfl wolfsburg, borussia mönchengladbach,
gladbach, bmg, fohlen, werder bremen, werder, sv werder, union berlin, fc union, eisern union,
fc augsburg, fca, tsg hoffenheim, hoffenheim, mainz 05, fsv mainz, vfl bochum, fc st. pauli,
st. pauli, sankt pauli, fc heidenheim, heidenheim, holstein kiel, fc köln, effzeh, 1. fc köln,
hamburger sv, hsv, fc schalke 04, schalke 04, schalke, s04, königsblau, knappen, hertha bsc,
hertha, fortuna düsseldorf, fortuna, f95, hannover 96, h96, fc nürnberg, 1. fc nürnberg, fcn,
der club, fc kaiserslautern, fck, lautern, betze, karlsruher sc, ksc, sc paderborn, paderborn,
greuther fürth, spvgg greuther fürth, kleeblatt, darmstadt 98, sv darmstadt, lilien,
sv elversberg, elversberg, jahn regensburg, ssv jahn, ssv ulm, preußen münster, preussen,
eintracht braunschweig, arminia bielefeld, arminia, dynamo dresden, dynamo, sgd, 1860 münchen,
tsv 1860, sechzger, löwen, msv duisburg, msv, energie cottbus, rot-weiss essen, rwe,
alemannia aachen, alemannia, erzgebirge aue, aue, hansa rostock, hansa, vfl osnabrück,
waldhof mannheim, waldhof, sv sandhausen, sandhausen, fc ingolstadt, ingolstadt, viktoria köln,
fc saarbrücken, sc verl, hallescher fc, hfc, wehen wiesbaden, svww, unterhaching,
spvgg unterhaching, rot-weiß oberhausen, kickers offenbach, ofc, stuttgarter kickers, vfb lübeck,
fc magdeburg, 1. fc magdeburg, fortuna köln, kfc uerdingen, uerdingen, carl zeiss jena,
chemnitzer fc, sv meppen, schweinfurt, 1. fc schweinfurt 05, türkgücü, sv babelsberg,
bundesliga, zweite liga, 2. bundesliga, dritte liga, 3. liga, dfb, dfb-pokal, nationalmannschaft,
die mannschaft, fußball, fussball, südkurve, gelbe wand, allianz arena, signal iduna park,
westfalenstadion, veltins-arena, parkstadion, volksparkstadion, weserstadion, revierderby,
meister, deutscher meister
`

const footballATCH = `
rapid wien, rapid, sk rapid, austria wien, fk austria, red bull salzburg, rb salzburg,
sturm graz, sturm, lask, wolfsberger ac, wac, admira, wacker innsbruck, wsg tirol, fc basel,
fcb, young boys, bsc young boys, yb, fc zürich, fcz, grasshoppers, gc, grasshopper club,
fc st. gallen, fc luzern, servette, fc sion, fc lugano, fc thun
`

const footballWorld = `
barcelona, fc barcelona, barca, barça, real madrid, realmadrid, real, atletico, atlético madrid,
juventus, juve, ac milan, milan, inter, inter milan, internazionale, napoli, roma, as roma, lazio,
liverpool, lfc, manchester united, man united, manutd, man utd, mufc, manchester city, mancity,
city, chelsea, arsenal, gunners, tottenham, spurs, everton, newcastle, aston villa, celtic,
rangers, psg, paris saint-germain, olympique marseille, marseille, lyon, benfica, porto, fc porto,
sporting, galatasaray, fenerbahçe, beşiktaş, besiktas, trabzonspor, boca juniors, river plate,
flamengo, santos, champions league, europa league, world cup, wk, wm, em, ek, messi, ronaldo,
cr7, cruijff, cruyff, beckenbauer, müller, neuer, kahn, klopp, haaland, mbappe, neymar, pele,
maradona, zidane
`

const months = `
januari, februari, maart, april, mei, juni, juli, augustus, september, oktober, november,
december, jan, feb, febr, mrt, mar, maa, apr, jun, jul, aug, sep, sept, okt, nov, dec,
januar, jänner, jaenner, februar, feber, märz, maerz, marz, mai, august, dezember, mär, mrz,
dez, january, february, march, may, june, july, october, oct
`

const weekdays = `
maandag, dinsdag, woensdag, donderdag, vrijdag, zaterdag, zondag, ma, di, wo, do, vr, za, zo,
maa, din, woe, don, vrij, zat, zon, weekend, werkdag, vandaag, morgen, gisteren,
montag, dienstag, mittwoch, donnerstag, freitag, samstag, sonnabend, sonntag, mo, mi, fr, sa,
so, mon, die, mit, fre, sam, son, wochenende, werktag, feiertag, heute, gestern, übermorgen,
monday, tuesday, wednesday, thursday, friday, saturday, sunday, tue, tues, wed, thu, thur,
thurs, fri, sat, sun, weekday, today, tomorrow, yesterday
`

// seasons holds the seasons and the holidays that passwords are named after.
const seasons = `
lente, voorjaar, zomer, herfst, najaar, winter, frühling, frühjahr, sommer, herbst, spring,
summer, autumn, fall, kerst, kerstmis, kerstfeest, pasen, pinksteren, sinterklaas, sint,
oudjaar, oud en nieuw, nieuwjaar, koningsdag, koninginnedag, carnaval, vastelaovend, valentijn,
moederdag, vaderdag, weihnachten, weihnacht, ostern, pfingsten, silvester, neujahr, karneval,
fasching, fastnacht, nikolaus, advent, muttertag, vatertag, valentinstag, oktoberfest, christmas,
xmas, easter, halloween, newyear, new year, valentine, valentines, thanksgiving, holiday,
holidays, vakantie, ferien, urlaub, vacation, zomervakantie, sommerferien, summertime, zomertijd,
sommerzeit, wintertijd, winterzeit
`

const greetings = `
welkom, welcome, willkommen, herzlich willkommen, welkom thuis, welcome home,
willkommen zurück, welkom terug, welcome back, hallo, hello, hi, hey, heya, hoi, hai, hoihoi,
moin, moinmoin, moin moin, servus, grüezi, gruezi, grüessech, grüß gott, grüss gott, gruss gott, griaß di,
grüß dich, salü, salut, ciao, tschau, tschüss, tschuss, tschüs, tschus, tschö, adieu, ade, pfiat di, doei,
doeg, dag, daag, houdoe, ajuus, aju, bye, goodbye, bye bye, byebye, see you, cya, tot ziens,
tot straks, tot morgen, auf wiedersehen, bis bald, bis später, bis morgen, goedemorgen,
goede morgen, goeiemorgen, goedemiddag, goedenavond, goedenacht, goedendag, goeiedag,
welterusten, slaap lekker, guten morgen, guten tag, guten abend, gute nacht, mahlzeit,
good morning, good afternoon, good evening, good night, goodnight, morning, gday, howdy,
groetjes, groeten, gegroet, gruß, grüße, liebe grüße, lg, mfg, cheers, regards, dank je,
dankjewel, dank u, dankuwel, bedankt, merci, danke, danke schön, dankeschön, vielen dank,
thanks, thank you, thankyou, thx, alsjeblieft, alstublieft, bitte, bitteschön, please, sorry,
proost, prost, prosit, gezondheid, gesundheit, gefeliciteerd, proficiat, glückwunsch,
herzlichen glückwunsch, congratulations, congrats, happy birthday, fijne dag, schönen tag,
have a nice day, hallo wereld, hallo welt, hello world, helloworld
`

const passwordWords = `
wachtwoord, wachtwoorden, passwort, passwörter, kennwort, kennwörter, password, passwords,
passwd, passw, passwrd, paswoord, paswort, passwoord, wagwoord, wachtwoord1, mijnwachtwoord,
meinpasswort, mypassword, nieuwwachtwoord, neuespasswort, newpassword, pass, pwd, pw, ww, pin,
pincode, geheim, geheimpje, geheimnis, geheimcode, secret, secrets, topsecret, streng geheim,
admin, administrator, beheerder, sysadmin, root, superuser, supervisor, login, logon, inloggen,
anmelden, anmeldung, einloggen, signin, sign in, user, username, gebruiker, gebruikersnaam,
benutzer, benutzername, nutzer, account, konto, guest, gast, demo, test, testen, testing,
tester, default, standaard, standard, changeme, wijzigmij, verander, ändern, aendern, ändermich,
letmein, laatmijerin, lassmichrein, open, openup, sesam, opensesame, sesamopen, master, sleutel,
schlüssel, key, toegang, zugang, access, code, systeem, system, server, netwerk, netzwerk, network, internet, wifi, wlan, computer,
laptop, windows, linux, office, outlook, google, gmail, apple, iphone, android, samsung,
facebook, instagram, netflix, microsoft, bedrijf, firma, company, werk, arbeit, work, kantoor,
büro, buero, nieuw, neu, new, oud, alt, old, begin, beginnen, start, anfang, tijdelijk,
temporär, temp, initial, eenmalig, einmal, onbekend, unbekannt, unknown, vergeten, vergessen,
forgot, iloveyou, ikhouvanjou, ichliebedich, liefde, liebe, love, schatje, schat, schatz,
schatzi, lieverd, liebling, sweetheart, zonneschijn, sonnenschein, sunshine, prinses,
prinzessin, princess, draak, drache, dragon, aap, affe, monkey, voetbal, fussball, football,
passwort123, wachtwoord123, helpdesk, support, service,
beveiliging, sicherheit, security, veilig, sicher, secure, privé, privat, private, persoonlijk,
persönlich, personal, mijnnaam, meinname, myname
`
