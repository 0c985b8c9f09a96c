package dev.zerowasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerowasm.api.CompileException;
import dev.zerowasm.internal.engine.CodeOptions;
import dev.zerowasm.internal.engine.CompiledCode;
import dev.zerowasm.internal.engine.Engine;
import dev.zerowasm.internal.wasm.WasmModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The in-memory and directory compilation caches, on both engines. */
class CompilationCacheTest {
  static Stream<RuntimeConfig> engines() {
    return Stream.of(RuntimeConfig.interpreter(), RuntimeConfig.compiler());
  }

  private static final byte[] WASM = LimitsAndCancellationTest.module(1);

  @ParameterizedTest
  @MethodSource("engines")
  void runtimesSharingAnInMemoryCacheCompileOnce(RuntimeConfig engine) {
    // docs/compilation-cache.md, "Sharing compiled code between runtimes"
    try (CompilationCache cache = CompilationCache.inMemory()) {
      RuntimeConfig config = engine.withCompilationCache(cache);
      try (Runtime a = Runtime.create(config);
          Runtime b = Runtime.create(config)) {
        CompiledModuleImpl ca = (CompiledModuleImpl) a.compile(WASM);
        CompiledModuleImpl cb = (CompiledModuleImpl) b.compile(WASM.clone());
        // The decoded, validated module and the engine's code are the same objects.
        assertThat(cb.module).isSameAs(ca.module);
        assertThat(cb.code(CodeOptions.NONE)).isSameAs(ca.code(CodeOptions.NONE));
        assertThat(a.instantiate(ca).exportedFunction("grow").call(0)).containsExactly(1);
        assertThat(b.instantiate(cb).exportedFunction("grow").call(0)).containsExactly(1);
      }
      // Closing the runtimes left the cache usable.
      assertThat(cache.isClosed()).isFalse();
      try (Runtime c = Runtime.create(engine.withCompilationCache(cache))) {
        assertThat(c.instantiate(WASM).exportedFunction("grow").call(1)).containsExactly(1);
      }
    }
  }

