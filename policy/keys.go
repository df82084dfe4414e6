package policy

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Type is the type of a policy key's value.
type Type int

// The value types a key can have.
const (
	// TypeDuration is a duration, written as a string such as "5m" or "7d".
	TypeDuration Type = iota
	// TypeBool is true or false.
	TypeBool
	// TypeInt is a whole number.
	TypeInt
	// TypeEnum is one string out of a fixed set.
	TypeEnum
	// TypeStringList is a list of non-empty strings.
	TypeStringList
	// TypeArgv is a command line: a program followed by its arguments.
	TypeArgv
)

// String returns the name used in the schema, the reference and messages.
func (t Type) String() string {
	switch t {
	case TypeDuration:
		return "duration"
	case TypeBool:
		return "bool"
	case TypeInt:
		return "integer"
	case TypeEnum:
		return "enum"
	case TypeStringList:
		return "list of strings"
	case TypeArgv:
		return "command (list of strings)"
	}
	return fmt.Sprintf("Type(%d)", int(t))
}

// Order says which of two values of a key is the stricter one, and so how a
// managed value and the user's value combine.
type Order int

// The orders a key can have.
const (
	// NoOrder means neither value is stricter: a managed value wins outright.
	NoOrder Order = iota
	// LowerIsStricter: the smaller value is stricter (timeouts, ages).
	LowerIsStricter
	// HigherIsStricter: the larger value is stricter (scores, lengths).
	HigherIsStricter
	// TrueIsStricter: true is stricter than false.
	TrueIsStricter
	// FalseIsStricter: false is stricter than true.
	FalseIsStricter
	// UnionIsStricter: lists add up; more entries is stricter.
	UnionIsStricter
)

// String returns a short English description used in the reference.
func (o Order) String() string {
	switch o {
	case NoOrder:
		return "managed wins"
	case LowerIsStricter:
		return "lower"
	case HigherIsStricter:
		return "higher"
	case TrueIsStricter:
		return "true"
	case FalseIsStricter:
		return "false"
	case UnionIsStricter:
		return "union"
	}
	return fmt.Sprintf("Order(%d)", int(o))
}

// Doc is a key's documentation in each of Grendel's languages.
type Doc struct {
	EN, NL, DE string
}

// In returns the text for a language code ("en", "nl" or "de"), falling back
// to English.
func (d Doc) In(lang string) string {
	switch lang {
	case "nl":
		return d.NL
	case "de":
		return d.DE
	}
	return d.EN
}

// Key is the dotted name of a policy key, such as "lock.idle_timeout", as a
// policy file nests it. Use the constants below rather than literals; a
// name read from outside (a file, a registry value) becomes a Key only
// through [Lookup] or the parser, which map it onto one of them.
type Key string

// Definition declares one policy key: its type, default, bounds, order and
// documentation. [Keys] lists them all.
type Definition struct {
	// Name is the key.
	Name Key
	// Type is the type of the value.
	Type Type
	// Default is the built-in value: a time.Duration, bool, int, string or
	// []string according to Type.
	Default any
	// Strict is the value the key takes when a managed or --policy file
	// that may set it fails closed, where it differs from Default; nil
	// means Default. See [Definition.StrictDefault].
	Strict any
	// Min and Max bound durations and integers (inclusive). For lists they
	// bound the number of entries.
	Min, Max int64
	// Enum lists the allowed values of a TypeEnum key.
	Enum []string
	// EnumTitles names each value of Enum, in the same order, where
	// administrators choose one (the ADMX templates).
	EnumTitles []Doc
	// Order says which direction is stricter.
	Order Order
	// MachineOnly keys are set by the computer's platform stores alone:
	// HKLM, not HKCU; a profile of the computer, not one of a user. A
	// user's store that sets one is reported ([CodeMachineOnly]) and
	// ignored.
	MachineOnly bool
	// Title is the key's short name where administrators set it: a
	// policy's display name in Group Policy and Intune.
	Title Doc
	// Doc documents the key.
	Doc Doc
	// field says where the value lives in Settings, typed.
	field slot
}

// The policy keys, in documentation order.
const (
	LockIdleTimeout     Key = "lock.idle_timeout"
	LockWarning         Key = "lock.warning"
	LockOnSleep         Key = "lock.on_sleep"
	LockCommand         Key = "lock.command"
	LockSnoozeMax       Key = "lock.snooze_max"
	PasswordMinScore    Key = "password.min_score"
	PasswordMinLength   Key = "password.min_length"
	PasswordBannedWords Key = "password.banned_words"
	ShareMaxAge         Key = "share.max_age"
	ShareClipboardClear Key = "share.clipboard_clear"
	ShareGenerator      Key = "share.generator"
	ShareWords          Key = "share.words"
	ShareLanguage       Key = "share.language"
	SharePartners       Key = "share.partners"
	SharePartnersOnly   Key = "share.partners_only"
	FileMinPasswordBits Key = "file.min_password_bits"
	AppAllowQuit        Key = "app.allow_quit"
)

