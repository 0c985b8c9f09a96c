package dev.zerowasm.internal.validation;

import static dev.zerowasm.api.ValueType.F32;
import static dev.zerowasm.api.ValueType.F64;
import static dev.zerowasm.api.ValueType.I32;
import static dev.zerowasm.api.ValueType.I64;
import static dev.zerowasm.internal.validation.ValidatorAssertions.assertInvalid;
import static dev.zerowasm.internal.validation.ValidatorAssertions.assertValid;
import static dev.zerowasm.internal.wasm.Opcodes.*;
import static dev.zerowasm.testing.TestModule.types;

import dev.zerowasm.api.ValueType;
import dev.zerowasm.internal.wasm.ConstExpr;
import dev.zerowasm.testing.Asm;
import dev.zerowasm.testing.TestModule;
import org.junit.jupiter.api.Test;

/** The typing rules of the SIMD instructions. */
class FunctionValidatorSimdTest {
  private static final ValueType V128 = ValueType.V128;

  private static TestModule fn(ValueType[] params, ValueType[] results, Asm body) {
    return TestModule.of(mod -> mod.function(params, results, types(), body));
  }

  private static TestModule withMemory(ValueType[] params, ValueType[] results, Asm body) {
    return TestModule.of(
        mod -> {
          mod.memory(1);
          mod.function(params, results, types(), body);
        });
  }

  private static Asm body() {
    return new Asm();
  }

  private static Asm get(int... locals) {
    Asm b = body();
    for (int l : locals) {
      b.localGet(l);
    }
    return b;
  }

  @Test
  void v128ConstAndUnaryAndBinary() {
    Asm b = body().op(V128_CONST).b(new int[16]).op(V128_NOT);
    assertValid(fn(types(), types(V128), b));
    assertValid(fn(types(V128, V128), types(V128), get(0, 1).op(I16X8_ADD)));
    assertValid(fn(types(V128, V128), types(V128), get(0, 1).op(F64X2_PMAX)));
    assertValid(fn(types(V128, V128, V128), types(V128), get(0, 1, 2).op(V128_BITSELECT)));
    assertInvalid(fn(types(V128, I32), types(V128), get(0, 1).op(I16X8_ADD)), "type mismatch");
    assertInvalid(fn(types(V128), types(V128), get(0).op(I16X8_ADD)), "type mismatch");
    assertInvalid(fn(types(I32), types(V128), get(0).op(V128_NOT)), "type mismatch");
    assertInvalid(
        fn(types(V128, V128), types(V128), get(0, 1).op(V128_BITSELECT)), "type mismatch");
  }

  @Test
  void testsAndShiftsAndConversions() {
    assertValid(fn(types(V128), types(I32), get(0).op(I8X16_BITMASK)));
    assertValid(fn(types(V128), types(I32), get(0).op(V128_ANY_TRUE)));
    assertInvalid(fn(types(V128), types(V128), get(0).op(I64X2_ALL_TRUE)), "type mismatch");
    assertValid(fn(types(V128, I32), types(V128), get(0, 1).op(I64X2_SHR_S)));
    assertInvalid(fn(types(V128, I64), types(V128), get(0, 1).op(I64X2_SHL)), "type mismatch");
    assertInvalid(fn(types(I32, V128), types(V128), get(0, 1).op(I8X16_SHL)), "type mismatch");
    assertValid(fn(types(V128), types(V128), get(0).op(F64X2_PROMOTE_LOW_F32X4)));
    assertValid(fn(types(V128, V128), types(V128), get(0, 1).op(I16X8_NARROW_I32X4_U)));
    assertValid(fn(types(V128), types(V128), get(0).op(I32X4_EXTADD_PAIRWISE_I16X8_U)));
    assertValid(fn(types(V128, V128), types(V128), get(0, 1).op(I32X4_DOT_I16X8_S)));
  }

  @Test
  void splatTakesTheLaneScalar() {
    assertValid(fn(types(I32), types(V128), get(0).op(I8X16_SPLAT)));
    assertValid(fn(types(I64), types(V128), get(0).op(I64X2_SPLAT)));
    assertValid(fn(types(F32), types(V128), get(0).op(F32X4_SPLAT)));
    assertValid(fn(types(F64), types(V128), get(0).op(F64X2_SPLAT)));
    assertInvalid(fn(types(I64), types(V128), get(0).op(I32X4_SPLAT)), "type mismatch");
    assertInvalid(fn(types(F32), types(V128), get(0).op(F64X2_SPLAT)), "type mismatch");
  }

