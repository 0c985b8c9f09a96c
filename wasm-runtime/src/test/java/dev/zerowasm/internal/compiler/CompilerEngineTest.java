package dev.zerowasm.internal.compiler;

import static dev.zerowasm.api.ValueType.F32;
import static dev.zerowasm.api.ValueType.F64;
import static dev.zerowasm.api.ValueType.FUNCREF;
import static dev.zerowasm.api.ValueType.I32;
import static dev.zerowasm.api.ValueType.I64;
import static dev.zerowasm.api.ValueType.V128;
import static dev.zerowasm.internal.wasm.Opcodes.*;
import static dev.zerowasm.testing.TestModule.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerowasm.api.TrapException;
import dev.zerowasm.api.TrapKind;
import dev.zerowasm.api.ValueType;
import dev.zerowasm.internal.engine.CompiledCode;
import dev.zerowasm.internal.engine.Engine;
import dev.zerowasm.internal.interpreter.InterpreterEngine;
import dev.zerowasm.internal.wasm.FunctionInstance;
import dev.zerowasm.internal.wasm.Limits;
import dev.zerowasm.internal.wasm.ModuleInstance;
import dev.zerowasm.testing.Asm;
import dev.zerowasm.testing.TestModule;
import org.junit.jupiter.api.Test;

class CompilerEngineTest {
  private static final ValueType[] NONE = new ValueType[0];
  private final Engine engine = newEngine();

  /**
   * The engine under test; subclasses run every test with functions split into regions, one class
   * per function, or code that went through the compilation cache's serialised form.
   */
  Engine newEngine() {
    return new CompilerEngine();
  }

  private static long[] call(ModuleInstance inst, int func, long... args) {
    FunctionInstance f = inst.functions[func];
    long[] stack = new long[Math.max(8, args.length)];
    System.arraycopy(args, 0, stack, 0, args.length);
    f.call(stack);
    return stack;
  }

  private static Asm asm() {
    return new Asm();
  }

  @Test
  void integerArithmetic() {
    TestModule t = new TestModule();
    int add =
        t.function(
            types(I32, I32),
            types(I32),
            NONE,
            asm().localGet(0).localGet(1).op(I32_ADD).i32(3).op(I32_MUL));
    int shr =
        t.function(types(I64, I64), types(I64), NONE, asm().localGet(0).localGet(1).op(I64_SHR_U));
    int ltu =
        t.function(types(I32, I32), types(I32), NONE, asm().localGet(0).localGet(1).op(I32_LT_U));
    int rotl =
        t.function(types(I64, I64), types(I64), NONE, asm().localGet(0).localGet(1).op(I64_ROTL));
    int clz = t.function(types(I64), types(I64), NONE, asm().localGet(0).op(I64_CLZ));
    int ext = t.function(types(I32), types(I64), NONE, asm().localGet(0).op(I64_EXTEND_I32_U));
    ModuleInstance inst = t.instantiate(engine);
    assertThat(call(inst, add, 2, 5)[0]).isEqualTo(21);
    assertThat(call(inst, add, -4, 1)[0]).isEqualTo(-9);
    assertThat(call(inst, shr, -1, 60)[0]).isEqualTo(15);
    assertThat(call(inst, shr, -1, 64 + 60)[0]).isEqualTo(15);
    assertThat(call(inst, ltu, 1, -1)[0]).isEqualTo(1);
    assertThat(call(inst, ltu, -1, 1)[0]).isEqualTo(0);
    assertThat(call(inst, rotl, 0x8000_0000_0000_0001L, 1)[0]).isEqualTo(3);
    assertThat(call(inst, clz, 1)[0]).isEqualTo(63);
    assertThat(call(inst, ext, -1)[0]).isEqualTo(0xFFFF_FFFFL);
  }

