package dev.zerowasm.gojs.internal;

import dev.zerowasm.api.Memory;
import dev.zerowasm.gojs.GoGuest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/**
 * Plays the Go side of syscall/js in Java: writes arguments at {@code sp} exactly as Go's compiled
 * code does, calls the host's imports and reads the results back, keeps Go functions made with
 * {@link #funcOf} and dispatches events to them on {@code resume()} as syscall/js's handleEvent.
 */
final class GoSim implements GoGuest {
  static final long GLOBAL = (JsRefs.NAN_HEAD | JsRefs.FLAG_OBJECT) << 32 | JsRefs.ID_GLOBAL;
  static final long GO = (JsRefs.NAN_HEAD | JsRefs.FLAG_OBJECT) << 32 | JsRefs.ID_GO;
  static final long NULL = JsRefs.NAN_HEAD << 32 | 2;
  static final long TRUE = JsRefs.NAN_HEAD << 32 | 3;
  static final long FALSE = JsRefs.NAN_HEAD << 32 | 4;
  static final long UNDEFINED = 0;

  final TestMemory memory = new TestMemory(4);
  final GoJsHost host;
  long sp = 0x20000;

  /** A different sp used after a re-entrant resume, to check the host re-reads it. */
  long spAfterResume = -1;

  private long heap = 0x30000;
  private final Map<Integer, BiFunction<Long, long[], Long>> funcs = new HashMap<>();
  private int nextFuncId = 1;
  private BiConsumer<Integer, Integer> main = (argc, argv) -> {};
  int resumes;

  /** What Go's runtime does on a resume without a pending event (timers); nothing by default. */
  Runnable onEmptyResume = () -> {};

  GoSim(GoJsHost host) {
    this.host = host;
  }

  /** Sets what run(argc, argv) does. */
  GoSim main(BiConsumer<Integer, Integer> main) {
    this.main = main;
    return this;
  }

  @Override
  public Memory memory() {
    return memory;
  }

  @Override
  public void run(int argc, int argv) {
    main.accept(argc, argv);
  }

  @Override
  public int getsp() {
    return (int) sp;
  }

  /** syscall/js handleEvent. */
  @Override
  public void resume() {
    resumes++;
    if (spAfterResume >= 0) {
      sp = spAfterResume;
    }
    long ev = valueGet(GO, "_pendingEvent");
    if (ev == NULL) {
      onEmptyResume.run();
      return;
    }
    valueSet(GO, "_pendingEvent", NULL);
    int id = (int) number(valueGet(ev, "id"));
    if (id == 0) {
      exit(2); // Go: "fatal error: all goroutines are asleep - deadlock!"
      return;
    }
    long thisRef = valueGet(ev, "this");
    long argsObj = valueGet(ev, "args");
    long[] args = new long[(int) valueLength(argsObj)];
    for (int i = 0; i < args.length; i++) {
      args[i] = valueIndex(argsObj, i);
    }
    Long result = funcs.get(id).apply(thisRef, args);
    valueSet(ev, "result", result == null ? UNDEFINED : result);
  }

  // ---- encoding ----

  static long num(double d) {
    return d == 0 ? JsRefs.NAN_HEAD << 32 | 1 : Double.doubleToRawLongBits(d);
  }

  static double number(long ref) {
    double d = Double.longBitsToDouble(ref);
    if (Double.isNaN(d)) {
      if (ref == (JsRefs.NAN_HEAD << 32 | 1)) {
        return 0;
      }
      throw new AssertionError("not a number: " + Long.toHexString(ref));
    }
    return d;
  }

  static int typeFlag(long ref) {
    return (int) (ref >>> 32) & 7;
  }

  long alloc(byte[] b) {
    long p = heap;
    memory.write(p, b);
    heap += (b.length + 7) & ~7;
    return p;
  }

  private void putString(long addr, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    memory.writeLongLe(addr, alloc(b));
    memory.writeLongLe(addr + 8, b.length);
  }