  @Test
  void extractAndReplaceLaneCheckTypesAndLaneIndex() {
    assertValid(fn(types(V128), types(I32), get(0).op(I8X16_EXTRACT_LANE_U).b(15)));
    assertValid(fn(types(V128), types(I64), get(0).op(I64X2_EXTRACT_LANE).b(1)));
    assertValid(fn(types(V128), types(F32), get(0).op(F32X4_EXTRACT_LANE).b(3)));
    assertValid(fn(types(V128, F64), types(V128), get(0, 1).op(F64X2_REPLACE_LANE).b(1)));
    assertValid(fn(types(V128, I32), types(V128), get(0, 1).op(I16X8_REPLACE_LANE).b(7)));
    assertInvalid(
        fn(types(V128), types(I32), get(0).op(I8X16_EXTRACT_LANE_S).b(16)), "invalid lane index");
    assertInvalid(
        fn(types(V128), types(I32), get(0).op(I16X8_EXTRACT_LANE_S).b(8)), "invalid lane index");
    assertInvalid(
        fn(types(V128), types(I32), get(0).op(I32X4_EXTRACT_LANE).b(4)), "invalid lane index");
    assertInvalid(
        fn(types(V128, F64), types(V128), get(0, 1).op(F64X2_REPLACE_LANE).b(2)),
        "invalid lane index");
    assertInvalid(
        fn(types(V128), types(I32), get(0).op(I8X16_EXTRACT_LANE_S).b(255)), "invalid lane index");
    assertInvalid(fn(types(V128), types(I32), get(0).op(I64X2_EXTRACT_LANE).b(0)), "type mismatch");
    assertInvalid(
        fn(types(V128, I64), types(V128), get(0, 1).op(I32X4_REPLACE_LANE).b(0)), "type mismatch");
  }

  @Test
  void shuffleLanesMustBeBelow32() {
    int[] lanes = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 31, 16};
    assertValid(fn(types(V128, V128), types(V128), get(0, 1).op(I8X16_SHUFFLE).b(lanes)));
    lanes[15] = 32;
    assertInvalid(
        fn(types(V128, V128), types(V128), get(0, 1).op(I8X16_SHUFFLE).b(lanes)),
        "invalid lane index");
    lanes[15] = 255;
    assertInvalid(
        fn(types(V128, V128), types(V128), get(0, 1).op(I8X16_SHUFFLE).b(lanes)),
        "invalid lane index");
  }

  @Test
  void loadsAndStoresCheckNaturalAlignment() {
    assertValid(withMemory(types(I32), types(V128), get(0).mem(V128_LOAD, 4, 0)));
    assertInvalid(
        withMemory(types(I32), types(V128), get(0).mem(V128_LOAD, 5, 0)),
        "alignment must not be larger than natural");
    assertValid(withMemory(types(I32), types(V128), get(0).mem(V128_LOAD8X8_S, 3, 0)));
    assertInvalid(
        withMemory(types(I32), types(V128), get(0).mem(V128_LOAD16X4_U, 4, 0)),
        "alignment must not be larger than natural");
    assertValid(withMemory(types(I32), types(V128), get(0).mem(V128_LOAD8_SPLAT, 0, 0)));
    assertInvalid(
        withMemory(types(I32), types(V128), get(0).mem(V128_LOAD8_SPLAT, 1, 0)),
        "alignment must not be larger than natural");
    assertInvalid(
        withMemory(types(I32), types(V128), get(0).mem(V128_LOAD32_SPLAT, 3, 0)),
        "alignment must not be larger than natural");
    assertValid(withMemory(types(I32), types(V128), get(0).mem(V128_LOAD32_ZERO, 2, 0)));
    assertInvalid(
        withMemory(types(I32), types(V128), get(0).mem(V128_LOAD32_ZERO, 3, 0)),
        "alignment must not be larger than natural");
    assertValid(withMemory(types(I32, V128), types(), get(0, 1).mem(V128_STORE, 4, 0)));
    assertInvalid(
        withMemory(types(V128, I32), types(), get(0, 1).mem(V128_STORE, 4, 0)), "type mismatch");
    assertInvalid(fn(types(I32), types(V128), get(0).mem(V128_LOAD, 0, 0)), "unknown memory");
  }

  @Test
  void laneLoadsAndStoresCheckAlignmentAndLane() {
    assertValid(
        withMemory(types(I32, V128), types(V128), get(0, 1).mem(V128_LOAD8_LANE, 0, 0).b(15)));
    assertValid(withMemory(types(I32, V128), types(), get(0, 1).mem(V128_STORE64_LANE, 3, 0).b(1)));
    assertInvalid(
        withMemory(types(I32, V128), types(V128), get(0, 1).mem(V128_LOAD8_LANE, 1, 0).b(0)),
        "alignment must not be larger than natural");
    assertInvalid(
        withMemory(types(I32, V128), types(V128), get(0, 1).mem(V128_LOAD16_LANE, 0, 0).b(8)),
        "invalid lane index");
    assertInvalid(
        withMemory(types(I32, V128), types(), get(0, 1).mem(V128_STORE32_LANE, 2, 0).b(4)),
        "invalid lane index");
    // Stores push nothing: a function that expects a v128 result is left without one.
    assertInvalid(
        withMemory(types(I32, V128), types(V128), get(0, 1).mem(V128_STORE32_LANE, 2, 0).b(0)),
        "type mismatch");
  }

  @Test
  void v128GlobalsAndSelect() {
    TestModule m = new TestModule();
    m.global(V128, false, TestModule.expr(new ConstExpr.Instruction(V128_CONST, 1, 2)));
    m.function(types(), types(V128), types(), body().op(GLOBAL_GET).u32(0));
    assertValid(m);
    assertValid(fn(types(V128, V128, I32), types(V128), get(0, 1, 2).op(SELECT)));
    assertInvalid(fn(types(V128, I32, I32), types(V128), get(0, 1, 2).op(SELECT)), "type mismatch");
  }
}
