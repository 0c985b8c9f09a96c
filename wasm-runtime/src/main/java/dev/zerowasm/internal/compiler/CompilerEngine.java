package dev.zerowasm.internal.compiler;

import dev.zerowasm.api.TrapException;
import dev.zerowasm.api.TrapKind;
import dev.zerowasm.api.ValueType;
import dev.zerowasm.internal.binary.CodeReader;
import dev.zerowasm.internal.engine.CodeOptions;
import dev.zerowasm.internal.engine.CodeStore;
import dev.zerowasm.internal.engine.CompiledCode;
import dev.zerowasm.internal.engine.Engine;
import dev.zerowasm.internal.interpreter.InterpreterEngine;
import dev.zerowasm.internal.wasm.Code;
import dev.zerowasm.internal.wasm.FuncType;
import dev.zerowasm.internal.wasm.FunctionInstance;
import dev.zerowasm.internal.wasm.ModuleInstance;
import dev.zerowasm.internal.wasm.WasmModule;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.function.Consumer;
import java.util.Map;
import org.objectweb.asm.ClassTooLargeException;
import org.objectweb.asm.MethodTooLargeException;

/**
 * The compiler engine: translates each WebAssembly function into a static method of a generated JVM
 * class, defined as a hidden class so it is unloaded with the last reference to its code.
 *
 * <p>Functions are grouped into classes (by a budget of body bytes, halved when a class overflows
 * the class file limits); calls inside a class are {@code invokestatic}, calls across classes go
 * through call sites the JIT inlines (see {@code CrossCalls}), calls to imports through {@link
 * FunctionInstance#call(long[])}. A function too large for the JIT is split into several methods;
 * one that cannot become JVM methods at all (more than 64 KiB of bytecode even split, more than 255
 * parameter slots) runs on the fallback engine, the interpreter by default.
 *
 * <p>Classes are generated on several cores when there are several (then defined in order on the
 * compiling thread). Start-up: a module with at least {@link #TIERED_MIN_BODY_BYTES} of code
 * compiles on background daemon threads while its instances start on the fallback engine (see
 * {@link TieredCode}); {@code RuntimeConfig.withTieredCompilation(false)} turns this off.
 *
 * <p>SIMD: a v128 is two JVM longs (low half, then high) in locals, on the operand stack and as
 * method parameters; a function with a v128 result returns a {@code long[]} like a multi-value one.
 * Each SIMD instruction calls the allocation-free {@code dev.zerowasm.internal.simd.Simd} methods
 * once per result half.
 */
public final class CompilerEngine implements Engine {
  /**
   * Wasm body bytes and functions per generated class: about 10 constant pool entries per function
   * (of 65535) in real modules. A class that overflows anyway is halved. 128 KiB rather than more:
   * a large module then makes enough classes to keep every generator thread busy to the end, and
   * smaller class files cost less to build (ASM grows its buffers by copying) and to define; the
   * 5.7 MB benchmark module compiled with about 10% less CPU than with 512 KiB classes.
   */
  private static final int CLASS_BUDGET = 128 * 1024;

  private static final int CLASS_MAX_FUNCTIONS = 3000;

  /** JVM local slots (of 65535) a function may use for wasm locals, leaving room for scratch. */
  private static final int MAX_LOCAL_SLOTS = 60_000;

  /**
   * Bytecode size above which a function is split into several methods: HotSpot's limit for JIT
   * compilation (DontCompileHugeMethods).
   */
  private static final int HUGE_METHOD_BYTES = 8000;

  /** Wasm bytes a split function's method keeps inline before outlining more blocks. */
  private static final int OUTLINE_BUDGET = 1500;

  /**
   * Wasm body bytes from which a module is compiled in the background while its first instances run
   * on the interpreter (see {@link TieredCode}); smaller modules compile before {@code compile}
   * returns, which takes a few milliseconds for them.
   */
  static final long TIERED_MIN_BODY_BYTES = 256 * 1024;

  private final Engine fallback;
  private final int hugeMethodBytes;
  private final int outlineBudget;
  private final int classBudget;

  /** Body bytes from which modules are tiered; {@link Long#MAX_VALUE}: never. */
  private final long tieredMinBodyBytes;

  /** Where tiered modules compile; null: {@link TieredCode}'s shared daemon threads. */
  private final java.util.concurrent.Executor background;

