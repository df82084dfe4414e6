package admx

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"grendel/policy"
)

// generated returns the templates, decoded.
func generated(t *testing.T) (files map[string][]byte, admx PolicyDefinitions, adml map[string]PolicyDefinitionResources) {
	t.Helper()
	files, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	wellFormed(t, ADMXFile, files[ADMXFile])
	if err := xml.Unmarshal(files[ADMXFile], &admx); err != nil {
		t.Fatalf("%s: %v", ADMXFile, err)
	}
	adml = map[string]PolicyDefinitionResources{}
	for _, l := range Languages {
		name := ADMLFile(l.Culture)
		wellFormed(t, name, files[name])
		var r PolicyDefinitionResources
		if err := xml.Unmarshal(files[name], &r); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		adml[l.Culture] = r
	}
	return files, admx, adml
}

// wellFormed checks that b is one well-formed XML document in UTF-8.
func wellFormed(t *testing.T, name string, b []byte) {
	t.Helper()
	if !bytes.HasPrefix(b, []byte(`<?xml version="1.0" encoding="utf-8"?>`)) {
		t.Errorf("%s does not start with its XML declaration", name)
	}
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	roots := 0
	depth := 0
	for {
		tok, err := d.Token()
		if err != nil {
			if err.Error() != "EOF" {
				t.Errorf("%s is not well-formed: %v", name, err)
			}
			break
		}
		switch tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
			}
			depth++
		case xml.EndElement:
			depth--
		}
	}
	if roots != 1 {
		t.Errorf("%s has %d root elements", name, roots)
	}
}

var validID = regexp.MustCompile(`^[A-Za-z0-9_]+$`)

// TestTemplates: the ADMX and each ADML are well-formed; every name and
// id is made of [A-Za-z0-9_]; every string and presentation the ADMX
// refers to is in each ADML, and each presentation's boxes refer to the
// elements of its policies; every key is there, managed and
// recommended, each number with its bounds, lock.command for the
// computer only.
func TestTemplates(t *testing.T) {
	files, admx, adml := generated(t)
	if ns := admx.Namespaces.Target.Namespace; ns != Namespace || !strings.HasSuffix(ns, ".v"+strings.Split(admx.Revision, ".")[0]) ||
		admx.Revision == "" || admx.Resources.MinRequiredRevision != admx.Revision {
		t.Errorf("namespace %+v, revision %q, resources %q", admx.Namespaces.Target, admx.Revision, admx.Resources.MinRequiredRevision)
	}
	if bytes.Contains(files[ADMXFile], []byte("windows:")) || bytes.Contains(files[ADMXFile], []byte("<using")) {
		t.Errorf("%s refers to another template", ADMXFile)
	}
	ids := []string{}
	for _, d := range admx.SupportedOn.Definitions {
		ids = append(ids, d.Name)
	}
	for _, c := range admx.Categories {
		ids = append(ids, c.Name)
	}
	elements := map[string][]string{} // presentation id → element ids
	for _, p := range admx.Policies {
		ids = append(ids, p.Name)
		if p.Elements == nil {
			continue
		}
		for _, d := range p.Elements.Decimals {
			ids = append(ids, d.ID)
			elements[p.Presentation] = append(elements[p.Presentation], d.ID)
		}
		for _, e := range p.Elements.Enums {
			ids = append(ids, e.ID)
			elements[p.Presentation] = append(elements[p.Presentation], e.ID)
		}
		for _, l := range p.Elements.Lists {
			if l.ValuePrefix == nil {
				t.Fatalf("%s: list %s has no valuePrefix, so Group Policy would name each value by its text", p.Name, l.ID)
			}
			ids = append(ids, l.ID)
			elements[p.Presentation] = append(elements[p.Presentation], l.ID)
		}
	}
	for _, r := range adml {
		for _, s := range r.Resources.Strings {
			ids = append(ids, s.ID)
		}
		for _, p := range r.Resources.Presentations {
			ids = append(ids, p.ID)
		}
	}
	for _, id := range ids {
		if !validID.MatchString(id) {
			t.Errorf("id %q is not made of [A-Za-z0-9_]", id)
		}
	}

	// Every reference of the ADMX, in each ADML.
	refs := regexp.MustCompile(`\$\((string|presentation)\.([^)]*)\)`).FindAllStringSubmatch(string(files[ADMXFile]), -1)
	if len(refs) < 3*len(policy.Keys()) {
		t.Fatalf("only %d references in %s", len(refs), ADMXFile)
	}
	for culture, r := range adml {
		strs := map[string]string{}
		for _, s := range r.Resources.Strings {
			if _, dup := strs[s.ID]; dup {
				t.Errorf("%s: string %s twice", culture, s.ID)
			}
			strs[s.ID] = s.Text
		}
		pres := map[string]Presentation{}
		for _, p := range r.Resources.Presentations {
			pres[p.ID] = p
		}
		for _, ref := range refs {
			if ref[1] == "string" && strings.TrimSpace(strs[ref[2]]) == "" {
				t.Errorf("%s: string %s is missing or empty", culture, ref[2])
			}
			if _, ok := pres[ref[2]]; ref[1] == "presentation" && !ok {
				t.Errorf("%s: presentation %s is missing", culture, ref[2])
			}
		}
		for ref, want := range elements {
			p := pres[strings.TrimSuffix(strings.TrimPrefix(ref, "$(presentation."), ")")]
			var got []string
			for _, b := range p.DecimalTextBoxes {
				got = append(got, b.RefID)
				if strings.TrimSpace(b.Label) == "" {
					t.Errorf("%s: %s has no label", culture, b.RefID)
				}
			}
			for _, b := range p.DropdownLists {
				got = append(got, b.RefID)
			}
			for _, b := range p.ListBoxes {
				got = append(got, b.RefID)
			}
			want = slices.Compact(slices.Sorted(slices.Values(want)))
			if !slices.Equal(got, want) {
				t.Errorf("%s: presentation %s shows %v, its policies have %v", culture, ref, got, want)
			}
		}
	}

	// Every key, managed and recommended.
	byName := map[string]Policy{}
	for _, p := range admx.Policies {
		byName[p.Name] = p
	}
	for _, k := range policy.Keys() {
		for _, v := range []struct{ suffix, key, category string }{
			{"", policy.RegistryPath, "Grendel"},
			{"_Recommended", policy.RegistryPath + `\Recommended`, "Grendel_Recommended"},
		} {
			p, ok := byName[k.FlatName()+v.suffix]
			if !ok {
				t.Errorf("no policy %s for %s", k.FlatName()+v.suffix, k.Name)
				continue
			}
			wantClass := "Both"
			if k.Name == policy.LockCommand {
				wantClass = "Machine"
			}
			if p.Class != wantClass || p.Key != v.key || p.Parent.Ref != v.category {
				t.Errorf("%s: class %s, key %s, category %s; want %s, %s, %s", p.Name, p.Class, p.Key, p.Parent.Ref, wantClass, v.key, v.category)
			}
		}
	}
	if len(admx.Policies) != 2*len(policy.Keys()) {
		t.Errorf("%d policies for %d keys", len(admx.Policies), len(policy.Keys()))
	}
	for _, m := range regexp.MustCompile(`<decimal id="[^"]*"[^>]*>`).FindAllString(string(files[ADMXFile]), -1) {
		if !strings.Contains(m, ` minValue="`) || !strings.Contains(m, ` maxValue="`) {
			t.Errorf("no explicit bounds: %s", m)
		}
	}
}

