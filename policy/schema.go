package policy

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// durationPattern is the JSON Schema pattern of a policy duration.
const durationPattern = `^(0|[0-9]+d([0-9]+h)?([0-9]+m)?([0-9]+s)?|[0-9]+h([0-9]+m)?([0-9]+s)?|[0-9]+m([0-9]+s)?|[0-9]+s)$`

// Schema returns a JSON Schema (draft 2020-12) of a policy file, with key
// descriptions in the given language ("en", "nl" or "de"), so that editors
// can complete and check the files IT writes.
func Schema(lang string) ([]byte, error) {
	groups := map[string]map[string]any{}
	var order []string
	for _, k := range keys {
		group, leaf, _ := strings.Cut(string(k.Name), ".")
		if groups[group] == nil {
			groups[group] = map[string]any{}
			order = append(order, group)
		}
		groups[group][leaf] = keySchema(k, lang)
	}
	props := map[string]any{"$schema": map[string]any{"type": "string"}}
	for _, g := range order {
		props[g] = map[string]any{"type": "object", "additionalProperties": false, "properties": groups[g]}
	}
	doc := map[string]any{
		"$schema":              "https://json-schema.org/draft/2020-12/schema",
		"$id":                  "urn:grendel:policy",
		"title":                "Grendel policy",
		"type":                 "object",
		"additionalProperties": false,
		"properties":           props,
	}
	return json.MarshalIndent(doc, "", "  ")
}

func keySchema(k Definition, lang string) map[string]any {
	s := map[string]any{"description": k.Doc.In(lang) + bounds(k), "default": jsonValue(k.Default)}
	switch k.Type {
	case TypeDuration:
		s["type"], s["pattern"] = "string", durationPattern
	case TypeBool:
		s["type"] = "boolean"
	case TypeInt:
		s["type"], s["minimum"], s["maximum"] = "integer", k.Min, k.Max
	case TypeEnum:
		s["type"], s["enum"] = "string", k.Enum
	case TypeStringList:
		s["type"], s["maxItems"] = "array", k.Max
		s["items"] = map[string]any{"type": "string", "minLength": 1, "maxLength": maxListEntryLength}
	case TypeArgv:
		s["type"], s["maxItems"] = "array", k.Max
		s["items"] = map[string]any{"type": "string", "maxLength": maxArgvEntryLength}
	}
	return s
}

// bounds describes a duration's range for the schema, which cannot check it.
func bounds(k Definition) string {
	if k.Type != TypeDuration {
		return ""
	}
	return fmt.Sprintf(" (%s–%s)", FormatDuration(time.Duration(k.Min)), FormatDuration(time.Duration(k.Max)))
}

// jsonValue writes a value the way a policy file does.
func jsonValue(v any) any {
	switch x := v.(type) {
	case time.Duration:
		return FormatDuration(x)
	case []string:
		if x == nil {
			return []string{}
		}
	}
	return v
}

// FormatValue writes a value as it would appear in a policy file, for
// display: durations as "5m", lists as JSON arrays.
func FormatValue(v any) string {
	b, err := json.Marshal(jsonValue(v))
	if err != nil {
		return fmt.Sprint(v)
	}
	if d, ok := v.(time.Duration); ok {
		return FormatDuration(d)
	}
	if s, ok := v.(string); ok {
		return s
	}
	return string(b)
}
