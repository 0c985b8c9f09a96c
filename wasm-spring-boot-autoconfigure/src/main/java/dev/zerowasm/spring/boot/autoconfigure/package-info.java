/**
 * Auto-configuration of zerowasm for Spring Boot: the runtime, the registry of guest modules with
 * their instance pools, and the {@code wasm.*} properties.
 */
package dev.zerowasm.spring.boot.autoconfigure;