// TestDeployCopies keeps the committed templates under deploy/windows
// equal to what the generator writes.
func TestDeployCopies(t *testing.T) {
	dir := filepath.Join("..", "..", "deploy", "windows")
	if os.Getenv("GRENDEL_UPDATE_ADMX") == "1" {
		if err := Write(dir); err != nil {
			t.Fatal(err)
		}
	}
	files, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err == nil && bytes.Equal(got, want) {
			continue
		}
		var committed struct {
			Revision string `xml:"revision,attr"`
		}
		if err == nil && xml.Unmarshal(got, &committed) == nil && committed.Revision == Revision {
			t.Errorf("deploy/windows/%s is out of date, and its revision is still %s: raise Revision in admx.go, then run GRENDEL_UPDATE_ADMX=1 go test ./policy/admx -run TestDeployCopies", name, Revision)
			continue
		}
		t.Errorf("deploy/windows/%s is out of date (%v); run GRENDEL_UPDATE_ADMX=1 go test ./policy/admx -run TestDeployCopies", name, err)
	}
}

// regWrite is what enabling or disabling a policy writes to the registry.
type regWrite struct {
	key, name string
	typ       uint32
	data      []byte
}

// trial is one setting of one policy, and the value Grendel must read.
type trial struct {
	what   string
	writes []regWrite
	want   any
}