  @Test
  void differentFeaturesOrEnginesDoNotShareEntries() {
    try (CompilationCache cache = CompilationCache.inMemory();
        Runtime a = Runtime.create(RuntimeConfig.interpreter().withCompilationCache(cache));
        Runtime b = Runtime.create(RuntimeConfig.compiler().withCompilationCache(cache))) {
      assertThat(((CompiledModuleImpl) b.compile(WASM)).module)
          .isNotSameAs(((CompiledModuleImpl) a.compile(WASM)).module);
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void aDirectoryCacheSurvivesANewCacheInstance(RuntimeConfig engine, @TempDir Path dir)
      throws IOException {
    Counting counting = new Counting(engine);
    try (CompilationCache cache = CompilationCache.directory(dir)) {
      try (Runtime r = new RuntimeImpl(engine.withCompilationCache(cache), counting)) {
        assertThat(r.instantiate(WASM).exportedFunction("grow").call(0)).containsExactly(1);
      }
    }
    assertThat(counting.compiles.get()).isEqualTo(1);
    List<String> files = files(dir);
    assertThat(files).anyMatch(f -> f.endsWith(".valid"));
    if (engine.engine() == RuntimeConfig.EngineKind.COMPILER) {
      assertThat(files).anyMatch(f -> f.endsWith(".code"));
    }
    // As a new process would: a fresh cache on the same directory.
    try (CompilationCache cache = CompilationCache.directory(dir);
        Runtime r = new RuntimeImpl(engine.withCompilationCache(cache), counting)) {
      assertThat(r.instantiate(WASM).exportedFunction("grow").call(0)).containsExactly(1);
    }
    // The compiler's classes were defined from the stored bytes, not generated again.
    int expected = engine.engine() == RuntimeConfig.EngineKind.COMPILER ? 1 : 2;
    assertThat(counting.compiles.get()).isEqualTo(expected);
  }

  @ParameterizedTest
  @MethodSource("engines")
  void corruptOrTruncatedEntriesAreRecompiledAndOverwritten(RuntimeConfig engine, @TempDir Path dir)
      throws IOException {
    try (CompilationCache cache = CompilationCache.directory(dir);
        Runtime r = Runtime.create(engine.withCompilationCache(cache))) {
      r.compile(WASM);
    }
    for (String f : files(dir)) {
      Path p = dir.resolve(f);
      byte[] bytes = Files.readAllBytes(p);
      Files.write(p, java.util.Arrays.copyOf(bytes, bytes.length / 2)); // truncate
    }
    Counting counting = new Counting(engine);
    try (CompilationCache cache = CompilationCache.directory(dir);
        Runtime r = new RuntimeImpl(engine.withCompilationCache(cache), counting)) {
      assertThat(r.instantiate(WASM).exportedFunction("grow").call(0)).containsExactly(1);
    }
    assertThat(counting.compiles.get()).isEqualTo(1);
    // Overwritten with good entries: a third cache reuses them.
    Counting again = new Counting(engine);
    try (CompilationCache cache = CompilationCache.directory(dir);
        Runtime r = new RuntimeImpl(engine.withCompilationCache(cache), again)) {
      assertThat(r.instantiate(WASM).exportedFunction("grow").call(0)).containsExactly(1);
    }
    assertThat(again.compiles.get())
        .isEqualTo(engine.engine() == RuntimeConfig.EngineKind.COMPILER ? 0 : 1);
    assertThat(files(dir)).noneMatch(f -> f.endsWith(".tmp"));
  }

  @ParameterizedTest
  @MethodSource("engines")
  void concurrentWritersOfTheSameKeyLeaveAGoodEntry(RuntimeConfig engine, @TempDir Path dir)
      throws Exception {
    // Separate cache instances on one directory, as separate processes would be.
    int writers = 4;
    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(writers);
    List<java.util.concurrent.CompletableFuture<long[]>> results = new java.util.ArrayList<>();
    for (int i = 0; i < writers; i++) {
      results.add(
          java.util.concurrent.CompletableFuture.supplyAsync(
              () -> {
                try (CompilationCache cache = CompilationCache.directory(dir);
                    Runtime r = Runtime.create(engine.withCompilationCache(cache))) {
                  start.await();
                  return r.instantiate(WASM).exportedFunction("grow").call(0);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }));
    }
    for (java.util.concurrent.CompletableFuture<long[]> f : results) {
      assertThat(f.get(60, java.util.concurrent.TimeUnit.SECONDS)).containsExactly(1);
    }
    assertThat(files(dir)).noneMatch(f -> f.endsWith(".tmp"));
    Counting counting = new Counting(engine);
    try (CompilationCache cache = CompilationCache.directory(dir);
        Runtime r = new RuntimeImpl(engine.withCompilationCache(cache), counting)) {
      assertThat(r.instantiate(WASM).exportedFunction("grow").call(0)).containsExactly(1);
    }
    assertThat(counting.compiles.get())
        .isEqualTo(engine.engine() == RuntimeConfig.EngineKind.COMPILER ? 0 : 1);
  }

  @ParameterizedTest
  @MethodSource("engines")
  void listeningAndInterruptibleVariantsAreSeparateEntries(RuntimeConfig engine) {
    try (CompilationCache cache = CompilationCache.inMemory();
        Runtime r = Runtime.create(engine.withCompilationCache(cache))) {
      CompiledModuleImpl c = (CompiledModuleImpl) r.compile(WASM);
      CompiledCode plain = c.code(CodeOptions.NONE);
      CompiledCode hooked = c.code(new CodeOptions(true, true));
      assertThat(hooked).isNotSameAs(plain);
      try (Runtime other = Runtime.create(engine.withCompilationCache(cache))) {
        assertThat(((CompiledModuleImpl) other.compile(WASM)).code(new CodeOptions(true, true)))
            .isSameAs(hooked);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void aMarkerOfAnotherBinaryUnderTheSameNameIsNotTrusted(RuntimeConfig engine, @TempDir Path dir)
      throws IOException {
    // Entry names are checksums, which a crafted binary can match. Here an invalid binary finds,
    // under its own name, a well-formed marker holding a valid binary: it must still be validated.
    WasmBuilder b = new WasmBuilder();
    byte[] invalid = b.function(b.type(new int[0]), 0x41, 0x00).build(); // leaves an i32
    String descriptor = CompilationCache.descriptor(engine);
    String key = CompilationCache.key(invalid, descriptor);
    writeEntry(dir.resolve(key + ".valid"), key, descriptor, new byte[32], WASM);
    try (CompilationCache cache = CompilationCache.directory(dir);
        Runtime r = Runtime.create(engine.withCompilationCache(cache))) {
      assertThatThrownBy(() -> r.compile(invalid))
          .isInstanceOf(CompileException.class)
          .hasMessageContaining("type mismatch");
      // The valid binary is not served from that marker either: its own name holds nothing.
      assertThat(r.instantiate(WASM).exportedFunction("grow").call(0)).containsExactly(1);
    }
  }

  @Test
  void classesStoredForAnotherBinaryUnderTheSameNameAreNotLoaded(@TempDir Path dir)
      throws IOException {
    RuntimeConfig engine = RuntimeConfig.compiler();
    try (CompilationCache cache = CompilationCache.directory(dir);
        Runtime r = Runtime.create(engine.withCompilationCache(cache))) {
      r.compile(WASM);
    }
    // The code file, as a binary with the same name but another SHA-256 would have written it.
    Path code;
    try (Stream<Path> s = Files.list(dir)) {
      code = s.filter(p -> p.toString().endsWith(".code")).findFirst().orElseThrow();
    }
    try (java.io.DataInputStream in =
        new java.io.DataInputStream(new java.io.ByteArrayInputStream(Files.readAllBytes(code)))) {
      assertThat(in.readInt()).isEqualTo(0x5A574332);
      String key = in.readUTF();
      String descriptor = in.readUTF();
      byte[] hash = in.readNBytes(32);
      byte[] payload = in.readNBytes(in.readInt());
      hash[0] ^= 1;
      writeEntry(code, key, descriptor, hash, payload);
    }
    Counting counting = new Counting(engine);
    try (CompilationCache cache = CompilationCache.directory(dir);
        Runtime r = new RuntimeImpl(engine.withCompilationCache(cache), counting)) {
      assertThat(r.instantiate(WASM).exportedFunction("grow").call(0)).containsExactly(1);
    }
    assertThat(counting.compiles.get()).isEqualTo(1);
  }

  /**
   * Writes a directory cache file as the cache does: magic "ZWC2", key, descriptor, SHA-256 of the
   * binary, payload length, payload, CRC-32 of the payload.
   */
  private static void writeEntry(
      Path file, String key, String descriptor, byte[] binaryHash, byte[] payload)
      throws IOException {
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    try (java.io.DataOutputStream out = new java.io.DataOutputStream(buf)) {
      out.writeInt(0x5A574332);
      out.writeUTF(key);
      out.writeUTF(descriptor);
      out.write(binaryHash);
      out.writeInt(payload.length);
      out.write(payload);
      java.util.zip.CRC32 crc = new java.util.zip.CRC32();
      crc.update(payload);
      out.writeLong(crc.getValue());
    }
    Files.write(file, buf.toByteArray());
  }

  private static List<String> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  /** The engine of {@code config}, counting how often it compiles. */
  private static final class Counting implements Engine {
    final AtomicInteger compiles = new AtomicInteger();
    private final Engine engine;

    Counting(RuntimeConfig config) {
      this.engine =
          config.engine() == RuntimeConfig.EngineKind.COMPILER
              ? new dev.zerowasm.internal.compiler.CompilerEngine()
              : new dev.zerowasm.internal.interpreter.InterpreterEngine();
    }

    @Override
    public CompiledCode compile(WasmModule module) {
      return compile(module, CodeOptions.NONE);
    }

    @Override
    public CompiledCode compile(WasmModule module, CodeOptions options) {
      compiles.incrementAndGet();
      return engine.compile(module, options);
    }

    @Override
    public byte[] serialize(CompiledCode code) {
      return engine.serialize(code);
    }

    @Override
    public CompiledCode deserialize(WasmModule module, CodeOptions options, byte[] bytes) {
      return engine.deserialize(module, options, bytes);
    }
  }
}
