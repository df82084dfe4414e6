package compliance

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// deployDir is the admins' examples, relative to this package.
var deployDir = filepath.Join("..", "..", "deploy")

// TestIntuneRules: the example compliance rules name only flat fields that
// exist (as Intune does, with case), with their data type, an operator
// Intune knows that fits the type, an operand of that type, and the
// remediation texts Intune requires.
func TestIntuneRules(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(deployDir, "intune", "grendel-rules.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Rules []struct {
			SettingName        string
			Operator           string
			DataType           Type
			Operand            json.RawMessage
			MoreInfoURL        string `json:"MoreInfoUrl"`
			RemediationStrings []struct{ Language, Title, Description string }
		}
	}
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil || len(doc.Rules) == 0 {
		t.Fatalf("grendel-rules.json: %v, %d rules", err, len(doc.Rules))
	}
	types := map[string]Type{}
	for _, f := range Fields() {
		types[f.Name] = f.Type
	}
	for _, r := range doc.Rules {
		typ, ok := types[r.SettingName]
		if !ok {
			t.Errorf("%s: no such field", r.SettingName)
			continue
		}
		if r.DataType != typ {
			t.Errorf("%s: DataType %s, the field is %s", r.SettingName, r.DataType, typ)
		}
		ordered := []string{"GreaterThan", "GreaterEquals", "LessThan", "LessEquals"}
		if !slices.Contains(append([]string{"IsEquals", "NotEquals"}, ordered...), r.Operator) || (typ != Int64 && slices.Contains(ordered, r.Operator)) {
			t.Errorf("%s: operator %s on a %s", r.SettingName, r.Operator, typ)
		}
		var operand any
		_ = json.Unmarshal(r.Operand, &operand)
		switch v := operand.(type) {
		case bool:
			ok = typ == Boolean
		case float64:
			ok = typ == Int64 && v == float64(int64(v))
		case string:
			ok = typ == String
		default:
			ok = false
		}
		if !ok {
			t.Errorf("%s: operand %s is not a %s", r.SettingName, r.Operand, typ)
		}
		if !strings.HasPrefix(r.MoreInfoURL, "https://") {
			t.Errorf("%s: MoreInfoUrl %q", r.SettingName, r.MoreInfoURL)
		}
		langs := map[string]bool{}
		for _, s := range r.RemediationStrings {
			if s.Title == "" || s.Description == "" {
				t.Errorf("%s: %s: empty remediation text", r.SettingName, s.Language)
			}
			langs[s.Language] = true
		}
		if !langs["en_US"] || !langs["nl_NL"] || !langs["de_DE"] || len(langs) != 3 {
			t.Errorf("%s: remediation languages %v, want en_US, nl_NL, de_DE", r.SettingName, langs)
		}
	}
}

// TestDeployScripts: the discovery scripts and the extension attribute look
// where the agent writes (Path) and ask for fields that exist.
func TestDeployScripts(t *testing.T) {
	for file, wants := range map[string][]string{
		"intune/grendel-discovery.ps1":        {`Users\*\AppData\Local\Grendel\status.json`, "--from", "--format intune"},
		"intune/grendel-discovery.sh":         {"/home/*/.local/state/grendel/status.json", "--from", "--format intune"},
		"jamf/grendel-extension-attribute.sh": {`/Users/*/Library/"Application Support"/Grendel/status.json`, "--from", `--field "$FIELD"`, "<result>"},
	} {
		b, err := os.ReadFile(filepath.Join(deployDir, filepath.FromSlash(file)))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range wants {
			if !strings.Contains(string(b), want) {
				t.Errorf("%s lacks %q", file, want)
			}
		}
		for _, line := range strings.Split(string(b), "\n") {
			if name, ok := strings.CutPrefix(line, "FIELD="); ok {
				if _, ok := (Document{}).Field(name, t0); !ok {
					t.Errorf("%s: no field %s", file, name)
				}
			}
		}
	}
}
