/** Ahead-of-time processing: the runtime hints a GraalVM native image needs. */
package dev.zerowasm.spring.boot.autoconfigure.aot;
