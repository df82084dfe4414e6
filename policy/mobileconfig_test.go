package policy

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"howett.net/plist"

	"grendel/internal/testdir"
)

// A profile is made only of valid values: a name that is no key, a value
// of the wrong type or out of bounds is refused.
func TestMobileConfigRefusesInvalidValues(t *testing.T) {
	for _, values := range []map[Key]any{
		{"lock.timeout": time.Minute},
		{LockIdleTimeout: "5m"},
		{LockIdleTimeout: 5 * time.Hour},
		{ShareLanguage: "fr"},
		{PasswordBannedWords: []string{""}},
	} {
		if b, err := MobileConfig(values, ProfileText{}, nil); err == nil {
			t.Errorf("MobileConfig(%v) made a profile:\n%s", values, b)
		}
	}
}

// Each profile has UUIDs of its own, in the form Apple's tools write, and
// the same identifiers, so that a new profile replaces the old one.
func TestMobileConfigIdentity(t *testing.T) {
	type payload struct {
		PayloadType, PayloadIdentifier, PayloadUUID string
		PayloadVersion                              int
	}
	type profile struct {
		PayloadType, PayloadIdentifier, PayloadUUID string
		PayloadVersion                              int
		PayloadContent                              []payload
	}
	uuid := regexp.MustCompile(`^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$`)
	seen := map[string]bool{}
	for range 3 {
		b, err := MobileConfig(nil, ProfileText{DisplayName: "Grendel"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		var p profile
		if _, err := plist.Unmarshal(b, &p); err != nil {
			t.Fatal(err)
		}
		if p.PayloadType != "Configuration" || p.PayloadIdentifier != ProfileIdentifier || p.PayloadVersion != 1 || len(p.PayloadContent) != 1 {
			t.Fatalf("outer payload %+v", p)
		}
		in := p.PayloadContent[0]
		if in.PayloadType != PreferenceDomain || in.PayloadIdentifier != ProfileIdentifier+".settings" || in.PayloadVersion != 1 {
			t.Errorf("inner payload %+v", in)
		}
		for _, u := range []string{p.PayloadUUID, in.PayloadUUID} {
			if !uuid.MatchString(u) || seen[u] {
				t.Errorf("PayloadUUID %q is no fresh version 4 UUID", u)
			}
			seen[u] = true
		}
	}
}

// TestManifestCurrent keeps deploy/macos/'s manifest equal to what the key
// table makes. Run with GRENDEL_UPDATE_MANIFEST=1 to rewrite it, after
// raising manifestVersion and manifestDate.
func TestManifestCurrent(t *testing.T) {
	want, err := Manifest()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("..", "deploy", "macos", PreferenceDomain+".plist")
	got, err := os.ReadFile(path)
	if err == nil && bytes.Equal(got, want) {
		return
	}
	if os.Getenv("GRENDEL_UPDATE_MANIFEST") != "" {
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	var old struct {
		Version int `plist:"pfm_version"`
	}
	if _, perr := plist.Unmarshal(got, &old); err == nil && perr == nil && old.Version == manifestVersion {
		t.Errorf("%s is out of date, and its pfm_version is still %d: raise manifestVersion and manifestDate in mobileconfig.go, then run GRENDEL_UPDATE_MANIFEST=1 go test ./policy -run TestManifestCurrent", path, old.Version)
		return
	}
	t.Errorf("%s is out of date (%v); run GRENDEL_UPDATE_MANIFEST=1 go test ./policy -run TestManifestCurrent", path, err)
}

// pythonCheck is read by Python's plistlib, a reader independent of the
// one that wrote the files: it checks the profile's structure and the
// manifest's fields against the pfm_ format, and that each default and
// bound has the field's type.
const pythonCheck = `
import plistlib, re, sys
domain = sys.argv[3]
with open(sys.argv[1], "rb") as f:
    p = plistlib.load(f)
assert p["PayloadType"] == "Configuration", p
assert p["PayloadVersion"] == 1
assert len(p["PayloadContent"]) == 1
inner = p["PayloadContent"][0]
assert inner["PayloadType"] == domain, inner
uuid = re.compile(r"^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$")
assert uuid.match(p["PayloadUUID"]) and uuid.match(inner["PayloadUUID"])
assert p["PayloadUUID"] != inner["PayloadUUID"]
assert inner["LockIdleTimeoutSeconds"] == 180 and type(inner["LockIdleTimeoutSeconds"]) is int
assert inner["LockOnSleep"] is False
assert inner["PasswordBannedWords"] == ["acme", "grendel"]
assert inner["ShareLanguage"] == "de"
with open(sys.argv[2], "rb") as f:
    m = plistlib.load(f)
assert m["pfm_domain"] == domain and m["pfm_format_version"] == 1 and m["pfm_unique"] is True
types = {"integer": int, "boolean": bool, "string": str, "array": list}
names = set()
for k in m["pfm_subkeys"]:
    name, typ = k["pfm_name"], k["pfm_type"]
    assert name not in names, name
    names.add(name)
    assert typ in types, k
    assert k["pfm_title"] and k["pfm_description"], k
    if "pfm_default" in k:
        assert type(k["pfm_default"]) is types[typ], k
    if "pfm_range_min" in k:
        assert typ == "integer" and k["pfm_range_min"] <= k.get("pfm_default", k["pfm_range_min"]) <= k["pfm_range_max"], k
    if "pfm_range_list" in k:
        assert k.get("pfm_default") in k["pfm_range_list"], k
    if typ == "array":
        assert k["pfm_subkeys"][0]["pfm_type"] == "string", k
print(len(names))
`

// Python's plistlib reads the profile and the manifest as Grendel means
// them (skipped where there is no Python).
func TestProfileAndManifestWithPlistlib(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("no python3")
	}
	dir := testdir.New(t)
	profile, err := MobileConfig(map[Key]any{LockIdleTimeout: 3 * time.Minute, LockOnSleep: false,
		PasswordBannedWords: []string{"acme", "grendel"}, ShareLanguage: "de"}, ProfileText{DisplayName: "Grendel"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	manifest, err := Manifest()
	if err != nil {
		t.Fatal(err)
	}
	pp, mp, script := filepath.Join(dir, "p.mobileconfig"), filepath.Join(dir, "m.plist"), filepath.Join(dir, "check.py")
	for path, data := range map[string][]byte{pp: profile, mp: manifest, script: []byte(pythonCheck)} {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, err := exec.Command(python, script, pp, mp, PreferenceDomain).CombinedOutput()
	if err != nil {
		t.Fatalf("plistlib: %v\n%s", err, out)
	}
	// The Payload keys and one field per policy key.
	if n := strings.TrimSpace(string(out)); n != strconv.Itoa(6+len(keys)) {
		t.Errorf("manifest has %s fields, want %d", n, 6+len(keys))
	}
}
