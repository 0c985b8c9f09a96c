/** WASI for guest modules: per-instance arguments, environment, mounts and output routing. */
package dev.zerowasm.spring.boot.autoconfigure.wasi;
