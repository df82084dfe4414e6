package secret

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

// holder nests a Secret every way a caller might: exported, unexported
// (where fmt cannot call its methods), by pointer and embedded.
type holder struct {
	Name   string
	Secret Secret
	hidden Secret
	Ptr    *Secret
	Embedded
}

// Embedded embeds a Secret, as passgen.Password does, so that the
// methods are promoted.
type Embedded struct {
	Secret
	Bits float64
}

func TestSecretRedacted(t *testing.T) {
	const text = "tulip-anchor-violin-7"
	s := New(text)
	if s.Reveal() != text || s.IsZero() {
		t.Fatalf("Reveal() = %q, IsZero() = %v, want the text", s.Reveal(), s.IsZero())
	}
	h := holder{Name: "x", Secret: s, hidden: s, Ptr: &s, Embedded: Embedded{s, 42}}
	var out []string
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%10.3s", "%-8v", "%T", "%p"} {
		for _, v := range []any{s, &s, h, &h, h.Embedded, []Secret{s}, map[string]Secret{"k": s}, struct{ s Secret }{s}} {
			out = append(out, fmt.Sprintf(verb, v))
		}
	}
	out = append(out, s.String(), s.GoString(), fmt.Sprint(s), fmt.Sprintln(s), fmt.Sprint(h))
	for _, v := range []any{s, &s, h, h.Embedded, []Secret{s}, map[string]Secret{"k": s}} {
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
		if strings.Contains(o, text) || strings.Contains(o, "tulip") || strings.Contains(strings.ToLower(o), fmt.Sprintf("%x", text)) {
			t.Errorf("output %q shows the secret", o)
		}
	}
}

func TestSecretPrints(t *testing.T) {
	s := New("tulip-anchor-violin-7")
	tests := []struct {
		format string
		v      any
		want   string
	}{
		{"%v", s, Redacted},
		{"%+v", s, Redacted},
		{"%#v", s, Redacted},
		{"%s", s, Redacted},
		{"%q", s, Redacted},
		{"%v", &s, Redacted},
		{"%v", []Secret{s}, "[" + Redacted + "]"},
		{"%+v", struct{ S Secret }{s}, "{S:" + Redacted + "}"},
		{"%#v", struct{ S Secret }{s}, "struct { S secret.Secret }{S:" + Redacted + "}"},
		{"%v", Embedded{s, 42}, Redacted}, // the promoted Format prints the whole
	}
	for _, tt := range tests {
		if got := fmt.Sprintf(tt.format, tt.v); got != tt.want {
			t.Errorf("Sprintf(%q, %T) = %q, want %q", tt.format, tt.v, got, tt.want)
		}
	}
	for _, tt := range []struct {
		v    any
		want string
	}{
		{s, `"` + Redacted + `"`},
		{struct{ S Secret }{s}, `{"S":"` + Redacted + `"}`},
		{map[string]Secret{"k": s}, `{"k":"` + Redacted + `"}`},
	} {
		if got, err := json.Marshal(tt.v); err != nil || string(got) != tt.want {
			t.Errorf("json.Marshal(%T) = %s, %v, want %s", tt.v, got, err, tt.want)
		}
	}
}

func TestSecretZero(t *testing.T) {
	var zero Secret
	if !zero.IsZero() || !New("").IsZero() || zero.Reveal() != "" || fmt.Sprint(zero) != Redacted {
		t.Errorf("the zero Secret: IsZero %v, Reveal %q, Sprint %q; want empty and redacted",
			zero.IsZero(), zero.Reveal(), fmt.Sprint(zero))
	}
}

func ExampleSecret() {
	pw := New("correct-horse-battery-staple")
	fmt.Printf("%v %q %#v\n", pw, pw, struct{ Password Secret }{pw})
	fmt.Println(len(pw.Reveal()))
	// Output:
	// **redacted** **redacted** struct { Password secret.Secret }{Password:**redacted**}
	// 28
}
