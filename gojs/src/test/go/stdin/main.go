// Command stdin copies standard input to standard output in upper case.
package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
)

func main() {
	s := bufio.NewScanner(os.Stdin)
	n := 0
	for s.Scan() {
		n++
		fmt.Println(strings.ToUpper(s.Text()))
	}
	fmt.Println("lines:", n)
}
