/**
 * Guest interfaces: Java interfaces annotated {@code @WasmModule} that become beans calling a guest
 * module's exports.
 */
package dev.zerowasm.spring.boot.autoconfigure.guest;
