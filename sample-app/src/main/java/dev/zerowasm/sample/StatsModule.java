package dev.zerowasm.sample;

import dev.zerowasm.spring.boot.autoconfigure.guest.WasmFunction;
import dev.zerowasm.spring.boot.autoconfigure.guest.WasmModule;

/**
 * The exports of {@code wasm/stats.wasm}, a plugin written in C (source {@code
 * src/main/wasm/stats.c}, a WASI reactor built with clang and wasi-libc), configured under {@code
 * wasm.modules.stats}. Each pooled instance reads its stop-word file once, through the read-only
 * WASI mount of {@code application.yml}; {@code args} name the file and {@code env} sets {@code
 * STATS_TOP_WORDS}.
 */
@WasmModule("stats")
public interface StatsModule {
  /**
   * Export {@code stats (i32, i32) -> i64}: statistics of the text as a JSON object with {@code
   * lines}, {@code words}, {@code characters} (Unicode code points), {@code bytes} (UTF-8), {@code
   * distinctWords} and {@code topWords} (the most frequent words that are not stop words, as
   * {@code {"word":..,"count":..}}, most frequent first, ties in alphabetical order).
   */
  String stats(String text);

  /** Export {@code crc32 (i32, i32) -> i32}: the bytes' CRC-32, as {@code java.util.zip.CRC32}. */
  int crc32(byte[] data);

  /**
   * Export {@code add_stop_word (i32, i32) -> i64}: appends a word to the stop-word file; the
   * empty string when done, else the C library's error message (on the sample's read-only mount
   * always "... Read-only file system").
   */
  @WasmFunction("add_stop_word")
  String addStopWord(String word);
}
