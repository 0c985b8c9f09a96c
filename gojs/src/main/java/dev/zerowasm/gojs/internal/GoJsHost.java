package dev.zerowasm.gojs.internal;

import static dev.zerowasm.gojs.internal.JsObject.arg;

import dev.zerowasm.api.ExitException;
import dev.zerowasm.api.Memory;
import dev.zerowasm.gojs.GoGuest;
import dev.zerowasm.ModuleConfig;
import dev.zerowasm.gojs.GoJsConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * The host side of {@code wasm_exec.js} for one run of a Go {@code GOOS=js} program: the imported
 * functions (see {@link GoJsFunctions}), the reference table, the emulated JavaScript world and its
 * event loop.
 *
 * <p>A run: the arguments and environment are written to memory at 4096 as {@code wasm_exec.js}
 * does, {@code run(argc, argv)} is called, and then the event loop feeds the program its events
 * (timeouts, fs callbacks, promise reactions) through {@code resume()} until {@code
 * runtime.wasmExit}. When nothing is left to wait for, the program is resumed with event id 0 as
 * Node.js does at exit, which makes Go report the deadlock and exit with code 2.
 *
 * <p>Go may be re-entered from inside an import (a JavaScript call that invokes a Go function); its
 * stack may move then, so results are written relative to a fresh {@code getsp()}.
 *
 * <p>One instance serves one program on one thread.
 */
public final class GoJsHost {
  /** Where wasm_exec.js writes argv and the environment. */
  static final int ARGS_OFFSET = 4096;

  /** The linker places Go's data here; argv and env must end before it. */
  static final int MIN_DATA_ADDR = 4096 + 8192;

  private final GoJsConfig config;
  private final ModuleConfig sys;
  private final EventLoop loop;
  private final GuestFs fs;
  private final JsGlobals globals;
  private final JsObject goObject = new JsObject();
  private final JsRefs refs;
  private final Map<String, LongConsumer> handlers = new HashMap<>();
  private GoGuest guest;
  private Memory mem;
  private boolean exited;
  private int exitCode;
  private long resumes;
  private boolean legacyAbi = true;
  private boolean started;

  /** A host for one run with {@code sys} and {@code config}, timers on the real clock. */
  public GoJsHost(ModuleConfig sys, GoJsConfig config) {
    this(sys, config, EventLoop.SYSTEM_CLOCK);
  }

  /**
   * A host for one run with {@code sys} (arguments, environment, streams, mounts, clocks, random)
   * and {@code config}, timers on {@code clock}. No arguments means {@code ["js"]}, as {@code
   * wasm_exec.js}.
   */
  public GoJsHost(ModuleConfig sys, GoJsConfig config, EventLoop.Clock clock) {
    this.sys = sys.args().isEmpty() ? sys.withArgs("js") : sys;
    this.config = config;
    this.loop = new EventLoop(clock);
    this.fs =
        new GuestFs(
            sys.fsConfig(),
            config.workingDirectory(),
            sys.stdin(),
            sys.stdout(),
            sys.stderr());
    this.globals = new JsGlobals(this.sys, config, loop, fs, this::exit);
    goObject.set("_pendingEvent", null);
    goObject.method("_makeFuncWrapper", (self, args) -> funcWrapper(arg(args, 0)));
    this.refs = new JsRefs(globals.global(), goObject);
    registerHandlers();
  }

  /** The reference table. */
  public JsRefs refs() {
    return refs;
  }

  /** {@code globalThis}. */
  public JsObject global() {
    return globals.global();
  }

  /** The Go object (reference id 6). */
  public JsObject goObject() {
    return goObject;
  }

  /** The event loop. */
  public EventLoop loop() {
    return loop;
  }

  /** The guest file system. */
  public GuestFs fs() {
    return fs;
  }

  /** Whether the program has exited. */
  public boolean exited() {
    return exited;
  }

  /** The exit code, once {@link #exited()}. */
  public int exitCode() {
    return exitCode;
  }

  /**
   * Attaches {@code guest} without running it, so imports can be called directly (tests, or a
   * caller that drives {@code run} itself).
   */
  public void attach(GoGuest guest) {
    this.guest = guest;
    this.mem = guest.memory();
  }

