// Command json round-trips a value through encoding/json.
package main

import (
	"encoding/json"
	"fmt"
	"os"
)

type Item struct {
	Name  string   `json:"name"`
	Count int      `json:"count"`
	Tags  []string `json:"tags,omitempty"`
}

func main() {
	in := []Item{{Name: "apple", Count: 3, Tags: []string{"fruit"}}, {Name: "nut", Count: 7}}
	b, err := json.Marshal(in)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(string(b))
	var out []Item
	if err := json.Unmarshal([]byte(`[{"name":"pear","count":2,"tags":["a","b"]}]`), &out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("%s %d %v\n", out[0].Name, out[0].Count, out[0].Tags)
}
