package dev.zerowasm.internal.validation;

import static dev.zerowasm.api.ValueType.EXTERNREF;
import static dev.zerowasm.api.ValueType.F32;
import static dev.zerowasm.api.ValueType.F64;
import static dev.zerowasm.api.ValueType.FUNCREF;
import static dev.zerowasm.api.ValueType.I32;
import static dev.zerowasm.api.ValueType.I64;
import static dev.zerowasm.internal.validation.ValidatorAssertions.assertInvalid;
import static dev.zerowasm.internal.validation.ValidatorAssertions.assertValid;
import static dev.zerowasm.internal.wasm.Opcodes.*;
import static dev.zerowasm.testing.Asm.EMPTY;
import static dev.zerowasm.testing.TestModule.types;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.api.CompileException;
import dev.zerowasm.api.CoreFeatures;
import dev.zerowasm.api.ValueType;
import dev.zerowasm.internal.wasm.ConstExpr;
import dev.zerowasm.internal.wasm.DataSegment;
import dev.zerowasm.internal.wasm.ElementSegment;
import dev.zerowasm.internal.wasm.ExternKind;
import dev.zerowasm.internal.wasm.Limits;
import dev.zerowasm.internal.wasm.SegmentMode;
import dev.zerowasm.internal.wasm.WasmModule;
import dev.zerowasm.testing.Asm;
import dev.zerowasm.testing.TestModule;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The type-checking of function bodies, one rule at a time. */
class FunctionValidatorTest {
  private static Asm body() {
    return new Asm();
  }

  private static TestModule fn(ValueType[] params, ValueType[] results, Asm body) {
    return fn(params, results, types(), body);
  }

  private static TestModule fn(
      ValueType[] params, ValueType[] results, ValueType[] locals, Asm body) {
    return TestModule.of(mod -> mod.function(params, results, locals, body));
  }

  private static TestModule fn(Asm body) {
    return fn(types(), types(), body);
  }

  @Nested
  class Basics {
    @Test
    void emptyFunctionIsValid() {
      assertValid(fn(body()));
    }

    @Test
    void addWithMatchingTypes() {
      assertValid(fn(types(I32, I32), types(I32), body().localGet(0).localGet(1).op(I32_ADD)));
    }

    @Test
    void operandOfWrongType() {
      assertInvalid(fn(types(), types(I32), body().i32(1).i64(2).op(I32_ADD)), "type mismatch");
    }

    @Test
    void operandMissing() {
      assertInvalid(fn(types(), types(I32), body().i32(1).op(I32_ADD)), "type mismatch");
    }

    @Test
    void resultMissing() {
      assertInvalid(fn(types(), types(I32), body()), "type mismatch");
    }

    @Test
    void resultOfWrongType() {
      assertInvalid(fn(types(), types(I32), body().i64(0)), "type mismatch");
    }

    @Test
    void valueLeftOverAtEnd() {
      assertInvalid(fn(types(), types(), body().i32(0)), "type mismatch");
    }

    @Test
    void dropAndDropOnEmptyStack() {
      assertValid(fn(body().f32(0).op(DROP)));
      assertInvalid(fn(body().op(DROP)), "type mismatch");
    }

    @Test
    void errorNamesFunctionIndexAndInstructionOffset() {
      Asm bad = body().i32(1);
      int offset = bad.offset();
      bad.op(I64_EQZ).op(DROP);
      TestModule m = new TestModule();
      m.importFunction(0);
      m.type(types(), types());
      m.function(0, types(), body());
      m.function(0, types(), bad);
      WasmModule built = m.build();
      CompileException e = assertInvalid(m, "type mismatch");
      assertThat(e.functionIndex()).isEqualTo(2);
      int badStart = built.codes[1].bodyStart();
      assertThat(e.byteOffset()).isEqualTo(badStart + offset);
      assertThat(e.getMessage()).contains("i64.eqz").contains("function 2");
    }

