// Command fileio exercises file I/O under the directory given as its first argument.
package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
)

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

func main() {
	dir := os.Args[1]
	wd, err := os.Getwd()
	check(err)
	fmt.Println("cwd:", wd)

	sub := filepath.Join(dir, "sub")
	check(os.Mkdir(sub, 0o755))
	name := filepath.Join(sub, "a.txt")
	f, err := os.Create(name)
	check(err)
	_, err = f.WriteString("hello file\n")
	check(err)
	_, err = f.Seek(0, io.SeekStart)
	check(err)
	buf := make([]byte, 5)
	_, err = io.ReadFull(f, buf)
	check(err)
	fmt.Printf("read: %q\n", buf)
	_, err = f.Seek(6, io.SeekStart)
	check(err)
	_, err = f.Write([]byte("FILE"))
	check(err)
	check(f.Close())

	data, err := os.ReadFile(name)
	check(err)
	fmt.Printf("content: %q\n", data)

	st, err := os.Stat(name)
	check(err)
	fmt.Println("size:", st.Size(), "dir:", st.IsDir(), "mode:", st.Mode().Perm()&0o600)

	check(os.WriteFile(filepath.Join(sub, "b.txt"), []byte("bee"), 0o644))
	entries, err := os.ReadDir(sub)
	check(err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	fmt.Println("entries:", names)

	renamed := filepath.Join(dir, "renamed.txt")
	check(os.Rename(name, renamed))
	if _, err := os.Stat(name); os.IsNotExist(err) {
		fmt.Println("old name gone")
	}
	check(os.Remove(renamed))
	check(os.Remove(filepath.Join(sub, "b.txt")))
	check(os.Remove(sub))
	if _, err := os.Stat(sub); os.IsNotExist(err) {
		fmt.Println("sub removed")
	}

	_, err = os.Open(filepath.Join(dir, "does-not-exist"))
	fmt.Println("missing:", os.IsNotExist(err))
	_, err = os.Open("/../../etc/passwd")
	fmt.Println("escape blocked:", err != nil)
	fmt.Println("done")
}
