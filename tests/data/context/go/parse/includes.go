package parse

import (
	"fmt"
	"os"
)

const maxIncludeDepth = 4

// ExpandIncludes reads an included file and parses it one level deeper.
func ExpandIncludes(path string, depth int) ([]Statement, error) {
	if depth >= maxIncludeDepth {
		return nil, fmt.Errorf("%s: includes nested too deeply", path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseSource(string(data), depth+1)
}