  /**
   * A compiler falling back to the interpreter for functions the JVM cannot hold; large modules
   * start on the interpreter while they compile in the background.
   */
  public CompilerEngine() {
    this(new InterpreterEngine(), true);
  }

  /**
   * A compiler falling back to {@code fallback} for functions the JVM cannot hold, and, if {@code
   * tiered}, running large modules on it while they compile in the background
   * (RuntimeConfig.withTieredCompilation).
   */
  public CompilerEngine(Engine fallback, boolean tiered) {
    this(
        fallback,
        HUGE_METHOD_BYTES,
        OUTLINE_BUDGET,
        CLASS_BUDGET,
        tiered ? TIERED_MIN_BODY_BYTES : Long.MAX_VALUE,
        null);
  }

  /** For tests: a compiler splitting functions above {@code hugeMethodBytes} of bytecode. */
  CompilerEngine(Engine fallback, int hugeMethodBytes, int outlineBudget) {
    this(fallback, hugeMethodBytes, outlineBudget, CLASS_BUDGET);
  }

  /** For tests: also with at most {@code classBudget} wasm bytes per generated class. */
  CompilerEngine(Engine fallback, int hugeMethodBytes, int outlineBudget, int classBudget) {
    this(fallback, hugeMethodBytes, outlineBudget, classBudget, Long.MAX_VALUE, null);
  }

  /**
   * For tests: also tiering modules of at least {@code tieredMinBodyBytes} body bytes, compiling
   * them on {@code background} (null: the shared daemon threads).
   */
  CompilerEngine(
      Engine fallback,
      int hugeMethodBytes,
      int outlineBudget,
      int classBudget,
      long tieredMinBodyBytes,
      java.util.concurrent.Executor background) {
    this.fallback = fallback;
    this.hugeMethodBytes = hugeMethodBytes;
    this.outlineBudget = outlineBudget;
    this.classBudget = classBudget;
    this.tieredMinBodyBytes = tieredMinBodyBytes;
    this.background = background;
  }

  @Override
  public CompiledCode compile(WasmModule module) {
    return compile(module, CodeOptions.NONE);
  }

  @Override
  public CompiledCode compile(WasmModule module, CodeOptions options) {
    if (bodyBytes(module) >= tieredMinBodyBytes) {
      CompiledCode interpreterTier = interpreterTier(module, options);
      if (interpreterTier != null) {
        return TieredCode.start(
            interpreterTier,
            (abandoned, foreground) ->
                compileNow(
                    module,
                    options,
                    abandoned,
                    foreground ? GENERATOR_THREADS : BACKGROUND_HELPERS),
            background);
      }
    }
    return compileNow(module, options, () -> false, GENERATOR_THREADS);
  }

  /**
   * The fallback engine's code for running {@code module} while it compiles, or null if the
   * fallback cannot make it (then the module compiles before it runs).
   */
  private CompiledCode interpreterTier(WasmModule module, CodeOptions options) {
    try {
      // Listening code calls the module's own functions through ModuleInstance.functions, i.e.
      // through the TieredFunctions that switch to the compiled code when it is ready.
      return fallback.compile(
          module, new CodeOptions(true, options.interruptible(), options.sizeChecked()));
    } catch (UnsupportedOperationException e) {
      return null; // a fallback without hooks
    }
  }

  /** The summed size of the module's function bodies. */
  private static long bodyBytes(WasmModule module) {
    long n = 0;
    for (Code c : module.codes) {
      n += c.bodyEnd() - c.bodyStart();
    }
    return n;
  }

