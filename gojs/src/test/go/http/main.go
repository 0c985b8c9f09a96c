// Command http GETs the URL given as its first argument and prints status, a header and the body.
package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
)

func main() {
	resp, err := http.Get(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
	fmt.Println("status:", resp.StatusCode)
	fmt.Println("x-test:", resp.Header.Get("X-Test"))
	fmt.Printf("body: %s\n", body)
}
