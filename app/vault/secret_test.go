package vault

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

func TestSecretRedacted(t *testing.T) {
	const text = "tulip-anchor-violin-7"
	s := NewSecret(text)
	if s.Unwrap() != text || s.IsZero() {
		t.Fatalf("Unwrap() = %q, IsZero() = %v, want the text", s.Unwrap(), s.IsZero())
	}
	type holder struct {
		Name   string
		Secret Secret
		hidden Secret
		Ptr    *Secret
	}
	h := holder{Name: "x", Secret: s, hidden: s, Ptr: &s}
	var out []string
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%10.3s", "%-8v", "%T", "%p"} {
		out = append(out,
			fmt.Sprintf(verb, s),
			fmt.Sprintf(verb, &s),
			fmt.Sprintf(verb, h),
			fmt.Sprintf(verb, []Secret{s}),
			fmt.Sprintf(verb, map[string]Secret{"k": s}),
			fmt.Sprintf(verb, any(s)),
		)
	}
	out = append(out, s.String(), s.GoString(), fmt.Sprint(s), fmt.Sprintln(s), fmt.Sprint(h))
	for _, v := range []any{s, h, []Secret{s}, map[string]Secret{"k": s}, &s} {
		data, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("json.Marshal(%T): %v", v, err)
		}
		out = append(out, string(data))
	}
	if data, err := s.MarshalText(); err == nil {
		out = append(out, string(data))
	}
	if data, err := xml.Marshal(struct{ S Secret }{s}); err == nil {
		out = append(out, string(data))
	}
	var logs bytes.Buffer
	for _, l := range []*slog.Logger{
		slog.New(slog.NewTextHandler(&logs, nil)),
		slog.New(slog.NewJSONHandler(&logs, nil)),
	} {
		l.Info("copied", "secret", s, "holder", h)
	}
	out = append(out, logs.String())
	for _, o := range out {
		if strings.Contains(o, text) || strings.Contains(o, "tulip") || strings.Contains(o, fmt.Sprintf("%x", text)) {
			t.Errorf("output %q shows the secret", o)
		}
	}
	for _, o := range []string{fmt.Sprintf("%v", s), fmt.Sprintf("%#v", s), fmt.Sprintf("%q", s), string(must(json.Marshal(s)))} {
		if !strings.Contains(o, redacted) {
			t.Errorf("output %q lacks %s", o, redacted)
		}
	}
	if !(Secret{}).IsZero() || !NewSecret("").IsZero() || (Secret{}).Unwrap() != "" {
		t.Errorf("the zero Secret is not empty")
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