    @Test
    void numericSignatures() {
      assertValid(fn(types(), types(I32), body().i64(1).op(I64_EQZ)));
      assertValid(fn(types(), types(I32), body().f64(0).f64(0).op(F64_LT)));
      assertValid(fn(types(), types(I64), body().i32(1).op(I64_EXTEND_I32_U)));
      assertValid(fn(types(), types(F32), body().f64(0).op(F32_DEMOTE_F64)));
      assertValid(fn(types(), types(I64), body().i64(1).op(I64_EXTEND32_S)));
      assertValid(fn(types(), types(I64), body().f32(0).op(I64_TRUNC_SAT_F32_S)));
      assertValid(fn(types(), types(I32), body().f64(0).op(I32_TRUNC_SAT_F64_U)));
      assertValid(fn(types(), types(F64), body().i64(1).op(F64_REINTERPRET_I64)));
      assertInvalid(
          fn(types(), types(I32), body().f32(0).op(I64_TRUNC_SAT_F32_S)), "type mismatch");
      assertInvalid(fn(types(), types(I64), body().i32(1).op(I64_EXTEND32_S)), "type mismatch");
      assertInvalid(fn(types(), types(I32), body().i32(1).i32(1).op(F32_EQ)), "type mismatch");
      assertInvalid(
          fn(types(), types(I32), body().i64(1).op(I32_WRAP_I64).op(I64_CLZ)), "type mismatch");
    }

    @Test
    void constants() {
      assertValid(fn(types(), types(I32, I64, F32, F64), body().i32(-1).i64(5).f32(0).f64(0)));
      assertInvalid(fn(types(), types(F32), body().f64(0)), "type mismatch");
    }
  }

  @Nested
  class Unreachable {
    @Test
    void polymorphicStackSuppliesAnyOperand() {
      assertValid(fn(types(), types(I32), body().op(UNREACHABLE).op(I32_ADD)));
      assertValid(fn(types(), types(I64), body().op(UNREACHABLE)));
    }

    @Test
    void knownOperandsAboveUnreachableAreStillChecked() {
      assertInvalid(
          fn(types(), types(I32), body().op(UNREACHABLE).i64(0).op(I32_ADD)), "type mismatch");
      assertInvalid(fn(types(), types(I32), body().op(UNREACHABLE).i64(0)), "type mismatch");
    }

    @Test
    void unreachableOnlyAffectsItsBlock() {
      // (block (unreachable)) i32.add: the block's end restores the outer, reachable stack.
      assertInvalid(
          fn(types(), types(I32), body().block(EMPTY).op(UNREACHABLE).op(END).op(I32_ADD)),
          "type mismatch");
    }

    @Test
    void selectOnUnknownOperands() {
      assertValid(fn(types(), types(I32), body().op(UNREACHABLE).op(SELECT)));
      assertValid(fn(types(), types(I64), body().op(UNREACHABLE).i64(0).i32(0).op(SELECT)));
      assertInvalid(
          fn(
              types(),
              types(),
              body().op(UNREACHABLE).op(REF_NULL).b(FUNCREF.code()).i32(0).op(SELECT).op(DROP)),
          "type mismatch");
    }

    @Test
    void returnAndBrMakeTheRestUnreachable() {
      assertValid(
          fn(
              types(),
              types(I32),
              body().i32(1).op(RETURN).op(I64_ADD).op(DROP).f32(0).op(DROP).op(UNREACHABLE)));
      assertValid(fn(types(), types(I32), body().block(Asm.I32).i32(1).br(0).op(I32_ADD).op(END)));
      // After br the operands are unknown, but what is pushed is known: f32 is not the block's i32.
      assertInvalid(
          fn(types(), types(I32), body().block(Asm.I32).i32(1).br(0).op(F32_ADD).op(END)),
          "type mismatch");
    }
  }

  @Nested
  class Blocks {
    @Test
    void blockWithResult() {
      assertValid(fn(types(), types(I32), body().block(Asm.I32).i32(1).op(END)));
      assertInvalid(fn(types(), types(I32), body().block(Asm.I32).op(END)), "type mismatch");
      assertInvalid(fn(types(), types(I32), body().block(Asm.I32).f32(0).op(END)), "type mismatch");
    }

    @Test
    void blockCannotSeeOuterOperands() {
      assertInvalid(
          fn(types(), types(I32), body().i32(1).block(Asm.I32).op(I32_EQZ).op(END).op(DROP)),
          "type mismatch");
    }

    @Test
    void multiValueBlockWithParams() {
      TestModule m = new TestModule();
      int t = m.type(types(I32, I64), types(I64, I32));
      m.function(
          types(),
          types(I64, I32),
          types(I64, I32),
          body()
              .i32(1)
              .i64(2)
              .block(t)
              .localSet(0)
              .localTee(1)
              .op(DROP)
              .localGet(0)
              .localGet(1)
              .op(END));
      assertValid(m);
    }

    @Test
    void blockParamsMustBeOnTheStack() {
      TestModule m = new TestModule();
      int t = m.type(types(I32), types(I32));
      m.function(types(), types(I32), types(), body().i64(1).block(t).op(END));
      assertInvalid(m, "type mismatch");
    }

