// Command gloss parses the files given and prints how many statements each holds.
package main

import (
	"fmt"
	"os"

	"example.com/notes/config"
	"example.com/notes/parse"
)

func main() {
	settings := &config.Settings{}
	if err := settings.Load("gloss.ini"); err != nil {
		fmt.Fprintln(os.Stderr, err)
	}
	for _, path := range os.Args[1:] {
		data, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		statements, err := parse.ParseSource(string(data), 0)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Printf("%s: %d statements (%s)\n", path, len(statements), settings.Get("title"))
	}
}
