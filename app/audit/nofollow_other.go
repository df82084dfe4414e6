//go:build !unix

package audit

// noFollow: not available here; on Windows the state directory is the
// user's own (%LOCALAPPDATA%).
const noFollow = 0