    @Test
    void unknownBlockType() {
      assertInvalid(fn(body().block(7).op(END)), "unknown type 7");
    }

    @Test
    void loopLabelCarriesParameters() {
      TestModule m = new TestModule();
      int t = m.type(types(I32), types());
      // (loop (param i32) (br_if 0 (i32.const 1)) drop) -- branch back passes the i32 again
      m.function(
          types(),
          types(),
          types(I32),
          body().i32(0).loop(t).localTee(0).i32(1).brIf(0).op(DROP).op(END));
      assertValid(m);
      // A loop with a result but no params: br 0 carries nothing.
      assertValid(fn(types(), types(I32), body().loop(Asm.I32).br(0).op(END)));
    }

    @Test
    void ifElse() {
      assertValid(
          fn(
              types(I32),
              types(I64),
              body().localGet(0).ifOp(Asm.I64).i64(1).op(ELSE).i64(2).op(END)));
      assertInvalid(
          fn(
              types(I32),
              types(I64),
              body().localGet(0).ifOp(Asm.I64).i64(1).op(ELSE).f32(0).op(END)),
          "type mismatch");
      assertInvalid(fn(types(), types(), body().i64(0).ifOp(EMPTY).op(END)), "type mismatch");
      assertInvalid(fn(types(), types(), body().ifOp(EMPTY).op(END)), "type mismatch");
    }

    @Test
    void ifWithoutElseNeedsEqualParamsAndResults() {
      assertInvalid(
          fn(types(I32), types(I32), body().localGet(0).ifOp(Asm.I32).i32(1).op(END)),
          "type mismatch");
      TestModule m = new TestModule();
      int t = m.type(types(I32), types(I32));
      m.function(
          types(I32), types(I32), types(), body().i32(5).localGet(0).ifOp(t).op(I32_EQZ).op(END));
      assertValid(m);
    }

    @Test
    void elseBranchStartsWithTheParams() {
      TestModule m = new TestModule();
      int t = m.type(types(I32), types(I64));
      m.function(
          types(),
          types(I64),
          types(),
          body().i32(5).i32(1).ifOp(t).op(I64_EXTEND_I32_S).op(ELSE).op(I64_EXTEND_I32_U).op(END));
      assertValid(m);
    }
  }

  @Nested
  class Branches {
    @Test
    void unknownLabel() {
      assertInvalid(fn(body().br(1)), "unknown label");
      assertInvalid(fn(body().block(EMPTY).br(2).op(END)), "unknown label");
      assertInvalid(fn(body().i32(0).brIf(1)), "unknown label");
      assertInvalid(fn(body().i32(0).op(BR_TABLE).u32(1).u32(0).u32(1)), "unknown label");
      assertInvalid(fn(body().i32(0).op(BR_TABLE).u32(0).u32(5)), "unknown label");
      assertInvalid(fn(body().op(BR).u32(0xFFFF_FFFFL)), "unknown label");
    }

    @Test
    void brToFunctionLevelChecksResults() {
      assertValid(fn(types(), types(I32), body().i32(0).br(0)));
      assertInvalid(fn(types(), types(I32), body().i64(0).br(0)), "type mismatch");
    }

    @Test
    void brIfKeepsLabelValues() {
      assertValid(fn(types(), types(I32), body().block(Asm.I32).i32(1).i32(0).brIf(0).op(END)));
      assertInvalid(
          fn(types(), types(I32), body().block(Asm.I32).i32(1).brIf(0).op(END)), "type mismatch");
      assertInvalid(fn(types(), types(), body().f32(0).brIf(0)), "type mismatch");
    }

    @Test
    void brTableArityMustMatchTheDefault() {
      // block (result i32) / block: br_table 0 1 with an i32 on the stack -> arities 0 and 1.
      assertInvalid(
          fn(
              types(),
              types(I32),
              body()
                  .block(Asm.I32)
                  .block(EMPTY)
                  .i32(1)
                  .i32(0)
                  .op(BR_TABLE)
                  .u32(1)
                  .u32(0)
                  .u32(1)
                  .op(END)
                  .i32(2)
                  .op(END)),
          "type mismatch");
    }