// Limits that several keys share.
const (
	maxListEntries     = 1000
	maxListEntryLength = 256
	maxArgvEntries     = 64
	maxArgvEntryLength = 4096
	day                = 24 * time.Hour
)

var keys = []Definition{
	{
		Name: LockIdleTimeout, Type: TypeDuration, Default: 5 * time.Minute,
		Min: int64(10 * time.Second), Max: int64(4 * time.Hour), Order: LowerIsStricter,
		Title: Doc{EN: "Idle time before locking", NL: "Tijd zonder invoer tot vergrendelen", DE: "Leerlaufzeit bis zur Sperre"},
		Doc: Doc{
			EN: "Lock the workstation after this long without input. A maximum: the user may choose a shorter time.",
			NL: "Vergrendel de werkplek na zo lang zonder invoer. Een maximum: de gebruiker mag een kortere tijd kiezen.",
			DE: "Den Arbeitsplatz nach so langer Zeit ohne Eingabe sperren. Ein Höchstwert: Benutzer dürfen eine kürzere Zeit wählen.",
		},
		field: ref(func(s *Settings) *time.Duration { return &s.Lock.IdleTimeout }),
	},
	{
		Name: LockWarning, Type: TypeDuration, Default: 30 * time.Second,
		Min: 0, Max: int64(5 * time.Minute), Order: NoOrder,
		Title: Doc{EN: "Countdown before locking", NL: "Aftellen vóór het vergrendelen", DE: "Countdown vor dem Sperren"},
		Doc: Doc{
			EN: "Show a countdown this long before locking; any input cancels it. Must be less than lock.idle_timeout; 0 locks without warning.",
			NL: "Toon zo lang vóór het vergrendelen een aftelling; elke invoer breekt die af. Moet korter zijn dan lock.idle_timeout; 0 vergrendelt zonder waarschuwing.",
			DE: "So lange vor dem Sperren einen Countdown zeigen; jede Eingabe bricht ihn ab. Muss kürzer als lock.idle_timeout sein; 0 sperrt ohne Warnung.",
		},
		field: ref(func(s *Settings) *time.Duration { return &s.Lock.Warning }),
	},
	{
		Name: LockOnSleep, Type: TypeBool, Default: true, Order: TrueIsStricter,
		Title: Doc{EN: "Lock before sleep", NL: "Vergrendelen vóór de slaapstand", DE: "Vor dem Ruhezustand sperren"},
		Doc: Doc{
			EN: "Lock the workstation before it goes to sleep.",
			NL: "Vergrendel de werkplek voordat die in slaapstand gaat.",
			DE: "Den Arbeitsplatz sperren, bevor er in den Ruhezustand geht.",
		},
		field: ref(func(s *Settings) *bool { return &s.Lock.OnSleep }),
	},
	{
		Name: LockCommand, Type: TypeArgv, Default: []string(nil), Min: 0, Max: maxArgvEntries, Order: NoOrder, MachineOnly: true,
		Title: Doc{EN: "Command to lock the screen", NL: "Opdracht om het scherm te vergrendelen", DE: "Befehl zum Sperren des Bildschirms"},
		Doc: Doc{
			EN: "Program and arguments to lock the screen, tried before the built-in methods; the lock is verified either way. Empty: built-in methods only.",
			NL: "Programma en argumenten om het scherm te vergrendelen, geprobeerd vóór de ingebouwde methoden; de vergrendeling wordt hoe dan ook gecontroleerd. Leeg: alleen ingebouwde methoden.",
			DE: "Programm und Argumente zum Sperren des Bildschirms, vor den eingebauten Methoden versucht; die Sperre wird in jedem Fall geprüft. Leer: nur eingebaute Methoden.",
		},
		field: ref(func(s *Settings) *[]string { return &s.Lock.Command }),
	},
	{
		Name: LockSnoozeMax, Type: TypeDuration, Default: time.Duration(0),
		Min: 0, Max: int64(2 * time.Hour), Order: LowerIsStricter,
		Title: Doc{EN: "Longest presentation mode", NL: "Langste presentatiemodus", DE: "Längster Präsentationsmodus"},
		Doc: Doc{
			EN: "Longest presentation mode (auto-lock paused) a user may start. 0: no presentation mode.",
			NL: "Langste presentatiemodus (automatisch vergrendelen gepauzeerd) die een gebruiker mag starten. 0: geen presentatiemodus.",
			DE: "Längster Präsentationsmodus (automatisches Sperren pausiert), den Benutzer starten dürfen. 0: kein Präsentationsmodus.",
		},
		field: ref(func(s *Settings) *time.Duration { return &s.Lock.SnoozeMax }),
	},
	{
		Name: PasswordMinScore, Type: TypeInt, Default: 3, Min: 0, Max: 4, Order: HigherIsStricter,
		Title: Doc{EN: "Minimum password score", NL: "Minimale wachtwoordscore", DE: "Mindestbewertung für Passwörter"},
		Doc: Doc{
			EN: "Lowest zxcvbn score (0–4) a password must reach to be accepted.",
			NL: "Laagste zxcvbn-score (0–4) die een wachtwoord moet halen om geaccepteerd te worden.",
			DE: "Niedrigste zxcvbn-Bewertung (0–4), die ein Passwort erreichen muss, um akzeptiert zu werden.",
		},
		field: ref(func(s *Settings) *int { return &s.Password.MinScore }),
	},
	{
		Name: PasswordMinLength, Type: TypeInt, Default: 12, Min: 8, Max: 128, Order: HigherIsStricter,
		Title: Doc{EN: "Minimum password length", NL: "Minimale wachtwoordlengte", DE: "Mindestlänge für Passwörter"},
		Doc: Doc{
			EN: "Shortest password, in characters, that is accepted.",
			NL: "Kortste wachtwoord, in tekens, dat geaccepteerd wordt.",
			DE: "Kürzestes Passwort in Zeichen, das akzeptiert wird.",
		},
		field: ref(func(s *Settings) *int { return &s.Password.MinLength }),
	},
	{
		Name: PasswordBannedWords, Type: TypeStringList, Default: []string(nil), Min: 0, Max: maxListEntries, Order: UnionIsStricter,
		Title: Doc{EN: "Banned words in passwords", NL: "Verboden woorden in wachtwoorden", DE: "Verbotene Wörter in Passwörtern"},
		Doc: Doc{
			EN: "Words a password must not be built on, such as the company's name: a password that holds one (in any case, in leetspeak or reversed) fails the policy however strong the rest is.",
			NL: "Woorden waarop een wachtwoord niet gebaseerd mag zijn, zoals de bedrijfsnaam: een wachtwoord dat er een bevat (in hoofd- of kleine letters, in leetspeak of omgekeerd) voldoet niet aan het beleid, hoe sterk de rest ook is.",
			DE: "Wörter, auf denen ein Passwort nicht beruhen darf, etwa der Firmenname: ein Passwort, das eines enthält (in beliebiger Schreibung, in Leetspeak oder rückwärts), erfüllt die Richtlinie nicht, wie stark der Rest auch ist.",
		},
		field: ref(func(s *Settings) *[]string { return &s.Password.BannedWords }),
	},
	{
		Name: ShareMaxAge, Type: TypeDuration, Default: 7 * day,
		Min: int64(time.Hour), Max: int64(90 * day), Order: LowerIsStricter,
		Title: Doc{EN: "Maximum age of share passwords", NL: "Maximale leeftijd van deelwachtwoorden", DE: "Höchstalter von Freigabepasswörtern"},
		Doc: Doc{
			EN: "After this long a share password is due to be retired, and Grendel reminds the user.",
			NL: "Na zo lang moet een deelwachtwoord worden ingetrokken, en herinnert Grendel de gebruiker eraan.",
			DE: "Nach so langer Zeit ist ein Freigabepasswort auszumustern, und Grendel erinnert daran.",
		},
		field: ref(func(s *Settings) *time.Duration { return &s.Share.MaxAge }),
	},
	{
		Name: ShareClipboardClear, Type: TypeDuration, Default: 30 * time.Second,
		Min: int64(5 * time.Second), Max: int64(5 * time.Minute), Order: LowerIsStricter,
		Title: Doc{EN: "Clear copied passwords from the clipboard", NL: "Gekopieerde wachtwoorden van het klembord wissen", DE: "Kopierte Passwörter aus der Zwischenablage löschen"},
		Doc: Doc{
			EN: "Clear a copied password from the clipboard after this long.",
			NL: "Wis een gekopieerd wachtwoord na zo lang van het klembord.",
			DE: "Ein kopiertes Passwort nach so langer Zeit aus der Zwischenablage löschen.",
		},
		field: ref(func(s *Settings) *time.Duration { return &s.Share.ClipboardClear }),
	},
	{
		Name: ShareGenerator, Type: TypeEnum, Default: "passphrase", Enum: []string{"passphrase", "random"}, Order: NoOrder,
		EnumTitles: []Doc{
			{EN: "Passphrase", NL: "Wachtwoordzin", DE: "Passphrase"},
			{EN: "Random characters", NL: "Willekeurige tekens", DE: "Zufällige Zeichen"},
		},
		Title: Doc{EN: "Kind of share password", NL: "Soort deelwachtwoord", DE: "Art der Freigabepasswörter"},
		Doc: Doc{
			EN: "How share passwords are generated: a passphrase that can be read out over the phone, or random characters.",
			NL: "Hoe deelwachtwoorden worden gemaakt: een wachtwoordzin die je telefonisch kunt voorlezen, of willekeurige tekens.",
			DE: "Wie Freigabepasswörter erzeugt werden: eine Passphrase, die man am Telefon vorlesen kann, oder zufällige Zeichen.",
		},
		field: ref(func(s *Settings) *string { return &s.Share.Generator }),
	},
	{
		Name: ShareWords, Type: TypeInt, Default: 5, Min: 4, Max: 10, Order: HigherIsStricter,
		Title: Doc{EN: "Words per passphrase", NL: "Woorden per wachtwoordzin", DE: "Wörter pro Passphrase"},
		Doc: Doc{
			EN: "Number of words in a generated passphrase.",
			NL: "Aantal woorden in een gegenereerde wachtwoordzin.",
			DE: "Anzahl der Wörter in einer erzeugten Passphrase.",
		},
		field: ref(func(s *Settings) *int { return &s.Share.Words }),
	},
	{
		Name: ShareLanguage, Type: TypeEnum, Default: "auto", Enum: []string{"auto", "nl", "de", "en"}, Order: NoOrder,
		EnumTitles: []Doc{
			{EN: "The user's language", NL: "Taal van de gebruiker", DE: "Sprache des Benutzers"},
			{EN: "Dutch", NL: "Nederlands", DE: "Niederländisch"},
			{EN: "German", NL: "Duits", DE: "Deutsch"},
			{EN: "English", NL: "Engels", DE: "Englisch"},
		},
		Title: Doc{EN: "Language of passphrases", NL: "Taal van wachtwoordzinnen", DE: "Sprache der Passphrasen"},
		Doc: Doc{
			EN: "Language of passphrase words: auto follows the user's language.",
			NL: "Taal van de woorden in wachtwoordzinnen: auto volgt de taal van de gebruiker.",
			DE: "Sprache der Wörter in Passphrasen: auto folgt der Sprache des Benutzers.",
		},
		field: ref(func(s *Settings) *string { return &s.Share.Language }),
	},
	{
		Name: SharePartners, Type: TypeStringList, Default: []string(nil), Min: 0, Max: maxListEntries, Order: NoOrder,
		Title: Doc{EN: "Recipients with a processing agreement", NL: "Ontvangers met een verwerkersovereenkomst", DE: "Empfänger mit Auftragsverarbeitungsvertrag"},
		Doc: Doc{
			EN: "The recipients the organisation has a processing agreement with: e-mail domains such as mailhuis.nl (which also admit their subdomains) or names. A recipient is matched by the domain of its e-mail address or by its name, in any case.",
			NL: "De ontvangers met wie de organisatie een verwerkersovereenkomst heeft: e-maildomeinen zoals mailhuis.nl (hun subdomeinen tellen mee) of namen. Een ontvanger telt mee via het domein van zijn e-mailadres of via zijn naam, ongeacht hoofdletters.",
			DE: "Die Empfänger, mit denen die Organisation einen Auftragsverarbeitungsvertrag hat: E-Mail-Domains wie mailhuis.nl (ihre Subdomains zählen mit) oder Namen. Ein Empfänger zählt über die Domain seiner E-Mail-Adresse oder über seinen Namen, unabhängig von Groß- und Kleinschreibung.",
		},
		field: ref(func(s *Settings) *[]string { return &s.Share.Partners }),
	},
	{
		Name: SharePartnersOnly, Type: TypeBool, Default: false, Strict: true, Order: TrueIsStricter,
		Title: Doc{EN: "Encrypt for agreed recipients only", NL: "Alleen versleutelen voor ontvangers met overeenkomst", DE: "Nur für Empfänger mit Vertrag verschlüsseln"},
		Doc: Doc{
			EN: "Encrypt files only for recipients on share.partners, and refuse anyone else.",
			NL: "Versleutel bestanden alleen voor ontvangers uit share.partners en weiger alle anderen.",
			DE: "Dateien nur für Empfänger aus share.partners verschlüsseln und alle anderen ablehnen.",
		},
		field: ref(func(s *Settings) *bool { return &s.Share.PartnersOnly }),
	},
	{
		Name: FileMinPasswordBits, Type: TypeInt, Default: 80, Min: 64, Max: 256, Order: HigherIsStricter,
		Title: Doc{EN: "Minimum strength of file passwords", NL: "Minimale sterkte van bestandswachtwoorden", DE: "Mindeststärke von Dateipasswörtern"},
		Doc: Doc{
			EN: "Least entropy, in bits, of the generated password of an encrypted file: an attachment can be attacked offline, and the key derivations of ZIP and PDF are cheap, so files get longer passwords than the share.words setting alone would give.",
			NL: "Minimale entropie, in bits, van het gegenereerde wachtwoord van een versleuteld bestand: een bijlage kan offline worden aangevallen en de sleutelafleiding van ZIP en PDF is goedkoop, dus krijgen bestanden langere wachtwoorden dan share.words alleen zou geven.",
			DE: "Mindestentropie in Bit des erzeugten Passworts einer verschlüsselten Datei: ein Anhang lässt sich offline angreifen, und die Schlüsselableitung von ZIP und PDF ist billig, daher bekommen Dateien längere Passwörter, als share.words allein ergäbe.",
		},
		field: ref(func(s *Settings) *int { return &s.File.MinPasswordBits }),
	},
	{
		Name: AppAllowQuit, Type: TypeBool, Default: true, Strict: false, Order: FalseIsStricter,
		Title: Doc{EN: "Allow quitting Grendel", NL: "Afsluiten van Grendel toestaan", DE: "Beenden von Grendel erlauben"},
		Doc: Doc{
			EN: "Whether the tray menu offers to quit Grendel.",
			NL: "Of het menu in het systeemvak aanbiedt Grendel af te sluiten.",
			DE: "Ob das Menü im Infobereich anbietet, Grendel zu beenden.",
		},
		field: ref(func(s *Settings) *bool { return &s.App.AllowQuit }),
	},
}

