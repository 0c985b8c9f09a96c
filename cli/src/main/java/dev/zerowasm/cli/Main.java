package dev.zerowasm.cli;

import dev.zerowasm.CompilationCache;
import dev.zerowasm.CompiledModule;
import dev.zerowasm.FsConfig;
import dev.zerowasm.ModuleConfig;
import dev.zerowasm.Runtime;
import dev.zerowasm.RuntimeConfig;
import dev.zerowasm.api.CompileException;
import dev.zerowasm.api.CoreFeatures;
import dev.zerowasm.api.ExitException;
import dev.zerowasm.api.FunctionDefinition;
import dev.zerowasm.api.LinkException;
import dev.zerowasm.api.TrapException;
import dev.zerowasm.api.WasmException;
import dev.zerowasm.experimental.LoggingListenerFactory;
import dev.zerowasm.experimental.LoggingScopes;
import dev.zerowasm.gojs.GoJs;
import dev.zerowasm.wasi.WasiHost;
import dev.zerowasm.wasi.WasiLogging;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * The {@code zerowasm} command line.
 *
 * <pre>
 * zerowasm run [--engine compiler|interpreter] [--features F,...] [--cache-dir DIR]
 *              [--log-scopes S,...] [--mount host:guest[:ro]]... [--env K=V]... app.wasm [args...]
 * zerowasm compile [--engine compiler|interpreter] [--features F,...] [--cache-dir DIR] app.wasm
 * zerowasm version
 * </pre>
 *
 * <p>{@code run} runs a WASI command, or a Go {@code GOOS=js} program (recognised by its import
 * module {@code go} or {@code gojs}), with the standard streams of this process and exits with the
 * guest's exit code (134 when it traps). {@code --cache-dir} keeps compiled code in a directory
 * {@link CompilationCache} that {@code compile} fills; {@code --log-scopes} logs host calls of the
 * given scopes to stderr. Errors (a missing file, a malformed module, a missing import) print one
 * line to stderr and exit with 1; usage errors exit with 2.
 *
 * <p>{@link #run(String[], InputStream, PrintStream, PrintStream)} is the same without {@code
 * System.exit}, for tests and embedding.
 */
public final class Main {
  /** Exit code of an error that is not the guest's (file, module, link). */
  public static final int EXIT_ERROR = 1;

  /** Exit code of a command-line usage error. */
  public static final int EXIT_USAGE = 2;

  private static final String USAGE =
      String.join(
          "\n",
          "usage: zerowasm run [options] app.wasm [args...]   run a WASI command or Go (GOOS=js) program",
          "       zerowasm compile [--engine E] [--features F] [--cache-dir DIR] app.wasm",
          "                                                   validate and compile a module",
          "       zerowasm version                            print the version",
          "options of run:",
          "  --engine compiler|interpreter   the execution engine (default: compiler)",
          "  --features F,F,...              core features, e.g. v2,tail-call (default: v2), also for",
          "                                  compile: v1, v2, or a CoreFeature, dashed and lower-case",
          "  --cache-dir DIR                 keep compiled code in DIR and reuse it (also compile)",
          "  --log-scopes S,S,...|all        log host calls of these scopes to stderr; scopes:",
          "                                  " + String.join(",", scopeNames()),
          "  --mount host:guest[:ro]         mount a host directory at a guest path (repeatable);",
          "                                  without :guest it is mounted at the same path",
          "  --env KEY=VALUE                 add an environment variable (repeatable); the host",
          "                                  environment is not inherited");

  private Main() {}

  /** Runs the command line and exits the JVM with its exit code. */
  public static void main(String[] args) {
    int code = run(args, System.in, System.out, System.err);
    System.out.flush();
    System.err.flush();
    System.exit(code);
  }

