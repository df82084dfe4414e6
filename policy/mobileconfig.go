package policy

import (
	"crypto/rand"
	"fmt"
	"io"
	"strings"
	"time"

	"howett.net/plist"
)

// ProfileIdentifier is the PayloadIdentifier of the configuration profile
// that [MobileConfig] writes. It stays the same from one profile to the
// next, so that a new profile replaces the one installed before instead of
// being installed beside it; its payload's identifier is this one with
// ".settings" added.
const ProfileIdentifier = PreferenceDomain + ".policy"

// ProfileText is what a configuration profile says of itself: the name and
// description that System Settings shows under Profiles, in the language
// of whoever made it.
type ProfileText struct {
	// DisplayName names the profile and its payload.
	DisplayName string
	// Description says what the profile does.
	Description string
	// Organization, if not empty, is the PayloadOrganization.
	Organization string
}

// PlistValue returns v, a value of key k as [Settings] holds it, as a
// property list keeps it (the inverse of what [ManagedPrefs] reads): a
// duration as a whole number of seconds, a list as an array of strings
// (empty, not missing, for none), anything else as it is.
func (k Definition) PlistValue(v any) any {
	switch x := v.(type) {
	case time.Duration:
		return int64(x / time.Second)
	case []string:
		if x == nil {
			return []string{}
		}
		return x
	}
	return v
}

// MobileConfig returns a configuration profile (an XML property list, the
// .mobileconfig that an MDM uploads or a user double-clicks) that sets
// values as managed preferences of [PreferenceDomain]: an outer payload of
// type Configuration with the stable [ProfileIdentifier], holding one
// payload whose PayloadType is the domain and whose keys are the values,
// each named by its [Definition.FlatName]. Every PayloadUUID is new, drawn
// from random (crypto/rand when nil). values must be valid (as a policy
// file's Values are): a key that is no key, or a value of the wrong type,
// is an error.
func MobileConfig(values map[Key]any, text ProfileText, random io.Reader) ([]byte, error) {
	if random == nil {
		random = rand.Reader
	}
	outerUUID, err := newUUID(random)
	if err != nil {
		return nil, err
	}
	innerUUID, err := newUUID(random)
	if err != nil {
		return nil, err
	}
	payload := map[string]any{
		"PayloadType":        PreferenceDomain,
		"PayloadIdentifier":  ProfileIdentifier + ".settings",
		"PayloadUUID":        innerUUID,
		"PayloadVersion":     1,
		"PayloadDisplayName": text.DisplayName,
		"PayloadDescription": text.Description,
	}
	for name, v := range values {
		k, ok := Lookup(name)
		if !ok {
			return nil, fmt.Errorf("mobileconfig: %q is no policy key", name)
		}
		if _, problems := k.check(v); len(problems) > 0 {
			return nil, fmt.Errorf("mobileconfig: %s: %s", name, problems[0].Message())
		}
		payload[k.FlatName()] = k.PlistValue(v)
	}
	profile := map[string]any{
		"PayloadType":        "Configuration",
		"PayloadIdentifier":  ProfileIdentifier,
		"PayloadUUID":        outerUUID,
		"PayloadVersion":     1,
		"PayloadDisplayName": text.DisplayName,
		"PayloadDescription": text.Description,
		"PayloadContent":     []any{payload},
	}
	if text.Organization != "" {
		profile["PayloadOrganization"] = text.Organization
		payload["PayloadOrganization"] = text.Organization
	}
	return marshalPlist(profile)
}

