/**
 * Host side of Go programs built with GOOS=js GOARCH=wasm.
 *
 * <p>This module is being built; see the project issues for its scope.
 */
package dev.zerowasm.gojs;
