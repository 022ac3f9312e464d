// Package text holds the small string helpers the parser is built on.
package text

import (
	"strings"
	"unicode"
)

// Tokenize splits a line into words; punctuation separates words and is dropped.
func Tokenize(line string) []string {
	return strings.FieldsFunc(line, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_'
	})
}

// Normalize lower-cases a word and drops a trailing plural "s".
func Normalize(word string) string {
	lowered := strings.ToLower(word)
	if len(lowered) > 3 && strings.HasSuffix(lowered, "s") {
		return lowered[:len(lowered)-1]
	}
	return lowered
}
