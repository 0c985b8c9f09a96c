/**
 * Host modules from Spring beans: {@code @WasmHostModule} beans with {@code @WasmExport} methods.
 */
package dev.zerowasm.spring.boot.autoconfigure.host;
