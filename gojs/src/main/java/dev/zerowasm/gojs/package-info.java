/**
 * Runs Go programs built with {@code GOOS=js GOARCH=wasm}: the host side of Go's {@code
 * wasm_exec.js}, in Java, for both import ABIs (module {@code go} for Go 1.19/1.20, {@code gojs}
 * for Go 1.21+).
 *
 * <p>{@link dev.zerowasm.gojs.GoJs} drives one run; the {@link dev.zerowasm.ModuleConfig} it runs
 * with says what the program sees of its host (arguments, environment, streams, mounts, clocks,
 * random), {@link dev.zerowasm.gojs.GoJsConfig} the Go specifics (working directory, time zone,
 * {@code fetch}); {@link dev.zerowasm.gojs.GoGuest} is the program's side (its exports).
 *
 * <p>Decisions:
 *
 * <ul>
 *   <li>The JavaScript world is emulated, not embedded: only the objects and functions Go's
 *       standard library reaches (syscall, os, time, crypto/rand, net/http, syscall/js) exist, as
 *       small Java classes. A program that calls other JavaScript gets {@code undefined} or a
 *       {@code TypeError}, as it would in a bare JavaScript engine.
 *   <li>Node's asynchronous {@code fs} callbacks and promise reactions run from an event loop after
 *       the program pauses, as in Node; the file operations themselves run synchronously on the
 *       program's thread. Timers wait in real time, as {@code setTimeout}.
 *   <li>Files: every {@link dev.zerowasm.FsConfig} mount is a directory of one absolute guest
 *       namespace; paths and symbolic links are resolved in that namespace, so nothing outside the
 *       mounts is reachable (see {@code internal.GuestFs}). The program runs as uid 0 with pid 1;
 *       chown only checks that the file may be changed.
 *   <li>{@code fetch} (for net/http clients) is off unless enabled; it uses {@link
 *       java.net.http.HttpClient} and receives each body whole before handing it out in chunks.
 *   <li>The local time zone is UTC unless configured: the host's zone is not leaked.
 * </ul>
 */
package dev.zerowasm.gojs;
