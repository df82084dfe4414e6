package pii_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"grendel/app/pii"
)

func ExampleScan() {
	rep, err := pii.Scan(context.Background(), "testdata/customers_en.csv", pii.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rep.Info.Encoding, rep.Info.BOM, rep.Info.SeparatorName(), rep.Rows())
	for _, c := range rep.Sheets[0].Columns[:4] {
		fmt.Println(c.Index, c.Name, c.Kind)
	}
	// Output:
	// utf-8 true , 300
	// 1 Customer ID customer_id
	// 2 Salutation gender
	// 3 First name name
	// 4 Last name name
}

func ExampleCompact() {
	rep, _ := pii.Scan(context.Background(), "testdata/klanten_nl.csv", pii.Options{})
	refs, _ := pii.Select(rep, "IBAN")
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	res, err := pii.Compact(context.Background(), rep, pii.CompactOptions{
		Output:  filepath.Join(dir, "klanten-compact.csv"),
		Actions: map[pii.Ref]pii.Action{refs[0]: pii.MaskIt},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, d := range res.Decisions {
		if d.Action != pii.Drop {
			fmt.Println(d.Column.Name, d.Action)
		}
	}
	// Output:
	// IBAN mask
	// Segment keep
	// Omzet 2024 keep
	// Aanmelddatum keep
}
