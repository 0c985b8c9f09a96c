package dev.zerowasm;

import dev.zerowasm.internal.engine.CodeOptions;
import dev.zerowasm.internal.engine.CodeStore;
import dev.zerowasm.internal.engine.CompiledCode;
import dev.zerowasm.internal.engine.Engine;
import dev.zerowasm.internal.wasm.WasmModule;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * Remembers compiled modules so that compiling the same binary again, in this runtime or in
 * another one sharing the cache, skips decoding, validation and code generation. An entry belongs
 * to one binary (compared byte for byte, not trusted to a hash), the runtime version, the engine,
 * the core features and the hooks compiled in (listeners, interruption).
 *
 * <ul>
 *   <li>{@link #inMemory()} shares the decoded and validated module and the engine's code among the
 *       runtimes of one JVM.
 *   <li>{@link #directory(Path)} does the same and also writes entries to files that a later
 *       process reads: a copy of the binary marking it valid (so a later process that compiles the
 *       same bytes decodes them without reading their function bodies, and does not validate them)
 *       and, for the compiler engine, the generated class files, which are defined without being
 *       generated again. The interpreter stores only the marker: its translation is lazy and cheap.
 *       Corrupt or truncated files are logged, ignored and overwritten; files are written to a
 *       temporary name and moved into place atomically, so concurrent processes never see half an
 *       entry.
 * </ul>
 *
 * <p>Thread-safe. Share one with {@link RuntimeConfig#withCompilationCache}; closing a runtime does
 * not close its cache. Closing the cache empties its memory; runtimes still using it then compile
 * without it.
 *
 * <pre>{@code
 * try (CompilationCache cache = CompilationCache.directory(Path.of("/var/cache/myapp/wasm"))) {
 *   RuntimeConfig config = RuntimeConfig.defaults().withCompilationCache(cache);
 *   try (Runtime a = Runtime.create(config); Runtime b = Runtime.create(config)) {
 *     a.compile(wasm); // compiles and stores
 *     b.compile(wasm); // reuses
 *   }
 * }
 * }</pre>
 */
public abstract class CompilationCache implements AutoCloseable {
  /** The version of zerowasm, part of every key (code of another version is never reused). */
  static final String RUNTIME_VERSION = runtimeVersion();

  private final ConcurrentHashMap<String, Shared> modules = new ConcurrentHashMap<>();
  private volatile boolean closed;

  CompilationCache() {}

  /** A cache in this JVM's memory. */
  public static CompilationCache inMemory() {
    return new InMemory();
  }

  /**
   * A cache in memory backed by files in {@code directory} (created if missing), which survive the
   * process.
   *
   * @throws UncheckedIOException if the directory cannot be created
   */
  public static CompilationCache directory(Path directory) {
    Objects.requireNonNull(directory, "directory must not be null");
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create the compilation cache directory " + directory, e);
    }
    return new Directory(directory);
  }

  /** Empties the in-memory part; files of a directory cache stay. Idempotent. */
  @Override
  public void close() {
    closed = true;
    modules.clear();
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }

  // ------------------------------------------------------------------ used by RuntimeImpl

  /** The decoded and validated module of one binary and its compiled variants. */
  static final class Shared {
    final WasmModule module;

    /** The binary's key (see {@link #key}); null if the module is not cached. */
    final String key;

    /** The version, engine and features the module was decoded for (see {@link #descriptor}). */
    final String descriptor;

    /**
     * The SHA-256 of the binary, written into the entry's files: code files hold the hash of the
     * binary they were compiled from, so code written for another binary with the same key is not
     * used. Computed only when a marker is written; a marker that holds this very binary supplies
     * it, which spares a hash of the binary on every start. Null if not cached in a directory.
     */
    final byte[] binaryHash;

    final ConcurrentHashMap<String, CompiledCode> codes = new ConcurrentHashMap<>();

    Shared(WasmModule module, String key, String descriptor, byte[] binaryHash) {
      this.module = module;
      this.key = key;
      this.descriptor = descriptor;
      this.binaryHash = binaryHash;
    }

    /** Whether this is the module of {@code wasm} for {@code descriptor}. */
    boolean isOf(byte[] wasm, String descriptor) {
      return this.descriptor.equals(descriptor) && Arrays.equals(module.bytes, wasm);
    }
  }

  /**
   * The name of the entry of {@code wasm} for {@code descriptor}: the binary's length and two
   * checksums (CRC-32C and CRC-32, computed natively even in a fresh JVM, where a SHA-256 of a
   * large binary takes tens of milliseconds) and a checksum of the descriptor, in hex. Names can
   * collide, and a crafted binary can collide on purpose, so an entry is only used after its
   * binary and descriptor compared equal to the ones compiled.
   */
  static String key(byte[] wasm, String descriptor) {
    CRC32C crc32c = new CRC32C();
    crc32c.update(wasm);
    CRC32 crc32 = new CRC32();
    crc32.update(wasm);
    CRC32 config = new CRC32();
    config.update(descriptor.getBytes(StandardCharsets.UTF_8));
    return Integer.toHexString(wasm.length)
        + "-"
        + hex32(crc32c.getValue())
        + hex32(crc32.getValue())
        + "-"
        + hex32(config.getValue());
  }

  /** What besides the binary decides the compiled code: version, engine and core features. */
  static String descriptor(RuntimeConfig config) {
    return RUNTIME_VERSION + "|" + config.engine() + "|" + config.coreFeatures();
  }

  /**
   * The shared module of {@code wasm} (a private copy the caller does not change) for {@code
   * config}: cached, or made by {@code decodeAndValidate} (or, when a file says the binary was
   * valid, by {@code decodeKnownValid}). A binary whose key another binary already holds is
   * decoded and validated without the cache.
   */
  Shared module(
      byte[] wasm,
      RuntimeConfig config,
      Supplier<WasmModule> decodeAndValidate,
      Supplier<WasmModule> decodeKnownValid) {
    String descriptor = descriptor(config);
    if (!closed) {
      String key = key(wasm, descriptor);
      Shared[] loaded = new Shared[1];
      Shared shared =
          modules.computeIfAbsent(
              key,
              k -> loaded[0] = load(k, descriptor, wasm, decodeAndValidate, decodeKnownValid));
      // One loaded now is of these bytes; one found in memory may be of another binary.
      if (shared == loaded[0] || shared.isOf(wasm, descriptor)) {
        return shared;
      }
    }
    return new Shared(decodeAndValidate.get(), null, descriptor, null);
  }

  /** The code of {@code shared} with {@code options}: cached, loaded, or compiled by {@code engine}. */
  CompiledCode code(Shared shared, CodeOptions options, Engine engine) {
    if (closed || shared.key == null) {
      return engine.compile(shared.module, options);
    }
    return shared.codes.computeIfAbsent(
        options.key(), o -> loadCode(shared, options, engine));
  }

  /** Makes the shared module of a key not in memory. */
  abstract Shared load(
      String key,
      String descriptor,
      byte[] wasm,
      Supplier<WasmModule> decodeAndValidate,
      Supplier<WasmModule> decodeKnownValid);

  /** Makes the code of a module and options not in memory. */
  abstract CompiledCode loadCode(Shared shared, CodeOptions options, Engine engine);

  private static final class InMemory extends CompilationCache {
    @Override
    Shared load(
        String key,
        String descriptor,
        byte[] wasm,
        Supplier<WasmModule> decodeAndValidate,
        Supplier<WasmModule> decodeKnownValid) {
      return new Shared(decodeAndValidate.get(), key, descriptor, null);
    }

    @Override
    CompiledCode loadCode(Shared shared, CodeOptions options, Engine engine) {
      return engine.compile(shared.module, options);
    }

    @Override
    public String toString() {
      return "CompilationCache.inMemory()";
    }
  }

  /**
   * Files: {@code <key>.valid} (the marker, holding the binary itself) and {@code
   * <key>-<options>.code} (an engine's payload). Each holds a magic number, the key, the
   * descriptor, the SHA-256 of the binary, the payload and its CRC-32.
   */
  private static final class Directory extends CompilationCache {
    /** "ZWC2": the second format (the first keyed entries by SHA-256 and held no binary). */
    private static final int MAGIC = 0x5A574332;

    private final Path dir;

    Directory(Path dir) {
      this.dir = dir;
    }

    @Override
    Shared load(
        String key,
        String descriptor,
        byte[] wasm,
        Supplier<WasmModule> decodeAndValidate,
        Supplier<WasmModule> decodeKnownValid) {
      Path marker = dir.resolve(key + ".valid");
      Entry entry = read(marker, key);
      if (entry != null && entry.descriptor.equals(descriptor) && entry.payloadEquals(wasm)) {
        return new Shared(decodeKnownValid.get(), key, descriptor, entry.binaryHash);
      }
      // No marker, or one of another binary with the same key: that one loses its entry.
      WasmModule module = decodeAndValidate.get();
      byte[] hash = sha256(wasm);
      write(marker, key, descriptor, hash, wasm);
      return new Shared(module, key, descriptor, hash);
    }

    @Override
    CompiledCode loadCode(Shared shared, CodeOptions options, Engine engine) {
      Path file = dir.resolve(shared.key + "-" + options.key() + ".code");
      // The engine reads the file when it suits it: the compiler reads a large module's classes
      // in the background while the module starts on the interpreter.
      return engine.load(
          shared.module,
          options,
          new CodeStore() {
            @Override
            public byte[] read() {
              Entry entry = Directory.read(file, shared.key);
              return entry != null && Arrays.equals(entry.binaryHash, shared.binaryHash)
                  ? entry.payload()
                  : null;
            }

            @Override
            public void unusable(Throwable error) {
              Log.LOGGER.log(
                  System.Logger.Level.WARNING,
                  "ignoring unusable compilation cache entry " + file + "; recompiling",
                  error);
            }

            @Override
            public void write(byte[] bytes) {
              Directory.write(file, shared.key, shared.descriptor, shared.binaryHash, bytes);
            }
          });
    }

    /** A file's content: its header's descriptor and binary hash, and where its payload is. */
    private static final class Entry {
      final String descriptor;
      final byte[] binaryHash;
      private final byte[] file;
      private final int payloadStart;
      private final int payloadEnd;

      Entry(String descriptor, byte[] binaryHash, byte[] file, int payloadStart, int payloadEnd) {
        this.descriptor = descriptor;
        this.binaryHash = binaryHash;
        this.file = file;
        this.payloadStart = payloadStart;
        this.payloadEnd = payloadEnd;
      }

      boolean payloadEquals(byte[] bytes) {
        return Arrays.equals(file, payloadStart, payloadEnd, bytes, 0, bytes.length);
      }

      byte[] payload() {
        return Arrays.copyOfRange(file, payloadStart, payloadEnd);
      }
    }

    /** The entry in {@code file}, or null if it is missing or corrupt (then logged). */
    private static Entry read(Path file, String key) {
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (java.nio.file.NoSuchFileException e) {
        return null;
      } catch (IOException e) {
        Log.LOGGER.log(
            System.Logger.Level.WARNING, "cannot read compilation cache entry " + file, e);
        return null;
      }
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
        if (in.readInt() != MAGIC || !in.readUTF().equals(key)) {
          throw new IOException("wrong magic number or key");
        }
        String descriptor = in.readUTF();
        byte[] binaryHash = in.readNBytes(32);
        int length = in.readInt();
        // The header is followed by the payload and the 8 bytes of its checksum, nothing else.
        int start = bytes.length - in.available();
        if (length < 0 || length != bytes.length - start - 8) {
          throw new IOException("truncated or altered payload");
        }
        int end = start + length;
        if (ByteBuffer.wrap(bytes, end, 8).getLong() != crc(bytes, start, length)) {
          throw new IOException("truncated or altered payload");
        }
        return new Entry(descriptor, binaryHash, bytes, start, end);
      } catch (IOException e) {
        Log.LOGGER.log(
            System.Logger.Level.WARNING,
            "ignoring corrupt compilation cache entry "
                + file
                + " ("
                + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName())
                + "); recompiling and overwriting it");
        return null;
      }
    }

    /** Writes {@code file} atomically; failures are logged, not thrown (the cache is optional). */
    private static void write(
        Path file, String key, String descriptor, byte[] binaryHash, byte[] payload) {
      Path tmp = null;
      try {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(payload.length + 200);
        try (DataOutputStream out = new DataOutputStream(buf)) {
          out.writeInt(MAGIC);
          out.writeUTF(key);
          out.writeUTF(descriptor);
          out.write(binaryHash);
          out.writeInt(payload.length);
          out.write(payload);
          out.writeLong(crc(payload, 0, payload.length));
        }
        tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        Files.write(tmp, buf.toByteArray());
        try {
          Files.move(
              tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } catch (IOException e) {
        Log.LOGGER.log(
            System.Logger.Level.WARNING, "cannot write compilation cache entry " + file, e);
        if (tmp != null) {
          try {
            Files.deleteIfExists(tmp);
          } catch (IOException ignored) {
            // nothing more to do: a stray temporary file is harmless
          }
        }
      }
    }

    private static long crc(byte[] bytes, int offset, int length) {
      CRC32 crc = new CRC32();
      crc.update(bytes, offset, length);
      return crc.getValue();
    }

    @Override
    public String toString() {
      return "CompilationCache.directory(" + dir + ")";
    }
  }

  /**
   * The logger, in a holder class: creating it takes about 15 ms in a fresh JVM (the logging
   * framework starts), which only a process that has something to log should pay.
   */
  private static final class Log {
    static final System.Logger LOGGER = System.getLogger(CompilationCache.class.getName());
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** {@code value}'s low 32 bits as 8 hex digits. */
  private static String hex32(long value) {
    String digits = Long.toHexString(value & 0xFFFF_FFFFL);
    return "0".repeat(8 - digits.length()) + digits;
  }

  /**
   * The version, plus for snapshot builds the modification time of the runtime's jar, so a rebuilt
   * snapshot never reuses another build's generated classes.
   */
  private static String runtimeVersion() {
    String version = "0.1.0-SNAPSHOT";
    try {
      Path location =
          Path.of(CompilationCache.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isRegularFile(location)) {
        version += "+" + Files.getLastModifiedTime(location).toMillis();
      }
    } catch (Exception e) {
      // No code source (e.g. a custom class loader): the version alone must do.
    }
    return version;
  }
}
