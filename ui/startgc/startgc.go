// Package startgc keeps the garbage collector from running while the
// process starts.
//
// Every process of the binary, the resident agent and each command, runs
// the init of every package it links: about 2.6 MB of allocations, much of
// it garbage as soon as the init returns (Fyne's own translations, parsed
// from JSON, for one). The first collection starts at a heap of about 3 MB
// (70 % of its 4 MB goal), so the inits with main's first steps start one:
// a mark phase that ran about as many instructions as all the inits
// together (19 million of 46 million in `grendel version`), for about a
// megabyte.
//
// This package's init sets GOGC to 400 (a first goal of 16 MB instead of
// 4 MB). main calls [Done] once it has started; a short command has ended
// before [Settle] later, and the agent and long commands then go on
// at the GOGC the process had. A GOGC set in the environment is left alone.
//
// The init runs before the heavy ones because Go initialises packages in
// import-path order among those whose imports are ready: this package
// needs only os, time and runtime/debug, so it runs early, as
// grendel/ui/i18n/clocale does, before Fyne's, excelize's and goldmark's
// inits; keep its imports to the standard library.
package startgc

import (
	"os"
	"runtime/debug"
	"sync"
	"time"
)

// startPercent is GOGC while the process starts.
const startPercent = 400

// Settle is how long after [Done] GOGC goes back: longer than a quick
// command takes (`grendel version`, `grendel status`), on a loaded machine
// too, where they take some hundred milliseconds of wall time; short
// enough that a long one grows its heap towards the 16 MB goal for a
// moment only.
const Settle = time.Second

var (
	mu     sync.Mutex
	before int // the GOGC to go back to; 0 when there is none
)

func init() {
	if _, set := os.LookupEnv("GOGC"); set {
		return
	}
	before = debug.SetGCPercent(startPercent)
}

// Done puts back, [Settle] from now, the GOGC the process had before this
// package's init. It is safe to call more than once.
func Done() {
	time.AfterFunc(Settle, restore)
}

func restore() {
	mu.Lock()
	defer mu.Unlock()
	if before != 0 {
		debug.SetGCPercent(before)
		before = 0
	}
}