  private void putRefSlice(long addr, long[] refs) {
    long p = heap;
    for (int i = 0; i < refs.length; i++) {
      memory.writeLongLe(p + i * 8L, refs[i]);
    }
    heap += refs.length * 8L + 8;
    memory.writeLongLe(addr, p);
    memory.writeLongLe(addr + 8, refs.length);
    memory.writeLongLe(addr + 16, refs.length);
  }

  private void call(String name) {
    host.call(name, (int) sp);
  }

  // ---- the syscall/js imports, Go's side ----

  void exit(int code) {
    memory.writeIntLe(sp + 8, code);
    call("runtime.wasmExit");
  }

  void wasmWrite(int fd, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    long p = alloc(b);
    memory.writeLongLe(sp + 8, fd);
    memory.writeLongLe(sp + 16, p);
    memory.writeIntLe(sp + 24, b.length);
    call("runtime.wasmWrite");
  }

  long valueGet(long v, String p) {
    memory.writeLongLe(sp + 8, v);
    putString(sp + 16, p);
    call("syscall/js.valueGet");
    return memory.readLongLe(sp + 32);
  }

  void valueSet(long v, String p, long x) {
    memory.writeLongLe(sp + 8, v);
    putString(sp + 16, p);
    memory.writeLongLe(sp + 32, x);
    call("syscall/js.valueSet");
  }

  void valueDelete(long v, String p) {
    memory.writeLongLe(sp + 8, v);
    putString(sp + 16, p);
    call("syscall/js.valueDelete");
  }

  long valueIndex(long v, long i) {
    memory.writeLongLe(sp + 8, v);
    memory.writeLongLe(sp + 16, i);
    call("syscall/js.valueIndex");
    return memory.readLongLe(sp + 24);
  }

  void valueSetIndex(long v, long i, long x) {
    memory.writeLongLe(sp + 8, v);
    memory.writeLongLe(sp + 16, i);
    memory.writeLongLe(sp + 24, x);
    call("syscall/js.valueSetIndex");
  }

  long valueLength(long v) {
    memory.writeLongLe(sp + 8, v);
    call("syscall/js.valueLength");
    return memory.readLongLe(sp + 16);
  }

  /** valueCall: {result, ok}. */
  long[] valueCall(long v, String m, long... args) {
    memory.writeLongLe(sp + 8, v);
    putString(sp + 16, m);
    putRefSlice(sp + 32, args);
    call("syscall/js.valueCall");
    return new long[] {memory.readLongLe(sp + 56), memory.readByte(sp + 64)};
  }

  /** valueCall that must succeed. */
  long callOk(long v, String m, long... args) {
    long[] r = valueCall(v, m, args);
    if (r[1] != 1) {
      throw new AssertionError(m + " threw " + string(valueGet(r[0], "message")));
    }
    return r[0];
  }

  long[] valueInvoke(long v, long... args) {
    memory.writeLongLe(sp + 8, v);
    putRefSlice(sp + 16, args);
    call("syscall/js.valueInvoke");
    return new long[] {memory.readLongLe(sp + 40), memory.readByte(sp + 48)};
  }

  long[] valueNew(long v, long... args) {
    memory.writeLongLe(sp + 8, v);
    putRefSlice(sp + 16, args);
    call("syscall/js.valueNew");
    return new long[] {memory.readLongLe(sp + 40), memory.readByte(sp + 48)};
  }

  boolean instanceOf(long v, long t) {
    memory.writeLongLe(sp + 8, v);
    memory.writeLongLe(sp + 16, t);
    call("syscall/js.valueInstanceOf");
    return memory.readByte(sp + 24) == 1;
  }

  long stringVal(String s) {
    putString(sp + 8, s);
    call("syscall/js.stringVal");
    return memory.readLongLe(sp + 24);
  }