  /**
   * Compiles every function of {@code module} now, or gives up with a {@link
   * java.util.concurrent.CancellationException} between classes once {@code abandoned} (a
   * background compilation whose module nobody uses any more). Up to {@code helpers} generator
   * threads help the calling one.
   */
  private CompiledCode compileNow(
      WasmModule module,
      CodeOptions options,
      java.util.function.BooleanSupplier abandoned,
      int helpers) {
    // Here rather than in compile(): a tiered module compiles in the background, and this takes
    // tens of milliseconds in a fresh JVM (method handle linkage) that its first call need not wait.
    ensureRuntimeClassesInitialized();
    int imported = module.importedFunctionCount;
    int own = module.codes.length;
    BitSet interpreted = new BitSet();
    for (int i = 0; i < own; i++) {
      if (!compilable(module, imported + i)) {
        interpreted.set(imported + i);
      }
    }
    MethodHandles.Lookup[] bridges = new MethodHandles.Lookup[own];
    Class<?>[] owners = new Class<?>[own];
    CrossCalls cross = new CrossCalls(module, interpreted, options.listening());
    List<DefinedClass> classes = new ArrayList<>();
    List<int[]> groups = partition(module, interpreted);
    List<int[]> pending = new ArrayList<>();
    if (groups.size() > 1 && helpers > 0) {
      // Generate the classes on several cores, then define them here in order; a class the JVM
      // rejects, or that could not be generated, goes through the serial loop below.
      Generated[] generated =
          generateInParallel(
              module, groups, interpreted, cross, options, abandoned, helpers, bridges, owners);
      for (int i = 0; i < groups.size(); i++) {
        Generated g = generated[i];
        if (g == null) {
          pending.add(groups.get(i));
          continue;
        }
        interpreted.or(g.interpreted());
        if (g.defined() != null) {
          classes.add(g.defined());
        }
      }
    } else {
      pending.addAll(groups);
    }
    while (!pending.isEmpty()) {
      if (abandoned.getAsBoolean()) {
        throw new java.util.concurrent.CancellationException("module no longer used");
      }
      int[] group = pending.remove(pending.size() - 1);
      try {
        defineGroup(module, group, interpreted, bridges, owners, cross, options, classes);
      } catch (LinkageError | ClassTooLargeException e) {
        // The class overflowed the class file limits, or the JVM rejected it (a compiler bug, e.g.
        // a VerifyError): halve the group, down to single functions, which then go to the
        // fallback engine rather than fail the module.
        if (group.length == 1) {
          interpreted.set(group[0]);
        } else {
          int half = group.length / 2;
          pending.add(java.util.Arrays.copyOfRange(group, 0, half));
          pending.add(java.util.Arrays.copyOfRange(group, half, group.length));
        }
      }
    }
    cross.link(owners);
    CompiledCode fallbackCode = interpreted.isEmpty() ? null : fallback.compile(module, options);
    return new ModuleCode(module, bridges, fallbackCode, interpreted, classes);
  }

  /** One generated class as defined: its functions, class file and cross-class call targets. */
  private record DefinedClass(int[] functions, byte[] bytes, List<Integer> crossTargets) {}