// trials derives, from the parsed ADMX alone, the registry writes of
// setting policy p to typical and edge values, as Group Policy makes
// them, with the value key k must then have.
func trials(t *testing.T, p Policy, k policy.Definition) []trial {
	t.Helper()
	dword := func(name string, n uint32) regWrite {
		return regWrite{p.Key, name, policy.RegDWord, policy.EncodeRegistryDWord(n)}
	}
	if p.EnabledValue != nil {
		if p.EnabledValue.Decimal == nil || p.DisabledValue == nil || p.DisabledValue.Decimal == nil {
			t.Fatalf("%s: enabledValue/disabledValue are not decimals", p.Name)
		}
		return []trial{
			{"enabled", []regWrite{dword(p.ValueName, p.EnabledValue.Decimal.Value)}, true},
			{"disabled", []regWrite{dword(p.ValueName, p.DisabledValue.Decimal.Value)}, false},
		}
	}
	if p.Elements == nil {
		t.Fatalf("%s: neither a switch nor elements", p.Name)
	}
	var out []trial
	typed := func(n uint64) any {
		if k.Type == policy.TypeDuration {
			return time.Duration(n) * time.Second
		}
		return int(n)
	}
	for _, d := range p.Elements.Decimals {
		def := k.Default
		typical := uint64(0)
		switch x := def.(type) {
		case time.Duration:
			typical = uint64(x / time.Second)
		case int:
			typical = uint64(x)
		}
		for _, n := range []uint64{d.MinValue, typical, d.MaxValue} {
			out = append(out, trial{"decimal " + strconv.FormatUint(n, 10), []regWrite{dword(d.ValueName, uint32(n))}, typed(n)})
		}
	}
	for _, e := range p.Elements.Enums {
		for _, item := range e.Items {
			if item.Value.String == nil {
				t.Fatalf("%s: item %s is not a string", p.Name, item.DisplayName)
			}
			s := *item.Value.String
			out = append(out, trial{"item " + s, []regWrite{{p.Key, e.ValueName, policy.RegSZ, policy.EncodeRegistryString(s)}}, s})
		}
	}
	for _, l := range p.Elements.Lists {
		if l.ValuePrefix == nil {
			t.Fatalf("%s: list %s has no valuePrefix, so Group Policy would name each value by its text", p.Name, l.ID)
		}
		for _, entries := range [][]string{{"mailhuis.nl"}, {`C:\Program Files\Lock\lock.exe`, "/now", "Drukkerij Jansen"}} {
			var ws []regWrite
			for i, s := range entries {
				ws = append(ws, regWrite{l.Key, *l.ValuePrefix + strconv.Itoa(i+1), policy.RegSZ, policy.EncodeRegistryString(s)})
			}
			out = append(out, trial{fmt.Sprintf("list of %d", len(entries)), ws, entries})
		}
	}
	return out
}

// must returns d, failing if ok is false.
func must(d policy.Definition, ok bool) policy.Definition {
	if !ok {
		panic("no such key")
	}
	return d
}

// TestRoundTrip: for every policy of the generated ADMX, the registry
// writes of enabling it (or disabling a switch) with values at its
// minimum, maximum and typical value, and each value of an enum, read
// back through Grendel's registry store give the same effective value,
// from the right source, for the computer and (where the policy's class
// allows) for the user.
func TestRoundTrip(t *testing.T) {
	_, admx, _ := generated(t)
	byName := map[string]Policy{}
	for _, p := range admx.Policies {
		byName[p.Name] = p
	}
	for _, p := range admx.Policies {
		k, ok := policy.LookupFlat(strings.TrimSuffix(p.Name, "_Recommended"))
		if !ok {
			t.Errorf("policy %s is no key", p.Name)
			continue
		}
		kind := policy.SourceManaged
		if strings.HasSuffix(p.Name, "_Recommended") {
			kind = policy.SourceRecommended
		}
		// lock.warning is kept below lock.idle_timeout: with it, the idle
		// timeout is set to its maximum through its own policy.
		var extra []regWrite
		if k.Name == policy.LockWarning {
			idle := byName[strings.Replace(p.Name, "LockWarning", "LockIdleTimeout", 1)]
			all := trials(t, idle, must(policy.Lookup(policy.LockIdleTimeout)))
			extra = all[len(all)-1].writes
		}
		hives := []string{"HKLM"}
		if p.Class == "Both" || p.Class == "User" {
			hives = append(hives, "HKCU")
		}
		for _, hive := range hives {
			for _, tr := range trials(t, p, k) {
				root := &policy.MemoryKey{}
				for _, w := range append(tr.writes, extra...) {
					root.Create(w.key).Set(w.name, w.typ, w.data)
				}
				s := policy.RegistryStore{Hives: []policy.Hive{{Name: hive, Machine: hive == "HKLM", Root: root}}}
				snap := policy.LoadStores(s)
				got, _ := snap.Settings.Get(k.Name)
				src := snap.Sources[k.Name]
				if !reflect.DeepEqual(got, tr.want) || src.Kind != kind || len(snap.Problems) > 0 {
					t.Errorf("%s, %s, %s: read %#v from %v %s, want %#v from %v; problems %v", p.Name, hive, tr.what, got, src.Kind, src.File, tr.want, kind, snap.Problems)
				}
			}
		}
	}
}