    @Test
    void brTableLabelTypesMustMatch() {
      // Same arity (1), but i32 vs f32.
      assertInvalid(
          fn(
              types(),
              types(I32),
              body()
                  .block(Asm.I32)
                  .block(Asm.F32)
                  .i32(1)
                  .i32(0)
                  .op(BR_TABLE)
                  .u32(1)
                  .u32(0)
                  .u32(1)
                  .op(END)
                  .op(DROP)
                  .i32(2)
                  .op(END)),
          "type mismatch");
      assertValid(
          fn(
              types(),
              types(I32),
              body()
                  .block(Asm.I32)
                  .block(Asm.I32)
                  .i32(1)
                  .i32(0)
                  .op(BR_TABLE)
                  .u32(1)
                  .u32(0)
                  .u32(1)
                  .op(END)
                  .op(END)));
    }

    @Test
    void brTableInUnreachableCodeAcceptsDifferentTypesOfSameArity() {
      // In unreachable code the operand is Unknown, which matches both i32 and f32 labels.
      assertValid(
          fn(
              types(),
              types(I32),
              body()
                  .block(Asm.I32)
                  .block(Asm.F32)
                  .op(UNREACHABLE)
                  .op(BR_TABLE)
                  .u32(1)
                  .u32(0)
                  .u32(1)
                  .op(END)
                  .op(DROP)
                  .i32(2)
                  .op(END)));
    }

    @Test
    void brTableInUnreachableCodeNeedsIdenticalTypesIn1_0() {
      TestModule m =
          fn(
              types(),
              types(I32),
              body()
                  .block(Asm.I32)
                  .block(Asm.F32)
                  .op(UNREACHABLE)
                  .op(BR_TABLE)
                  .u32(1)
                  .u32(0)
                  .u32(1)
                  .op(END)
                  .op(DROP)
                  .i32(2)
                  .op(END));
      assertInvalid(m, CoreFeatures.V1, "type mismatch");
    }

    @Test
    void brTableIndexMustBeI32() {
      assertInvalid(fn(body().i64(0).op(BR_TABLE).u32(0).u32(0)), "type mismatch");
    }

    @Test
    void returnChecksFunctionResults() {
      assertValid(
          fn(
              types(),
              types(I32, I64),
              body().block(EMPTY).i32(1).i64(2).op(RETURN).op(END).op(UNREACHABLE)));
      assertInvalid(
          fn(types(), types(I32), body().block(EMPTY).op(RETURN).op(END).i32(0)), "type mismatch");
    }
  }

  @Nested
  class Calls {
    @Test
    void callChecksParamsAndPushesResults() {
      TestModule m = new TestModule();
      int callee = m.nextFunctionIndex();
      m.function(types(I32, I64), types(F32), types(), body().f32(0));
      m.function(types(), types(F32), types(), body().i32(1).i64(2).call(callee));
      assertValid(m);
      TestModule bad = new TestModule();
      bad.function(types(I32, I64), types(F32), types(), body().f32(0));
      bad.function(types(), types(F32), types(), body().i64(1).i32(2).call(0));
      assertInvalid(bad, "type mismatch");
    }

    @Test
    void callOfImportedFunction() {
      TestModule m = new TestModule();
      int t = m.type(types(I32), types(I32));
      m.importFunction(t);
      m.function(t, types(), body().localGet(0).call(0));
      assertValid(m);
    }

    @Test
    void unknownFunction() {
      assertInvalid(fn(body().call(1)), "unknown function 1");
    }

    @Test
    void callIndirect() {
      TestModule m = new TestModule();
      m.table(FUNCREF, Limits.of(1));
      int t = m.type(types(I64), types(I32));
      m.function(
          types(), types(I32), types(), body().i64(1).i32(0).op(CALL_INDIRECT).u32(t).u32(0));
      assertValid(m);
      TestModule noIndex = new TestModule();
      noIndex.table(FUNCREF, Limits.of(1));
      int t2 = noIndex.type(types(I64), types(I32));
      noIndex.function(
          types(), types(I32), types(), body().i64(1).op(CALL_INDIRECT).u32(t2).u32(0));
      assertInvalid(noIndex, "type mismatch");
    }

    @Test
    void callIndirectNeedsATableOfFuncref() {
      TestModule noTable = new TestModule();
      noTable.type(types(), types());
      noTable.function(0, types(), body().i32(0).op(CALL_INDIRECT).u32(0).u32(0));
      assertInvalid(noTable, "unknown table 0");
      TestModule externTable = new TestModule();
      externTable.table(EXTERNREF, Limits.of(1));
      externTable.type(types(), types());
      externTable.function(0, types(), body().i32(0).op(CALL_INDIRECT).u32(0).u32(0));
      assertInvalid(externTable, "type mismatch");
      TestModule secondTable = new TestModule();
      secondTable.table(EXTERNREF, Limits.of(1));
      secondTable.table(FUNCREF, Limits.of(1));
      secondTable.type(types(), types());
      secondTable.function(0, types(), body().i32(0).op(CALL_INDIRECT).u32(0).u32(1));
      assertValid(secondTable);
    }

