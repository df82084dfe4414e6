package lock

import (
	"io"
	"log"
	"os"
	"testing"

	"github.com/jezek/xgb"
)

// TestMain quiets xgb's package logger, which reports every connection
// made without an Xauthority entry (as under Xvfb) on stderr. The package
// itself leaves that global to the program's wiring.
func TestMain(m *testing.M) {
	xgb.Logger = log.New(io.Discard, "", 0)
	os.Exit(m.Run())
}