  @Test
  void divisionTrapsWithWasmStackTrace() {
    TestModule t = new TestModule();
    int div =
        t.function(types(I32, I32), types(I32), NONE, asm().localGet(0).localGet(1).op(I32_DIV_S));
    int outer =
        t.function(
            types(I32, I32), types(I32), NONE, asm().localGet(0).localGet(1).op(CALL).u32(div));
    int remu =
        t.function(types(I64, I64), types(I64), NONE, asm().localGet(0).localGet(1).op(I64_REM_U));
    ModuleInstance inst = t.instantiate(engine);
    assertThat(call(inst, outer, 7, -2)[0]).isEqualTo(-3);
    assertThatThrownBy(() -> call(inst, outer, 7, 0))
        .isInstanceOfSatisfying(
            TrapException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(TrapKind.INTEGER_DIVIDE_BY_ZERO);
              assertThat(e.wasmStackTrace()).containsExactly("test.f0", "test.f1");
            });
    assertThatThrownBy(() -> call(inst, div, Integer.MIN_VALUE, -1))
        .isInstanceOfSatisfying(
            TrapException.class, e -> assertThat(e.kind()).isEqualTo(TrapKind.INTEGER_OVERFLOW));
    assertThat(call(inst, remu, -1, 10)[0]).isEqualTo(Long.remainderUnsigned(-1, 10));
  }

  @Test
  void recursionAndIfElse() {
    TestModule t = new TestModule();
    // fac(n) = n == 0 ? 1 : n * fac(n - 1), on i64
    int fac =
        t.function(
            types(I64),
            types(I64),
            NONE,
            asm()
                .localGet(0)
                .op(I64_EQZ)
                .op(IF)
                .b(0x7E)
                .i64(1)
                .op(ELSE)
                .localGet(0)
                .localGet(0)
                .i64(1)
                .op(I64_SUB)
                .op(CALL)
                .u32(0)
                .op(I64_MUL)
                .end());
    ModuleInstance inst = t.instantiate(engine);
    assertThat(call(inst, fac, 20)[0]).isEqualTo(2432902008176640000L);
  }

  @Test
  void loopWithBrIf() {
    TestModule t = new TestModule();
    // sum = 0; do { sum += n; n--; } while (n != 0); return sum
    int sum =
        t.function(
            types(I32),
            types(I32),
            types(I32),
            asm()
                .op(LOOP)
                .b(0x40)
                .localGet(1)
                .localGet(0)
                .op(I32_ADD)
                .localSet(1)
                .localGet(0)
                .i32(1)
                .op(I32_SUB)
                .op(LOCAL_TEE)
                .u32(0)
                .op(BR_IF)
                .u32(0)
                .end()
                .localGet(1));
    ModuleInstance inst = t.instantiate(engine);
    assertThat(call(inst, sum, 100)[0]).isEqualTo(5050);
  }

  @Test
  void branchesDropValuesBelowTheCarriedOnes() {
    TestModule t = new TestModule();
    // 100 + block(result i32) { 1; 2.0 (f64); 3L; br_if 0 (7) (local0); drop; drop; drop; 9 }
    int f =
        t.function(
            types(I32),
            types(I32),
            NONE,
            asm()
                .i32(100)
                .op(BLOCK)
                .b(0x7F)
                .i32(1)
                .f64(2.0)
                .i64(3)
                .i32(7)
                .localGet(0)
                .op(BR_IF)
                .u32(0)
                .op(DROP)
                .op(DROP)
                .op(DROP)
                .op(DROP)
                .i32(9)
                .end()
                .op(I32_ADD));
    // br to the function level with extra values below: a return
    int g = t.function(types(I32), types(I64), NONE, asm().i32(5).f32(1f).i64(42).op(BR).u32(0));
    ModuleInstance inst = t.instantiate(engine);
    assertThat(call(inst, f, 1)[0]).isEqualTo(107);
    assertThat(call(inst, f, 0)[0]).isEqualTo(109);
    assertThat(call(inst, g, 0)[0]).isEqualTo(42);
  }

  @Test
  void brTable() {
    TestModule t = new TestModule();
    // A: block (result i32) { B: block (result i32) { C: block (result i32) {
    //   i64 junk; 20; br_table C B A (local0) } + 1; br A } + 2 }
    int f =
        t.function(
            types(I32),
            types(I32),
            NONE,
            asm()
                .op(BLOCK)
                .b(0x7F)
                .op(BLOCK)
                .b(0x7F)
                .op(BLOCK)
                .b(0x7F)
                .i64(10)
                .i32(20)
                .localGet(0)
                .op(BR_TABLE)
                .u32(2)
                .u32(0)
                .u32(1)
                .u32(2)
                .end()
                .i32(1)
                .op(I32_ADD)
                .op(BR)
                .u32(1)
                .end()
                .i32(2)
                .op(I32_ADD)
                .end());
    ModuleInstance inst = t.instantiate(engine);
    assertThat(call(inst, f, 0)[0]).isEqualTo(21);
    assertThat(call(inst, f, 1)[0]).isEqualTo(22);
    assertThat(call(inst, f, 2)[0]).isEqualTo(20);
    assertThat(call(inst, f, -7)[0]).isEqualTo(20);
  }

  @Test
  void multiValue() {
    TestModule t = new TestModule();
    int pair =
        t.function(
            types(I32),
            types(I32, I64, F64),
            NONE,
            asm().localGet(0).localGet(0).op(I64_EXTEND_I32_S).i64(1).op(I64_ADD).f64(0.5));
    int blockType = t.type(types(I32, I64), types(I64));
    // calls pair, drops the f64, then a block with params (i32 i64) -> i64 adds them
    int user =
        t.function(
            types(I32),
            types(I64),
            NONE,
            asm()
                .localGet(0)
                .op(CALL)
                .u32(pair)
                .op(DROP)
                .op(BLOCK)
                .s64(blockType)
                .op(LOOP)
                .s64(blockType)
                .op(BR)
                .u32(1)
                .end()
                .end());
    int fix = t.type(types(I32, I64), types(I64));
    int user2 =
        t.function(
            types(I32),
            types(I64),
            NONE,
            asm()
                .localGet(0)
                .op(CALL)
                .u32(pair)
                .op(DROP)
                .op(BLOCK)
                .s64(fix)
                .op(DROP)
                .op(I64_EXTEND_I32_S)
                .end());
    ModuleInstance inst = t.instantiate(engine);
    long[] r = call(inst, pair, 5);
    assertThat(r[0]).isEqualTo(5);
    assertThat(r[1]).isEqualTo(6);
    assertThat(Double.longBitsToDouble(r[2])).isEqualTo(0.5);
    assertThat(call(inst, user, 5)[0]).isEqualTo(6);
    assertThat(call(inst, user2, 5)[0]).isEqualTo(5);
  }

  @Test
  void memoryAccessesAndBounds() {
    TestModule t = new TestModule();
    t.memory(1, 3);
    int store =
        t.function(
            types(I32, I64), NONE, NONE, asm().localGet(0).localGet(1).op(I64_STORE).u32(3).u32(4));
    int load =
        t.function(types(I32), types(I32), NONE, asm().localGet(0).op(I32_LOAD16_S).u32(1).u32(4));
    int grow = t.function(types(I32), types(I32), NONE, asm().localGet(0).op(MEMORY_GROW).b(0));
    int size = t.function(NONE, types(I32), NONE, asm().op(MEMORY_SIZE).b(0));
    ModuleInstance inst = t.instantiate(engine);
    call(inst, store, 0, 0x1122_3344_5566_8899L);
    assertThat(inst.memories[0].buffer[4]).isEqualTo((byte) 0x99);
    assertThat(call(inst, load, 0)[0]).isEqualTo((short) 0x8899);
    assertThatThrownBy(() -> call(inst, load, 65532))
        .isInstanceOfSatisfying(
            TrapException.class,
            e -> assertThat(e.kind()).isEqualTo(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS));
    // an address that wraps to a small index in 32-bit math must still trap
    assertThatThrownBy(() -> call(inst, load, -2)).isInstanceOf(TrapException.class);
    assertThat(call(inst, grow, 1)[0]).isEqualTo(1);
    assertThat(call(inst, size)[0]).isEqualTo(2);
    assertThat(call(inst, grow, 5)[0]).isEqualTo(-1);
    call(inst, store, 65536 * 2 - 12, 7);
    assertThat(call(inst, load, 65536 * 2 - 12)[0]).isEqualTo(7);
  }

  @Test
  void bufferIsReloadedAfterGrowInsideAFunction() {
    TestModule t = new TestModule();
    t.memory(0, 2);
    int f =
        t.function(
            NONE,
            types(I32),
            NONE,
            asm()
                .i32(1)
                .op(MEMORY_GROW)
                .b(0)
                .op(DROP)
                .i32(100)
                .i32(77)
                .op(I32_STORE)
                .u32(2)
                .u32(0)
                .i32(100)
                .op(I32_LOAD)
                .u32(2)
                .u32(0));
    ModuleInstance inst = t.instantiate(engine);
    assertThat(call(inst, f)[0]).isEqualTo(77);
  }

  @Test
  void bulkMemory() {
    TestModule t = new TestModule();
    t.memory(1, 1);
    int seg = t.data(new byte[] {1, 2, 3, 4});
    t.dataCount(1);
    int init =
        t.function(
            types(I32, I32, I32),
            NONE,
            NONE,
            asm().localGet(0).localGet(1).localGet(2).op(MEMORY_INIT).u32(seg).b(0));
    int copy =
        t.function(
            types(I32, I32, I32),
            NONE,
            NONE,
            asm().localGet(0).localGet(1).localGet(2).op(MEMORY_COPY).b(0).b(0));
    int fill =
        t.function(
            types(I32, I32, I32),
            NONE,
            NONE,
            asm().localGet(0).localGet(1).localGet(2).op(MEMORY_FILL).b(0));
    int drop = t.function(NONE, NONE, NONE, asm().op(DATA_DROP).u32(seg));
    ModuleInstance inst = t.instantiate(engine);
    call(inst, init, 10, 1, 3);
    call(inst, copy, 11, 10, 3);
    call(inst, fill, 20, 0xAB, 2);
    byte[] m = inst.memories[0].buffer;
    assertThat(new byte[] {m[10], m[11], m[12], m[13], m[20], m[21], m[22]})
        .containsExactly(2, 2, 3, 4, (byte) 0xAB, (byte) 0xAB, 0);
    assertThatThrownBy(() -> call(inst, fill, 65535, 0, 2)).isInstanceOf(TrapException.class);
    assertThatThrownBy(() -> call(inst, copy, 0, -1, 2)).isInstanceOf(TrapException.class);
    call(inst, drop);
    call(inst, init, 0, 0, 0);
    assertThatThrownBy(() -> call(inst, init, 0, 0, 1))
        .isInstanceOfSatisfying(
            TrapException.class,
            e -> assertThat(e.kind()).isEqualTo(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS));
  }

  @Test
  void importsIndirectCallsAndTables() {
    TestModule t = new TestModule();
    int host =
        t.importFunction(
            types(I32, F64),
            types(F64),
            s -> s[0] = Double.doubleToRawLongBits((int) s[0] * Double.longBitsToDouble(s[1])));
    int tab = t.table(FUNCREF, Limits.of(4, 1000));
    int sq = t.function(types(I32), types(I32), NONE, asm().localGet(0).localGet(0).op(I32_MUL));
    int neg = t.function(types(I32), types(I32), NONE, asm().i32(0).localGet(0).op(I32_SUB));
    int other = t.function(types(I64), types(I64), NONE, asm().localGet(0));
    int viaHost =
        t.function(types(I32), types(F64), NONE, asm().localGet(0).f64(1.5).op(CALL).u32(host));
    int sqType = t.type(types(I32), types(I32));
    int dispatch =
        t.function(
            types(I32, I32),
            types(I32),
            NONE,
            asm().localGet(0).localGet(1).op(CALL_INDIRECT).u32(sqType).u32(tab));
    int elem = t.elements(sq, neg, other);
    int init =
        t.function(NONE, NONE, NONE, asm().i32(0).i32(0).i32(3).op(TABLE_INIT).u32(elem).u32(tab));
    int size = t.function(NONE, types(I32), NONE, asm().op(TABLE_SIZE).u32(tab));
    int grow =
        t.function(
            NONE, types(I32), NONE, asm().op(REF_NULL).b(0x70).i32(2).op(TABLE_GROW).u32(tab));
    int isNull =
        t.function(
            types(I32), types(I32), NONE, asm().localGet(0).op(TABLE_GET).u32(tab).op(REF_IS_NULL));
    int setFunc =
        t.function(
            types(I32), NONE, NONE, asm().localGet(0).op(REF_FUNC).u32(neg).op(TABLE_SET).u32(tab));
    ModuleInstance inst = t.instantiate(engine);
    assertThat(Double.longBitsToDouble(call(inst, viaHost, 3)[0])).isEqualTo(4.5);
    call(inst, init);
    assertThat(call(inst, dispatch, 7, 0)[0]).isEqualTo(49);
    assertThat(call(inst, dispatch, 7, 1)[0]).isEqualTo(-7);
    assertThatThrownBy(() -> call(inst, dispatch, 7, 2))
        .isInstanceOfSatisfying(
            TrapException.class,
            e -> assertThat(e.kind()).isEqualTo(TrapKind.INDIRECT_CALL_TYPE_MISMATCH));
    assertThatThrownBy(() -> call(inst, dispatch, 7, 3))
        .isInstanceOfSatisfying(
            TrapException.class,
            e -> assertThat(e.kind()).isEqualTo(TrapKind.UNINITIALIZED_ELEMENT));
    assertThatThrownBy(() -> call(inst, dispatch, 7, 4))
        .isInstanceOfSatisfying(
            TrapException.class, e -> assertThat(e.kind()).isEqualTo(TrapKind.UNDEFINED_ELEMENT));
    assertThat(call(inst, size)[0]).isEqualTo(4);
    assertThat(call(inst, grow)[0]).isEqualTo(4);
    assertThat(call(inst, size)[0]).isEqualTo(6);
    assertThat(call(inst, isNull, 5)[0]).isEqualTo(1);
    call(inst, setFunc, 5);
    assertThat(call(inst, isNull, 5)[0]).isEqualTo(0);
    assertThat(call(inst, dispatch, 3, 5)[0]).isEqualTo(-3);
    assertThat(FUNCREF.isReference()).isTrue();
  }

  @Test
  void globalsAndSelect() {
    TestModule t = new TestModule();
    int g = t.global(F32, true, Float.floatToRawIntBits(1.5f));
    int h = t.global(I32, true, -5);
    int f =
        t.function(
            types(F32),
            types(F32),
            NONE,
            asm()
                .op(GLOBAL_GET)
                .u32(g)
                .localGet(0)
                .op(F32_ADD)
                .op(GLOBAL_SET)
                .u32(g)
                .op(GLOBAL_GET)
                .u32(h)
                .i32(1)
                .op(I32_ADD)
                .op(GLOBAL_SET)
                .u32(h)
                .op(GLOBAL_GET)
                .u32(g));
    int sel =
        t.function(
            types(I64, I64, I32),
            types(I64),
            NONE,
            asm().localGet(0).localGet(1).localGet(2).op(SELECT));
    int selF =
        t.function(
            types(F64, F64, I32),
            types(F64),
            NONE,
            asm().localGet(0).localGet(1).localGet(2).op(SELECT_T).u32(1).b(0x7C));
    ModuleInstance inst = t.instantiate(engine);
    long r = call(inst, f, Float.floatToRawIntBits(2f))[0];
    assertThat(Float.intBitsToFloat((int) r)).isEqualTo(3.5f);
    assertThat(r >>> 32).isZero();
    assertThat(inst.globals[h].value).isEqualTo(-4);
    assertThat(call(inst, sel, 1, 2, 1)[0]).isEqualTo(1);
    assertThat(call(inst, sel, 1, 2, 0)[0]).isEqualTo(2);
    assertThat(
            Double.longBitsToDouble(
                call(
                    inst,
                    selF,
                    Double.doubleToRawLongBits(1.0),
                    Double.doubleToRawLongBits(2.0),
                    0)[0]))
        .isEqualTo(2.0);
  }

  @Test
  void floatSemantics() {
    TestModule t = new TestModule();
    int abs = t.function(types(F32), types(F32), NONE, asm().localGet(0).op(F32_ABS));
    int min =
        t.function(types(F64, F64), types(F64), NONE, asm().localGet(0).localGet(1).op(F64_MIN));
    int nearest = t.function(types(F32), types(F32), NONE, asm().localGet(0).op(F32_NEAREST));
    int trunc = t.function(types(F64), types(I32), NONE, asm().localGet(0).op(I32_TRUNC_F64_U));
    int sat = t.function(types(F32), types(I64), NONE, asm().localGet(0).op(I64_TRUNC_SAT_F32_U));
    int conv = t.function(types(I64), types(F32), NONE, asm().localGet(0).op(F32_CONVERT_I64_U));
    int lt =
        t.function(types(F64, F64), types(I32), NONE, asm().localGet(0).localGet(1).op(F64_LT));
    int ne =
        t.function(types(F64, F64), types(I32), NONE, asm().localGet(0).localGet(1).op(F64_NE));
    int nanConst =
        t.function(NONE, types(F32), NONE, asm().op(F32_CONST).b(1).b(0).b(0xA0).b(0xFF));
    ModuleInstance inst = t.instantiate(engine);
    assertThat(call(inst, abs, 0xFFA0_0001L)[0]).isEqualTo(0x7FA0_0001L);
    long nan = Double.doubleToRawLongBits(Double.NaN);
    long negZero = Double.doubleToRawLongBits(-0.0);
    assertThat(call(inst, min, 0, negZero)[0]).isEqualTo(negZero);
    assertThat(Double.isNaN(Double.longBitsToDouble(call(inst, min, nan, 0)[0]))).isTrue();
    assertThat(Float.intBitsToFloat((int) call(inst, nearest, Float.floatToRawIntBits(2.5f))[0]))
        .isEqualTo(2.0f);
    assertThat(Float.intBitsToFloat((int) call(inst, nearest, Float.floatToRawIntBits(-0.5f))[0]))
        .isEqualTo(-0.0f);
    assertThat(call(inst, trunc, Double.doubleToRawLongBits(4294967295.9))[0]).isEqualTo(-1);
    assertThatThrownBy(() -> call(inst, trunc, Double.doubleToRawLongBits(-1.0)))
        .isInstanceOfSatisfying(
            TrapException.class, e -> assertThat(e.kind()).isEqualTo(TrapKind.INTEGER_OVERFLOW));
    assertThatThrownBy(() -> call(inst, trunc, nan))
        .isInstanceOfSatisfying(
            TrapException.class,
            e -> assertThat(e.kind()).isEqualTo(TrapKind.INVALID_CONVERSION_TO_INTEGER));
    assertThat(call(inst, sat, Float.floatToRawIntBits(1e30f))[0]).isEqualTo(-1L);
    assertThat(call(inst, sat, Float.floatToRawIntBits(-3f))[0]).isEqualTo(0L);
    assertThat(call(inst, sat, Float.floatToRawIntBits(1.8446743E19f))[0])
        .isEqualTo(Long.parseUnsignedLong("18446742974197923840"));
    assertThat(Float.intBitsToFloat((int) call(inst, conv, -1)[0])).isEqualTo(1.8446744E19f);
    assertThat(call(inst, lt, nan, 0)[0]).isEqualTo(0);
    assertThat(call(inst, ne, nan, nan)[0]).isEqualTo(1);
    assertThat(call(inst, nanConst)[0]).isEqualTo(0xFFA0_0001L);
  }

  @Test
  void unreachableCodeAfterBranchesIsSkipped() {
    TestModule t = new TestModule();
    // block { br 0; i32.add (stack-polymorphic); block { } ; drop } ; unreachable after return
    int f =
        t.function(
            NONE,
            types(I32),
            NONE,
            asm()
                .op(BLOCK)
                .b(0x40)
                .op(BR)
                .u32(0)
                .op(I32_ADD)
                .op(BLOCK)
                .b(0x40)
                .end()
                .op(DROP)
                .end()
                .i32(5)
                .op(RETURN)
                .op(UNREACHABLE)
                .op(I32_ADD));
    int trap = t.function(NONE, NONE, NONE, asm().op(UNREACHABLE));
    ModuleInstance inst = t.instantiate(engine);
    assertThat(call(inst, f)[0]).isEqualTo(5);
    assertThatThrownBy(() -> call(inst, trap))
        .isInstanceOfSatisfying(
            TrapException.class, e -> assertThat(e.kind()).isEqualTo(TrapKind.UNREACHABLE));
  }

  @Test
  void functionsTooLargeForTheJvmFallBack() {
    TestModule t = new TestModule();
    Asm big = asm().i32(0);
    for (int i = 0; i < 20_000; i++) {
      big.i32(i).op(I32_ADD);
    }
    int small = t.function(types(I32), types(I32), NONE, asm().localGet(0).i32(1).op(I32_ADD));
    int huge = t.function(NONE, types(I32), NONE, big);
    int caller = t.function(NONE, types(I32), NONE, asm().op(CALL).u32(huge).op(CALL).u32(small));
    boolean[] used = new boolean[1];
    Engine fallback =
        module ->
            (CompiledCode)
                inst -> {
                  used[0] = true;
                  FunctionInstance[] fs = new FunctionInstance[module.codes.length];
                  fs[huge] =
                      new FunctionInstance(
                          module.functionType(huge), inst, inst.definitions[huge]) {
                        @Override
                        public void call(long[] stack) {
                          stack[0] = 199990000L;
                        }
                      };
                  return fs;
                };
    ModuleInstance inst = t.instantiate(new CompilerEngine(fallback, true));
    assertThat(used[0]).isTrue();
    assertThat(call(inst, caller)[0]).isEqualTo(199990001L);
    assertThat(call(inst, small, 1)[0]).isEqualTo(2);
  }

  @Test
  void modulesLargerThanOneClassAreSplitAndCallAcrossClasses() {
    TestModule t = new TestModule();
    int tab = t.table(FUNCREF, Limits.of(1, 1000));
    int sqType = t.type(types(I32), types(I32));
    // f0(x) = x + 1; f(i)(x) = f(i-1)(x) + 1, padded so the module spans several classes
    int count = 1500;
    t.function(types(I32), types(I32), NONE, asm().localGet(0).i32(1).op(I32_ADD));
    for (int i = 1; i < count; i++) {
      Asm body = asm();
      for (int j = 0; j < 20; j++) {
        body.i64(0x1234_5678_9ABCL * (i * 31 + j)).op(DROP);
      }
      t.function(
          types(I32), types(I32), NONE, body.localGet(0).op(CALL).u32(i - 1).i32(1).op(I32_ADD));
    }
    int elem = t.elements(0);
    int last = count - 1;
    int init =
        t.function(NONE, NONE, NONE, asm().i32(0).i32(0).i32(1).op(TABLE_INIT).u32(elem).u32(tab));
    int indirect =
        t.function(
            types(I32),
            types(I32),
            NONE,
            asm().localGet(0).i32(0).op(CALL_INDIRECT).u32(sqType).u32(tab));
    ModuleInstance inst =
        t.instantiate(new CompilerEngine(new InterpreterEngine(), 8000, 1500, 16 * 1024));
    assertThat(inst.functions[0].getClass()).isEqualTo(CompiledFunction.class);
    assertThat(((CompiledFunction) inst.functions[0]).owner)
        .isNotEqualTo(((CompiledFunction) inst.functions[last]).owner);
    assertThat(call(inst, last, 10)[0]).isEqualTo(10 + count);
    call(inst, init);
    assertThat(call(inst, indirect, 10)[0]).isEqualTo(11);
  }

  @Test
  void indirectCallsToAnotherInstanceOfTheSameModuleUseThatInstance() {
    TestModule t = new TestModule();
    int tab = t.table(FUNCREF, Limits.of(1, 1000));
    int g = t.global(I32, true, 0);
    int type = t.type(types(I32), types(I32));
    int read =
        t.function(
            types(I32), types(I32), NONE, asm().op(GLOBAL_GET).u32(g).localGet(0).op(I32_ADD));
    int dispatch =
        t.function(
            types(I32),
            types(I32),
            NONE,
            asm().localGet(0).i32(0).op(CALL_INDIRECT).u32(type).u32(tab));
    ModuleInstance a = t.instantiate(engine);
    ModuleInstance b = t.instantiate(engine);
    a.globals[g].value = 100;
    b.globals[g].value = 200;
    a.tables[tab].elements[0] = a.store.references.referenceOf(a.functions[read]);
    assertThat(call(a, dispatch, 1)[0]).isEqualTo(101);
    // b's table holds a's function: the call must run with a's globals
    b.tables[tab].elements[0] = b.store.references.referenceOf(a.functions[read]);
    assertThat(call(b, dispatch, 1)[0]).isEqualTo(101);
    b.tables[tab].elements[0] = b.store.references.referenceOf(b.functions[read]);
    assertThat(call(b, dispatch, 1)[0]).isEqualTo(201);
  }

  @Test
  void indirectCallsWithMoreParametersThanAJvmMethodTakes() {
    TestModule t = new TestModule();
    ValueType[] many = new ValueType[130];
    java.util.Arrays.fill(many, I64);
    int sum =
        t.importFunction(
            many,
            types(I64),
            s -> {
              long r = 0;
              for (int i = 0; i < 130; i++) {
                r += s[i] * (i + 1);
              }
              s[0] = r;
            });
    int tab = t.table(FUNCREF, Limits.of(1, 1000));
    int type = t.type(many, types(I64));
    Asm body = asm();
    for (int i = 0; i < 130; i++) {
      body.localGet(0);
    }
    int caller =
        t.function(types(I64), types(I64), NONE, body.i32(0).op(CALL_INDIRECT).u32(type).u32(tab));
    int direct =
        t.function(
            types(I64),
            types(I64),
            NONE,
            asm().localGet(0).op(CALL).u32(caller).localGet(0).op(I64_ADD));
    int elem = t.elements(sum);
    int init =
        t.function(NONE, NONE, NONE, asm().i32(0).i32(0).i32(1).op(TABLE_INIT).u32(elem).u32(tab));
    ModuleInstance inst = t.instantiate(engine);
    call(inst, init);
    assertThat(call(inst, direct, 2)[0]).isEqualTo(2L * (130 * 131 / 2) + 2);
  }

  @Test
  void bulkTableOperations() {
    TestModule t = new TestModule();
    int a = t.table(FUNCREF, Limits.of(4, 1000));
    int b = t.table(FUNCREF, Limits.of(4, 1000));
    int f0 = t.function(NONE, types(I32), NONE, asm().i32(10));
    int f1 = t.function(NONE, types(I32), NONE, asm().i32(11));
    int elem = t.elements(f0, f1);
    int init =
        t.function(
            types(I32, I32, I32),
            NONE,
            NONE,
            asm().localGet(0).localGet(1).localGet(2).op(TABLE_INIT).u32(elem).u32(a));
    int copy =
        t.function(
            types(I32, I32, I32),
            NONE,
            NONE,
            asm().localGet(0).localGet(1).localGet(2).op(TABLE_COPY).u32(b).u32(a));
    int fill =
        t.function(
            types(I32, I32),
            NONE,
            NONE,
            asm().localGet(0).op(REF_FUNC).u32(f1).localGet(1).op(TABLE_FILL).u32(b));
    int drop = t.function(NONE, NONE, NONE, asm().op(ELEM_DROP).u32(elem));
    int get = t.function(types(I32), types(FUNCREF), NONE, asm().localGet(0).op(TABLE_GET).u32(b));
    int type = t.type(NONE, types(I32));
    int callB =
        t.function(
            types(I32), types(I32), NONE, asm().localGet(0).op(CALL_INDIRECT).u32(type).u32(b));
    ModuleInstance inst = t.instantiate(engine);
    call(inst, init, 1, 0, 2);
    call(inst, copy, 0, 1, 3);
    assertThat(call(inst, callB, 0)[0]).isEqualTo(10);
    assertThat(call(inst, callB, 1)[0]).isEqualTo(11);
    assertThat(call(inst, get, 2)[0]).isZero();
    call(inst, fill, 2, 2);
    assertThat(call(inst, callB, 3)[0]).isEqualTo(11);
    assertThatThrownBy(() -> call(inst, fill, 3, 2))
        .isInstanceOfSatisfying(
            TrapException.class,
            e -> assertThat(e.kind()).isEqualTo(TrapKind.OUT_OF_BOUNDS_TABLE_ACCESS));
    assertThatThrownBy(() -> call(inst, get, 4))
        .isInstanceOfSatisfying(
            TrapException.class,
            e -> assertThat(e.kind()).isEqualTo(TrapKind.OUT_OF_BOUNDS_TABLE_ACCESS));
    assertThatThrownBy(() -> call(inst, copy, 2, 2, 3)).isInstanceOf(TrapException.class);
    call(inst, drop);
    call(inst, init, 0, 0, 0);
    assertThatThrownBy(() -> call(inst, init, 0, 0, 1)).isInstanceOf(TrapException.class);
  }

  @Test
  void signExtensionSaturationAndReinterpretation() {
    TestModule t = new TestModule();
    int ext8 = t.function(types(I64), types(I64), NONE, asm().localGet(0).op(I64_EXTEND8_S));
    int ext16 = t.function(types(I32), types(I32), NONE, asm().localGet(0).op(I32_EXTEND16_S));
    int ext32 = t.function(types(I64), types(I64), NONE, asm().localGet(0).op(I64_EXTEND32_S));
    int satS = t.function(types(F64), types(I32), NONE, asm().localGet(0).op(I32_TRUNC_SAT_F64_S));
    int bits = t.function(types(F64), types(I64), NONE, asm().localGet(0).op(I64_REINTERPRET_F64));
    int convU = t.function(types(I32), types(F64), NONE, asm().localGet(0).op(F64_CONVERT_I32_U));
    int geU =
        t.function(types(I64, I64), types(I32), NONE, asm().localGet(0).localGet(1).op(I64_GE_U));
    ModuleInstance inst = t.instantiate(engine);
    assertThat(call(inst, ext8, 0x180)[0]).isEqualTo(-128);
    assertThat(call(inst, ext16, 0x18000)[0]).isEqualTo(-32768);
    assertThat(call(inst, ext32, 0x1_8000_0000L)[0]).isEqualTo(Integer.MIN_VALUE);
    assertThat(call(inst, satS, Double.doubleToRawLongBits(1e12))[0]).isEqualTo(Integer.MAX_VALUE);
    assertThat(call(inst, satS, Double.doubleToRawLongBits(Double.NaN))[0]).isZero();
    long negNan = 0xFFF4_0000_0000_0001L;
    assertThat(call(inst, bits, negNan)[0]).isEqualTo(negNan);
    assertThat(Double.longBitsToDouble(call(inst, convU, -1)[0])).isEqualTo(4294967295.0);
    assertThat(call(inst, geU, -1, 1)[0]).isEqualTo(1);
    assertThat(call(inst, geU, 1, -1)[0]).isEqualTo(0);
  }

  // ---------------------------------------------------------------- SIMD

  /** An i32x4 vector's low or high half from two lanes. */
  private static long lanes(int a, int b) {
    return (a & 0xFFFF_FFFFL) | ((long) b << 32);
  }

  @Test
  void v128ParamsResultsLocalsAndCallsAreCompiled() {
    TestModule t = new TestModule();
    int tab = t.table(FUNCREF, Limits.of(1, 1000));
    // add(a, x, b) = i32x4.replace_lane 3 (a + b) x, through a v128 local
    int add =
        t.function(
            types(V128, I32, V128),
            types(V128),
            types(V128),
            asm()
                .localGet(0)
                .localGet(2)
                .op(I32X4_ADD)
                .localSet(3)
                .localGet(3)
                .localGet(1)
                .op(I32X4_REPLACE_LANE)
                .b(3));
    int type = t.type(types(V128, I32, V128), types(V128));
    // pair(a) = (add(a, 7, a) teed to a local, lane 0 of it): a v128 in a multi-value result
    int pair =
        t.function(
            types(V128),
            types(V128, I32),
            types(V128),
            asm()
                .localGet(0)
                .i32(7)
                .localGet(0)
                .op(CALL)
                .u32(add)
                .op(LOCAL_TEE)
                .u32(1)
                .localGet(1)
                .op(I32X4_EXTRACT_LANE)
                .b(0));
    // indirect(a, b) = table[0](a, 9, b)
    int indirect =
        t.function(
            types(V128, V128),
            types(V128),
            NONE,
            asm().localGet(0).i32(9).localGet(1).i32(0).op(CALL_INDIRECT).u32(type).u32(tab));
    int elem = t.elements(add);
    int init =
        t.function(NONE, NONE, NONE, asm().i32(0).i32(0).i32(1).op(TABLE_INIT).u32(elem).u32(tab));
    ModuleInstance inst = t.instantiate(engine);
    assertThat(inst.functions[add]).isInstanceOf(CompiledFunction.class);
    assertThat(inst.functions[pair]).isInstanceOf(CompiledFunction.class);
    long aLo = lanes(1, 2);
    long aHi = lanes(3, 4);
    long[] r = call(inst, add, aLo, aHi, -1, lanes(10, 20), lanes(30, 40));
    assertThat(r[0]).isEqualTo(lanes(11, 22));
    assertThat(r[1]).isEqualTo(lanes(33, -1));
    r = call(inst, pair, aLo, aHi);
    assertThat(r[0]).isEqualTo(lanes(2, 4));
    assertThat(r[1]).isEqualTo(lanes(6, 7));
    assertThat(r[2]).isEqualTo(2);
    call(inst, init);
    r = call(inst, indirect, aLo, aHi, lanes(1, 1), lanes(1, 1));
    assertThat(r[0]).isEqualTo(lanes(2, 3));
    assertThat(r[1]).isEqualTo(lanes(4, 9));
  }

  @Test
  void v128SelectBranchesAndGlobals() {
    TestModule t = new TestModule();
    int sel =
        t.function(
            types(V128, V128, I32),
            types(V128),
            NONE,
            asm().localGet(0).localGet(1).localGet(2).op(SELECT));
    // the condition is a comparison the compiler keeps pending until the select
    int selCmp =
        t.function(
            types(V128, V128, I32),
            types(V128),
            NONE,
            asm()
                .localGet(0)
                .localGet(1)
                .localGet(2)
                .i32(0)
                .op(I32_GT_S)
                .op(SELECT_T)
                .u32(1)
                .b(0x7B));
    // block (result v128) { i32 5; a; br_if 0 (c) (dropping the i32 below); drop; drop; const }
    int br =
        t.function(
            types(V128, I32),
            types(V128),
            NONE,
            asm()
                .op(BLOCK)
                .b(0x7B)
                .i32(5)
                .localGet(0)
                .localGet(1)
                .op(BR_IF)
                .u32(0)
                .op(DROP)
                .op(DROP)
                .v128(9, -9)
                .end());
    int g = t.global(V128, true, 100);
    // g = i64x2.add(g, a); return g
    int acc =
        t.function(
            types(V128),
            types(V128),
            NONE,
            asm()
                .op(GLOBAL_GET)
                .u32(g)
                .localGet(0)
                .op(I64X2_ADD)
                .op(GLOBAL_SET)
                .u32(g)
                .op(GLOBAL_GET)
                .u32(g));
    ModuleInstance inst = t.instantiate(engine);
    assertThat(call(inst, sel, 1, 2, 3, 4, 1)).startsWith(1, 2);
    assertThat(call(inst, sel, 1, 2, 3, 4, 0)).startsWith(3, 4);
    assertThat(call(inst, selCmp, 1, 2, 3, 4, 5)).startsWith(1, 2);
    assertThat(call(inst, selCmp, 1, 2, 3, 4, -5)).startsWith(3, 4);
    assertThat(call(inst, br, 7, 8, 1)).startsWith(7, 8);
    assertThat(call(inst, br, 7, 8, 0)).startsWith(9, -9);
    inst.globals[g].valueHigh = 200;
    assertThat(call(inst, acc, 1, 2)).startsWith(101, 202);
    assertThat(call(inst, acc, 1, 2)).startsWith(102, 204);
    assertThat(inst.globals[g].value).isEqualTo(102);
    assertThat(inst.globals[g].valueHigh).isEqualTo(204);
  }

  @Test
  void v128CrossesHostFunctionsAndClassBoundaries() {
    TestModule t = new TestModule();
    // host(v, n): low half + n, high half * n; cells: v.lo, v.hi, n
    int host =
        t.importFunction(
            types(V128, I32),
            types(V128),
            s -> {
              long n = s[2];
              s[0] = s[0] + n;
              s[1] = s[1] * n;
            });
    int viaHost =
        t.function(types(V128), types(V128), NONE, asm().localGet(0).i32(3).op(CALL).u32(host));
    // one function per class: the call below goes through a cross-class call site
    int callee =
        t.function(
            types(I64, V128, F64),
            types(V128),
            NONE,
            asm().localGet(1).localGet(0).op(I64X2_SPLAT).op(I64X2_SUB));
    int caller =
        t.function(
            types(V128), types(V128), NONE, asm().i64(1).localGet(0).f64(2.5).op(CALL).u32(callee));
    // call_indirect to a function of another class: through its bridge, v128s in two cells
    int tab = t.table(FUNCREF, Limits.of(1, 1000));
    int type = t.type(types(I64, V128, F64), types(V128));
    int indirect =
        t.function(
            types(V128),
            types(V128),
            NONE,
            asm().i64(5).localGet(0).f64(0).i32(0).op(CALL_INDIRECT).u32(type).u32(tab));
    int elem = t.elements(callee);
    int init =
        t.function(NONE, NONE, NONE, asm().i32(0).i32(0).i32(1).op(TABLE_INIT).u32(elem).u32(tab));
    ModuleInstance inst = t.instantiate(new CompilerEngine(new InterpreterEngine(), 8000, 1500, 1));
    assertThat(((CompiledFunction) inst.functions[caller]).owner)
        .isNotEqualTo(((CompiledFunction) inst.functions[callee]).owner);
    assertThat(call(inst, viaHost, 10, 20)).startsWith(13, 60);
    assertThat(call(inst, caller, 10, 20)).startsWith(9, 19);
    call(inst, init);
    assertThat(call(inst, indirect, 10, 20)).startsWith(5, 15);
  }

  @Test
  void simdMemoryAccesses() {
    TestModule t = new TestModule();
    t.memory(1, 1);
    int store =
        t.function(
            types(I32, V128),
            NONE,
            NONE,
            asm().localGet(0).localGet(1).op(V128_STORE).u32(4).u32(0));
    int load =
        t.function(types(I32), types(V128), NONE, asm().localGet(0).op(V128_LOAD).u32(4).u32(16));
    int loadLane =
        t.function(
            types(I32, V128),
            types(V128),
            NONE,
            asm().localGet(0).localGet(1).op(V128_LOAD16_LANE).u32(1).u32(0).b(5));
    int storeLane =
        t.function(
            types(I32, V128),
            NONE,
            NONE,
            asm().localGet(0).localGet(1).op(V128_STORE32_LANE).u32(2).u32(0).b(1));
    int splat =
        t.function(
            types(I32), types(V128), NONE, asm().localGet(0).op(V128_LOAD8_SPLAT).u32(0).u32(0));
    int zero =
        t.function(
            types(I32), types(V128), NONE, asm().localGet(0).op(V128_LOAD32_ZERO).u32(2).u32(0));
    int ext =
        t.function(
            types(I32), types(V128), NONE, asm().localGet(0).op(V128_LOAD8X8_S).u32(3).u32(0));
    ModuleInstance inst = t.instantiate(engine);
    byte[] m = inst.memories[0].buffer;
    call(inst, store, 16, 0x0706_0504_0302_0180L, 0x0F0E_0D0C_0B0A_0908L);
    assertThat(m[16]).isEqualTo((byte) 0x80);
    assertThat(m[31]).isEqualTo((byte) 0x0F);
    assertThat(call(inst, load, 0)).startsWith(0x0706_0504_0302_0180L, 0x0F0E_0D0C_0B0A_0908L);
    // lane 5 is in the high half
    assertThat(call(inst, loadLane, 17, 0, 0)).startsWith(0, 0x0000_0000_0201_0000L);
    call(inst, storeLane, 0, 0x1111_1111_2222_2222L, 0);
    assertThat(m[0]).isEqualTo((byte) 0x11);
    assertThat(call(inst, splat, 16)).startsWith(0x8080_8080_8080_8080L, 0x8080_8080_8080_8080L);
    assertThat(call(inst, zero, 20)).startsWith(0x0706_0504L, 0);
    assertThat(call(inst, ext, 16)).startsWith(0x0003_0002_0001_FF80L, 0x0007_0006_0005_0004L);
    // a 16-byte store reaching past the end traps before writing anything
    m[65535 - 7] = 42;
    assertThatThrownBy(() -> call(inst, store, 65536 - 8, -1, -1))
        .isInstanceOfSatisfying(
            TrapException.class,
            e -> assertThat(e.kind()).isEqualTo(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS));
    assertThat(m[65535 - 7]).isEqualTo((byte) 42);
    assertThatThrownBy(() -> call(inst, load, -16)).isInstanceOf(TrapException.class);
    assertThatThrownBy(() -> call(inst, storeLane, 65533, 0, 0)).isInstanceOf(TrapException.class);
  }

  @Test
  void simdLoopsAllocateNothing() {
    TestModule t = new TestModule();
    t.memory(1, 1);
    int[] rotate = new int[16];
    for (int i = 0; i < 16; i++) {
      rotate[i] = (i + 4) % 16;
    }
    // acc = shuffle(acc + load(i & 0xFF0), rotate) for i < n; return lane 0 of acc
    int loop =
        t.function(
            types(I32),
            types(I32),
            types(V128, I32),
            asm()
                .op(LOOP)
                .b(0x40)
                .localGet(1)
                .localGet(2)
                .i32(0xFF0)
                .op(I32_AND)
                .op(V128_LOAD)
                .u32(4)
                .u32(0)
                .op(I32X4_ADD)
                .op(LOCAL_TEE)
                .u32(1)
                .localGet(1)
                .op(I8X16_SHUFFLE)
                .b(rotate)
                .localSet(1)
                .localGet(2)
                .i32(1)
                .op(I32_ADD)
                .op(LOCAL_TEE)
                .u32(2)
                .localGet(0)
                .op(I32_LT_U)
                .op(BR_IF)
                .u32(0)
                .end()
                .localGet(1)
                .op(I32X4_EXTRACT_LANE)
                .b(0));
    ModuleInstance inst = t.instantiate(engine);
    java.util.Arrays.fill(inst.memories[0].buffer, (byte) 1);
    long[] stack = new long[2];
    stack[0] = 1000;
    inst.functions[loop].call(stack); // first run: class initialisation, linking
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    stack[0] = 200_000;
    inst.functions[loop].call(stack);
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    // every lane gains 0x01010101 per iteration (the rotation moves equal lanes)
    assertThat(stack[0]).isEqualTo((long) (int) (200_000L * 0x0101_0101L));
    assertThat(allocated).isLessThan(1024);
  }

  @Test
  void simdInstructionShapes() {
    TestModule t = new TestModule();
    int[] shuffleLanes = new int[16];
    for (int i = 0; i < 16; i++) {
      shuffleLanes[i] = i < 8 ? 16 + i : i - 8; // b's low half, then a's low half
    }
    int shuffle =
        t.function(
            types(V128, V128),
            types(V128),
            NONE,
            asm().localGet(0).localGet(1).op(I8X16_SHUFFLE).b(shuffleLanes));
    int swizzle =
        t.function(
            types(V128, V128), types(V128), NONE, asm().localGet(0).localGet(1).op(I8X16_SWIZZLE));
    int extractS =
        t.function(types(V128), types(I32), NONE, asm().localGet(0).op(I8X16_EXTRACT_LANE_S).b(9));
    int extractF32 =
        t.function(types(V128), types(F32), NONE, asm().localGet(0).op(F32X4_EXTRACT_LANE).b(2));
    int extractF64 =
        t.function(types(V128), types(F64), NONE, asm().localGet(0).op(F64X2_EXTRACT_LANE).b(1));
    int replaceF64 =
        t.function(
            types(V128, F64),
            types(V128),
            NONE,
            asm().localGet(0).localGet(1).op(F64X2_REPLACE_LANE).b(0));
    int replaceI8 =
        t.function(
            types(V128, I32),
            types(V128),
            NONE,
            asm().localGet(0).localGet(1).op(I8X16_REPLACE_LANE).b(15));
    int splatF32 = t.function(types(F32), types(V128), NONE, asm().localGet(0).op(F32X4_SPLAT));
    int bitselect =
        t.function(
            types(V128, V128, V128),
            types(V128),
            NONE,
            asm().localGet(0).localGet(1).localGet(2).op(V128_BITSELECT));
    int narrow =
        t.function(
            types(V128, V128),
            types(V128),
            NONE,
            asm().localGet(0).localGet(1).op(I8X16_NARROW_I16X8_S));
    int extendHigh =
        t.function(types(V128), types(V128), NONE, asm().localGet(0).op(I32X4_EXTEND_HIGH_I16X8_U));
    int extmulLow =
        t.function(
            types(V128, V128),
            types(V128),
            NONE,
            asm().localGet(0).localGet(1).op(I64X2_EXTMUL_LOW_I32X4_S));
    int shift =
        t.function(
            types(V128, I32), types(V128), NONE, asm().localGet(0).localGet(1).op(I16X8_SHR_S));
    int bitmask = t.function(types(V128), types(I32), NONE, asm().localGet(0).op(I8X16_BITMASK));
    int allTrue = t.function(types(V128), types(I32), NONE, asm().localGet(0).op(I32X4_ALL_TRUE));
    int demote =
        t.function(types(V128), types(V128), NONE, asm().localGet(0).op(F32X4_DEMOTE_F64X2_ZERO));
    int popcnt = t.function(types(V128), types(V128), NONE, asm().localGet(0).op(I8X16_POPCNT));
    int addSat =
        t.function(
            types(V128, V128),
            types(V128),
            NONE,
            asm().localGet(0).localGet(1).op(I16X8_ADD_SAT_S));
    int constant = t.function(NONE, types(V128), NONE, asm().v128(0x0123_4567_89AB_CDEFL, -2L));
    ModuleInstance inst = t.instantiate(engine);
    long aLo = 0x0706_0504_0302_0100L;
    long aHi = 0x0F0E_0D0C_0B0A_0908L;
    long bLo = 0x1716_1514_1312_1110L;
    long bHi = 0x1F1E_1D1C_1B1A_1918L;
    assertThat(call(inst, shuffle, aLo, aHi, bLo, bHi)).startsWith(bLo, aLo);
    // selectors 15..0 reverse the bytes; 0xFF selects zero
    assertThat(call(inst, swizzle, aLo, aHi, 0x0809_0A0B_0C0D_0E0FL, 0x0001_0203_0405_06FFL))
        .startsWith(Long.reverseBytes(aHi), Long.reverseBytes(aLo) & ~0xFFL);
    assertThat(call(inst, extractS, 0, 0xFF00)[0]).isEqualTo(-1);
    assertThat(
            Float.intBitsToFloat(
                (int) call(inst, extractF32, 0, lanes(Float.floatToRawIntBits(1.5f), 0))[0]))
        .isEqualTo(1.5f);
    assertThat(call(inst, extractF64, 0, Double.doubleToRawLongBits(-2.0))[0])
        .isEqualTo(Double.doubleToRawLongBits(-2.0));
    assertThat(call(inst, replaceF64, 1, 2, Double.doubleToRawLongBits(0.25)))
        .startsWith(Double.doubleToRawLongBits(0.25), 2);
    assertThat(call(inst, replaceI8, 0, 0, 0xAB)).startsWith(0, 0xAB00_0000_0000_0000L);
    long f = Float.floatToRawIntBits(3f) & 0xFFFF_FFFFL;
    assertThat(call(inst, splatF32, f)).startsWith(f | f << 32, f | f << 32);
    assertThat(call(inst, bitselect, -1, 0, 0, -1, 0x00FF, 0xFF00)).startsWith(0xFF, ~0xFF00L);
    // i16 lanes 300, -300, 5, -5 | 0... saturate to i8
    long wide = (300L & 0xFFFF) | ((-300L & 0xFFFF) << 16) | (5L << 32) | ((-5L & 0xFFFF) << 48);
    assertThat(call(inst, narrow, wide, 0, 0, wide)[0]).isEqualTo(0xFB05_807FL);
    assertThat(call(inst, narrow, wide, 0, 0, wide)[1]).isEqualTo(0xFB05_807FL << 32);
    assertThat(call(inst, extendHigh, 0, 0xFFFF_0001_8000_0002L))
        .startsWith(lanes(2, 0x8000), lanes(1, 0xFFFF));
    assertThat(call(inst, extmulLow, lanes(-3, 4), 0, lanes(5, 6), 0)).startsWith(-15, 24);
    assertThat(call(inst, shift, 0x8000_0004L, -4L, 17)).startsWith(0xC000_0002L, -2L);
    assertThat(call(inst, bitmask, 0x80L, 0x8000_0000_0000_0000L)[0]).isEqualTo(0x8001);
    assertThat(call(inst, allTrue, lanes(1, 1), lanes(1, 1))[0]).isEqualTo(1);
    assertThat(call(inst, allTrue, lanes(1, 0), lanes(1, 1))[0]).isEqualTo(0);
    assertThat(
            call(inst, demote, Double.doubleToRawLongBits(1.5), Double.doubleToRawLongBits(-2.0)))
        .startsWith(lanes(Float.floatToRawIntBits(1.5f), Float.floatToRawIntBits(-2f)), 0);
    assertThat(call(inst, popcnt, 0xFF03L, 0x0100L)).startsWith(0x0802L, 0x0100L);
    assertThat(call(inst, addSat, 0x7FFF_0001L, 0x8000L, 0x0001_0002L, 0x8000L))
        .startsWith(0x7FFF_0003L, 0x8000L);
    assertThat(call(inst, constant)).startsWith(0x0123_4567_89AB_CDEFL, -2L);
  }

  @Test
  void functionsTooLargeForTheJvmRunOnTheInterpreter() {
    TestModule t = new TestModule();
    Asm big = asm().i32(0);
    for (int i = 0; i < 20_000; i++) {
      big.i32(i).op(I32_ADD);
    }
    int g = t.global(I32, true, 5);
    int huge = t.function(NONE, types(I32), NONE, big.op(GLOBAL_GET).u32(g).op(I32_ADD));
    int caller = t.function(NONE, types(I32), NONE, asm().op(CALL).u32(huge).i32(1).op(I32_ADD));
    ModuleInstance inst = t.instantiate(new CompilerEngine());
    assertThat(inst.functions[huge]).isNotInstanceOf(CompiledFunction.class);
    assertThat(inst.functions[caller]).isInstanceOf(CompiledFunction.class);
    assertThat(call(inst, caller)[0]).isEqualTo(199990000L + 5 + 1);
  }
}
