package aeszip_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"

	"grendel/app/aeszip"
)

// A file is encrypted under a neutral name, verified with the password, and
// compared with what was written; a wrong password fails at the verifier.
func Example() {
	var archive bytes.Buffer
	w := aeszip.NewWriter(&archive, "Mo3-Brug-Kaas-Fiets-71", aeszip.Options{NeutralNames: true})
	data := "klantnr;naam\n1;Anna de Vries\n"
	if err := w.AddFile("Anna de Vries.csv", strings.NewReader(data), time.Now()); err != nil {
		fmt.Println(err)
		return
	}
	if err := w.Close(); err != nil {
		fmt.Println(err)
		return
	}
	written := w.Entries()

	r := bytes.NewReader(archive.Bytes())
	sums, err := aeszip.Verify(r, r.Size(), "Mo3-Brug-Kaas-Fiets-71", aeszip.Limits{MaxEntrySize: int64(len(data))})
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, s := range sums {
		fmt.Printf("%s (was %q): %d bytes, same content: %v\n", s.Name, written[i].Name, s.Size, s.SHA256 == written[i].SHA256)
	}
	_, err = aeszip.Verify(r, r.Size(), "wrong", aeszip.Limits{})
	fmt.Println(errors.Is(err, aeszip.ErrWrongPassword))
	// Output:
	// file-1.csv (was "Anna de Vries.csv"): 29 bytes, same content: true
	// true
}