    @Test
    void callIndirectUnknownType() {
      assertInvalid(
          TestModule.of(
              mod -> {
                mod.table(FUNCREF, Limits.of(1));
                mod.function(
                    types(), types(), types(), body().i32(0).op(CALL_INDIRECT).u32(9).u32(0));
              }),
          "unknown type 9");
    }
  }

  @Nested
  class Select {
    @Test
    void numericOperandsOfTheSameType() {
      assertValid(fn(types(), types(F64), body().f64(0).f64(0).i32(0).op(SELECT)));
      assertInvalid(
          fn(types(), types(F64), body().f64(0).f32(0).i32(0).op(SELECT)), "type mismatch");
      assertInvalid(
          fn(types(), types(F64), body().f64(0).f64(0).i64(0).op(SELECT)), "type mismatch");
    }

    @Test
    void referencesNeedTypedSelect() {
      Asm untyped = body().op(REF_NULL).b(0x70).op(REF_NULL).b(0x70).i32(0).op(SELECT);
      assertInvalid(fn(types(), types(FUNCREF), untyped), "type mismatch");
      Asm typed = body().op(REF_NULL).b(0x70).op(REF_NULL).b(0x70).i32(0).op(SELECT_T).b(1, 0x70);
      assertValid(fn(types(), types(FUNCREF), typed));
    }

    @Test
    void typedSelectChecksItsType() {
      assertInvalid(
          fn(types(), types(I32), body().i32(1).i64(2).i32(0).op(SELECT_T).b(1, I32.code())),
          "type mismatch");
      assertValid(
          fn(types(), types(I64), body().i64(1).i64(2).i32(0).op(SELECT_T).b(1, I64.code())));
    }

    @Test
    void typedSelectWithoutExactlyOneType() {
      assertInvalid(
          fn(types(), types(I32), body().i32(1).i32(2).i32(0).op(SELECT_T).b(0)),
          "invalid result arity");
      assertInvalid(
          fn(
              types(),
              types(I32),
              body().i32(1).i32(2).i32(0).op(SELECT_T).b(2, I32.code(), I32.code())),
          "invalid result arity");
    }
  }

  @Nested
  class Variables {
    @Test
    void localsAreParamsThenDeclared() {
      assertValid(fn(types(I32), types(F64), types(I64, F64), body().localGet(2)));
      assertInvalid(
          fn(types(I32), types(F64), types(I64, F64), body().localGet(1)), "type mismatch");
      assertInvalid(
          fn(types(I32), types(), types(I64), body().localGet(2).op(DROP)), "unknown local 2");
      assertInvalid(
          fn(types(), types(), body().i32(0).op(LOCAL_SET).u32(0xFFFF_FFFFL)),
          "unknown local 4294967295");
    }

    @Test
    void setAndTee() {
      assertValid(fn(types(I32), types(I32), body().i32(3).localTee(0).localSet(0).localGet(0)));
      assertInvalid(fn(types(I32), types(), body().i64(3).localSet(0)), "type mismatch");
      assertInvalid(fn(types(I32), types(I64), body().i32(3).localTee(0)), "type mismatch");
    }

    @Test
    void globals() {
      TestModule m = new TestModule();
      m.importGlobal(I64, false);
      m.global(F32, true, TestModule.expr(F32_CONST, 0));
      m.function(
          types(), types(I64), types(), body().f32(0).op(GLOBAL_SET).u32(1).op(GLOBAL_GET).u32(0));
      assertValid(m);
    }

    @Test
    void globalSetNeedsMutable() {
      TestModule m = new TestModule();
      m.importGlobal(I64, false);
      m.function(types(), types(), types(), body().i64(0).op(GLOBAL_SET).u32(0));
      assertInvalid(m, "global is immutable");
    }

    @Test
    void unknownGlobal() {
      assertInvalid(fn(types(), types(I32), body().op(GLOBAL_GET).u32(0)), "unknown global 0");
      assertInvalid(
          TestModule.of(
              mod -> {
                mod.importGlobal(I32, true);
                mod.function(types(), types(), types(), body().i32(0).op(GLOBAL_SET).u32(1));
              }),
          "unknown global 1");
    }

