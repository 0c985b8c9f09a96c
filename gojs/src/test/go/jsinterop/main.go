// Command jsinterop uses syscall/js directly: Go functions called back from JavaScript (while
// Go is inside a call to JavaScript), objects, arrays, bytes, instanceof and a JavaScript error.
package main

import (
	"fmt"
	"syscall/js"
)

func main() {
	add := js.FuncOf(func(this js.Value, args []js.Value) any {
		return args[0].Int() + args[1].Int()
	})
	defer add.Release()
	js.Global().Set("add", add)
	fmt.Println("add:", js.Global().Call("add", 2, 40).Int())

	obj := js.Global().Get("Object").New()
	obj.Set("name", "gopher")
	obj.Set("list", []any{1, "two", true})
	list := obj.Get("list")
	fmt.Println("name:", obj.Get("name").String(), "len:", list.Length(), "second:", list.Index(1).String())
	fmt.Println("types:", list.Index(0).Type(), list.Index(2).Bool(), obj.Get("missing").IsUndefined())

	arr := js.Global().Get("Uint8Array").New(3)
	n := js.CopyBytesToJS(arr, []byte{7, 8, 9})
	fmt.Println("copied:", n, arr.Index(2).Int(), arr.InstanceOf(js.Global().Get("Uint8Array")))

	done := make(chan string)
	cb := js.FuncOf(func(this js.Value, args []js.Value) any {
		done <- args[0].Get("code").String()
		return nil
	})
	defer cb.Release()
	js.Global().Get("fs").Call("stat", "/definitely/missing", cb)
	fmt.Println("stat error code:", <-done)

	defer func() { fmt.Println("recovered:", recover()) }()
	js.Global().Call("nope")
}
