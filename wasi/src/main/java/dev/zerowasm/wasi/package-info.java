/**
 * wasi_snapshot_preview1 host module over java.nio.file.
 *
 * <p>This module is being built; see the project issues for its scope.
 */
package dev.zerowasm.wasi;
