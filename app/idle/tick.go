package idle

import "time"

// tickIdle returns the time from the tick count last to the tick count now,
// both in milliseconds modulo 2³² as Windows counts them. A difference of
// 2³¹ ms (24.8 days) or more is taken for last being after now (input that
// came between the two readings) and gives 0: a wrong guess then delays a
// lock, where the other reading would lock a busy user out.
func tickIdle(now, last uint32) time.Duration {
	d := now - last // modulo 2³²: right across the wraparound
	if d >= 1<<31 {
		return 0
	}
	return time.Duration(d) * time.Millisecond
}
