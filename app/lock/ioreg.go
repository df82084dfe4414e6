package lock

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// maxPlistDepth bounds the nesting of a plist: ioreg's Root entry needs 3.
const maxPlistDepth = 32

// consoleLocked reads the output of `ioreg -n Root -d1 -a`, an XML plist
// of the IORegistry root, and tells whether the console is locked for the
// user uid:
//
//   - the root's IOConsoleLocked is true (macOS sets it while the console
//     is locked), or
//   - the entry of IOConsoleUsers whose kCGSSessionUserIDKey is uid has
//     CGSSessionScreenIsLocked true (the key is absent while unlocked).
//
// It is false when either source is present and neither says locked, and
// an error when the plist says nothing about the lock at all.
func consoleLocked(data []byte, uid int) (bool, error) {
	v, err := decodePlist(data)
	if err != nil {
		return false, err
	}
	root, ok := v.(map[string]any)
	if !ok {
		return false, fmt.Errorf("ioreg: the plist holds a %s, want a dict", plistKind(v))
	}
	known := false
	if l, ok := root["IOConsoleLocked"].(bool); ok {
		if l {
			return true, nil
		}
		known = true
	}
	users, _ := root["IOConsoleUsers"].([]any)
	for _, u := range users {
		user, ok := u.(map[string]any)
		if !ok {
			continue
		}
		if id, ok := user["kCGSSessionUserIDKey"].(int64); !ok || id != int64(uid) {
			continue
		}
		known = true
		if l, ok := user["CGSSessionScreenIsLocked"].(bool); ok && l {
			return true, nil
		}
	}
	if !known {
		return false, fmt.Errorf("ioreg: neither IOConsoleLocked nor a console session of uid %d", uid)
	}
	return false, nil
}

// decodePlist decodes an XML property list into map[string]any (dict),
// []any (array), bool, int64 (integer), float64 (real) and string (string,
// date, data: their text as is).
func decodePlist(data []byte) (any, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err != nil {
			return nil, fmt.Errorf("ioreg: no plist: %w", err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			if se.Name.Local != "plist" {
				return nil, fmt.Errorf("ioreg: <%s> where <plist> was expected", se.Name.Local)
			}
			break
		}
	}
	start, err := nextStart(d)
	if err != nil {
		return nil, fmt.Errorf("ioreg: empty plist: %w", err)
	}
	v, err := plistValue(d, start, 0)
	if err != nil {
		return nil, fmt.Errorf("ioreg: %w", err)
	}
	return v, nil
}

// errEnd is nextStart's answer to the end of the enclosing element.
var errEnd = errors.New("end of element")

// nextStart returns the next start element inside the current one, skipping
// text, comments and processing instructions, or errEnd at its end.
func nextStart(d *xml.Decoder) (xml.StartElement, error) {
	for {
		tok, err := d.Token()
		if err != nil {
			return xml.StartElement{}, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return t, nil
		case xml.EndElement:
			return xml.StartElement{}, errEnd
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return xml.StartElement{}, fmt.Errorf("stray text %q", quoteShort(string(t)))
			}
		}
	}
}

// plistValue decodes the element that start opened.
func plistValue(d *xml.Decoder, start xml.StartElement, depth int) (any, error) {
	if depth > maxPlistDepth {
		return nil, fmt.Errorf("nested deeper than %d", maxPlistDepth)
	}
	switch start.Name.Local {
	case "dict":
		m := map[string]any{}
		for {
			k, err := nextStart(d)
			if err == errEnd {
				return m, nil
			}
			if err != nil {
				return nil, err
			}
			if k.Name.Local != "key" {
				return nil, fmt.Errorf("<%s> where a dict <key> was expected", k.Name.Local)
			}
			var key string
			if err := d.DecodeElement(&key, &k); err != nil {
				return nil, err
			}
			vs, err := nextStart(d)
			if err == errEnd {
				return nil, fmt.Errorf("dict key %q has no value", quoteShort(key))
			}
			if err != nil {
				return nil, err
			}
			v, err := plistValue(d, vs, depth+1)
			if err != nil {
				return nil, err
			}
			m[key] = v
		}
	case "array":
		var a []any
		for {
			vs, err := nextStart(d)
			if err == errEnd {
				return a, nil
			}
			if err != nil {
				return nil, err
			}
			v, err := plistValue(d, vs, depth+1)
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
	case "true", "false":
		if err := d.Skip(); err != nil {
			return nil, err
		}
		return start.Name.Local == "true", nil
	case "integer", "real", "string", "date", "data":
		var text string
		if err := d.DecodeElement(&text, &start); err != nil {
			return nil, err
		}
		switch start.Name.Local {
		case "integer":
			n, err := strconv.ParseInt(strings.TrimSpace(text), 0, 64)
			if err != nil {
				return nil, fmt.Errorf("bad <integer> %q", quoteShort(text))
			}
			return n, nil
		case "real":
			f, err := strconv.ParseFloat(strings.TrimSpace(text), 64)
			if err != nil {
				return nil, fmt.Errorf("bad <real> %q", quoteShort(text))
			}
			return f, nil
		}
		return text, nil
	}
	return nil, fmt.Errorf("unknown plist element <%s>", start.Name.Local)
}

// plistKind names the plist type of a decoded value, for messages.
func plistKind(v any) string {
	switch v.(type) {
	case map[string]any:
		return "dict"
	case []any:
		return "array"
	case bool:
		return "boolean"
	case int64:
		return "integer"
	case float64:
		return "real"
	case string:
		return "string"
	}
	return fmt.Sprintf("%T", v)
}
