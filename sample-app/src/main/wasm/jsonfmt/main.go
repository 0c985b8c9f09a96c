// Command jsonfmt validates and formats one JSON document read from standard input: a small Go
// tool the sample application runs per request through zerowasm's gojs module
// (GOOS=js GOARCH=wasm). Rebuild with sample-app/build-wasm.sh.
//
// Usage: jsonfmt [-indent N] [-sort]
//
//	-indent N  spaces per level (0: compact, on one line); default 2
//	-sort      sort object keys (numbers keep their exact text)
//
// The formatted document goes to standard output with a final newline. Invalid JSON exits with
// code 1 and "invalid JSON at line L, column C: reason" on standard error; bad flags exit with 2.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

func main() {
	indent := flag.Int("indent", 2, "spaces per level (0: compact)")
	sortKeys := flag.Bool("sort", false, "sort object keys")
	flag.Parse()
	if *indent < 0 || *indent > 8 || flag.NArg() != 0 {
		fmt.Fprintln(os.Stderr, "usage: jsonfmt [-indent 0..8] [-sort] < document.json")
		os.Exit(2)
	}
	in, err := io.ReadAll(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "cannot read standard input:", err)
		os.Exit(1)
	}
	out, err := format(in, *indent, *sortKeys)
	if err != nil {
		fmt.Fprintln(os.Stderr, describe(in, err))
		os.Exit(1)
	}
	os.Stdout.Write(out)
}

// format checks that in holds exactly one JSON value and writes it with indent spaces per level.
func format(in []byte, indent int, sortKeys bool) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(in))
	dec.UseNumber() // keep numbers as written: 1.0 stays 1.0, big integers stay exact
	var value interface{}
	if err := dec.Decode(&value); err != nil {
		return nil, err
	}
	end := dec.InputOffset()
	if _, err := dec.Token(); err != io.EOF {
		rest := in[end:]
		return nil, trailingData{offset: end + int64(len(rest)-len(bytes.TrimLeft(rest, " \t\r\n")))}
	}
	var out bytes.Buffer
	if sortKeys {
		// encoding/json writes map keys in sorted order
		enc := json.NewEncoder(&out)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", strings.Repeat(" ", indent))
		if err := enc.Encode(value); err != nil {
			return nil, err
		}
		if indent == 0 {
			return compact(out.Bytes())
		}
		return out.Bytes(), nil
	}
	if indent == 0 {
		return compact(in)
	}
	if err := json.Indent(&out, bytes.TrimSpace(in), "", strings.Repeat(" ", indent)); err != nil {
		return nil, err
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

func compact(in []byte) ([]byte, error) {
	var out bytes.Buffer
	if err := json.Compact(&out, in); err != nil {
		return nil, err
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

// trailingData is the error of input that goes on after the first JSON value.
type trailingData struct{ offset int64 } // offset: index of its first byte

func (trailingData) Error() string { return "unexpected data after the JSON value" }

// describe turns a decoding error into a message with the line and column it happened at.
func describe(in []byte, err error) string {
	var syntax *json.SyntaxError
	var trailing trailingData
	switch {
	case errors.Is(err, io.EOF) && len(bytes.TrimSpace(in)) == 0:
		return "invalid JSON: the input is empty"
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Sprintf("invalid JSON at %s: unexpected end of input", position(in, int64(len(in))))
	case errors.As(err, &syntax):
		return fmt.Sprintf("invalid JSON at %s: %s", position(in, syntax.Offset), syntax.Error())
	case errors.As(err, &trailing):
		return fmt.Sprintf("invalid JSON at %s: %s", position(in, trailing.offset+1), err.Error())
	default:
		return "invalid JSON: " + err.Error()
	}
}

// position is "line L, column C" (1-based, C in bytes) of the byte before offset, where the
// decoder noticed the error.
func position(in []byte, offset int64) string {
	if offset > int64(len(in)) {
		offset = int64(len(in))
	}
	line, col := 1, 1
	for _, c := range in[:max(offset-1, 0)] {
		if c == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return fmt.Sprintf("line %d, column %d", line, col)
}

func max(a, b int64) int64 {
	if a > b {
		return a
	}
	return b
}
