package policy

import (
	"fmt"
	"strings"
	"time"
)

// Reference returns the Markdown table of every key for the README, in
// English: name, type, default, the value when a managed or --policy file
// fails closed, allowed values, which way is stricter, and what the key does.
func Reference() string {
	var b strings.Builder
	b.WriteString("| Key | Type | Default | Failing closed | Allowed | Stricter | What it does |\n")
	b.WriteString("|---|---|---|---|---|---|---|\n")
	for _, k := range keys {
		fmt.Fprintf(&b, "| `%s` | %s | `%s` | `%s` | %s | %s | %s |\n",
			k.Name, k.Type, FormatValue(k.Default), FormatValue(k.StrictDefault()), allowed(k), k.Order, k.Doc.EN)
	}
	return b.String()
}

func allowed(k Definition) string {
	switch k.Type {
	case TypeDuration:
		return FormatDuration(time.Duration(k.Min)) + " – " + FormatDuration(time.Duration(k.Max))
	case TypeInt:
		return fmt.Sprintf("%d – %d", k.Min, k.Max)
	case TypeEnum:
		return "`" + strings.Join(k.Enum, "`, `") + "`"
	case TypeBool:
		return "`true`, `false`"
	case TypeStringList:
		return fmt.Sprintf("up to %d words", k.Max)
	case TypeArgv:
		return "program, then arguments"
	}
	return ""
}
