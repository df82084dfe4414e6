// Command gen writes the test corpora of package pii into its parent
// directory: invented people with real checksums, from a fixed seed, so
// that running it again writes the same files.
//
//	go run ./app/pii/testdata/gen
package main

import (
	"bytes"
	"fmt"
	"log"
	"math/big"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/nyaruka/phonenumbers"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
)

const rows = 300

var r = rand.New(rand.NewPCG(10, 2026))

func pick[T any](xs []T) T { return xs[r.IntN(len(xs))] }

func digits(n int) string {
	var b strings.Builder
	for range n {
		b.WriteByte(byte('0' + r.IntN(10)))
	}
	return b.String()
}

func bsn() string {
	for {
		d := digits(9)
		if d[0] == '0' {
			continue
		}
		sum := 0
		for i := range 8 {
			sum += (9 - i) * int(d[i]-'0')
		}
		if (sum-int(d[8]-'0'))%11 == 0 {
			return d
		}
	}
}

func steuerID() string {
	for {
		// Ten digits: one of them twice, the rest once (one left out).
		ds := r.Perm(10)
		d := ds[:9]
		d = append(d, d[r.IntN(9)])
		r.Shuffle(10, func(i, j int) { d[i], d[j] = d[j], d[i] })
		if d[0] == 0 {
			continue
		}
		product := 10
		var b strings.Builder
		for _, x := range d {
			b.WriteByte(byte('0' + x))
			sum := (x + product) % 10
			if sum == 0 {
				sum = 10
			}
			product = sum * 2 % 11
		}
		check := 11 - product
		if check == 10 {
			check = 0
		}
		b.WriteByte(byte('0' + check))
		return b.String()
	}
}

func iban(country, bban string) string {
	num := ""
	for _, c := range bban + country + "00" {
		if c >= 'A' && c <= 'Z' {
			num += fmt.Sprint(int(c-'A') + 10)
		} else {
			num += string(c)
		}
	}
	n, _ := new(big.Int).SetString(num, 10)
	check := 98 - new(big.Int).Mod(n, big.NewInt(97)).Int64()
	s := fmt.Sprintf("%s%02d%s", country, check, bban)
	var b strings.Builder
	for i := 0; i < len(s); i += 4 {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s[i:min(i+4, len(s))])
	}
	return b.String()
}

func phone(region string, forms []func() string) string {
	for {
		p := pick(forms)()
		if n, err := phonenumbers.Parse(p, region); err == nil && phonenumbers.IsValidNumber(n) {
			return p
		}
	}
}

var (
	nlFirst   = []string{"Jan", "Piet", "Kees", "Anna", "Sanne", "Lisa", "Eva", "Daan", "Bram", "Thijs", "Femke", "Joost", "Marieke", "Lotte", "Sem", "Noah", "Julia", "Tess", "Ruben", "Lieke"}
	nlLast    = []string{"Jansen", "Bakker", "Visser", "Smit", "Meijer", "Bos", "Mulder", "Dekker", "Peters", "Vermeulen", "Hendriks", "Dijkstra", "Brouwer", "Kok", "Jacobs", "Willems", "Koster", "Prins", "Huisman", "Postma"}
	nlTussen  = []string{"", "", "", "van", "de", "van der", "van den"}
	nlStreets = []string{"Kerkstraat", "Dorpsstraat", "Schoolstraat", "Molenweg", "Stationsweg", "Julianalaan", "Beukenlaan", "Marktplein", "Prinsengracht", "Havenkade", "Wilhelminasingel", "Zeedijk"}
	nlPlaces  = []string{"Amsterdam", "Rotterdam", "Utrecht", "Zwolle", "Groningen", "Leiden", "Haarlem", "Delft", "Eindhoven", "Tilburg"}
	deFirst   = []string{"Thomas", "Michael", "Stefan", "Julia", "Laura", "Sabine", "Katrin", "Jürgen", "Jörg", "Ursula", "Lukas", "Anna", "Felix", "Lena", "Günther"}
	deLast    = []string{"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Wagner", "Becker", "Hoffmann", "Schulz", "Koch", "Schäfer", "Krüger", "Weiß", "Möller", "Groß"}
	deStreets = []string{"Hauptstraße", "Bahnhofstraße", "Gartenstraße", "Schulstraße", "Lindenallee", "Marktplatz", "Goethestraße", "Schillerstr.", "Am Ring"}
	dePlaces  = []string{"Berlin", "Hamburg", "München", "Köln", "Frankfurt", "Stuttgart", "Düsseldorf", "Leipzig", "Dresden"}
	enFirst   = []string{"John", "Mary", "James", "Sarah", "Emma", "Oliver", "Thomas", "Laura", "Michael", "Julia"}
	enLast    = []string{"Smith", "Jones", "Taylor", "Brown", "Wilson", "Evans", "Johnson", "Walker", "Bakker", "Jansen"}
	segments  = []string{"Gold", "Silver", "Bronze", "Platinum"}
	campaigns = []string{"Zomer sale 2024", "Black Friday 2024", "Nieuwsbrief maart", "Winteractie 2025", "Kerst 2024"}
)

