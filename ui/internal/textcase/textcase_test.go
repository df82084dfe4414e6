package textcase

import "testing"

func TestCapital(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"very weak", "Very weak"}, {"sehr stark", "Sehr stark"}, {"zeer zwak", "Zeer zwak"},
		{"ähnlich", "Ähnlich"}, {"Strong", "Strong"}, {"", ""}, {"116 bits", "116 bits"},
	} {
		if got := Capital(tc.in); got != tc.want {
			t.Errorf("Capital(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
