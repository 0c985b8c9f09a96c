package dev.zerowasm.internal.interpreter;

import static dev.zerowasm.api.ValueType.FUNCREF;
import static dev.zerowasm.api.ValueType.I32;
import static dev.zerowasm.api.ValueType.I64;
import static dev.zerowasm.testing.Asm.EMPTY;
import static dev.zerowasm.testing.TestModule.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerowasm.api.TrapException;
import dev.zerowasm.api.TrapKind;
import dev.zerowasm.internal.wasm.FuncType;
import dev.zerowasm.internal.wasm.Limits;
import dev.zerowasm.testing.Asm;
import dev.zerowasm.testing.TestModule;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InterpreterCallTest {
  /** fib(n) = n < 2 ? n : fib(n-1) + fib(n-2), with i64. */
  private static int fib(TestModule m) {
    int t = m.type(types(I64), types(I64));
    int self = m.nextFunctionIndex();
    return m.function(
        t,
        types(),
        new Asm()
            .localGet(0)
            .i64(2)
            .op(0x53)
            .ifOp(Asm.I64)
            .localGet(0)
            .elseOp()
            .localGet(0)
            .i64(1)
            .op(0x7D)
            .call(self)
            .localGet(0)
            .i64(2)
            .op(0x7D)
            .call(self)
            .op(0x7C)
            .end());
  }

  @Test
  void recursion() {
    TestModule m = new TestModule();
    int f = fib(m);
    m.instantiate(new InterpreterEngine());
    assertThat(m.call1(f, 20)).isEqualTo(6765);
  }

  @Test
  void deepRecursionNeedsNoJavaStack() {
    TestModule m = new TestModule();
    // sum(n) = n == 0 ? 0 : n + sum(n - 1), with a local to make frames bigger
    int f =
        m.function(
            types(I64),
            types(I64),
            types(I64, I64),
            new Asm()
                .localGet(0)
                .op(0x50)
                .ifOp(Asm.I64)
                .i64(0)
                .elseOp()
                .localGet(0)
                .localGet(0)
                .i64(1)
                .op(0x7D)
                .call(0)
                .op(0x7C)
                .end());
    m.instantiate(new InterpreterEngine());
    assertThat(m.call1(f, 200_000)).isEqualTo(200_000L * 200_001 / 2);
  }

  @Test
  void runawayRecursionIsCallStackExhausted() {
    TestModule m = new TestModule();
    int f = m.function(types(), types(), types(), new Asm().call(0));
    m.instantiate(new InterpreterEngine());
    assertThatThrownBy(() -> m.call(f))
        .isInstanceOfSatisfying(
            TrapException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(TrapKind.CALL_STACK_EXHAUSTED);
              assertThat(e.wasmStackTrace()).isNotEmpty().allMatch("test.f0"::equals);
            });
    // the thread's context is usable again afterwards
    TestModule m2 = new TestModule();
    int g = fib(m2);
    m2.instantiate(new InterpreterEngine());
    assertThat(m2.call1(g, 10)).isEqualTo(55);
  }

  @Test
  void multiValueCallsAndParams() {
    TestModule m = new TestModule();
    int divmod =
        m.function(
            types(I32, I32),
            types(I32, I32),
            types(),
            new Asm().localGet(0).localGet(1).op(0x6D).localGet(0).localGet(1).op(0x6F));
    // calls divmod and returns quotient * 1000 + remainder
    int f =
        m.function(
            types(I32, I32),
            types(I32),
            types(I32),
            new Asm()
                .i32(99)
                .localGet(0)
                .localGet(1)
                .call(divmod)
                .localSet(2)
                .i32(1000)
                .op(0x6C)
                .localGet(2)
                .op(0x6A)
                .op(0x6A));
    m.instantiate(new InterpreterEngine());
    assertThat(m.call1(f, 47, 5)).isEqualTo(99 + 9002);
  }

  @Test
  void hostFunctionsSeeParamsAndReturnResults() {
    TestModule m = new TestModule();
    FuncType t = new FuncType(types(I32, I64), types(I64, I32, I64));
    int host =
        m.importFunction(
            TestModule.host(
                t,
                s -> {
                  long a = s[0];
                  long b = s[1];
                  s[0] = a + b;
                  s[1] = 7;
                  s[2] = -1;
                }));
    int f =
        m.function(
            types(),
            types(I64),
            types(I64),
            // 1000, then the results 11, 7, -1: -1 to a local, 7 extended and added to 11, -1
            // added back, then 1000.
            new Asm()
                .i64(1000)
                .i32(5)
                .i64(6)
                .call(host)
                .localSet(0)
                .op(0xAC)
                .op(0x7C)
                .localGet(0)
                .op(0x7C)
                .op(0x7C));
    m.instantiate(new InterpreterEngine());
    assertThat(m.call1(f)).isEqualTo(1000 + 11 + 7 - 1);
  }

  @Test
  void callsIntoAnotherInstanceShareTheStackAndTraceFrames() {
    TestModule lib = new TestModule();
    int fibIdx = fib(lib);
    int trap = lib.function(types(I32), types(I32), types(), new Asm().i32(1).localGet(0).op(0x6D));
    lib.instantiate(new InterpreterEngine());
    TestModule app = new TestModule(lib.store());
    int f1 = app.importFunction(lib.instance().functions[fibIdx]);
    int f2 = app.importFunction(lib.instance().functions[trap]);
    int callFib =
        app.function(
            types(I64), types(I64), types(), new Asm().i64(1).localGet(0).call(f1).op(0x7C));
    int callTrap = app.function(types(), types(I32), types(), new Asm().i32(0).call(f2));
    app.instantiate(new InterpreterEngine());
    assertThat(app.call1(callFib, 15)).isEqualTo(611);
    assertThatThrownBy(() -> app.call(callTrap))
        .isInstanceOfSatisfying(
            TrapException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(TrapKind.INTEGER_DIVIDE_BY_ZERO);
              assertThat(e.wasmStackTrace()).containsExactly("test.f1", "test.f3");
            });
  }

  /** sum(n) = n == 0 ? 0 : n + sum(n - 1), recursing n deep. */
  private static int sum(TestModule m) {
    int self = m.nextFunctionIndex();
    return m.function(
        types(I64),
        types(I64),
        types(),
        new Asm()
            .localGet(0)
            .op(0x50)
            .ifOp(Asm.I64)
            .i64(0)
            .elseOp()
            .localGet(0)
            .localGet(0)
            .i64(1)
            .op(0x7D)
            .call(self)
            .op(0x7C)
            .end());
  }

  @Test
  void deepCallsOnBothSidesOfAnInstanceBoundary() {
    TestModule lib = new TestModule();
    int libSum = sum(lib);
    lib.instantiate(new InterpreterEngine());
    TestModule app = new TestModule(lib.store());
    int imported = app.importFunction(lib.instance().functions[libSum]);
    int appSum = sum(app);
    // the library grows the shared frame stack, then the app recurses deeply on it
    int f =
        app.function(
            types(I64),
            types(I64),
            types(),
            new Asm()
                .localGet(0)
                .call(imported)
                .localGet(0)
                .call(appSum)
                .op(0x7C)
                .localGet(0)
                .call(imported)
                .op(0x7C));
    app.instantiate(new InterpreterEngine());
    long n = 60_000;
    assertThat(app.call1(f, n)).isEqualTo(3 * (n * (n + 1) / 2));
  }

  @Test
  void hostFunctionsMayCallBackIntoTheSameInstance() {
    TestModule m = new TestModule();
    int[] square = new int[1];
    FuncType t = new FuncType(types(I32, I32), types(I32));
    // host(a, b) = square(a) + b, calling back into the module while the outer call runs
    int host =
        m.importFunction(
            TestModule.host(
                t,
                s -> {
                  long[] inner = {s[0]};
                  m.instance().functions[square[0]].call(inner);
                  s[0] = inner[0] + s[1];
                }));
    square[0] =
        m.function(types(I32), types(I32), types(), new Asm().localGet(0).localGet(0).op(0x6C));
    // f(n) = host(n, host(n + 1, 0)) - 1
    int f =
        m.function(
            types(I32),
            types(I32),
            types(),
            new Asm()
                .localGet(0)
                .localGet(0)
                .i32(1)
                .op(0x6A)
                .i32(0)
                .call(host)
                .call(host)
                .i32(1)
                .op(0x6B));
    m.instantiate(new InterpreterEngine());
    assertThat(m.call1(f, 3)).isEqualTo(9 + 16 - 1);
  }

  @Test
  void callIndirectChecksIndexNullAndType() {
    TestModule m = new TestModule();
    int tI32 = m.type(types(), types(I32));
    int tI64 = m.type(types(), types(I64));
    int a = m.function(tI32, types(), new Asm().i32(11));
    int b = m.function(tI64, types(), new Asm().i64(22));
    int table = m.table(FUNCREF, Limits.of(4));
    int dispatch =
        m.function(
            types(I32), types(I32), types(), new Asm().localGet(0).op(0x11).u32(tI32).u32(table));
    int seg = m.elements(a, b);
    int setup =
        m.function(
            types(), types(), types(), new Asm().i32(0).i32(0).i32(2).fc(0x0C).u32(seg).u32(table));
    m.instantiate(new InterpreterEngine());
    m.call(setup);
    assertThat(m.call1(dispatch, 0)).isEqualTo(11);
    assertThat(trap(() -> m.call(dispatch, 1))).isEqualTo(TrapKind.INDIRECT_CALL_TYPE_MISMATCH);
    assertThat(trap(() -> m.call(dispatch, 2))).isEqualTo(TrapKind.UNINITIALIZED_ELEMENT);
    assertThat(trap(() -> m.call(dispatch, 4))).isEqualTo(TrapKind.UNDEFINED_ELEMENT);
    assertThat(trap(() -> m.call(dispatch, -1))).isEqualTo(TrapKind.UNDEFINED_ELEMENT);
  }

  @Test
  void callIndirectToHostAndOtherInstances() {
    TestModule m = new TestModule();
    AtomicLong seen = new AtomicLong();
    FuncType t = new FuncType(types(I32), types(I32));
    int host =
        m.importFunction(
            TestModule.host(
                t,
                s -> {
                  seen.set(s[0]);
                  s[0] = s[0] * 2;
                }));
    int table = m.table(FUNCREF, Limits.of(2, 2));
    int seg = m.elements(host);
    int dispatch =
        m.function(
            types(I32, I32),
            types(I32),
            types(),
            new Asm()
                .localGet(1)
                .localGet(0)
                .op(0x11)
                .u32(m.type(types(I32), types(I32)))
                .u32(table));
    int setup =
        m.function(
            types(), types(), types(), new Asm().i32(1).i32(0).i32(1).fc(0x0C).u32(seg).u32(table));
    m.instantiate(new InterpreterEngine());
    m.call(setup);
    assertThat(m.call1(dispatch, 1, 21)).isEqualTo(42);
    assertThat(seen.get()).isEqualTo(21);
  }

  @Test
  void memoryGrownByAHostCallIsSeenAfterTheCall() {
    TestModule m = new TestModule();
    m.memory(1, 4);
    int host = m.importFunction(TestModule.host(FuncType.EMPTY, s -> {}));
    int f =
        m.function(
            types(),
            types(I32),
            types(),
            new Asm().call(host).i32(70_000).i32(42).mem(0x36, 0).i32(70_000).mem(0x28, 0));
    m.instantiate(new InterpreterEngine());
    // replace the import with one that grows the memory
    m.instance().functions[host] = TestModule.host(FuncType.EMPTY, s -> m.mem().grow(1));
    assertThat(m.call1(f)).isEqualTo(42);
    assertThat(m.mem().pages()).isEqualTo(2);
  }

  @Test
  void manyThreadsShareOneCompiledModule() throws Exception {
    TestModule m = new TestModule();
    int f = fib(m);
    m.instantiate(new InterpreterEngine());
    Thread[] threads = new Thread[4];
    long[] results = new long[threads.length];
    for (int i = 0; i < threads.length; i++) {
      int k = i;
      threads[i] = new Thread(() -> results[k] = m.call1(f, 18));
      threads[i].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(results).containsOnly(2584);
  }

  @Test
  void blockFollowedByCallReturnsToTheRightPlace() {
    TestModule m = new TestModule();
    int id = m.function(types(I32), types(I32), types(), new Asm().localGet(0));
    int f =
        m.function(
            types(I32),
            types(I32),
            types(),
            new Asm()
                .block(EMPTY)
                .localGet(0)
                .call(id)
                .op(0x45)
                .brIf(0)
                .i32(5)
                .op(0x0F)
                .end()
                .i32(6));
    m.instantiate(new InterpreterEngine());
    assertThat(m.call1(f, 0)).isEqualTo(6);
    assertThat(m.call1(f, 1)).isEqualTo(5);
  }

  private static TrapKind trap(Runnable r) {
    try {
      r.run();
    } catch (TrapException e) {
      return e.kind();
    }
    throw new AssertionError("expected a trap");
  }
}
