package strength

// Policy is what the policy's password keys ask of a password.
type Policy struct {
	// MinScore is password.min_score (0–4).
	MinScore int
	// MinLength is password.min_length, in characters.
	MinLength int
}

// Verdict is a password's pass or fail under a [Policy]. Score and verdict
// are separate things: a random 10-character password is strong in the
// score and still too short for a policy that asks for 12.
type Verdict struct {
	// Pass is true when the password meets the policy.
	Pass bool
	// TooWeak is true when the score is below MinScore.
	TooWeak bool
	// TooShort is true when the password is shorter than MinLength.
	TooShort bool
	// Banned is true when the password holds one of the policy's banned
	// words (see [Result.Banned]): it fails however strong the rest is.
	Banned bool
}

// Judge returns r's verdict under p.
func (p Policy) Judge(r Result) Verdict {
	v := Verdict{TooWeak: r.Score < p.MinScore, TooShort: r.Length < p.MinLength, Banned: r.Banned}
	v.Pass = !v.TooWeak && !v.TooShort && !v.Banned
	return v
}