func date(fromYear, toYear int) time.Time {
	from := time.Date(fromYear, 1, 1, 0, 0, 0, 0, time.UTC)
	days := int(time.Date(toYear, 12, 31, 0, 0, 0, 0, time.UTC).Sub(from).Hours() / 24)
	return from.AddDate(0, 0, r.IntN(days))
}

func amount() string { return fmt.Sprintf("%d,%02d", r.IntN(5000), r.IntN(100)) }

// note is a free-text remark; one in four holds personal data.
func note(email, tel, ib string) string {
	switch r.IntN(8) {
	case 0:
		return "Terugbellen op " + tel + " na 17 uur"
	case 1:
		return "Nieuw adres doorgegeven, mail naar " + email
	case 2:
		return "Restitutie naar " + ib + ", akkoord"
	}
	return pick([]string{"", "", "Tevreden klant", "Wil geen nieuwsbrief meer", "Klacht over levering;\nopgelost", "Vraag \"korting\" beantwoord"})
}

func nlMobile() string { return "06-" + digits(8) }
func nlFixed() string {
	return "0" + pick([]string{"20", "10", "30", "38", "50", "71"}) + "-" + digits(7)
}
func nlIntl() string   { return "+31 6 " + digits(8) }
func deMobile() string { return "0" + pick([]string{"151", "160", "170", "176"}) + " " + digits(8) }
func deFixed() string  { return "0" + pick([]string{"30", "40", "89", "221"}) + " " + digits(7) }
func deIntl() string   { return "+49 30 " + digits(8) }
func email(f, l, dom string) string {
	repl := strings.NewReplacer(" ", "", "ü", "ue", "ö", "oe", "ä", "ae", "ß", "ss")
	return strings.ToLower(repl.Replace(f+"."+l)) + fmt.Sprint(r.IntN(100)) + "@" + dom
}

func nlRows() [][]string {
	out := [][]string{{"Klantnummer", "Aanhef", "Voornaam", "Tussenvoegsel", "Achternaam", "Straat", "Huisnummer", "Postcode",
		"Woonplaats", "Telefoon", "E-mailadres", "Geboortedatum", "IBAN", "BSN", "Segment", "Omzet 2024", "Aanmelddatum", "Opmerkingen"}}
	for i := range rows {
		f, l := pick(nlFirst), pick(nlLast)
		tel := phone("NL", []func() string{nlMobile, nlFixed, nlIntl})
		em := email(f, l, pick([]string{"gmail.com", "ziggo.nl", "kpnmail.nl", "hotmail.com"}))
		ib := iban("NL", pick([]string{"ABNA", "RABO", "INGB"})+digits(10))
		out = append(out, []string{fmt.Sprintf("KL-%06d", 1000+i), pick([]string{"Dhr.", "Mevr."}), f, pick(nlTussen), l,
			pick(nlStreets), fmt.Sprint(1 + r.IntN(200)), fmt.Sprintf("%d %c%c", 1000+r.IntN(9000), 'A'+r.IntN(18), 'A'+r.IntN(26)),
			pick(nlPlaces), tel, em, date(1940, 2004).Format("02-01-2006"), ib, bsn(), pick(segments), amount(),
			date(2019, 2025).Format("02-01-2006"), note(em, tel, ib)})
	}
	return out
}

