/**
 * The {@code zerowasm} command line ({@link dev.zerowasm.cli.Main}): runs WASI commands and
 * compiles modules; packaged as a runnable jar. See docs/cli.md.
 */
package dev.zerowasm.cli;
