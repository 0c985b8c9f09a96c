/** Actuator support: the {@code wasm} endpoint and health indicator. */
package dev.zerowasm.spring.boot.autoconfigure.actuate;
