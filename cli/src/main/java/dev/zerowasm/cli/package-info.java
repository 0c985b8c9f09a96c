/**
 * The {@code zerowasm} command line ({@link dev.zerowasm.cli.Main}): runs WASI commands and Go
 * {@code GOOS=js} programs, compiles modules (optionally into a directory compilation cache) and
 * logs host calls by scope; packaged as a runnable jar. See docs/cli.md.
 */
package dev.zerowasm.cli;
