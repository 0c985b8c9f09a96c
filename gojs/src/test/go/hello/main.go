// Command hello prints a greeting, its arguments and selected environment variables.
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Println("hello, world")
	for i, a := range os.Args {
		fmt.Printf("arg[%d]=%s\n", i, a)
	}
	fmt.Printf("GREETING=%s\n", os.Getenv("GREETING"))
	if _, ok := os.LookupEnv("MISSING"); !ok {
		fmt.Println("MISSING is unset")
	}
	fmt.Fprintln(os.Stderr, "to stderr")
}
