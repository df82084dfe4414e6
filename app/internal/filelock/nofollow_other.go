//go:build !unix

package filelock

// noFollow: there is no O_NOFOLLOW here.
const noFollow = 0
