// Package admx writes Grendel's Administrative Templates: grendel.admx
// and its language files (en-US, nl-NL, de-DE grendel.adml), from the key
// table of package policy, so that Group Policy and Intune offer every
// policy key and write it where [policy.RegistryStore] reads it.
//
// # What the templates write
//
// Each key is a policy named by [policy.Definition.FlatName] under
// HKLM or HKCU\Software\Policies\Grendel\Grendel (class "Both"; lock.command
// only for the computer, class "Machine"), in the category "Grendel", and
// again as a recommended policy (the user may change it) under the
// Recommended subkey, in the category "Grendel – recommended", as
// Chrome and Edge do. A duration is a decimal of seconds, an integer a
// decimal, both with their key's bounds; a bool is 1 when enabled and 0
// when disabled; an enum is a REG_SZ of one of its values; a list is a
// subkey of the key's name with values named 1, 2, 3 ….
//
// The templates are self-contained: their own supportedOn definition and
// categories, no reference to Windows.admx.
package admx

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"grendel/internal/atomicfile"
	"grendel/policy"
)

// The templates' version: Revision is raised with every change of them
// (TestDeployCopies refuses a change under the committed copies'
// revision), its major part only when a change is incompatible (a value
// renamed or retyped). Namespace, the target namespace, carries the major
// version, so that Intune, which keeps imported templates by namespace,
// can hold an incompatible version beside the one in use; Prefix is the
// namespace's prefix.
const (
	revisionMajor = "1"
	Revision      = revisionMajor + ".1"
	Namespace     = "Grendel.Policies.Grendel.v" + revisionMajor
	Prefix        = "grendel"
)

// ADMXFile is the name of the ADMX file, relative to the directory the
// templates are written to; each language's ADML file is in a directory
// of its culture's name (see [ADMLFile]).
const ADMXFile = "grendel.admx"

// Languages maps each of Grendel's languages ("en", "nl", "de") to the
// culture name of its ADML directory.
var Languages = []struct{ Lang, Culture string }{
	{"en", "en-US"}, {"nl", "nl-NL"}, {"de", "de-DE"},
}

// ADMLFile returns the path of a culture's ADML file, such as
// "nl-NL/grendel.adml".
func ADMLFile(culture string) string {
	return culture + "/grendel.adml"
}

const xmlns = "http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions"

// The names the templates define besides the policies.
const (
	supportedID   = "SUPPORTED_Grendel"
	categoryID    = "Grendel"
	recommendedID = "Grendel_Recommended"
)

// texts are the templates' own words, beside the key table's.
var texts = struct {
	supported, category, recommended, description, seconds, value, entries, keyLine, defaultLine, unit, on, off, none policy.Doc
}{
	supported:   policy.Doc{EN: "Grendel on Windows", NL: "Grendel onder Windows", DE: "Grendel unter Windows"},
	category:    policy.Doc{EN: "Grendel", NL: "Grendel", DE: "Grendel"},
	recommended: policy.Doc{EN: "Grendel – recommended (the user may change it)", NL: "Grendel – aanbevolen (de gebruiker mag het wijzigen)", DE: "Grendel – empfohlen (Benutzer dürfen es ändern)"},
	description: policy.Doc{EN: "Policies for Grendel: idle lock, passwords and encrypted file sharing.", NL: "Beleid voor Grendel: automatisch vergrendelen, wachtwoorden en versleuteld bestanden delen.", DE: "Richtlinien für Grendel: automatische Sperre, Passwörter und verschlüsselte Dateifreigabe."},
	seconds:     policy.Doc{EN: "Seconds:", NL: "Seconden:", DE: "Sekunden:"},
	value:       policy.Doc{EN: "Value:", NL: "Waarde:", DE: "Wert:"},
	entries:     policy.Doc{EN: "Entries (one per line):", NL: "Items (één per regel):", DE: "Einträge (einer pro Zeile):"},
	keyLine:     policy.Doc{EN: "Policy key: %s. Registry value: %s.", NL: "Beleidssleutel: %s. Registerwaarde: %s.", DE: "Richtlinienschlüssel: %s. Registrierungswert: %s."},
	defaultLine: policy.Doc{EN: "Not configured: %s.", NL: "Niet geconfigureerd: %s.", DE: "Nicht konfiguriert: %s."},
	unit:        policy.Doc{EN: "seconds", NL: "seconden", DE: "Sekunden"},
	on:          policy.Doc{EN: "enabled", NL: "ingeschakeld", DE: "aktiviert"},
	off:         policy.Doc{EN: "disabled", NL: "uitgeschakeld", DE: "deaktiviert"},
	none:        policy.Doc{EN: "none", NL: "geen", DE: "keine"},
}

