package pii

import "strings"

// headerWords are the header texts, folded (lower case, letters only), that
// name each kind in Dutch, German and English: exact words, and stems that
// a header containing them names.
var headerWords = []struct {
	kind  Kind
	exact []string
	stems []string
}{
	{Email, []string{"mail", "email", "emails"}, []string{"email", "mailadres", "mailaddress"}},
	{Phone, []string{"tel", "telnr", "fon", "gsm", "mobile", "mobil", "handy", "fax", "phone", "cell"},
		[]string{"telefo", "phone", "mobiel", "mobilnummer", "handynummer", "rufnummer", "mobielnummer"}},
	{Birthdate, []string{"dob", "geboren", "birth", "gebdat", "gebdatum"},
		[]string{"geboorte", "geburt", "birth", "verjaardag"}},
	{IBAN, []string{"iban", "rekening", "konto", "bank"},
		[]string{"iban", "rekeningnummer", "bankrekening", "kontonummer", "bankverbindung", "accountnumber", "bankaccount"}},
	{NationalID, []string{"bsn", "sofi", "ssn", "idnr", "steuerid", "taxid", "nationalid"},
		[]string{"burgerservice", "sofinummer", "steuerid", "steueridentifikation", "identifikationsnummer", "socialsecurity", "nationalid", "paspoort", "passport", "ausweis"}},
	{Gender, []string{"sex", "mv", "mw"}, []string{"aanhef", "geslacht", "anrede", "geschlecht", "salutation", "gender"}},
	{CustomerID, []string{"klant", "kunde", "kdnr", "knr", "customer", "client", "debiteur", "relatie", "lid", "mitglied", "member"},
		[]string{"klantnummer", "klantnr", "klantid", "klantcode", "relatienummer", "relatienr", "debiteurnummer", "debiteurnr",
			"kundennummer", "kundennr", "kundenid", "customerid", "customernumber", "customerno", "clientid", "clientnumber",
			"memberid", "lidnummer", "lidmaatschapsnummer", "mitgliedsnummer", "contactid", "userid", "accountid"}},
	{Name, []string{"naam", "name", "achternaam", "voornaam", "vorname", "nachname", "tussenvoegsel", "voorletters", "initialen", "surname"},
		[]string{"voornaam", "achternaam", "roepnaam", "vorname", "nachname", "familienname", "firstname", "lastname", "fullname", "surname",
			"contactpersoon", "ansprechpartner", "givenname", "tussenvoegsel"}},
	{Address, []string{"ort", "plz", "zip", "stad", "stadt", "city", "town", "plaats", "nr", "hnr", "huisnr", "hausnr"},
		[]string{"adres", "address", "anschrift", "straat", "strasse", "street", "huisnummer", "hausnummer", "housenumber", "postcode",
			"postleitzahl", "zipcode", "postalcode", "woonplaats", "wohnort", "residence"}},
	{FreeText, []string{"notes", "note", "memo", "info", "remarks"},
		[]string{"opmerking", "notitie", "toelichting", "bemerkung", "notiz", "kommentar", "anmerkung", "comment", "remark"}},
}

// trapStems are in headers of columns that are not about a person, whose
// cells may still look like personal data: order and invoice numbers
// (9 digits that pass the 11-proef), amounts and product codes (5 digits
// like a PLZ), order and signup dates, segments, campaigns, cost centres,
// companies. Under such a header only an e-mail address, an IBAN or a
// phone number counts.
var trapStems = []string{
	"order", "bestel", "factuur", "rechnung", "invoice", "auftrag", "omzet", "umsatz", "revenue", "turnover",
	"segment", "campagne", "kampagne", "campaign", "kosten", "cost", "bedrag", "betrag", "amount", "prijs",
	"preis", "price", "aantal", "anzahl", "quantity", "product", "artikel", "sku", "aanmeld", "inschrijf",
	"registr", "anmeld", "signup", "created", "aangemaakt", "erstellt", "kanaal", "kanal", "channel",
	"bedrijf", "firma", "firmen", "company", "unternehmen", "datum", "date", "jaar", "jahr", "year", "maand",
	"monat", "month", "week", "score", "rating", "budget", "clicks", "klik", "impression", "conversion",
}

// headerKind returns the kind that header names, and whether it is a trap
// header.
func headerKind(header string) (Kind, bool) {
	h := fold(header)
	if h == "" {
		return None, false
	}
	for _, hw := range headerWords {
		for _, e := range hw.exact {
			if h == e {
				return hw.kind, false
			}
		}
	}
	// A birth date is a date, so its stems come before the traps.
	for _, s := range []string{"geboorte", "geburt", "birth"} {
		if strings.Contains(h, s) {
			return Birthdate, false
		}
	}
	for _, s := range trapStems {
		if strings.Contains(h, s) {
			return None, true
		}
	}
	for _, hw := range headerWords {
		for _, s := range hw.stems {
			if strings.Contains(h, s) {
				return hw.kind, false
			}
		}
	}
	return None, false
}
