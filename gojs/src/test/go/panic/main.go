// Command panic panics: Go prints the message on stderr and exits with code 2.
package main

import "fmt"

func main() {
	fmt.Println("before panic")
	panic("something bad happened")
}