    @Test
    void globalSetChecksType() {
      TestModule m = new TestModule();
      m.importGlobal(I32, true);
      m.function(types(), types(), types(), body().f32(0).op(GLOBAL_SET).u32(0));
      assertInvalid(m, "type mismatch");
    }
  }

  @Nested
  class Memory {
    @Test
    void loadsAndStores() {
      TestModule m = new TestModule();
      m.memory(1);
      m.function(
          types(),
          types(I64),
          types(),
          body()
              .i32(0)
              .f64(0)
              .mem(F64_STORE, 3, 0)
              .i32(0)
              .i32(0)
              .mem(I32_LOAD16_U, 1, 4)
              .mem(I32_STORE8, 0, 0)
              .i32(0)
              .mem(I64_LOAD32_S, 2, 0));
      assertValid(m);
    }

    @Test
    void loadNeedsAMemory() {
      assertInvalid(fn(types(), types(I32), body().i32(0).mem(I32_LOAD, 2, 0)), "unknown memory 0");
      assertInvalid(
          fn(types(), types(), body().i32(0).i32(0).mem(I32_STORE, 2, 0)), "unknown memory");
      assertInvalid(fn(types(), types(I32), body().op(MEMORY_SIZE).b(0)), "unknown memory");
      assertInvalid(fn(types(), types(I32), body().i32(1).op(MEMORY_GROW).b(0)), "unknown memory");
    }

    @Test
    void alignmentAtMostNatural() {
      assertValid(
          TestModule.of(
              mod -> {
                mod.memory(1);
                mod.function(types(), types(I64), types(), body().i32(0).mem(I64_LOAD, 3, 0));
              }));
      assertInvalid(
          TestModule.of(
              mod -> {
                mod.memory(1);
                mod.function(types(), types(I64), types(), body().i32(0).mem(I64_LOAD, 4, 0));
              }),
          "alignment must not be larger than natural");
      assertInvalid(
          TestModule.of(
              mod -> {
                mod.memory(1);
                mod.function(types(), types(I32), types(), body().i32(0).mem(I32_LOAD8_S, 1, 0));
              }),
          "alignment must not be larger than natural");
      assertInvalid(
          TestModule.of(
              mod -> {
                mod.memory(1);
                mod.function(
                    types(), types(), types(), body().i32(0).i64(0).mem(I64_STORE32, 3, 0));
              }),
          "alignment must not be larger than natural");
      assertInvalid(
          TestModule.of(
              mod -> {
                mod.memory(1);
                mod.function(
                    types(), types(), types(), body().i32(0).i32(0).op(I32_STORE).u32(5).u32(0));
              }),
          "alignment must not be larger than natural");
    }

    @Test
    void loadStoreOperandTypes() {
      assertInvalid(
          TestModule.of(
              mod -> {
                mod.memory(1);
                mod.function(types(), types(I32), types(), body().i64(0).mem(I32_LOAD, 2, 0));
              }),
          "type mismatch");
      assertInvalid(
          TestModule.of(
              mod -> {
                mod.memory(1);
                mod.function(types(), types(), types(), body().i32(0).i32(0).mem(F32_STORE, 2, 0));
              }),
          "type mismatch");
      assertInvalid(
          TestModule.of(
              mod -> {
                mod.memory(1);
                mod.function(types(), types(F32), types(), body().i32(0).mem(F64_LOAD, 3, 0));
              }),
          "type mismatch");
    }

    @Test
    void sizeAndGrow() {
      assertValid(
          TestModule.of(
              mod -> {
                mod.memory(1);
                mod.function(
                    types(), types(I32), types(), body().op(MEMORY_SIZE).b(0).op(MEMORY_GROW).b(0));
              }));
      assertInvalid(
          TestModule.of(
              mod -> {
                mod.memory(1);
                mod.function(types(), types(I32), types(), body().i64(1).op(MEMORY_GROW).b(0));
              }),
          "type mismatch");
    }

    @Test
    void bulkMemory() {
      assertValid(
          TestModule.of(
              mod -> {
                mod.memory(1);
                mod.function(
                    types(),
                    types(),
                    types(),
                    body()
                        .i32(0)
                        .i32(0)
                        .i32(0)
                        .op(MEMORY_COPY)
                        .b(0, 0)
                        .i32(0)
                        .i32(0)
                        .i32(0)
                        .op(MEMORY_FILL)
                        .b(0));
              }));
      assertInvalid(
          TestModule.of(
              mod ->
                  mod.function(
                      types(), types(), types(), body().i32(0).i32(0).i32(0).op(MEMORY_FILL).b(0))),
          "unknown memory 0");
      assertInvalid(
          TestModule.of(
              mod ->
                  mod.function(
                      types(),
                      types(),
                      types(),
                      body().i32(0).i32(0).i32(0).op(MEMORY_COPY).b(0, 0))),
          "unknown memory 0");
      assertInvalid(
          TestModule.of(
              mod -> {
                mod.memory(1);
                mod.function(
                    types(), types(), types(), body().i32(0).i64(0).i32(0).op(MEMORY_FILL).b(0));
              }),
          "type mismatch");
    }

