// Command deadlock waits on a channel nobody writes: Go reports the deadlock and exits with 2.
package main

import "fmt"

func main() {
	fmt.Println("waiting forever")
	c := make(chan int)
	<-c
}