func deRows() [][]string {
	out := [][]string{{"Kundennummer", "Anrede", "Vorname", "Nachname", "Straße", "PLZ", "Ort", "Telefon", "E-Mail",
		"Geburtsdatum", "IBAN", "Steuer-ID", "Kundensegment", "Umsatz", "Bestelldatum", "Bemerkung"}}
	for i := range rows {
		f, l := pick(deFirst), pick(deLast)
		tel := phone("DE", []func() string{deMobile, deFixed, deIntl})
		em := email(f, l, pick([]string{"web.de", "gmx.de", "t-online.de"}))
		ib := iban("DE", digits(18))
		out = append(out, []string{fmt.Sprint(500000 + i*7), pick([]string{"Herr", "Frau"}), f, l,
			pick(deStreets) + " " + fmt.Sprint(1+r.IntN(120)), fmt.Sprintf("%05d", 1067+r.IntN(98000)), pick(dePlaces), tel, em,
			date(1940, 2004).Format("02.01.2006"), ib, steuerID(), pick(segments), amount(), date(2022, 2025).Format("02.01.2006"),
			strings.NewReplacer("Terugbellen op", "Rückruf unter", "na 17 uur", "nach 17 Uhr", "Nieuw adres doorgegeven, mail naar", "Neue Adresse, Mail an",
				"Restitutie naar", "Erstattung auf", "akkoord", "erledigt", "Tevreden klant", "Zufrieden", "Wil geen nieuwsbrief meer", "Kein Newsletter mehr",
				"Klacht over levering;\nopgelost", "Reklamation Lieferung;\nerledigt", "Vraag \"korting\" beantwoord", "Frage zum \"Rabatt\" beantwortet").Replace(note(em, tel, ib))})
	}
	return out
}

func enRows() [][]string {
	out := [][]string{{"Customer ID", "Salutation", "First name", "Last name", "Address", "City", "Zip code", "Phone", "Email",
		"Date of birth", "IBAN", "Notes", "Campaign", "Revenue"}}
	for i := range rows {
		f, l := pick(enFirst), pick(enLast)
		tel := phone("NL", []func() string{nlIntl, nlMobile})
		em := email(f, l, "example.com")
		ib := iban("NL", "INGB"+digits(10))
		out = append(out, []string{fmt.Sprint(9000 + i), pick([]string{"Mr", "Mrs", "Ms"}), f, l,
			pick(nlStreets) + " " + fmt.Sprint(1+r.IntN(99)), pick(nlPlaces), fmt.Sprintf("%d %c%c", 1000+r.IntN(9000), 'B'+r.IntN(10), 'C'+r.IntN(20)),
			tel, em, date(1945, 2003).Format("2006-01-02"), ib,
			strings.NewReplacer("Terugbellen op", "Call back on", "na 17 uur", "after 5 pm", "Nieuw adres doorgegeven, mail naar", "New address, mail to",
				"Restitutie naar", "Refund to", "akkoord", "agreed", "Tevreden klant", "Happy customer", "Wil geen nieuwsbrief meer", "No newsletter",
				"Klacht over levering;\nopgelost", "Complaint, delivery;\nsolved", "Vraag \"korting\" beantwoord", "Asked about \"discount\"").Replace(note(em, tel, ib)),
			pick(campaigns), amount()})
	}
	return out
}