    private TestModule withPassiveData(Asm body) {
      return TestModule.of(
          mod -> {
            mod.memory(1);
            mod.data(new DataSegment(SegmentMode.PASSIVE, 0, null, new byte[] {1}));
            mod.function(types(), types(), types(), body);
          });
    }

    @Test
    void memoryInitAndDataDrop() {
      Asm init = body().i32(0).i32(0).i32(1).op(MEMORY_INIT).u32(0).b(0).op(DATA_DROP).u32(0);
      assertValid(withPassiveData(init).dataCount(1));
      assertInvalid(withPassiveData(init), "data count section required");
      assertInvalid(withPassiveData(body().op(DATA_DROP).u32(0)), "data count section required");
      assertInvalid(
          withPassiveData(body().op(DATA_DROP).u32(1)).dataCount(1), "unknown data segment 1");
      assertInvalid(
          withPassiveData(body().i32(0).i32(0).i32(1).op(MEMORY_INIT).u32(1).b(0)).dataCount(1),
          "unknown data segment 1");
      assertInvalid(
          TestModule.of(
              mod -> {
                mod.dataCount(1);
                mod.data(new DataSegment(SegmentMode.PASSIVE, 0, null, new byte[0]));
                mod.function(
                    types(),
                    types(),
                    types(),
                    body().i32(0).i32(0).i32(1).op(MEMORY_INIT).u32(0).b(0));
              }),
          "unknown memory 0");
    }
  }

  @Nested
  class Tables {
    private final ElementSegment passiveFuncs =
        new ElementSegment(
            SegmentMode.PASSIVE, 0, null, FUNCREF, List.of(TestModule.refNull(FUNCREF)));

    @Test
    void getSetSizeGrowFill() {
      TestModule m = new TestModule();
      m.table(FUNCREF, Limits.of(1));
      m.table(EXTERNREF, Limits.of(1));
      m.function(
          types(EXTERNREF),
          types(I32),
          types(),
          body()
              .i32(0)
              .localGet(0)
              .op(TABLE_SET)
              .u32(1)
              .i32(0)
              .op(TABLE_GET)
              .u32(0)
              .op(DROP)
              .localGet(0)
              .i32(2)
              .op(TABLE_GROW)
              .u32(1)
              .op(DROP)
              .i32(0)
              .localGet(0)
              .i32(2)
              .op(TABLE_FILL)
              .u32(1)
              .op(TABLE_SIZE)
              .u32(0));
      assertValid(m);
    }

    @Test
    void elementTypeIsChecked() {
      TestModule m = new TestModule();
      m.table(FUNCREF, Limits.of(1));
      m.table(EXTERNREF, Limits.of(1));
      m.function(
          types(EXTERNREF), types(), types(), body().i32(0).localGet(0).op(TABLE_SET).u32(0));
      assertInvalid(m, "type mismatch");
      TestModule grow = new TestModule();
      grow.table(FUNCREF, Limits.of(1));
      grow.function(types(), types(I32), types(), body().i32(1).i32(2).op(TABLE_GROW).u32(0));
      assertInvalid(grow, "type mismatch");
    }

    @Test
    void unknownTable() {
      assertInvalid(fn(types(), types(I32), body().op(TABLE_SIZE).u32(0)), "unknown table 0");
      assertInvalid(
          TestModule.of(
              mod -> {
                mod.table(FUNCREF, Limits.of(1));
                mod.function(types(), types(FUNCREF), types(), body().i32(0).op(TABLE_GET).u32(1));
              }),
          "unknown table 1");
    }

    @Test
    void tableCopy() {
      Asm copy = body().i32(0).i32(0).i32(0).op(TABLE_COPY).u32(0).u32(1);
      assertValid(
          TestModule.of(
              mod -> {
                mod.table(FUNCREF, Limits.of(1));
                mod.table(FUNCREF, Limits.of(1));
                mod.function(types(), types(), types(), copy);
              }));
      assertInvalid(
          TestModule.of(
              mod -> {
                mod.table(FUNCREF, Limits.of(1));
                mod.table(EXTERNREF, Limits.of(1));
                mod.function(types(), types(), types(), copy);
              }),
          "type mismatch");
      assertInvalid(
          TestModule.of(
              mod -> {
                mod.table(FUNCREF, Limits.of(1));
                mod.function(types(), types(), types(), copy);
              }),
          "unknown table 1");
    }

