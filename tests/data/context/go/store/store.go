// Package store caches parsed documents on disk as JSON.
package store

import (
	"encoding/json"
	"os"
	"path/filepath"
)

// Store keeps one JSON file per key in a folder.
type Store struct {
	Folder string
}

// Load decodes the value saved under key into out.
func (s *Store) Load(key string, out any) error {
	data, err := os.ReadFile(filepath.Join(s.Folder, key+".json"))
	if err != nil {
		return err
	}
	return json.Unmarshal(data, out)
}

// Save encodes value under key.
func (s *Store) Save(key string, value any) error {
	data, err := json.Marshal(value)
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(s.Folder, key+".json"), data, 0o644)
}