  /** Value.String() for a string value: prepare, load, finalize. */
  String string(long ref) {
    memory.writeLongLe(sp + 8, ref);
    call("syscall/js.valuePrepareString");
    long prepared = memory.readLongLe(sp + 16);
    int len = (int) memory.readLongLe(sp + 24);
    long p = alloc(new byte[len]);
    memory.writeLongLe(sp + 8, prepared);
    memory.writeLongLe(sp + 16, p);
    memory.writeLongLe(sp + 24, len);
    memory.writeLongLe(sp + 32, len);
    call("syscall/js.valueLoadString");
    finalizeRef(prepared);
    return new String(memory.read(p, len), StandardCharsets.UTF_8);
  }

  void finalizeRef(long ref) {
    memory.writeIntLe(sp + 8, (int) ref);
    call("syscall/js.finalizeRef");
  }

  /** copyBytesToGo: n, or -1 if the source is not a Uint8Array. */
  long copyBytesToGo(byte[] dst, long src) {
    long p = alloc(new byte[dst.length]);
    memory.writeLongLe(sp + 8, p);
    memory.writeLongLe(sp + 16, dst.length);
    memory.writeLongLe(sp + 24, dst.length);
    memory.writeLongLe(sp + 32, src);
    call("syscall/js.copyBytesToGo");
    if (memory.readByte(sp + 48) != 1) {
      return -1;
    }
    long n = memory.readLongLe(sp + 40);
    System.arraycopy(memory.read(p, (int) n), 0, dst, 0, (int) n);
    return n;
  }

  long copyBytesToJS(long dst, byte[] src) {
    long p = alloc(src);
    memory.writeLongLe(sp + 8, dst);
    memory.writeLongLe(sp + 16, p);
    memory.writeLongLe(sp + 24, src.length);
    memory.writeLongLe(sp + 32, src.length);
    call("syscall/js.copyBytesToJS");
    return memory.readByte(sp + 48) == 1 ? memory.readLongLe(sp + 40) : -1;
  }

  long scheduleTimeout(long ms) {
    memory.writeLongLe(sp + 8, ms);
    call("runtime.scheduleTimeoutEvent");
    return memory.readIntLe(sp + 16);
  }

  void clearTimeout(int id) {
    memory.writeIntLe(sp + 8, id);
    call("runtime.clearTimeoutEvent");
  }

  /** js.FuncOf. */
  long funcOf(BiFunction<Long, long[], Long> fn) {
    int id = nextFuncId++;
    funcs.put(id, fn);
    return callOk(GO, "_makeFuncWrapper", num(id));
  }

  /** A Uint8Array holding {@code b}. */
  long bytes(byte[] b) {
    long u8 = valueGet(GLOBAL, "Uint8Array");
    long[] r = valueNew(u8, num(b.length));
    copyBytesToJS(r[0], b);
    return r[0];
  }

  /** The fs object. */
  long fs() {
    return valueGet(GLOBAL, "fs");
  }

  /** Calls fs.name(args..., callback) and keeps the callback's arguments. */
  long[][] fsCall(String name, long... args) {
    long[][] result = new long[1][];
    long cb =
        funcOf(
            (self, a) -> {
              result[0] = a;
              return null;
            });
    long[] all = java.util.Arrays.copyOf(args, args.length + 1);
    all[args.length] = cb;
    callOk(fs(), name, all);
    return result;
  }

  /** Runs event-loop tasks until {@code done} holds. */
  void drain(java.util.function.BooleanSupplier done) {
    try {
      while (!done.getAsBoolean()) {
        Runnable t = host.loop().next();
        if (t == null) {
          throw new AssertionError("event loop ran dry");
        }
        t.run();
      }
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** fs call that runs the loop until the callback has run; returns its arguments. */
  long[] fsSync(String name, long... args) {
    long[][] r = fsCall(name, args);
    drain(() -> r[0] != null);
    return r[0];
  }

  /** The error code of an fs callback's first argument, or null for success. */
  String errCode(long[] cbArgs) {
    if (cbArgs.length == 0 || cbArgs[0] == NULL) {
      return null;
    }
    return string(valueGet(cbArgs[0], "code"));
  }

  List<Long> funcsIds() {
    return List.copyOf(funcs.keySet().stream().map(Integer::longValue).toList());
  }
}
