// Command goroutines runs goroutines that talk over channels.
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	results := make(chan int)
	var wg sync.WaitGroup
	for i := 1; i <= 10; i++ {
		wg.Add(1)
		go func(n int) {
			defer wg.Done()
			time.Sleep(time.Duration(n) * time.Millisecond)
			results <- n * n
		}(i)
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	sum := 0
	for r := range results {
		sum += r
	}
	fmt.Println("sum of squares:", sum)

	done := make(chan struct{})
	select {
	case <-done:
		fmt.Println("unexpected")
	case <-time.After(10 * time.Millisecond):
		fmt.Println("timeout selected")
	}

	var mu sync.Mutex
	counter := 0
	var wg2 sync.WaitGroup
	for i := 0; i < 100; i++ {
		wg2.Add(1)
		go func() {
			defer wg2.Done()
			mu.Lock()
			counter++
			mu.Unlock()
		}()
	}
	wg2.Wait()
	fmt.Println("counter:", counter)
}
