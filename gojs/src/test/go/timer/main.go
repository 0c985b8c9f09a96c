// Command timer checks the clocks, time.Sleep, timers and the local time zone.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	time.Sleep(50 * time.Millisecond)
	elapsed := time.Since(start)
	fmt.Println("slept at least 50ms:", elapsed >= 50*time.Millisecond)

	t := time.NewTimer(20 * time.Millisecond)
	<-t.C
	fmt.Println("timer fired")

	stopped := time.NewTimer(time.Hour)
	fmt.Println("stopped:", stopped.Stop())

	tick := time.NewTicker(5 * time.Millisecond)
	n := 0
	for range tick.C {
		n++
		if n == 3 {
			break
		}
	}
	tick.Stop()
	fmt.Println("ticks:", n)

	fmt.Println("year after 2020:", time.Now().Year() > 2020)
	name, offset := time.Now().Zone()
	fmt.Printf("zone: %s %d\n", name, offset)
}
