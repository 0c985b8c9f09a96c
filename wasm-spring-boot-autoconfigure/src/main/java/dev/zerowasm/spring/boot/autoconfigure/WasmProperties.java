package dev.zerowasm.spring.boot.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * Configuration properties under {@code wasm.*}: the runtime every module shares and the modules
 * the {@link ModuleRegistry} compiles at startup.
 */
@ConfigurationProperties("wasm")
public class WasmProperties {

  /** The runtime (engine, core features, memory limit) shared by every module. */
  private final RuntimeProperties runtime = new RuntimeProperties();

  /** Guest modules by name; each is compiled at startup and served from its own instance pool. */
  private Map<String, ModuleProperties> modules = new LinkedHashMap<>();

  /** The cache of compiled code the runtime compiles through. */
  private final CompilationCacheProperties compilationCache = new CompilationCacheProperties();

  /** The compilation cache settings. */
  public CompilationCacheProperties getCompilationCache() {
    return compilationCache;
  }

  /** How guest interfaces are found. */
  private final GuestInterfaces guestInterfaces = new GuestInterfaces();

  /** The guest-interface settings. */
  public GuestInterfaces getGuestInterfaces() {
    return guestInterfaces;
  }

  /** The runtime settings. */
  public RuntimeProperties getRuntime() {
    return runtime;
  }

  /** The modules by name. */
  public Map<String, ModuleProperties> getModules() {
    return modules;
  }

  /** Replaces the modules by name. */
  public void setModules(Map<String, ModuleProperties> modules) {
    this.modules = modules;
  }

  /** Where a WASI guest's stdout or stderr goes. */
  public enum Output {
    /** Each line to the logger {@code wasm.<module>.stdout} (INFO) or {@code .stderr} (WARN). */
    LOG,
    /** To the JVM's System.out or System.err. */
    INHERIT,
    /** Nowhere. */
    DISCARD
  }

  /** WASI settings of a module ({@code wasm.modules.<name>.wasi.*}). */
  public static class Wasi {

    /**
     * Whether each instance gets its own WASI state configured here (args, env, mounts, output).
     */
    private boolean enabled;

    /** Command-line arguments the guest sees; unset means just the module's name. */
    private List<String> args = new ArrayList<>();

    /** Environment variables the guest sees (none of the JVM's are passed on). */
    private Map<String, String> env = new LinkedHashMap<>();

    /** Host directories the guest may open, each under a guest path. */
    private List<Mount> mounts = new ArrayList<>();

    /** Where the guest's stdout goes: log (default), inherit or discard. */
    private Output stdout = Output.LOG;

    /** Where the guest's stderr goes: log (default), inherit or discard. */
    private Output stderr = Output.LOG;

    /** Whether WASI is configured for the module. */
    public boolean isEnabled() {
      return enabled;
    }

    /** Turns WASI configuration on or off. */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /** The arguments. */
    public List<String> getArgs() {
      return args;
    }

    /** Sets the arguments. */
    public void setArgs(List<String> args) {
      this.args = args;
    }

    /** The environment. */
    public Map<String, String> getEnv() {
      return env;
    }

    /** Sets the environment. */
    public void setEnv(Map<String, String> env) {
      this.env = env;
    }

    /** The mounts. */
    public List<Mount> getMounts() {
      return mounts;
    }

    /** Sets the mounts. */
    public void setMounts(List<Mount> mounts) {
      this.mounts = mounts;
    }

    /** Where stdout goes. */
    public Output getStdout() {
      return stdout;
    }

    /** Sets where stdout goes. */
    public void setStdout(Output stdout) {
      this.stdout = stdout;
    }

    /** Where stderr goes. */
    public Output getStderr() {
      return stderr;
    }

    /** Sets where stderr goes. */
    public void setStderr(Output stderr) {
      this.stderr = stderr;
    }
  }

  /** A host directory visible to a WASI guest ({@code wasm.modules.<name>.wasi.mounts[i].*}). */
  public static class Mount {

    /** Existing host directory to expose. */
    private Path hostDir;

    /** Path under which the guest sees it, e.g. /data. */
    private String guestPath;

    /** Whether the guest may only read. */
    private boolean readOnly;

