package dev.zerowasm;

import dev.zerowasm.internal.engine.CodeOptions;
import dev.zerowasm.internal.engine.CompiledCode;
import dev.zerowasm.internal.engine.Engine;
import dev.zerowasm.internal.wasm.WasmModule;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.zip.CRC32;

/**
 * Remembers compiled modules so that compiling the same binary again, in this runtime or in
 * another one sharing the cache, skips decoding, validation and code generation. Entries are keyed
 * by the SHA-256 of the binary, the runtime version, the engine, the core features and the hooks
 * compiled in (listeners, interruption).
 *
 * <ul>
 *   <li>{@link #inMemory()} shares the decoded and validated module and the engine's code among the
 *       runtimes of one JVM.
 *   <li>{@link #directory(Path)} does the same and also writes entries to files that a later
 *       process reads: a marker that the binary is valid (so it is only decoded, not validated) and,
 *       for the compiler engine, the generated class files, which are defined without being
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

  /** The decoded and validated module and its compiled variants. */
  static final class Shared {
    final WasmModule module;
    final ConcurrentHashMap<String, CompiledCode> codes = new ConcurrentHashMap<>();

    Shared(WasmModule module) {
      this.module = module;
    }
  }

  /**
   * The key of a binary for a runtime: SHA-256 of the binary, version, engine and features, in
   * hex.
   */
  static String key(byte[] wasm, RuntimeConfig config) {
    MessageDigest sha = sha256();
    byte[] binary = sha.digest(wasm);
    sha.reset();
    sha.update(binary);
    sha.update(
        ("|" + RUNTIME_VERSION + "|" + config.engine() + "|" + config.coreFeatures())
            .getBytes(StandardCharsets.UTF_8));
    return hex(sha.digest());
  }

  /**
   * The shared module for {@code key}: cached, or made by {@code decodeAndValidate} (or, when a
   * file says the binary was valid, by {@code decodeOnly}).
   */
  Shared module(String key, Supplier<WasmModule> decodeAndValidate, Supplier<WasmModule> decodeOnly) {
    if (closed) {
      return new Shared(decodeAndValidate.get());
    }
    return modules.computeIfAbsent(key, k -> new Shared(load(k, decodeAndValidate, decodeOnly)));
  }

  /** The code of {@code shared} with {@code options}: cached, loaded, or compiled by {@code engine}. */
  CompiledCode code(String key, Shared shared, CodeOptions options, Engine engine) {
    Function<String, CompiledCode> make = o -> loadCode(key, shared.module, options, engine);
    return closed ? make.apply(options.key()) : shared.codes.computeIfAbsent(options.key(), make);
  }

  /** Makes the module of a key not in memory. */
  abstract WasmModule load(
      String key, Supplier<WasmModule> decodeAndValidate, Supplier<WasmModule> decodeOnly);

  /** Makes the code of a key and options not in memory. */
  abstract CompiledCode loadCode(String key, WasmModule module, CodeOptions options, Engine engine);

  private static final class InMemory extends CompilationCache {
    @Override
    WasmModule load(
        String key, Supplier<WasmModule> decodeAndValidate, Supplier<WasmModule> decodeOnly) {
      return decodeAndValidate.get();
    }

    @Override
    CompiledCode loadCode(String key, WasmModule module, CodeOptions options, Engine engine) {
      return engine.compile(module, options);
    }

    @Override
    public String toString() {
      return "CompilationCache.inMemory()";
    }
  }

  /**
   * Files: {@code <key>.valid} (the marker) and {@code <key>-<options>.code} (engine payload). Each
   * holds a magic number, the key, the payload and its CRC-32.
   */
  private static final class Directory extends CompilationCache {
    private static final System.Logger LOG = System.getLogger(CompilationCache.class.getName());
    private static final int MAGIC = 0x5A574343; // "ZWCC"

    private final Path dir;

    Directory(Path dir) {
      this.dir = dir;
    }

    @Override
    WasmModule load(
        String key, Supplier<WasmModule> decodeAndValidate, Supplier<WasmModule> decodeOnly) {
      Path marker = dir.resolve(key + ".valid");
      if (read(marker, key) != null) {
        return decodeOnly.get();
      }
      WasmModule module = decodeAndValidate.get();
      write(marker, key, new byte[0]);
      return module;
    }

    @Override
    CompiledCode loadCode(String key, WasmModule module, CodeOptions options, Engine engine) {
      Path file = dir.resolve(key + "-" + options.key() + ".code");
      byte[] payload = read(file, key);
      if (payload != null) {
        try {
          CompiledCode code = engine.deserialize(module, options, payload);
          if (code != null) {
            return code;
          }
        } catch (RuntimeException | LinkageError e) {
          LOG.log(
              System.Logger.Level.WARNING,
              "ignoring unusable compilation cache entry " + file + "; recompiling",
              e);
        }
      }
      CompiledCode code = engine.compile(module, options);
      engine.serializeWhenComplete(code, serialized -> write(file, key, serialized));
      return code;
    }

    /** The payload of {@code file}, or null if it is missing or corrupt (then logged). */
    private static byte[] read(Path file, String key) {
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (java.nio.file.NoSuchFileException e) {
        return null;
      } catch (IOException e) {
        LOG.log(System.Logger.Level.WARNING, "cannot read compilation cache entry " + file, e);
        return null;
      }
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
        if (in.readInt() != MAGIC || !in.readUTF().equals(key)) {
          throw new IOException("wrong magic number or key");
        }
        int length = in.readInt();
        if (length < 0 || length > bytes.length) {
          throw new IOException("bad payload length " + length);
        }
        byte[] payload = in.readNBytes(length);
        long crc = in.readLong();
        if (payload.length != length || crc != crc(payload) || in.read() != -1) {
          throw new IOException("truncated or altered payload");
        }
        return payload;
      } catch (IOException e) {
        LOG.log(
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
    private static void write(Path file, String key, byte[] payload) {
      Path tmp = null;
      try {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(payload.length + 100);
        try (DataOutputStream out = new DataOutputStream(buf)) {
          out.writeInt(MAGIC);
          out.writeUTF(key);
          out.writeInt(payload.length);
          out.write(payload);
          out.writeLong(crc(payload));
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
        LOG.log(System.Logger.Level.WARNING, "cannot write compilation cache entry " + file, e);
        if (tmp != null) {
          try {
            Files.deleteIfExists(tmp);
          } catch (IOException ignored) {
            // nothing more to do: a stray temporary file is harmless
          }
        }
      }
    }

    private static long crc(byte[] bytes) {
      CRC32 crc = new CRC32();
      crc.update(bytes);
      return crc.getValue();
    }

    @Override
    public String toString() {
      return "CompilationCache.directory(" + dir + ")";
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder(bytes.length * 2);
    for (byte b : bytes) {
      sb.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
    }
    return sb.toString();
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