// marketingRows is a report with no personal data, but with the traps:
// 9-digit order numbers (some pass the 11-proef), 5-digit product codes,
// order and signup dates, segments, campaigns, cost centres.
func marketingRows() [][]string {
	out := [][]string{{"Ordernummer", "Referentie", "Productcode", "Code", "Aantal", "Bedrag", "Omzet", "Umsatz", "Orderdatum",
		"Aanmelddatum", "Segment", "Campagne", "Kostenplaats", "Kanaal"}}
	for range rows {
		order := digits(9)
		if r.IntN(11) == 0 {
			order = bsn()
		}
		out = append(out, []string{order, "1" + digits(8), fmt.Sprintf("%05d", 10000+r.IntN(89999)), fmt.Sprint(10000 + r.IntN(89999)),
			fmt.Sprint(1 + r.IntN(40)), amount(), amount(), amount(), date(2024, 2025).Format("02-01-2006"),
			date(2015, 2025).Format("2006-01-02"), pick(segments), pick(campaigns), "KP-" + fmt.Sprint(4100+r.IntN(20)),
			pick([]string{"E-mail", "Social", "Zoekmachine", "Direct"})})
	}
	return out
}

func csvBytes(rows [][]string, sep string, crlf bool) []byte {
	var b bytes.Buffer
	eol := "\n"
	if crlf {
		eol = "\r\n"
	}
	for _, row := range rows {
		for i, f := range row {
			if i > 0 {
				b.WriteString(sep)
			}
			if strings.ContainsAny(f, sep+"\"\n\r") {
				f = `"` + strings.ReplaceAll(f, `"`, `""`) + `"`
			}
			b.WriteString(f)
		}
		b.WriteString(eol)
	}
	return b.Bytes()
}

func write(dir, name string, data []byte) {
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
		log.Fatal(err)
	}
}

func main() {
	dir := "app/pii/testdata"
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	nl := nlRows()
	write(dir, "klanten_nl.csv", csvBytes(nl, ";", false))
	kolom := [][]string{{}}
	for i := range nl[0] {
		kolom[0] = append(kolom[0], fmt.Sprintf("Kolom%d", i+1))
	}
	write(dir, "kolom.csv", csvBytes(append(kolom, nl[1:]...), ";", false))
	de, err := charmap.Windows1252.NewEncoder().Bytes(csvBytes(deRows(), ";", true))
	if err != nil {
		log.Fatal(err)
	}
	write(dir, "kunden_de.csv", de)
	write(dir, "customers_en.csv", append([]byte("\xEF\xBB\xBF"), csvBytes(enRows(), ",", false)...))
	write(dir, "marketing.csv", csvBytes(marketingRows(), ";", false))

	// A workbook with two sheets: customers (birth dates as real dates)
	// and their orders.
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "Klanten")
	f.NewSheet("Bestellingen")
	dateStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	f.SetSheetRow("Klanten", "A1", &[]any{"Klantnummer", "Naam", "E-mail", "Mobiel", "Woonplaats", "Geboortedatum", "Segment"})
	f.SetSheetRow("Bestellingen", "A1", &[]any{"Ordernummer", "Klantnummer", "Productcode", "Bedrag", "Orderdatum"})
	for i := range rows {
		fn, l := pick(nlFirst), pick(nlLast)
		cell := fmt.Sprintf("A%d", i+2)
		f.SetSheetRow("Klanten", cell, &[]any{fmt.Sprintf("KL-%06d", 1000+i), fn + " " + pick(nlTussen[3:]) + " " + l,
			email(fn, l, "ziggo.nl"), phone("NL", []func() string{nlMobile}), pick(nlPlaces), date(1940, 2004), pick(segments)})
		f.SetCellStyle("Klanten", fmt.Sprintf("F%d", i+2), fmt.Sprintf("F%d", i+2), dateStyle)
		f.SetSheetRow("Bestellingen", cell, &[]any{digits(9), fmt.Sprintf("KL-%06d", 1000+r.IntN(rows)), 10000 + r.IntN(89999),
			float64(r.IntN(50000)) / 100, date(2024, 2025)})
		f.SetCellStyle("Bestellingen", fmt.Sprintf("E%d", i+2), fmt.Sprintf("E%d", i+2), dateStyle)
	}
	if err := f.SaveAs(filepath.Join(dir, "werkmap.xlsx")); err != nil {
		log.Fatal(err)
	}
}