// marshalPlist writes v as an XML property list, indented with tabs as
// Apple's tools write them, ending in a newline.
func marshalPlist(v any) ([]byte, error) {
	b, err := plist.MarshalIndent(v, plist.XMLFormat, "\t")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// newUUID returns a random (version 4) UUID in capitals, as Apple's tools
// write PayloadUUIDs.
func newUUID(random io.Reader) (string, error) {
	var b [16]byte
	if _, err := io.ReadFull(random, b[:]); err != nil {
		return "", fmt.Errorf("mobileconfig: no random UUID: %w", err)
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%X-%X-%X-%X-%X", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16]), nil
}

// The manifest's own version: bump both whenever what [Manifest] writes
// changes (a test says when), so that ProfileCreator and iMazing Profile
// Editor take the new one over a copy they hold.
const (
	manifestVersion = 2
	manifestDate    = "2026-12-04T00:00:00Z"
)

// Manifest returns the ProfileCreator / iMazing Profile Editor manifest of
// Grendel's managed preferences (the ProfileManifests format, pfm_ keys):
// a form with one field per policy key, named by its FlatName, with its
// type, default, bounds (durations in seconds), allowed values and English
// documentation, beside the Payload keys every payload has. deploy/macos/
// holds a copy, which a test keeps current.
func Manifest() ([]byte, error) {
	modified, err := time.Parse(time.RFC3339, manifestDate)
	if err != nil {
		return nil, err
	}
	str := func(name, title, desc string, def any) map[string]any {
		m := map[string]any{"pfm_name": name, "pfm_title": title, "pfm_description": desc, "pfm_type": "string", "pfm_require": "always"}
		if def != nil {
			m["pfm_default"] = def
		}
		return m
	}
	subkeys := []any{
		str("PayloadDescription", "Payload Description", "What the payload does.", "Grendel's policy"),
		str("PayloadDisplayName", "Payload Display Name", "The payload's name.", "Grendel"),
		str("PayloadIdentifier", "Payload Identifier", "A unique identifier for the payload.", ProfileIdentifier+".settings"),
		str("PayloadType", "Payload Type", "The payload's type: Grendel's preference domain.", PreferenceDomain),
		func() map[string]any {
			m := str("PayloadUUID", "Payload UUID", "A unique identifier for the payload, such as 01234567-89AB-CDEF-0123-456789ABCDEF.", nil)
			m["pfm_format"] = "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$"
			return m
		}(),
		map[string]any{"pfm_name": "PayloadVersion", "pfm_title": "Payload Version", "pfm_description": "The version of the payload.",
			"pfm_type": "integer", "pfm_default": 1, "pfm_require": "always"},
	}
	for _, k := range keys {
		subkeys = append(subkeys, k.manifestEntry())
	}
	m := map[string]any{
		"pfm_domain":         PreferenceDomain,
		"pfm_format_version": 1,
		"pfm_version":        manifestVersion,
		"pfm_last_modified":  modified,
		"pfm_title":          "Grendel",
		"pfm_description": "Grendel's policy: the idle lock, password rules, share passwords and encrypted files. " +
			"These values are managed: the user cannot loosen them.",
		"pfm_platforms": []string{"macOS"},
		"pfm_targets":   []string{"system", "user"},
		"pfm_unique":    true,
		"pfm_subkeys":   subkeys,
	}
	return marshalPlist(m)
}

// manifestEntry returns the manifest's field for the key.
func (k Definition) manifestEntry() map[string]any {
	title := strings.ToUpper(k.Name.Group()[:1]) + k.Name.Group()[1:] + ": " +
		strings.ReplaceAll(strings.TrimPrefix(string(k.Name), k.Name.Group()+"."), "_", " ")
	desc := k.Doc.EN
	for _, other := range keys {
		desc = strings.ReplaceAll(desc, string(other.Name), other.FlatName())
	}
	e := map[string]any{"pfm_name": k.FlatName()}
	if k.MachineOnly {
		e["pfm_targets"] = []string{"system"}
	}
	switch k.Type {
	case TypeDuration:
		e["pfm_type"] = "integer"
		title += " (seconds)"
		desc += " In seconds."
	case TypeInt:
		e["pfm_type"] = "integer"
	case TypeBool:
		e["pfm_type"] = "boolean"
	case TypeEnum:
		e["pfm_type"] = "string"
		e["pfm_range_list"] = k.Enum
	case TypeStringList, TypeArgv:
		e["pfm_type"] = "array"
		e["pfm_subkeys"] = []any{map[string]any{"pfm_title": "Entry", "pfm_type": "string"}}
	}
	if k.Bounded() {
		e["pfm_range_min"] = k.PlistValue(durationOrInt(k, k.Min))
		e["pfm_range_max"] = k.PlistValue(durationOrInt(k, k.Max))
	}
	if l, isList := k.Default.([]string); !isList || len(l) > 0 {
		e["pfm_default"] = k.PlistValue(k.Default)
	}
	e["pfm_title"] = title
	e["pfm_description"] = desc
	return e
}

// durationOrInt returns a bound of k in the Go type of k's values.
func durationOrInt(k Definition, n int64) any {
	if k.Type == TypeDuration {
		return time.Duration(n)
	}
	return n
}
