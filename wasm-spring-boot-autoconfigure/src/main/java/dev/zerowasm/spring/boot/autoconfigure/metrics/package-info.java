/** Micrometer metrics of guest calls, instantiations and instance pools. */
package dev.zerowasm.spring.boot.autoconfigure.metrics;
