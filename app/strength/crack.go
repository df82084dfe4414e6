package strength

// CrackTime is how long an offline attack on a slow, salted hash would
// take, in the coarse steps a person can judge.
type CrackTime string

// The steps of [CrackTime].
const (
	CrackInstant   CrackTime = "instant"
	CrackSeconds   CrackTime = "seconds"
	CrackMinutes   CrackTime = "minutes"
	CrackHours     CrackTime = "hours"
	CrackDays      CrackTime = "days"
	CrackMonths    CrackTime = "months"
	CrackYears     CrackTime = "years"
	CrackCenturies CrackTime = "centuries"
)

// CrackTimes lists every [CrackTime], shortest first.
var CrackTimes = []CrackTime{CrackInstant, CrackSeconds, CrackMinutes, CrackHours, CrackDays, CrackMonths, CrackYears, CrackCenturies}

// Crack returns the step of r.CrackSeconds.
func (r Result) Crack() CrackTime {
	const minute, hour, day = 60, 3600, 86400
	s := r.CrackSeconds
	switch {
	case s < 1:
		return CrackInstant
	case s < minute:
		return CrackSeconds
	case s < hour:
		return CrackMinutes
	case s < day:
		return CrackHours
	case s < 31*day:
		return CrackDays
	case s < 365*day:
		return CrackMonths
	case s < 100*365*day:
		return CrackYears
	}
	return CrackCenturies
}