    /** The host directory. */
    public Path getHostDir() {
      return hostDir;
    }

    /** Sets the host directory. */
    public void setHostDir(Path hostDir) {
      this.hostDir = hostDir;
    }

    /** The guest path. */
    public String getGuestPath() {
      return guestPath;
    }

    /** Sets the guest path. */
    public void setGuestPath(String guestPath) {
      this.guestPath = guestPath;
    }

    /** Whether the mount is read-only. */
    public boolean isReadOnly() {
      return readOnly;
    }

    /** Sets whether the mount is read-only. */
    public void setReadOnly(boolean readOnly) {
      this.readOnly = readOnly;
    }
  }

  /** Settings of the compilation cache ({@code wasm.compilation-cache.*}). */
  public static class CompilationCacheProperties {

    /**
     * Directory where compiled code is kept across restarts; unset keeps it in memory only (for
     * this process).
     */
    private Path dir;

    /** The cache directory, or null for an in-memory cache. */
    public Path getDir() {
      return dir;
    }

    /** Sets the cache directory. */
    public void setDir(Path dir) {
      this.dir = dir;
    }
  }

  /** Settings of guest interfaces ({@code wasm.guest-interfaces.*}). */
  public static class GuestInterfaces {

    /** Whether @WasmModule interfaces in the application's packages become beans. */
    private boolean scan = true;

    /** Whether scanning is on. */
    public boolean isScan() {
      return scan;
    }

    /** Turns scanning on or off. */
    public void setScan(boolean scan) {
      this.scan = scan;
    }
  }

  /** The engines a runtime can run wasm code with. */
  public enum Engine {
    /** Translates wasm functions to JVM bytecode: fast calls after a slower compile. */
    COMPILER,
    /** Interprets a compact form of the wasm code: quick to start, slower to run. */
    INTERPRETER
  }

  /** Settings of the {@code Runtime} bean ({@code wasm.runtime.*}). */
  public static class RuntimeProperties {

    /**
     * Engine that runs the wasm code: compiler or interpreter. Unset means the compiler on the JVM
     * and the interpreter in a GraalVM native image (which cannot load generated bytecode).
     */
    private Engine engine;

    /**
     * WebAssembly core features: "v2" (the default, all of Core 2.0), "v1" (Core 1.0), or a list of
     * feature names such as mutable-global, sign-extension-ops, non-trapping-float-to-int,
     * multi-value, bulk-memory, reference-types, simd.
     */
    private List<String> coreFeatures = new ArrayList<>(List.of("v2"));

    /** Most pages (64 KiB each) any linear memory may have; unset means the runtime's maximum. */
    private Integer memoryLimitPages;

    /**
     * Whether each memory declaring a maximum gets that maximum (capped by memory-limit-pages)
     * allocated when a module is instantiated, so that memory.grow never copies it. Costs the
     * maximum of heap per instance up front and a size check on every memory access.
     */
    private boolean memoryCapacityFromMax;

    /**
     * Whether the compiler engine starts large modules (256 KiB of code or more) on the
     * interpreter while they compile in the background. false: each such module compiles fully at
     * startup, before the application is ready.
     */
    private boolean tieredCompilation = true;

    /** The engine, or null to choose by where the application runs. */
    public Engine getEngine() {
      return engine;
    }

    /** Sets the engine. */
    public void setEngine(Engine engine) {
      this.engine = engine;
    }

    /** The core features as written in the configuration. */
    public List<String> getCoreFeatures() {
      return coreFeatures;
    }

    /** Sets the core features. */
    public void setCoreFeatures(List<String> coreFeatures) {
      this.coreFeatures = coreFeatures;
    }

    /** The memory limit in pages, or null for the runtime's maximum. */
    public Integer getMemoryLimitPages() {
      return memoryLimitPages;
    }

    /** Sets the memory limit in pages. */
    public void setMemoryLimitPages(Integer memoryLimitPages) {
      this.memoryLimitPages = memoryLimitPages;
    }

    /** Whether memories are allocated at their maximum up front. */
    public boolean isMemoryCapacityFromMax() {
      return memoryCapacityFromMax;
    }