    @Test
    void tableInitAndElemDrop() {
      // table.init elem 0 into table 0: the reader's immediates are (element, table).
      Asm init = body().i32(0).i32(0).i32(1).op(TABLE_INIT).u32(0).u32(0).op(ELEM_DROP).u32(0);
      assertValid(
          TestModule.of(
              mod -> {
                mod.table(FUNCREF, Limits.of(1));
                mod.element(passiveFuncs);
                mod.function(types(), types(), types(), init);
              }));
      assertInvalid(
          TestModule.of(
              mod -> {
                mod.table(EXTERNREF, Limits.of(1));
                mod.element(passiveFuncs);
                mod.function(types(), types(), types(), init);
              }),
          "type mismatch");
      assertInvalid(
          TestModule.of(
              mod -> {
                mod.table(FUNCREF, Limits.of(1));
                mod.function(types(), types(), types(), init);
              }),
          "unknown elem segment 0");
      assertInvalid(
          TestModule.of(
              mod -> {
                mod.element(passiveFuncs);
                mod.function(types(), types(), types(), init);
              }),
          "unknown table 0");
      assertInvalid(
          TestModule.of(
              mod -> {
                mod.element(passiveFuncs);
                mod.function(types(), types(), types(), body().op(ELEM_DROP).u32(4));
              }),
          "unknown elem segment 4");
    }
  }

  @Nested
  class References {
    @Test
    void refNullAndIsNull() {
      assertValid(fn(types(), types(I32), body().op(REF_NULL).b(EXTERNREF.code()).op(REF_IS_NULL)));
      assertValid(fn(types(), types(I32), body().op(UNREACHABLE).op(REF_IS_NULL)));
      assertInvalid(fn(types(), types(I32), body().i32(0).op(REF_IS_NULL)), "type mismatch");
      assertInvalid(
          fn(types(), types(FUNCREF), body().op(REF_NULL).b(EXTERNREF.code())), "type mismatch");
    }

    @Test
    void refFuncNeedsADeclaration() {
      assertInvalid(
          fn(types(), types(FUNCREF), body().op(REF_FUNC).u32(0)), "undeclared function reference");
      assertInvalid(fn(types(), types(FUNCREF), body().op(REF_FUNC).u32(1)), "unknown function 1");
    }

    @Test
    void refFuncDeclaredByExport() {
      assertValid(
          fn(types(), types(FUNCREF), body().op(REF_FUNC).u32(0))
              .export("f", ExternKind.FUNCTION, 0));
    }

    @Test
    void refFuncDeclaredByDeclarativeElementSegment() {
      ElementSegment declare =
          new ElementSegment(
              SegmentMode.DECLARATIVE, 0, null, FUNCREF, List.of(ConstExpr.refFunc(1)));
      TestModule m = new TestModule();
      m.element(declare);
      m.function(types(), types(FUNCREF), types(), body().op(REF_FUNC).u32(1));
      m.function(types(), types(), types(), body());
      assertValid(m);
      TestModule wrong = new TestModule();
      wrong.element(declare);
      wrong.function(types(), types(FUNCREF), types(), body().op(REF_FUNC).u32(0));
      wrong.function(types(), types(), types(), body());
      assertInvalid(wrong, "undeclared function reference");
    }

    @Test
    void refFuncDeclaredByGlobalInitializer() {
      TestModule m = new TestModule();
      m.global(FUNCREF, false, ConstExpr.refFunc(0));
      m.function(types(), types(FUNCREF), types(), body().op(REF_FUNC).u32(0));
      assertValid(m);
    }
  }

  @Nested
  class Performance {
    @Test
    void deepNestingAndLongBodiesGrowTheStacks() {
      Asm b = body();
      for (int i = 0; i < 1000; i++) {
        b.block(Asm.I32);
      }
      for (int i = 0; i < 500; i++) {
        b.i32(i);
      }
      for (int i = 0; i < 499; i++) {
        b.op(I32_ADD);
      }
      for (int i = 0; i < 1000; i++) {
        b.op(END);
      }
      assertValid(fn(types(), types(I32), b));
    }
  }
}