  /**
   * Runs the command line with the given streams (the guest's stdin, stdout and stderr, and where
   * zerowasm reports errors) and returns the exit code instead of exiting.
   */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.println(USAGE);
      return EXIT_USAGE;
    }
    String command = args[0];
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    try {
      switch (command) {
        case "run":
          return runCommand(rest, in, out, err);
        case "compile":
          return compileCommand(rest, out, err);
        case "version":
        case "--version":
          out.println("zerowasm " + version());
          return 0;
        case "help":
        case "--help":
        case "-h":
          out.println(USAGE);
          return 0;
        default:
          throw new UsageException("unknown command '" + command + "'");
      }
    } catch (UsageException e) {
      err.println("zerowasm: " + e.getMessage());
      err.println(USAGE);
      return EXIT_USAGE;
    } catch (ErrorException e) {
      err.println("zerowasm: " + e.getMessage());
      return EXIT_ERROR;
    }
  }

  /** The parsed options and operands of run and compile. */
  private static final class Options {
    RuntimeConfig.EngineKind engine = RuntimeConfig.EngineKind.COMPILER;
    CoreFeatures features = CoreFeatures.V2;
    Path cacheDir;
    /** The scopes of --log-scopes; null without the option (no logging). */
    LoggingScopes logScopes;
    FsConfig fs = FsConfig.create();
    final List<String[]> env = new ArrayList<>();
    String wasm;
    final List<String> guestArgs = new ArrayList<>();
  }

  private static Options parse(List<String> args, boolean allowRunOptions)
      throws UsageException, ErrorException {
    Options o = new Options();
    int i = 0;
    while (i < args.size()) {
      String a = args.get(i);
      if (a.equals("--")) {
        i++;
        break;
      }
      if (!a.startsWith("--")) {
        break;
      }
      // Both "--name value" and "--name=value".
      String name = a;
      String value = null;
      int eq = a.indexOf('=');
      if (eq > 0) {
        name = a.substring(0, eq);
        value = a.substring(eq + 1);
      }
      boolean known =
          name.equals("--engine")
              || name.equals("--features")
              || name.equals("--cache-dir")
              || (allowRunOptions
                  && (name.equals("--mount")
                      || name.equals("--env")
                      || name.equals("--log-scopes")));
      if (!known) {
        throw new UsageException("unknown option '" + name + "'");
      }
      if (value == null) {
        if (i + 1 >= args.size()) {
          throw new UsageException("option " + name + " needs a value");
        }
        value = args.get(++i);
      }
      i++;
      switch (name) {
        case "--engine":
          o.engine = engine(value);
          break;
        case "--features":
          o.features = features(value);
          break;
        case "--mount":
          o.fs = mount(o.fs, value);
          break;
        case "--cache-dir":
          if (value.isEmpty()) {
            throw new UsageException("--cache-dir needs a directory");
          }
          o.cacheDir = Path.of(value);
          break;
        case "--log-scopes":
          o.logScopes = logScopes(value);
          break;
        default: // --env
          int e = value.indexOf('=');
          if (e <= 0) {
            throw new UsageException("--env needs KEY=VALUE, got '" + value + "'");
          }
          o.env.add(new String[] {value.substring(0, e), value.substring(e + 1)});
      }
    }
    if (i >= args.size()) {
      throw new UsageException("missing the .wasm file");
    }
    o.wasm = args.get(i++);
    o.guestArgs.addAll(args.subList(i, args.size()));
    return o;
  }

  private static RuntimeConfig.EngineKind engine(String value) throws UsageException {
    switch (value.toLowerCase(Locale.ROOT)) {
      case "compiler":
        return RuntimeConfig.EngineKind.COMPILER;
      case "interpreter":
        return RuntimeConfig.EngineKind.INTERPRETER;
      default:
        throw new UsageException(
            "unknown engine '" + value + "' (expected compiler or interpreter)");
    }
  }

  /** Parses a comma-separated list of feature names (see {@link CoreFeatures#named}), united. */
  static CoreFeatures features(String value) throws UsageException {
    CoreFeatures features = CoreFeatures.of();
    for (String name : value.split(",", -1)) {
      try {
        features = features.with(CoreFeatures.named(name));
      } catch (IllegalArgumentException e) {
        throw new UsageException("--features: " + e.getMessage());
      }
    }
    return features;
  }

  /** Every scope --log-scopes accepts besides {@code all}: WASI's and gojs's {@code memory}. */
  static List<String> scopeNames() {
    List<String> names = new ArrayList<>(WasiLogging.SCOPES);
    names.add(GoLogging.MEMORY);
    return names;
  }

  /** Parses {@code all} or a comma-separated list of scope names. */
  static LoggingScopes logScopes(String value) throws UsageException {
    Set<String> scopes = new LinkedHashSet<>();
    for (String s : value.split(",", -1)) {
      String scope = s.trim();
      if (scope.equals("all")) {
        return LoggingScopes.all();
      }
      if (!scopeNames().contains(scope)) {
        throw new UsageException(
            "unknown log scope '" + scope + "' (expected all or " + String.join(",", scopeNames()) + ")");
      }
      scopes.add(scope);
    }
    return LoggingScopes.of(scopes.toArray(new String[0]));
  }

  /** Parses {@code host[:guest][:ro]}; the guest path defaults to the host path. */
  static FsConfig mount(FsConfig fs, String spec) throws UsageException, ErrorException {
    String s = spec;
    boolean readOnly = false;
    if (s.endsWith(":ro")) {
      readOnly = true;
      s = s.substring(0, s.length() - 3);
    }
    String host = s;
    String guest = s;
    int colon = s.lastIndexOf(':');
    if (colon >= 0) {
      host = s.substring(0, colon);
      guest = s.substring(colon + 1);
    }
    if (host.isEmpty() || guest.isEmpty()) {
      throw new UsageException("--mount needs host[:guest][:ro], got '" + spec + "'");
    }
    Path hostDir = Path.of(host);
    if (!Files.isDirectory(hostDir)) {
      throw new ErrorException("mount " + spec + ": " + host + " is not a directory");
    }
    return readOnly ? fs.withReadOnlyDirMount(hostDir, guest) : fs.withDirMount(hostDir, guest);
  }

  private static int runCommand(List<String> args, InputStream in, PrintStream out, PrintStream err)
      throws UsageException, ErrorException {
    Options o = parse(args, true);
    byte[] wasm = read(o.wasm);
    List<String> argv = new ArrayList<>();
    argv.add(o.wasm);
    argv.addAll(o.guestArgs);
    RuntimeConfig runtimeConfig =
        RuntimeConfig.defaults().withEngine(o.engine).withCoreFeatures(o.features);
    if (o.logScopes != null) {
      runtimeConfig = runtimeConfig.withFunctionListenerFactory(logging(err, o.logScopes));
    }
    try (CompilationCache cache = cache(o.cacheDir)) {
      if (cache != null) {
        runtimeConfig = runtimeConfig.withCompilationCache(cache);
      }
      try (Runtime runtime = Runtime.create(runtimeConfig)) {
        CompiledModule compiled = compile(runtime, o.wasm, wasm);
        if (isGoJs(compiled)) {
          return runGo(runtime, compiled, o.wasm, moduleConfig(o, argv, in, out, err), out, err);
        }
        return runWasi(runtime, compiled, o.wasm, moduleConfig(o, argv, in, out, err), out, err);
      }
    }
  }

  /** What the program sees of its host: the same for WASI and Go programs. */
  private static ModuleConfig moduleConfig(
      Options o, List<String> argv, InputStream in, PrintStream out, PrintStream err)
      throws UsageException {
    ModuleConfig config =
        ModuleConfig.create()
            .withArgs(argv.toArray(new String[0]))
            .withStdin(in)
            .withStdout(out)
            .withStderr(err)
            .withFsConfig(o.fs);
    for (String[] kv : o.env) {
      try {
        config = config.withEnv(kv[0], kv[1]);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--env: " + e.getMessage());
      }
    }
    return config;
  }

  /** Runs a WASI command (also a module that imports nothing). */
  private static int runWasi(
      Runtime runtime,
      CompiledModule compiled,
      String wasm,
      ModuleConfig config,
      PrintStream out,
      PrintStream err)
      throws ErrorException {
    try (WasiHost wasi = WasiHost.instantiate(runtime)) {
      WasiHost.Result result;
      try {
        result = wasi.run(compiled, config);
      } catch (LinkException e) {
        throw new ErrorException(wasm + ": " + e.getMessage());
      } catch (WasmException e) {
        throw new ErrorException(wasm + ": " + firstLine(e.getMessage()));
      }
      if (result.trapped()) {
        out.flush();
        err.println("zerowasm: " + wasm + ": wasm trap: " + result.trap().getMessage());
      }
      return result.exitCode();
    }
  }

  /** Whether {@code compiled} is a Go {@code GOOS=js} program: it imports module go or gojs. */
  static boolean isGoJs(CompiledModule compiled) {
    for (FunctionDefinition d : compiled.importedFunctions()) {
      String module = d.importedAs().map(FunctionDefinition.ImportName::moduleName).orElse("");
      if (module.equals(GoJs.MODULE_GO) || module.equals(GoJs.MODULE_GOJS)) {
        return true;
      }
    }
    return false;
  }

  /** Runs a Go program through gojs with the same arguments, environment, mounts and streams. */
  private static int runGo(
      Runtime runtime,
      CompiledModule compiled,
      String wasm,
      ModuleConfig config,
      PrintStream out,
      PrintStream err)
      throws ErrorException {
    try {
      GoJs.run(runtime, compiled, config);
      return 0;
    } catch (ExitException e) {
      return e.exitCode();
    } catch (TrapException e) {
      out.flush();
      err.println("zerowasm: " + wasm + ": wasm trap: " + e.getMessage());
      return WasiHost.TRAP_EXIT_CODE;
    } catch (IllegalArgumentException | WasmException e) {
      // Not a complete Go program (a foreign import), a link error, arguments too long.
      throw new ErrorException(wasm + ": " + firstLine(e.getMessage()));
    } finally {
      out.flush();
      err.flush();
    }
  }

  /**
   * The logging listener of --log-scopes: host calls only (as wazero's --hostlogging), to {@code
   * err}, with the scopes and errno names of WASI and the scopes of gojs.
   */
  static LoggingListenerFactory logging(PrintStream err, LoggingScopes scopes) {
    LoggingListenerFactory f =
        WasiLogging.configure(LoggingListenerFactory.create(err))
            .withFilter(FunctionDefinition::isHostFunction)
            .withClassifier(GoJs.MODULE_GO, GoLogging::scopeOf)
            .withClassifier(GoJs.MODULE_GOJS, GoLogging::scopeOf);
    return f.withScopes(scopes);
  }

  /** The directory cache of --cache-dir, or null without the option. */
  private static CompilationCache cache(Path dir) throws ErrorException {
    if (dir == null) {
      return null;
    }
    try {
      return CompilationCache.directory(dir);
    } catch (UncheckedIOException e) {
      throw new ErrorException("--cache-dir " + dir + ": cannot create the directory");
    }
  }

  private static int compileCommand(List<String> args, PrintStream out, PrintStream err)
      throws UsageException, ErrorException {
    Options o = parse(args, false);
    if (!o.guestArgs.isEmpty()) {
      throw new UsageException("compile takes one .wasm file, got also " + o.guestArgs);
    }
    byte[] wasm = read(o.wasm);
    // Not tiered: the whole module compiles (into the cache) before compile returns.
    RuntimeConfig config =
        RuntimeConfig.defaults()
            .withEngine(o.engine)
            .withCoreFeatures(o.features)
            .withTieredCompilation(false);
    try (CompilationCache cache = cache(o.cacheDir)) {
      if (cache != null) {
        config = config.withCompilationCache(cache);
      }
      try (Runtime runtime = Runtime.create(config)) {
        compile(runtime, o.wasm, wasm);
      }
    }
    out.println(o.wasm + ": ok");
    return 0;
  }

  private static CompiledModule compile(Runtime runtime, String name, byte[] wasm)
      throws ErrorException {
    try {
      return runtime.compile(wasm);
    } catch (CompileException e) {
      // The message of a validation failure already starts with "invalid module: ".
      String message = firstLine(e.getMessage());
      throw new ErrorException(
          name + ": " + (message.startsWith("invalid module: ") ? "" : "invalid module: ") + message);
    }
  }

  private static byte[] read(String file) throws ErrorException {
    try {
      return Files.readAllBytes(Path.of(file));
    } catch (NoSuchFileException e) {
      throw new ErrorException(file + ": no such file");
    } catch (AccessDeniedException e) {
      throw new ErrorException(file + ": permission denied");
    } catch (IOException e) {
      throw new ErrorException(file + ": cannot read: " + e.getMessage());
    }
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }

  /** The version from the build ({@code version.properties}), or "unknown". */
  static String version() {
    Properties p = new Properties();
    try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // Fall through to "unknown".
    }
    return p.getProperty("version", "unknown");
  }

  /** A command-line mistake: reported with the usage, exit code 2. */
  private static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }

  /** A failure before or around the guest: reported in one line, exit code 1. */
  private static final class ErrorException extends Exception {
    ErrorException(String message) {
      super(message);
    }
  }
}
