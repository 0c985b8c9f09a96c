/**
 * Auto-configuration of zerowasm for Spring Boot.
 *
 * <p>This module is being built; see the project issues for its scope.
 */
package dev.zerowasm.spring.boot.autoconfigure;