  /**
   * The generated class files of {@code code} with what is needed to define them again: the
   * functions left to the fallback engine, and per class its functions and cross-call targets.
   */
  @Override
  public byte[] serialize(CompiledCode code) {
    if (code instanceof TieredCode) {
      // The directory cache stores the compiled classes: wait for the background compilation.
      code = ((TieredCode) code).join();
    }
    if (!(code instanceof ModuleCode)) {
      return null;
    }
    ModuleCode m = (ModuleCode) code;
    try {
      java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
      java.io.DataOutputStream out = new java.io.DataOutputStream(buf);
      out.writeInt(SERIAL_FORMAT);
      long[] interpreted = m.interpreted.toLongArray();
      out.writeInt(interpreted.length);
      for (long w : interpreted) {
        out.writeLong(w);
      }
      out.writeInt(m.classes.size());
      for (DefinedClass c : m.classes) {
        writeInts(out, c.functions());
        writeInts(out, c.crossTargets().stream().mapToInt(Integer::intValue).toArray());
        out.writeInt(c.bytes().length);
        out.write(c.bytes());
      }
      out.flush();
      return buf.toByteArray();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e); // cannot happen: writes to memory
    }
  }

  /**
   * Stores a large module's classes when its background compilation finishes, so that the first
   * process with a directory cache starts on the interpreter like any other, instead of waiting for
   * the whole compilation to fill the cache.
   */
  @Override
  public void serializeWhenComplete(CompiledCode code, Consumer<byte[]> store) {
    if (code instanceof TieredCode) {
      ((TieredCode) code)
          .whenCompiled(compiled -> Engine.super.serializeWhenComplete(compiled, store));
      return;
    }
    Engine.super.serializeWhenComplete(code, store);
  }

  /**
   * Defines the classes of {@link #serialize} bytes again, without generating them; null if the
   * bytes are not of this format. A large module starts on the interpreter while its classes are
   * defined (compiled instead if the bytes turn out unusable), as for {@link #load}.
   */
  @Override
  public CompiledCode deserialize(WasmModule module, CodeOptions options, byte[] bytes) {
    if (!isSerialFormat(bytes)) {
      return null; // another format: the cache compiles afresh and replaces the entry
    }
    if (bodyBytes(module) >= tieredMinBodyBytes) {
      CodeStore given =
          new CodeStore() {
            @Override
            public byte[] read() {
              return bytes;
            }

            @Override
            public void unusable(Throwable error) {}

            @Override
            public void write(byte[] serialized) {}
          };
      CompiledCode tiered = loadTiered(module, options, given);
      if (tiered != null) {
        return tiered;
      }
    }
    return deserializeNow(module, options, bytes, GENERATOR_THREADS);
  }

  /**
   * Defining (and verifying) the classes of a large module takes long too, and so does reading
   * them: both happen in the background while the module runs on the interpreter, as for a
   * compilation.
   */
  @Override
  public CompiledCode load(WasmModule module, CodeOptions options, CodeStore store) {
    CompiledCode tiered =
        bodyBytes(module) >= tieredMinBodyBytes ? loadTiered(module, options, store) : null;
    return tiered != null ? tiered : Engine.super.load(module, options, store);
  }

  /**
   * Tiered code whose background work reads {@code store}, defines the stored classes, or, if
   * they are missing or unusable, compiles and stores the result; null if the fallback engine has
   * no interpreter tier for this module.
   */
  private CompiledCode loadTiered(WasmModule module, CodeOptions options, CodeStore store) {
    CompiledCode interpreterTier = interpreterTier(module, options);
    if (interpreterTier == null) {
      return null;
    }
    return TieredCode.start(
        interpreterTier,
        (abandoned, foreground) -> {
          int helpers = foreground ? GENERATOR_THREADS : BACKGROUND_HELPERS;
          byte[] bytes = store.read();
          if (isSerialFormat(bytes)) {
            try {
              CompiledCode code = deserializeNow(module, options, bytes, helpers);
              if (code != null) {
                return code;
              }
            } catch (RuntimeException | LinkageError e) {
              store.unusable(e);
            }
          }
          CompiledCode code = compileNow(module, options, abandoned, helpers);
          byte[] serialized = serialize(code);
          if (serialized != null) {
            store.write(serialized);
          }
          return code;
        },
        background);
  }

  private static boolean isSerialFormat(byte[] bytes) {
    return bytes != null && bytes.length >= 4 && ByteBuffer.wrap(bytes).getInt() == SERIAL_FORMAT;
  }

  /**
   * Defines the classes of {@link #serialize} bytes now, with up to {@code helpers} threads helping
   * the calling one (defining and verifying the classes is most of the work); null if they do not
   * fit.
   */
  private CompiledCode deserializeNow(
      WasmModule module, CodeOptions options, byte[] bytes, int helpers) {
    ensureRuntimeClassesInitialized(); // see compileNow
    try {
      java.io.DataInputStream in =
          new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes));
      if (in.readInt() != SERIAL_FORMAT) {
        return null;
      }
      long[] words = new long[in.readInt()];
      for (int i = 0; i < words.length; i++) {
        words[i] = in.readLong();
      }
      BitSet interpreted = BitSet.valueOf(words);
      int own = module.codes.length;
      MethodHandles.Lookup[] bridges = new MethodHandles.Lookup[own];
      Class<?>[] owners = new Class<?>[own];
      CrossCalls cross = new CrossCalls(module, interpreted, options.listening());
      List<DefinedClass> classes = new ArrayList<>();
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        int[] functions = readInts(in);
        List<Integer> targets = new ArrayList<>();
        for (int t : readInts(in)) {
          targets.add(t);
        }
        byte[] classBytes = in.readNBytes(in.readInt());
        classes.add(new DefinedClass(functions, classBytes, targets));
      }
      defineInParallel(module, classes, bridges, owners, cross, helpers);
      for (int i = 0; i < own; i++) {
        if (bridges[i] == null && !interpreted.get(module.importedFunctionCount + i)) {
          return null; // incomplete: compile afresh
        }
      }
      cross.link(owners);
      CompiledCode fallbackCode = interpreted.isEmpty() ? null : fallback.compile(module, options);
      return new ModuleCode(module, bridges, fallbackCode, interpreted, classes);
    } catch (java.io.IOException | IndexOutOfBoundsException e) {
      return null;
    }
  }

  /**
   * Defines {@code classes} on the calling thread and up to {@code helpers} {@link #GENERATORS}
   * threads (each class's bookkeeping goes to distinct slots of {@code bridges} and {@code owners};
   * {@link CrossCalls#defined} is synchronised), as {@link #generateInParallel} does for fresh ones.
   *
   * @throws LinkageError or RuntimeException, the first a class definition threw
   */
  private static void defineInParallel(
      WasmModule module,
      List<DefinedClass> classes,
      MethodHandles.Lookup[] bridges,
      Class<?>[] owners,
      CrossCalls cross,
      int helpers) {
    runInParallel(
        classes.size(), helpers, i -> defineClass(module, classes.get(i), bridges, owners, cross));
  }

  /**
   * Runs {@code task} for {@code 0..n-1} on the calling thread and up to {@code helpers} {@link
   * #GENERATORS} threads, and waits for all. Helpers that start late find no work left, and the
   * caller waits only for tasks in progress, never for an idle helper, so this cannot deadlock even
   * when the pool is busy.
   *
   * @throws RuntimeException or Error, the first a task threw (the other tasks still run)
   * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
   */
  private static void runInParallel(int n, int helpers, java.util.function.IntConsumer task) {
    Throwable[] failure = new Throwable[1];
    java.util.concurrent.atomic.AtomicInteger next =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(n);
    Runnable worker =
        () -> {
          for (int i; (i = next.getAndIncrement()) < n; ) {
            try {
              task.accept(i);
            } catch (RuntimeException | Error e) {
              synchronized (failure) {
                if (failure[0] == null) {
                  failure[0] = e;
                }
              }
            } finally {
              done.countDown();
            }
          }
        };
    for (int t = 0; t < Math.min(helpers, n - 1); t++) {
      GENERATORS.execute(worker);
    }
    worker.run();
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.util.concurrent.CancellationException("interrupted while compiling");
    }
    synchronized (failure) {
      if (failure[0] instanceof Error) {
        throw (Error) failure[0];
      }
      if (failure[0] != null) {
        throw (RuntimeException) failure[0];
      }
    }
  }

  /** Version of the {@link #serialize} format. */
  private static final int SERIAL_FORMAT = 1;

  private static void writeInts(java.io.DataOutputStream out, int[] values)
      throws java.io.IOException {
    out.writeInt(values.length);
    for (int v : values) {
      out.writeInt(v);
    }
  }

  private static int[] readInts(java.io.DataInputStream in) throws java.io.IOException {
    int[] values = new int[in.readInt()];
    for (int i = 0; i < values.length; i++) {
      values[i] = in.readInt();
    }
    return values;
  }

  /** Defines the hidden class {@code c} and records its functions' bridges and owner. */
  private static void defineClass(
      WasmModule module,
      DefinedClass c,
      MethodHandles.Lookup[] bridges,
      Class<?>[] owners,
      CrossCalls cross) {
    try {
      MethodHandles.Lookup lookup =
          MethodHandles.lookup()
              .defineHiddenClassWithClassData(c.bytes(), cross.classData(c.crossTargets()), true);
      cross.defined(lookup, c.crossTargets());
      for (int f : c.functions()) {
        // The bridge method handles are looked up on first use (see CompiledFunction.Bridges).
        bridges[f - module.importedFunctionCount] = lookup;
        owners[f - module.importedFunctionCount] = lookup.lookupClass();
      }
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(
          "cannot define the compiled code of functions "
              + java.util.Arrays.toString(c.functions()),
          e);
    }
  }

  /**
   * Initialises the classes generated code uses, and links their method handle call sites, now
   * rather than on first use: a first use deep in wasm recursion could run into a
   * StackOverflowError there, which would leave the class or call site unusable for the life of the
   * JVM.
   */
  private static void ensureRuntimeClassesInitialized() {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      lookup.ensureInitialized(RuntimeSupport.class);
      CompiledFunction.warmUp();
      MethodHandles.publicLookup().ensureInitialized(TrapException.class);
      MethodHandles.publicLookup().ensureInitialized(TrapKind.class);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot initialise the compiler's runtime classes", e);
    }
  }

  /**
   * Whether function {@code funcIndex} can be a JVM method at all (and is not one the interpreter
   * must run for its tail calls: found here rather than when generating its class, which would
   * then start over once per such function).
   */
  private static boolean compilable(WasmModule module, int funcIndex) {
    FuncType t = module.functionType(funcIndex);
    Code code = module.codes[funcIndex - module.importedFunctionCount];
    if (module.mayTailCall && FunctionCompiler.tailCallsOthers(module, funcIndex)) {
      return false;
    }
    if (FunctionCompiler.parameterSlots(t) > 255) {
      return false;
    }
    long slots = FunctionCompiler.parameterSlots(t);
    for (ValueType l : code.locals()) {
      slots += FunctionCompiler.size(FunctionCompiler.kind(l));
    }
    return slots <= MAX_LOCAL_SLOTS;
  }

  private List<int[]> partition(WasmModule module, BitSet interpreted) {
    List<int[]> groups = new ArrayList<>();
    List<Integer> current = new ArrayList<>();
    long size = 0;
    for (int i = 0; i < module.codes.length; i++) {
      int f = module.importedFunctionCount + i;
      if (interpreted.get(f)) {
        continue;
      }
      Code c = module.codes[i];
      int len = c.bodyEnd() - c.bodyStart();
      if (!current.isEmpty()
          && (size + len > classBudget || current.size() >= CLASS_MAX_FUNCTIONS)) {
        groups.add(current.stream().mapToInt(Integer::intValue).toArray());
        current.clear();
        size = 0;
      }
      current.add(f);
      size += len;
    }
    if (!current.isEmpty()) {
      groups.add(current.stream().mapToInt(Integer::intValue).toArray());
    }
    return groups;
  }

  /**
   * Generator threads helping a background compilation: it leaves one core to the application,
   * which meanwhile runs on the interpreter.
   */
  private static final int BACKGROUND_HELPERS =
      Math.min(3, Runtime.getRuntime().availableProcessors() - 2);

  /** Threads besides the caller's that generate classes in parallel. */
  private static final int GENERATOR_THREADS =
      Math.min(3, Runtime.getRuntime().availableProcessors() - 1);

  /** Daemon threads for parallel class generation; they end after a minute idle. */
  private static final java.util.concurrent.ExecutorService GENERATORS =
      generators(GENERATOR_THREADS);

  private static java.util.concurrent.ExecutorService generators(int threads) {
    if (threads <= 0) {
      return null;
    }
    java.util.concurrent.atomic.AtomicInteger count =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.ThreadPoolExecutor executor =
        new java.util.concurrent.ThreadPoolExecutor(
            threads,
            threads,
            60,
            java.util.concurrent.TimeUnit.SECONDS,
            new java.util.concurrent.LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "zerowasm-class-generator-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  /**
   * A class generated and defined in parallel: the class (null if all its functions went to the
   * fallback engine) and the functions its generation moved to the fallback engine.
   */
  private record Generated(DefinedClass defined, BitSet interpreted) {}

  /**
   * Generates and defines the classes of {@code groups} on the caller's and the generator threads,
   * filling in their functions' {@code bridges} and {@code owners} (each group writes only its own
   * entries). Defining on the generating thread matters: the JVM's parsing and verification of a
   * class costs about as much as generating it, and hidden classes are defined without a class
   * loader lock, so both halves of the work spread over the cores. Each group works on its own
   * copy of {@code interpreted} (which nobody changes meanwhile, so reading it for cross calls is
   * safe); a function another group gives up on is then still called through a call site, which
   * {@link CrossCalls#link} points at its universal call, as in the serial order. An entry is null
   * where the class overflowed the class file limits or the JVM rejected it (the serial loop then
   * halves the group).
   */
  private Generated[] generateInParallel(
      WasmModule module,
      List<int[]> groups,
      BitSet interpreted,
      CrossCalls cross,
      CodeOptions options,
      java.util.function.BooleanSupplier abandoned,
      int helpers,
      MethodHandles.Lookup[] bridges,
      Class<?>[] owners) {
    Generated[] result = new Generated[groups.size()];
    runInParallel(
        groups.size(),
        helpers,
        i -> {
          if (abandoned.getAsBoolean()) {
            return;
          }
          BitSet local = (BitSet) interpreted.clone();
          try {
            DefinedClass c = generateGroup(module, groups.get(i), local, cross, options);
            if (c != null) {
              defineClass(module, c, bridges, owners, cross);
            }
            result[i] = new Generated(c, local);
          } catch (ClassTooLargeException | LinkageError e) {
            result[i] = null; // halved in the serial loop
          }
        });
    if (abandoned.getAsBoolean()) {
      throw new java.util.concurrent.CancellationException("module no longer used");
    }
    return result;
  }

  /**
   * Generates and defines the class of {@code group}, retrying without the functions whose methods
   * are too large (those move to {@code interpreted}); fills in their bridges.
   */
  private void defineGroup(
      WasmModule module,
      int[] group,
      BitSet interpreted,
      MethodHandles.Lookup[] bridges,
      Class<?>[] owners,
      CrossCalls cross,
      CodeOptions options,
      List<DefinedClass> classes) {
    DefinedClass c = generateGroup(module, group, interpreted, cross, options);
    if (c != null) {
      defineClass(module, c, bridges, owners, cross);
      classes.add(c);
    }
  }

  /**
   * Generates the class of {@code group}, retrying without the functions whose methods are too
   * large (those move to {@code interpreted}); null if no function is left.
   */
  private DefinedClass generateGroup(
      WasmModule module, int[] group, BitSet interpreted, CrossCalls cross, CodeOptions options) {
    while (true) {
      ClassGenerator.Generated generated;
      try {
        generated =
            ClassGenerator.generate(
                module,
                group,
                interpreted,
                CodeReader.VALIDATED,
                hugeMethodBytes,
                outlineBudget,
                cross::callable,
                options);
      } catch (MethodTooLargeException e) {
        int f = ClassGenerator.functionOf(e.getMethodName());
        if (f < 0 || interpreted.get(f)) {
          throw e;
        }
        interpreted.set(f);
        continue;
      } catch (ClassGenerator.FunctionFailedException e) {
        // E.g. an instruction the compiler does not support yet: the fallback engine runs it.
        interpreted.set(e.function);
        continue;
      }
      boolean any = false;
      for (int f : group) {
        any |= !interpreted.get(f);
      }
      if (!any) {
        return null;
      }
      int[] compiled = java.util.Arrays.stream(group).filter(f -> !interpreted.get(f)).toArray();
      return new DefinedClass(compiled, generated.bytes(), generated.crossTargets());
    }
  }

  /**
   * Calls between functions compiled into different classes. A hidden class cannot name another, so
   * each such callee gets a {@link MutableCallSite}; callers reach it through a static final field
   * holding the site's dynamic invoker, which the JIT treats as a constant and inlines through.
   * Once every class exists, each site targets its function's method, or a universal call if the
   * function ended up on the fallback engine.
   */
  private static final class CrossCalls {
    private final WasmModule module;
    private final BitSet interpreted;
    private final Map<Integer, MutableCallSite> sites = new HashMap<>();
    private final Map<Class<?>, MethodHandles.Lookup> lookups = new HashMap<>();
    private final List<MethodHandles.Lookup> callers = new ArrayList<>();
    private final List<List<Integer>> callerTargets = new ArrayList<>();

    private final boolean listening;

    CrossCalls(WasmModule module, BitSet interpreted, boolean listening) {
      this.module = module;
      this.interpreted = interpreted;
      this.listening = listening;
    }

    /** Whether calls to {@code funcIndex} from another class may use a call site. */
    boolean callable(int funcIndex) {
      return !listening && funcIndex >= module.importedFunctionCount && !interpreted.get(funcIndex);
    }

    /**
     * The class data of a class calling {@code targets}: their sites' invokers, in order.
     * Synchronized, like {@link #defined}: classes are defined on several threads.
     */
    synchronized List<MethodHandle> classData(List<Integer> targets) {
      List<MethodHandle> data = new ArrayList<>();
      for (int g : targets) {
        // Until linked, a site returns zeros: only the warm-up below calls it then.
        data.add(
            sites
                .computeIfAbsent(g, k -> new MutableCallSite(MethodHandles.empty(methodType(k))))
                .dynamicInvoker());
      }
      return data;
    }

    /** Records a defined class. */
    synchronized void defined(MethodHandles.Lookup lookup, List<Integer> targets) {
      lookups.put(lookup.lookupClass(), lookup);
      if (!targets.isEmpty()) {
        callers.add(lookup);
        callerTargets.add(targets);
      }
    }

    /**
     * Links every trampoline's {@code invokeExact} once (against the harmless initial targets, so a
     * first call deep in wasm recursion cannot fail linking for good), then points each site at its
     * function.
     */
    synchronized void link(Class<?>[] owners) {
      if (sites.isEmpty()) {
        return;
      }
      Map<Integer, MethodHandle> universal = new HashMap<>();
      try {
        for (int i = 0; i < callers.size(); i++) {
          MethodHandles.Lookup lookup = callers.get(i);
          for (int g : callerTargets.get(i)) {
            MethodType type = methodType(g);
            lookup
                .findStatic(lookup.lookupClass(), "x" + g, type)
                .invokeWithArguments(defaults(type));
            universal.putIfAbsent(g, lookup.findStatic(lookup.lookupClass(), "u" + g, type));
          }
        }
        for (Map.Entry<Integer, MutableCallSite> e : sites.entrySet()) {
          int g = e.getKey();
          Class<?> owner = owners[g - module.importedFunctionCount];
          MethodHandle target =
              interpreted.get(g) || owner == null
                  ? universal.get(g)
                  : lookups
                      .get(owner)
                      .findStatic(owner, FunctionCompiler.methodName(g), methodType(g));
          if (target != null) { // null: no defined class calls g
            e.getValue().setTarget(target);
          }
        }
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable t) {
        throw new IllegalStateException("cannot link calls between compiled classes", t);
      }
      MutableCallSite.syncAll(sites.values().toArray(new MutableCallSite[0]));
    }

    /** The JVM type of function {@code g}'s static method. */
    private MethodType methodType(int g) {
      FuncType t = module.functionType(g);
      List<Class<?>> params = new ArrayList<>();
      for (ValueType p : t.params()) {
        params.add(javaType(p));
        if (p == ValueType.V128) {
          params.add(long.class); // the high half
        }
      }
      params.add(ModuleInstance.class);
      Class<?> result =
          t.resultCount() == 0
              ? void.class
              : FunctionCompiler.arrayResult(t) ? long[].class : javaType(t.results()[0]);
      return MethodType.methodType(result, params);
    }

    private static Class<?> javaType(ValueType t) {
      switch (FunctionCompiler.kind(t)) {
        case FunctionCompiler.KI:
          return int.class;
        case FunctionCompiler.KF:
          return float.class;
        case FunctionCompiler.KD:
          return double.class;
        default:
          return long.class;
      }
    }

    /** Zero arguments of {@code type} (a null instance). */
    private static List<Object> defaults(MethodType type) {
      List<Object> args = new ArrayList<>();
      for (Class<?> c : type.parameterList()) {
        args.add(
            c == int.class
                ? (Object) 0
                : c == long.class
                    ? (Object) 0L
                    : c == float.class ? (Object) 0f : c == double.class ? (Object) 0d : null);
      }
      return args;
    }
  }

  /** The compiled code of one module: one bridge per compiled function. */
  private static final class ModuleCode implements CompiledCode {
    private final WasmModule module;
    private final CompiledFunction.Bridges bridges;
    private final int own;
    private final CompiledCode fallbackCode;

    /** For {@link #serialize}: the functions on the fallback engine and the defined classes. */
    private final BitSet interpreted;

    private final List<DefinedClass> classes;

    ModuleCode(
        WasmModule module,
        MethodHandles.Lookup[] bridges,
        CompiledCode fallbackCode,
        BitSet interpreted,
        List<DefinedClass> classes) {
      this.interpreted = interpreted;
      this.classes = List.copyOf(classes);
      this.module = module;
      this.bridges = new CompiledFunction.Bridges(bridges);
      this.own = bridges.length;
      this.fallbackCode = fallbackCode;
    }

    @Override
    public FunctionInstance[] instantiate(ModuleInstance instance) {
      FunctionInstance[] interpreted =
          fallbackCode == null ? null : fallbackCode.instantiate(instance);
      FunctionInstance[] result = new FunctionInstance[own];
      int imported = module.importedFunctionCount;
      for (int i = 0; i < own; i++) {
        if (!bridges.compiled(i)) {
          result[i] = interpreted[i];
        } else {
          result[i] =
              new CompiledFunction(
                  module.functionType(imported + i),
                  instance,
                  instance.definitions[imported + i],
                  bridges,
                  i,
                  imported + i);
        }
      }
      return result;
    }
  }
}