    /** Sets whether memories are allocated at their maximum up front. */
    public void setMemoryCapacityFromMax(boolean memoryCapacityFromMax) {
      this.memoryCapacityFromMax = memoryCapacityFromMax;
    }

    /** Whether large modules start on the interpreter while they compile. */
    public boolean isTieredCompilation() {
      return tieredCompilation;
    }

    /** Sets whether large modules start on the interpreter while they compile. */
    public void setTieredCompilation(boolean tieredCompilation) {
      this.tieredCompilation = tieredCompilation;
    }
  }

  /** Settings of one guest module ({@code wasm.modules.<name>.*}). */
  public static class ModuleProperties {

    /**
     * Where the module's binary is, for example classpath:wasm/greeter.wasm or file:/opt/x.wasm.
     */
    private Resource location;

    /**
     * Exported functions run once when an instance is created; unset means "_start" when the module
     * exports it. An empty list runs none.
     */
    private List<String> startFunctions;

    /**
     * Longest any call into an instance may run (including its start functions); past it the
     * runtime stops the guest and the instance is discarded. Unset means no limit.
     */
    private Duration callTimeout;

    /** The pool of instances that serves concurrent callers. */
    private final Pool pool = new Pool();

    /** The exports that reserve and release guest memory for String and byte[] values. */
    private final Allocator allocator = new Allocator();

    /** WASI (wasi_snapshot_preview1) settings of each instance of the module. */
    private final Wasi wasi = new Wasi();

    /** The WASI settings. */
    public Wasi getWasi() {
      return wasi;
    }

    /** The module's location. */
    public Resource getLocation() {
      return location;
    }

    /** Sets the module's location. */
    public void setLocation(Resource location) {
      this.location = location;
    }

    /** The start functions, or null for the runtime's default. */
    public List<String> getStartFunctions() {
      return startFunctions;
    }

    /** Sets the start functions. */
    public void setStartFunctions(List<String> startFunctions) {
      this.startFunctions = startFunctions;
    }

    /** The call timeout, or null for none. */
    public Duration getCallTimeout() {
      return callTimeout;
    }

    /** Sets the call timeout. */
    public void setCallTimeout(Duration callTimeout) {
      this.callTimeout = callTimeout;
    }

    /** The pool settings. */
    public Pool getPool() {
      return pool;
    }

    /** The allocator export names. */
    public Allocator getAllocator() {
      return allocator;
    }
  }

  /** Settings of a module's instance pool ({@code wasm.modules.<name>.pool.*}). */
  public static class Pool {

    /** Most instances of the module alive at once; each serves one caller at a time. */
    private int maxSize = WasmModuleSpec.DEFAULT_POOL_MAX_SIZE;

    /** Longest a caller waits for a free instance when all max-size instances are busy. */
    private Duration maxWait = WasmModuleSpec.DEFAULT_POOL_MAX_WAIT;

    /** The maximum pool size. */
    public int getMaxSize() {
      return maxSize;
    }

    /** Sets the maximum pool size. */
    public void setMaxSize(int maxSize) {
      this.maxSize = maxSize;
    }

    /** The maximum wait for a free instance. */
    public Duration getMaxWait() {
      return maxWait;
    }

    /** Sets the maximum wait for a free instance. */
    public void setMaxWait(Duration maxWait) {
      this.maxWait = maxWait;
    }
  }

  /** Names of a module's allocator exports ({@code wasm.modules.<name>.allocator.*}). */
  public static class Allocator {

    /** Export with signature (len i32) -> (ptr i32) that reserves guest memory for an argument. */
    private String allocate = WasmModuleSpec.DEFAULT_ALLOCATE;

    /** Export with signature (ptr i32, len i32) -> () that releases what allocate reserved. */
    private String deallocate = WasmModuleSpec.DEFAULT_DEALLOCATE;

    /** The allocate export's name. */
    public String getAllocate() {
      return allocate;
    }

    /** Sets the allocate export's name. */
    public void setAllocate(String allocate) {
      this.allocate = allocate;
    }

    /** The deallocate export's name. */
    public String getDeallocate() {
      return deallocate;
    }

    /** Sets the deallocate export's name. */
    public void setDeallocate(String deallocate) {
      this.deallocate = deallocate;
    }
  }
}
