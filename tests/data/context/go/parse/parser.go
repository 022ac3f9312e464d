// Package parse turns source text into statements of normalized words.
package parse

import (
	"strings"

	"example.com/notes/text"
)

// Statement is one non-blank line, tokenized and normalized.
type Statement []string

// ParseSource parses text: blank lines and comments are skipped, includes are expanded.
func ParseSource(source string, depth int) ([]Statement, error) {
	var statements []Statement
	for _, line := range strings.Split(source, "\n") {
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		if strings.HasPrefix(trimmed, "include ") {
			included, err := ExpandIncludes(strings.TrimPrefix(trimmed, "include "), depth)
			if err != nil {
				return nil, err
			}
			statements = append(statements, included...)
			continue
		}
		var statement Statement
		for _, word := range text.Tokenize(trimmed) {
			statement = append(statement, text.Normalize(word))
		}
		statements = append(statements, statement)
	}
	return statements, nil
}
