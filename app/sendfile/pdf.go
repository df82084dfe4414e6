package sendfile

import (
	"fmt"
	"os"

	"grendel/app/secret"
)

func writePDF(p *plan, out *os.File, pw secret.Secret, opts *Options) (verifier, error) {
	return nil, fmt.Errorf("PDF encryption is not available: %w", ErrFormat)
}
