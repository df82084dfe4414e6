package compliance

import (
	"encoding/json"
	"testing"

	"grendel/policy"
)

// BenchmarkParse: reading a busy agent's document (the root script's cost).
func BenchmarkParse(b *testing.B) {
	doc, _ := json.Marshal(FromAgent(running(policy.Load(policy.Paths{}).Report()), t0))
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		if _, err := Parse(doc); err != nil {
			b.Fatal(err)
		}
	}
}