// Keys returns the definitions of every policy key, in documentation order.
// The slice is a copy; changing it changes nothing.
func Keys() []Definition {
	return slices.Clone(keys)
}

// Lookup returns the definition of the key k, and false if k names none
// (it is matched exactly: a name in other capitals is no key here).
func Lookup(k Key) (Definition, bool) {
	for _, d := range keys {
		if d.Name == k {
			return d, true
		}
	}
	return Definition{}, false
}

// String returns the dotted name.
func (k Key) String() string { return string(k) }

// Group returns the part of the name before its dot, such as "lock".
func (k Key) Group() string {
	group, _, _ := strings.Cut(string(k), ".")
	return group
}

// StrictDefault returns the value the key takes when a managed or --policy
// file that may set it fails closed: for a bool key with an order, the
// stricter of the two; for the others the built-in default, which for
// every ordered key is the strict value that the README's reference
// documents (a test keeps each at its strictest end or at a documented
// value no looser than the default).
func (k Definition) StrictDefault() any {
	if k.Strict != nil {
		return k.Strict
	}
	return k.Default
}

// Bounded reports whether the key's values are bounded by Min and Max.
func (k Definition) Bounded() bool {
	return k.Type == TypeDuration || k.Type == TypeInt
}

// FlatName returns the key's name where a platform keeps values in one flat
// namespace: a Windows registry value name, a macOS managed-preferences key.
// It is the dotted name in CamelCase, with the unit of a duration at the
// end, because there a duration is a whole number of seconds:
// "lock.idle_timeout" is "LockIdleTimeoutSeconds", "app.allow_quit" is
// "AppAllowQuit". Every platform store and template uses it, so the names
// agree everywhere.
func (k Definition) FlatName() string {
	var b strings.Builder
	for _, part := range strings.FieldsFunc(string(k.Name), func(r rune) bool { return r == '.' || r == '_' }) {
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	if k.Type == TypeDuration {
		b.WriteString("Seconds")
	}
	return b.String()
}

// LookupFlat returns the definition whose [Definition.FlatName] is name,
// matched without regard to case (the registry ignores case in value
// names), and false if there is none.
func LookupFlat(name string) (Definition, bool) {
	for _, d := range keys {
		if strings.EqualFold(d.FlatName(), name) {
			return d, true
		}
	}
	return Definition{}, false
}