  /**
   * Calls the import {@code name} with its WebAssembly argument ({@code sp}, or the value for
   * {@code debug}).
   *
   * @throws IllegalArgumentException if Go has no import of that name
   */
  public void call(String name, int arg) {
    call(GoJsFunctions.MODULE_GO, name, arg);
  }

  /**
   * Calls the import {@code name} of import module {@code module} ({@code go} for Go 1.19/1.20,
   * {@code gojs} for Go 1.21+; the ABIs differ only in the timeout slack) with its WebAssembly
   * argument.
   *
   * @throws IllegalArgumentException if Go has no import of that module and name
   */
  public void call(String module, String name, int arg) {
    if (!GoJsFunctions.isGoModule(module)) {
      throw new IllegalArgumentException("not a Go js/wasm import module: '" + module + "'");
    }
    legacyAbi = GoJsFunctions.MODULE_GO.equals(module);
    LongConsumer h = handlers.get(name);
    if (h == null) {
      throw new IllegalArgumentException("no Go js/wasm import named '" + name + "'");
    }
    if (mem == null) {
      throw new IllegalStateException(
          "import '" + name + "' called before a Go program was attached");
    }
    h.accept(arg & 0xFFFFFFFFL);
  }

  /**
   * Runs the program to its end: writes argv and env, calls {@code run}, then runs the event loop
   * until the program exits.
   *
   * @return the exit code
   * @throws IllegalStateException if the program neither exits nor waits for anything (a bug in the
   *     program or the host), or the thread was interrupted
   */
  public int run(GoGuest guest) {
    if (started) {
      throw new IllegalStateException("a GoJsHost runs one program once; create a new one");
    }
    started = true;
    attach(guest);
    int[] argcArgv = writeArgs();
    try {
      guest.run(argcArgv[0], argcArgv[1]);
      while (!exited) {
        Runnable task = loop.next();
        if (task == null) {
          // As wasm_exec_node.js at process exit: event id 0 makes Go report the deadlock.
          JsObject event = new JsObject();
          event.set("id", 0.0);
          goObject.set("_pendingEvent", event);
          resume();
          if (!exited) {
            throw new IllegalStateException(
                "Go program waits for an event but none can come (deadlock)");
          }
          break;
        }
        task.run();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the Go program was waiting", e);
    } catch (RuntimeException e) {
      // wasmExit throws ExitException to unwind the guest; an engine may wrap it.
      if (!exited) {
        throw e;
      }
    } finally {
      fs.closeAll();
      globals.close();
    }
    return exitCode;
  }

  private void exit(int code) {
    exited = true;
    exitCode = code;
    throw new ExitException(code);
  }

  private void resume() {
    if (exited) {
      throw new IllegalStateException("Go program has already exited");
    }
    resumes++;
    guest.resume();
  }

  private JsFunction funcWrapper(Object id) {
    return JsFunction.of(
        "goFunc" + JsTypes.toJsString(id),
        (thisArg, args) -> {
          JsObject event = new JsObject();
          event.set("id", id);
          event.set("this", thisArg);
          event.set("args", new JsArray(args));
          goObject.set("_pendingEvent", event);
          resume();
          return event.get("result");
        });
  }

  private int[] writeArgs() {
    List<Integer> ptrs = new ArrayList<>();
    int[] offset = {ARGS_OFFSET};
    for (String a : sys.args()) {
      ptrs.add(writeCString(offset, a));
    }
    ptrs.add(0);
    // Sorted by UTF-16 code units, as JavaScript's Object.keys(env).sort().
    for (Map.Entry<String, String> e : new TreeMap<>(sys.env()).entrySet()) {
      ptrs.add(writeCString(offset, e.getKey() + "=" + e.getValue()));
    }
    ptrs.add(0);
    int argv = offset[0];
    checkArgSpace(argv + ptrs.size() * 8);
    for (int p : ptrs) {
      mem.writeIntLe(offset[0], p);
      mem.writeIntLe(offset[0] + 4, 0);
      offset[0] += 8;
    }
    return new int[] {sys.args().size(), argv};
  }

  private int writeCString(int[] offset, String s) {
    byte[] b = (s + "\0").getBytes(StandardCharsets.UTF_8);
    int ptr = offset[0];
    checkArgSpace(ptr + b.length);
    mem.write(ptr, b);
    offset[0] = (ptr + b.length + 7) & ~7;
    return ptr;
  }

  private static void checkArgSpace(long end) {
    if (end >= MIN_DATA_ADDR) {
      throw new IllegalArgumentException(
          "total length of command line and environment variables exceeds the limit of "
              + (MIN_DATA_ADDR - ARGS_OFFSET)
              + " bytes of Go's js/wasm ABI");
    }
  }

  // ---- memory helpers (Go's stack layout) ----

  private long i64(long addr) {
    return mem.readLongLe(addr);
  }

  private Object loadValue(long addr) {
    return refs.load(mem.readLongLe(addr));
  }

  private void storeValue(long addr, Object v) {
    mem.writeLongLe(addr, refs.store(v));
  }

  private String loadString(long addr) {
    long ptr = i64(addr);
    long len = i64(addr + 8);
    return new String(mem.read(ptr, checkedRange(ptr, len, 1)), StandardCharsets.UTF_8);
  }

  /**
   * Checks that {@code len} elements of {@code size} bytes from {@code ptr} lie in memory, before
   * anything is allocated for them: a bad pointer or length from the guest fails cleanly.
   *
   * @return {@code len}
   */
  private int checkedRange(long ptr, long len, int size) {
    if (len < 0 || ptr < 0 || len > Integer.MAX_VALUE / size || ptr + len * size > mem.size()) {
      throw new IllegalStateException(
          "Go passed a range outside its memory: "
              + len
              + " elements of "
              + size
              + " bytes at "
              + ptr
              + " (memory size "
              + mem.size()
              + ")");
    }
    return (int) len;
  }

  private List<Object> loadSliceOfValues(long addr) {
    long array = i64(addr);
    int len = checkedRange(array, i64(addr + 8), 8);
    List<Object> out = new ArrayList<>(len);
    for (int i = 0; i < len; i++) {
      out.add(refs.load(mem.readLongLe(array + i * 8L)));
    }
    return out;
  }

  /** sp after a call that may have run Go code (which may have moved its stack). */
  private long freshSp(long sp, long resumesBefore) {
    return resumes == resumesBefore ? sp : guest.getsp() & 0xFFFFFFFFL;
  }

  /** Reflect.get for values Go holds; a TypeError for non-objects, as in JavaScript. */
  private static Object get(Object target, String key) {
    if (target instanceof JsObject) {
      return ((JsObject) target).get(key);
    }
    if (target instanceof String && key.equals("length")) {
      return (double) ((String) target).length();
    }
    throw JsException.typeError(
        "Reflect.get called on non-object (" + JsTypes.toJsString(target) + "), property " + key);
  }

  private static JsObject object(Object target, String what) {
    if (!(target instanceof JsObject)) {
      throw JsException.typeError(what + " called on non-object " + JsTypes.toJsString(target));
    }
    return (JsObject) target;
  }

  /** A TypeError JavaScript would throw out of the import, aborting the program. */
  private static IllegalStateException uncaught(String function, JsException e) {
    return new IllegalStateException(
        "go js/wasm import " + function + " threw " + JsObject.describe(e.value()), e);
  }

  // ---- the imports ----

  private void registerHandlers() {
    handlers.put("debug", value -> console("log", Double.valueOf((int) value)));
    handlers.put(
        "runtime.wasmExit",
        sp -> {
          fs.closeAll();
          exit(mem.readIntLe(sp + 8));
        });
    handlers.put(
        "runtime.wasmWrite",
        sp -> {
          long fd = i64(sp + 8);
          long p = i64(sp + 16);
          int n = checkedRange(p, mem.readIntLe(sp + 24), 1);
          try {
            fs.write((int) fd, mem.read(p, n), 0, n, null);
          } catch (JsException e) {
            throw uncaught("runtime.wasmWrite", e);
          }
        });
    handlers.put("runtime.resetMemoryDataView", sp -> {});
    handlers.put("runtime.nanotime1", sp -> mem.writeLongLe(sp + 8, sys.nanotime().getAsLong()));
    handlers.put(
        "runtime.walltime",
        sp -> {
          long ns = sys.walltime().getAsLong();
          mem.writeLongLe(sp + 8, Math.floorDiv(ns, 1_000_000_000L));
          mem.writeIntLe(sp + 16, (int) Math.floorMod(ns, 1_000_000_000L));
        });
    handlers.put(
        "runtime.scheduleTimeoutEvent",
        sp -> {
          long delay = i64(sp + 8);
          int[] id = new int[1];
          // Go 1.19/1.20's wasm_exec.js waits 1 ms more (setTimeout was seen to fire early);
          // from Go 1.21 (module gojs) the delay is used as is.
          id[0] = loop.setTimeout(legacyAbi ? delay + 1 : delay, () -> fireTimeout(id[0]));
          mem.writeIntLe(sp + 16, id[0]);
        });
    handlers.put("runtime.clearTimeoutEvent", sp -> loop.clearTimeout(mem.readIntLe(sp + 8)));
    handlers.put(
        "runtime.getRandomData",
        sp -> {
          long ptr = i64(sp + 8);
          byte[] b = new byte[checkedRange(ptr, i64(sp + 16), 1)];
          sys.randSource().nextBytes(b);
          mem.write(ptr, b);
        });
    handlers.put("syscall/js.finalizeRef", sp -> refs.finalizeRef(mem.readIntLe(sp + 8)));
    handlers.put("syscall/js.stringVal", sp -> storeValue(sp + 24, loadString(sp + 8)));
    handlers.put(
        "syscall/js.valueGet",
        sp -> {
          long before = resumes;
          Object result;
          try {
            result = get(loadValue(sp + 8), loadString(sp + 16));
          } catch (JsException e) {
            throw uncaught("syscall/js.valueGet", e);
          }
          storeValue(freshSp(sp, before) + 32, result);
        });
    handlers.put(
        "syscall/js.valueSet",
        sp -> {
          try {
            object(loadValue(sp + 8), "Reflect.set").set(loadString(sp + 16), loadValue(sp + 32));
          } catch (JsException e) {
            throw uncaught("syscall/js.valueSet", e);
          }
        });
    handlers.put(
        "syscall/js.valueDelete",
        sp -> {
          try {
            object(loadValue(sp + 8), "Reflect.deleteProperty").delete(loadString(sp + 16));
          } catch (JsException e) {
            throw uncaught("syscall/js.valueDelete", e);
          }
        });
    handlers.put(
        "syscall/js.valueIndex",
        sp -> {
          Object result;
          try {
            result = object(loadValue(sp + 8), "Reflect.get").getIndex(i64(sp + 16));
          } catch (JsException e) {
            throw uncaught("syscall/js.valueIndex", e);
          }
          storeValue(sp + 24, result);
        });
    handlers.put(
        "syscall/js.valueSetIndex",
        sp -> {
          try {
            object(loadValue(sp + 8), "Reflect.set").setIndex(i64(sp + 16), loadValue(sp + 24));
          } catch (JsException e) {
            throw uncaught("syscall/js.valueSetIndex", e);
          }
        });
    handlers.put(
        "syscall/js.valueCall",
        sp -> {
          long before = resumes;
          Object result;
          boolean ok;
          try {
            Object v = loadValue(sp + 8);
            String name = loadString(sp + 16);
            Object m = get(v, name);
            List<Object> args = loadSliceOfValues(sp + 32);
            if (!(m instanceof JsFunction)) {
              throw JsException.typeError(name + " is not a function");
            }
            result = ((JsFunction) m).apply(v, args);
            ok = true;
          } catch (JsException e) {
            result = e.value();
            ok = false;
          }
          long nsp = freshSp(sp, before);
          storeValue(nsp + 56, result);
          mem.writeByte(nsp + 64, (byte) (ok ? 1 : 0));
        });
    handlers.put("syscall/js.valueInvoke", sp -> invokeOrNew(sp, false));
    handlers.put("syscall/js.valueNew", sp -> invokeOrNew(sp, true));
    handlers.put(
        "syscall/js.valueLength",
        sp -> {
          Object len;
          try {
            len = get(loadValue(sp + 8), "length");
          } catch (JsException e) {
            throw uncaught("syscall/js.valueLength", e);
          }
          double d = JsTypes.toNumber(len);
          mem.writeLongLe(sp + 16, Double.isNaN(d) ? 0 : (long) d);
        });
    handlers.put(
        "syscall/js.valuePrepareString",
        sp -> {
          byte[] b = JsTypes.toJsString(loadValue(sp + 8)).getBytes(StandardCharsets.UTF_8);
          storeValue(sp + 16, new JsUint8Array(b));
          mem.writeLongLe(sp + 24, b.length);
        });
    handlers.put(
        "syscall/js.valueLoadString",
        sp -> {
          Object v = loadValue(sp + 8);
          if (!(v instanceof JsUint8Array)) {
            throw new IllegalStateException(
                "syscall/js.valueLoadString: not a prepared string: " + JsTypes.toJsString(v));
          }
          JsUint8Array u = (JsUint8Array) v;
          long ptr = i64(sp + 16);
          int n = Math.min(checkedRange(ptr, i64(sp + 24), 1), u.length());
          byte[] b = new byte[n];
          System.arraycopy(u.data(), u.offset(), b, 0, n);
          mem.write(ptr, b);
        });
    handlers.put(
        "syscall/js.valueInstanceOf",
        sp -> {
          Object v = loadValue(sp + 8);
          Object t = loadValue(sp + 16);
          boolean is = t instanceof JsFunction && ((JsFunction) t).hasInstance(v);
          mem.writeByte(sp + 24, (byte) (is ? 1 : 0));
        });
    handlers.put(
        "syscall/js.copyBytesToGo",
        sp -> {
          long ptr = i64(sp + 8);
          int len = checkedRange(ptr, i64(sp + 16), 1);
          Object src = loadValue(sp + 32);
          if (!(src instanceof JsUint8Array)) {
            mem.writeByte(sp + 48, (byte) 0);
            return;
          }
          JsUint8Array u = (JsUint8Array) src;
          int n = Math.min(len, u.length());
          byte[] b = new byte[n];
          System.arraycopy(u.data(), u.offset(), b, 0, n);
          mem.write(ptr, b);
          mem.writeLongLe(sp + 40, n);
          mem.writeByte(sp + 48, (byte) 1);
        });
    handlers.put(
        "syscall/js.copyBytesToJS",
        sp -> {
          Object dst = loadValue(sp + 8);
          long ptr = i64(sp + 16);
          int len = checkedRange(ptr, i64(sp + 24), 1);
          if (!(dst instanceof JsUint8Array)) {
            mem.writeByte(sp + 48, (byte) 0);
            return;
          }
          JsUint8Array u = (JsUint8Array) dst;
          int n = Math.min(len, u.length());
          System.arraycopy(mem.read(ptr, n), 0, u.data(), u.offset(), n);
          mem.writeLongLe(sp + 40, n);
          mem.writeByte(sp + 48, (byte) 1);
        });
  }

  private void invokeOrNew(long sp, boolean construct) {
    long before = resumes;
    Object result;
    boolean ok;
    try {
      Object v = loadValue(sp + 8);
      List<Object> args = loadSliceOfValues(sp + 16);
      if (!(v instanceof JsFunction)) {
        throw JsException.typeError(
            JsTypes.toJsString(v) + (construct ? " is not a constructor" : " is not a function"));
      }
      JsFunction f = (JsFunction) v;
      result = construct ? f.construct(args) : f.apply(Undefined.INSTANCE, args);
      ok = true;
    } catch (JsException e) {
      result = e.value();
      ok = false;
    }
    long nsp = freshSp(sp, before);
    storeValue(nsp + 40, result);
    mem.writeByte(nsp + 48, (byte) (ok ? 1 : 0));
  }

  private void fireTimeout(int id) {
    resume();
    // wasm_exec.js: if Go did not take the timeout (golang/go#28975), resume again.
    int retries = 0;
    while (loop.isScheduled(id) && !exited) {
      if (++retries > 1000) {
        loop.clearTimeout(id);
        throw new IllegalStateException("Go program never acknowledged timeout event " + id);
      }
      resume();
    }
  }

  private void console(String method, Object value) {
    Object console = globals.global().get("console");
    ((JsFunction) ((JsObject) console).get(method)).apply(console, List.of(value));
  }
}
