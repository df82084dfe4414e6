package sendfile

import (
	"fmt"
	"os"

	"grendel/app/secret"
)

func writePDF(_ *plan, _ *os.File, _ secret.Secret, _ *Options) (verifier, error) {
	return nil, fmt.Errorf("PDF encryption is not available: %w", ErrFormat)
}

func inspectPDF(_ *Report, _ *os.File, _ secret.Secret, add func(Check, error) bool) {
	add(CheckEncrypted, fmt.Errorf("PDF is not checked yet: %w", ErrFormat))
}
