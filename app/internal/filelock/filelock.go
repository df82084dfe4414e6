// Package filelock takes an exclusive lock on a file that other processes
// respect: the share vault's index and the audit trail's files are
// changed under one.
package filelock