// Generate returns the templates: file name (see [ADMXFile] and
// [ADMLFile]) → content.
func Generate() (map[string][]byte, error) {
	out := map[string][]byte{}
	b, err := encode(buildADMX())
	if err != nil {
		return nil, err
	}
	out[ADMXFile] = b
	for _, l := range Languages {
		b, err := encode(buildADML(l.Lang))
		if err != nil {
			return nil, err
		}
		out[ADMLFile(l.Culture)] = b
	}
	return out, nil
}

// Write writes the templates into dir, creating it and the language
// directories as needed; each file is written atomically (a temporary
// file, then a rename).
func Write(dir string) error {
	files, err := Generate()
	if err != nil {
		return err
	}
	for name, b := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		// Readable by all, as the templates in PolicyDefinitions are.
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := atomicfile.Write(path, b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// encode returns v as an indented XML document in UTF-8.
func encode(v any) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n")
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("admx: %w", err)
	}
	b.WriteString("\n")
	return b.Bytes(), nil
}

// variant is one of the two policies made of each key.
type variant struct {
	suffix   string // of the policy's name: "" or "_Recommended"
	key      string // registry key
	category string
}

var variants = []variant{
	{"", policy.RegistryPath, categoryID},
	{"_Recommended", policy.RegistryPath + `\` + policy.RegistryRecommended, recommendedID},
}

// buildADMX returns the ADMX document.
func buildADMX() PolicyDefinitions {
	d := PolicyDefinitions{
		Xmlns: xmlns, Revision: Revision, SchemaVersion: "1.0",
		Namespaces: Namespaces{Target: TargetNamespace{Prefix: Prefix, Namespace: Namespace}},
		Resources:  Resources{MinRequiredRevision: Revision},
		SupportedOn: SupportedOn{Definitions: []SupportedDefinition{
			{Name: supportedID, DisplayName: str(supportedID)},
		}},
		Categories: []Category{
			{Name: categoryID, DisplayName: str(categoryID)},
			{Name: recommendedID, DisplayName: str(recommendedID), Parent: &Ref{Ref: categoryID}},
		},
	}
	for _, v := range variants {
		for _, k := range policy.Keys() {
			d.Policies = append(d.Policies, buildPolicy(k, v))
		}
	}
	return d
}

// buildPolicy returns the policy of key k in variant v.
func buildPolicy(k policy.Definition, v variant) Policy {
	name := k.FlatName()
	p := Policy{
		Name: name + v.suffix, Class: "Both",
		DisplayName: str(name), ExplainText: str(name + "_Explain"),
		Key: v.key, Parent: Ref{Ref: v.category}, SupportedOn: Ref{Ref: supportedID},
	}
	if k.MachineOnly {
		p.Class = "Machine"
	}
	switch k.Type {
	case policy.TypeBool:
		p.ValueName = name
		p.EnabledValue = &Value{Decimal: &Decimal{Value: 1}}
		p.DisabledValue = &Value{Decimal: &Decimal{Value: 0}}
		return p
	case policy.TypeDuration, policy.TypeInt:
		lo, hi := k.Min, k.Max
		if k.Type == policy.TypeDuration {
			lo, hi = lo/int64(time.Second), hi/int64(time.Second)
		}
		p.Elements = &Elements{Decimals: []DecimalElement{{ID: name, ValueName: name, MinValue: uint64(lo), MaxValue: uint64(hi)}}}
	case policy.TypeEnum:
		e := EnumElement{ID: name, ValueName: name, Required: true}
		for _, value := range k.Enum {
			e.Items = append(e.Items, EnumItem{DisplayName: str(name + "_" + value), Value: Value{String: &value}})
		}
		p.Elements = &Elements{Enums: []EnumElement{e}}
	case policy.TypeStringList, policy.TypeArgv:
		p.Elements = &Elements{Lists: []ListElement{{ID: name, Key: v.key + `\` + name, ValuePrefix: new(string)}}}
	}
	p.Presentation = "$(presentation." + name + ")"
	return p
}

// buildADML returns the ADML document of a language.
func buildADML(lang string) PolicyDefinitionResources {
	r := PolicyDefinitionResources{
		Xmlns: xmlns, Revision: Revision, SchemaVersion: "1.0",
		DisplayName: texts.category.In(lang), Description: texts.description.In(lang),
	}
	add := func(id, text string) {
		r.Resources.Strings = append(r.Resources.Strings, String{ID: id, Text: text})
	}
	add(supportedID, texts.supported.In(lang))
	add(categoryID, texts.category.In(lang))
	add(recommendedID, texts.recommended.In(lang))
	for _, k := range policy.Keys() {
		name := k.FlatName()
		add(name, k.Title.In(lang))
		explain := k.Doc.In(lang) + "\n\n" + fmt.Sprintf(texts.defaultLine.In(lang), defaultText(k, lang)) +
			"\n\n" + fmt.Sprintf(texts.keyLine.In(lang), k.Name, name)
		add(name+"_Explain", explain)
		for i, value := range k.Enum {
			add(name+"_"+value, k.EnumTitles[i].In(lang))
		}
		switch k.Type {
		case policy.TypeDuration, policy.TypeInt:
			def := policy.Defaults()
			n := int64(0)
			if v, ok := def.Get(k.Name); ok {
				switch x := v.(type) {
				case time.Duration:
					n = int64(x / time.Second)
				case int:
					n = int64(x)
				}
			}
			label := texts.value.In(lang)
			if k.Type == policy.TypeDuration {
				label = texts.seconds.In(lang)
			}
			r.Resources.Presentations = append(r.Resources.Presentations, Presentation{ID: name,
				DecimalTextBoxes: []DecimalTextBox{{RefID: name, DefaultValue: uint64(n), Label: label}}})
		case policy.TypeEnum:
			r.Resources.Presentations = append(r.Resources.Presentations, Presentation{ID: name,
				DropdownLists: []DropdownList{{RefID: name, DefaultItem: indexOf(k.Enum, k.Default), NoSort: true, Label: texts.value.In(lang)}}})
		case policy.TypeStringList, policy.TypeArgv:
			r.Resources.Presentations = append(r.Resources.Presentations, Presentation{ID: name,
				ListBoxes: []ListBox{{RefID: name, Label: texts.entries.In(lang)}}})
		}
	}
	return r
}

// defaultText returns a key's built-in value as the explain text shows it:
// a duration in seconds, a bool as enabled or disabled, an enum by its
// title, a list by its entries.
func defaultText(k policy.Definition, lang string) string {
	switch v := k.Default.(type) {
	case time.Duration:
		return strconv.FormatInt(int64(v/time.Second), 10) + " " + texts.unit.In(lang)
	case bool:
		if v {
			return texts.on.In(lang)
		}
		return texts.off.In(lang)
	case []string:
		if len(v) == 0 {
			return texts.none.In(lang)
		}
		return strings.Join(v, ", ")
	case string:
		return k.EnumTitles[indexOf(k.Enum, v)].In(lang)
	}
	return fmt.Sprint(k.Default)
}

func indexOf(list []string, v any) int {
	for i, s := range list {
		if s == v {
			return i
		}
	}
	return 0
}

// str returns a reference to a string of the ADML.
func str(id string) string { return "$(string." + id + ")" }
