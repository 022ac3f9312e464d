// Package config reads key = value settings.
package config

import (
	"bufio"
	"os"
	"strings"
)

// Settings maps keys to values.
type Settings struct {
	values map[string]string
}

// Load reads key = value lines from path; other lines are ignored.
func (s *Settings) Load(path string) error {
	file, err := os.Open(path)
	if err != nil {
		return err
	}
	defer file.Close()
	if s.values == nil {
		s.values = map[string]string{}
	}
	scanner := bufio.NewScanner(file)
	for scanner.Scan() {
		key, value, found := strings.Cut(scanner.Text(), "=")
		if found {
			s.values[strings.TrimSpace(key)] = strings.TrimSpace(value)
		}
	}
	return scanner.Err()
}

// Get returns the value of key, or "" when unset.
func (s *Settings) Get(key string) string {
	return s.values[key]
}
