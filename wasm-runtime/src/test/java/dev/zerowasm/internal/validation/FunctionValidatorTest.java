package dev.zerowasm.internal.validation;

import static dev.zerowasm.internal.validation.TestModule.EXTERNREF;
import static dev.zerowasm.internal.validation.TestModule.F32;
import static dev.zerowasm.internal.validation.TestModule.F64;
import static dev.zerowasm.internal.validation.TestModule.FUNCREF;
import static dev.zerowasm.internal.validation.TestModule.I32;
import static dev.zerowasm.internal.validation.TestModule.I64;
import static dev.zerowasm.internal.validation.TestModule.v;
import static dev.zerowasm.internal.validation.ValidatorAssertions.assertInvalid;
import static dev.zerowasm.internal.validation.ValidatorAssertions.assertValid;
import static dev.zerowasm.internal.wasm.Opcodes.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.api.CompileException;
import dev.zerowasm.api.CoreFeatures;
import dev.zerowasm.api.ValueType;
import dev.zerowasm.internal.validation.TestModule.Body;
import dev.zerowasm.internal.wasm.ConstExpr;
import dev.zerowasm.internal.wasm.DataSegment;
import dev.zerowasm.internal.wasm.ElementSegment;
import dev.zerowasm.internal.wasm.ExternKind;
import dev.zerowasm.internal.wasm.SegmentMode;
import dev.zerowasm.internal.wasm.WasmModule;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The type-checking of function bodies, one rule at a time. */
class FunctionValidatorTest {
  private static Body body() {
    return Body.body();
  }

  private static TestModule fn(ValueType[] params, ValueType[] results, Body body) {
    return new TestModule().function(params, results, body);
  }

  private static TestModule fn(Body body) {
    return fn(v(), v(), body);
  }

  @Nested
  class Basics {
    @Test
    void emptyFunctionIsValid() {
      assertValid(fn(body()));
    }

    @Test
    void addWithMatchingTypes() {
      assertValid(fn(v(I32, I32), v(I32), body().op(LOCAL_GET, 0).op(LOCAL_GET, 1).op(I32_ADD)));
    }

    @Test
    void operandOfWrongType() {
      assertInvalid(fn(v(), v(I32), body().i32Const(1).i64Const(2).op(I32_ADD)), "type mismatch");
    }

    @Test
    void operandMissing() {
      assertInvalid(fn(v(), v(I32), body().i32Const(1).op(I32_ADD)), "type mismatch");
    }

    @Test
    void resultMissing() {
      assertInvalid(fn(v(), v(I32), body()), "type mismatch");
    }

    @Test
    void resultOfWrongType() {
      assertInvalid(fn(v(), v(I32), body().i64Const(0)), "type mismatch");
    }

    @Test
    void valueLeftOverAtEnd() {
      assertInvalid(fn(v(), v(), body().i32Const(0)), "type mismatch");
    }

    @Test
    void dropAndDropOnEmptyStack() {
      assertValid(fn(body().f32Const().op(DROP)));
      assertInvalid(fn(body().op(DROP)), "type mismatch");
    }

    @Test
    void errorNamesFunctionIndexAndInstructionOffset() {
      Body bad = body().i32Const(1);
      int offset = bad.offset();
      bad.op(I64_EQZ).op(DROP);
      TestModule m =
          new TestModule()
              .importFunction(0)
              .withType(v(), v())
              .function(0, body())
              .function(0, bad);
      WasmModule built = m.build();
      CompileException e = assertInvalid(m, "type mismatch");
      assertThat(e.functionIndex()).isEqualTo(2);
      int badStart = built.codes[1].bodyStart();
      assertThat(e.byteOffset()).isEqualTo(badStart + offset);
      assertThat(e.getMessage()).contains("i64.eqz").contains("function 2");
    }

    @Test
    void numericSignatures() {
      assertValid(fn(v(), v(I32), body().i64Const(1).op(I64_EQZ)));
      assertValid(fn(v(), v(I32), body().f64Const().f64Const().op(F64_LT)));
      assertValid(fn(v(), v(I64), body().i32Const(1).op(I64_EXTEND_I32_U)));
      assertValid(fn(v(), v(F32), body().f64Const().op(F32_DEMOTE_F64)));
      assertValid(fn(v(), v(I64), body().i64Const(1).op(I64_EXTEND32_S)));
      assertValid(fn(v(), v(I64), body().f32Const().op(I64_TRUNC_SAT_F32_S)));
      assertValid(fn(v(), v(I32), body().f64Const().op(I32_TRUNC_SAT_F64_U)));
      assertValid(fn(v(), v(F64), body().i64Const(1).op(F64_REINTERPRET_I64)));
      assertInvalid(fn(v(), v(I32), body().f32Const().op(I64_TRUNC_SAT_F32_S)), "type mismatch");
      assertInvalid(fn(v(), v(I64), body().i32Const(1).op(I64_EXTEND32_S)), "type mismatch");
      assertInvalid(fn(v(), v(I32), body().i32Const(1).i32Const(1).op(F32_EQ)), "type mismatch");
      assertInvalid(
          fn(v(), v(I32), body().i64Const(1).op(I32_WRAP_I64).op(I64_CLZ)), "type mismatch");
    }

    @Test
    void constants() {
      assertValid(
          fn(v(), v(I32, I64, F32, F64), body().i32Const(-1).i64Const(5).f32Const().f64Const()));
      assertInvalid(fn(v(), v(F32), body().f64Const()), "type mismatch");
    }
  }

  @Nested
  class Unreachable {
    @Test
    void polymorphicStackSuppliesAnyOperand() {
      assertValid(fn(v(), v(I32), body().op(UNREACHABLE).op(I32_ADD)));
      assertValid(fn(v(), v(I64), body().op(UNREACHABLE)));
    }

    @Test
    void knownOperandsAboveUnreachableAreStillChecked() {
      assertInvalid(
          fn(v(), v(I32), body().op(UNREACHABLE).i64Const(0).op(I32_ADD)), "type mismatch");
      assertInvalid(fn(v(), v(I32), body().op(UNREACHABLE).i64Const(0)), "type mismatch");
    }

    @Test
    void unreachableOnlyAffectsItsBlock() {
      // (block (unreachable)) i32.add: the block's end restores the outer, reachable stack.
      assertInvalid(
          fn(v(), v(I32), body().block(BLOCK).op(UNREACHABLE).op(END).op(I32_ADD)),
          "type mismatch");
    }

    @Test
    void selectOnUnknownOperands() {
      assertValid(fn(v(), v(I32), body().op(UNREACHABLE).op(SELECT)));
      assertValid(fn(v(), v(I64), body().op(UNREACHABLE).i64Const(0).i32Const(0).op(SELECT)));
      assertInvalid(
          fn(
              v(),
              v(),
              body()
                  .op(UNREACHABLE)
                  .op(REF_NULL)
                  .b(FUNCREF.code())
                  .i32Const(0)
                  .op(SELECT)
                  .op(DROP)),
          "type mismatch");
    }

    @Test
    void returnAndBrMakeTheRestUnreachable() {
      assertValid(
          fn(
              v(),
              v(I32),
              body()
                  .i32Const(1)
                  .op(RETURN)
                  .op(I64_ADD)
                  .op(DROP)
                  .f32Const()
                  .op(DROP)
                  .op(UNREACHABLE)));
      assertValid(
          fn(v(), v(I32), body().block(BLOCK, I32).i32Const(1).op(BR, 0).op(I32_ADD).op(END)));
      // After br the operands are unknown, but what is pushed is known: f32 is not the block's i32.
      assertInvalid(
          fn(v(), v(I32), body().block(BLOCK, I32).i32Const(1).op(BR, 0).op(F32_ADD).op(END)),
          "type mismatch");
    }
  }

  @Nested
  class Blocks {
    @Test
    void blockWithResult() {
      assertValid(fn(v(), v(I32), body().block(BLOCK, I32).i32Const(1).op(END)));
      assertInvalid(fn(v(), v(I32), body().block(BLOCK, I32).op(END)), "type mismatch");
      assertInvalid(fn(v(), v(I32), body().block(BLOCK, I32).f32Const().op(END)), "type mismatch");
    }

    @Test
    void blockCannotSeeOuterOperands() {
      assertInvalid(
          fn(v(), v(I32), body().i32Const(1).block(BLOCK, I32).op(I32_EQZ).op(END).op(DROP)),
          "type mismatch");
    }

    @Test
    void multiValueBlockWithParams() {
      TestModule m = new TestModule();
      int t = m.type(v(I32, I64), v(I64, I32));
      m.function(
          v(),
          v(I64, I32),
          body()
              .i32Const(1)
              .i64Const(2)
              .blockIndexed(BLOCK, t)
              .op(LOCAL_SET, 0)
              .op(LOCAL_TEE, 1)
              .op(DROP)
              .op(LOCAL_GET, 0)
              .op(LOCAL_GET, 1)
              .op(END)
              .locals(I64, I32));
      assertValid(m);
    }

    @Test
    void blockParamsMustBeOnTheStack() {
      TestModule m = new TestModule();
      int t = m.type(v(I32), v(I32));
      m.function(v(), v(I32), body().i64Const(1).blockIndexed(BLOCK, t).op(END));
      assertInvalid(m, "type mismatch");
    }

    @Test
    void unknownBlockType() {
      assertInvalid(fn(body().blockIndexed(BLOCK, 7).op(END)), "unknown type 7");
    }

    @Test
    void loopLabelCarriesParameters() {
      TestModule m = new TestModule();
      int t = m.type(v(I32), v());
      // (loop (param i32) (br_if 0 (i32.const 1)) drop) -- branch back passes the i32 again
      m.function(
          v(),
          v(),
          body()
              .i32Const(0)
              .blockIndexed(LOOP, t)
              .op(LOCAL_TEE, 0)
              .i32Const(1)
              .op(BR_IF, 0)
              .op(DROP)
              .op(END)
              .locals(I32));
      assertValid(m);
      // A loop with a result but no params: br 0 carries nothing.
      assertValid(fn(v(), v(I32), body().block(LOOP, I32).op(BR, 0).op(END)));
    }

    @Test
    void ifElse() {
      assertValid(
          fn(
              v(I32),
              v(I64),
              body().op(LOCAL_GET, 0).block(IF, I64).i64Const(1).op(ELSE).i64Const(2).op(END)));
      assertInvalid(
          fn(
              v(I32),
              v(I64),
              body().op(LOCAL_GET, 0).block(IF, I64).i64Const(1).op(ELSE).f32Const().op(END)),
          "type mismatch");
      assertInvalid(fn(v(), v(), body().i64Const(0).block(IF).op(END)), "type mismatch");
      assertInvalid(fn(v(), v(), body().block(IF).op(END)), "type mismatch");
    }

    @Test
    void ifWithoutElseNeedsEqualParamsAndResults() {
      assertInvalid(
          fn(v(I32), v(I32), body().op(LOCAL_GET, 0).block(IF, I32).i32Const(1).op(END)),
          "type mismatch");
      TestModule m = new TestModule();
      int t = m.type(v(I32), v(I32));
      m.function(
          v(I32),
          v(I32),
          body().i32Const(5).op(LOCAL_GET, 0).blockIndexed(IF, t).op(I32_EQZ).op(END));
      assertValid(m);
    }

    @Test
    void elseBranchStartsWithTheParams() {
      TestModule m = new TestModule();
      int t = m.type(v(I32), v(I64));
      m.function(
          v(),
          v(I64),
          body()
              .i32Const(5)
              .i32Const(1)
              .blockIndexed(IF, t)
              .op(I64_EXTEND_I32_S)
              .op(ELSE)
              .op(I64_EXTEND_I32_U)
              .op(END));
      assertValid(m);
    }
  }

  @Nested
  class Branches {
    @Test
    void unknownLabel() {
      assertInvalid(fn(body().op(BR, 1)), "unknown label");
      assertInvalid(fn(body().block(BLOCK).op(BR, 2).op(END)), "unknown label");
      assertInvalid(fn(body().i32Const(0).op(BR_IF, 1)), "unknown label");
      assertInvalid(fn(body().i32Const(0).op(BR_TABLE, 1, 0, 1)), "unknown label");
      assertInvalid(fn(body().i32Const(0).op(BR_TABLE, 0, 5)), "unknown label");
      assertInvalid(fn(body().op(BR, 0xFFFF_FFFFL)), "unknown label");
    }

    @Test
    void brToFunctionLevelChecksResults() {
      assertValid(fn(v(), v(I32), body().i32Const(0).op(BR, 0)));
      assertInvalid(fn(v(), v(I32), body().i64Const(0).op(BR, 0)), "type mismatch");
    }

    @Test
    void brIfKeepsLabelValues() {
      assertValid(
          fn(v(), v(I32), body().block(BLOCK, I32).i32Const(1).i32Const(0).op(BR_IF, 0).op(END)));
      assertInvalid(
          fn(v(), v(I32), body().block(BLOCK, I32).i32Const(1).op(BR_IF, 0).op(END)),
          "type mismatch");
      assertInvalid(fn(v(), v(), body().f32Const().op(BR_IF, 0)), "type mismatch");
    }

    @Test
    void brTableArityMustMatchTheDefault() {
      // block (result i32) / block: br_table 0 1 with an i32 on the stack -> arities 0 and 1.
      assertInvalid(
          fn(
              v(),
              v(I32),
              body()
                  .block(BLOCK, I32)
                  .block(BLOCK)
                  .i32Const(1)
                  .i32Const(0)
                  .op(BR_TABLE, 1, 0, 1)
                  .op(END)
                  .i32Const(2)
                  .op(END)),
          "type mismatch");
    }

    @Test
    void brTableLabelTypesMustMatch() {
      // Same arity (1), but i32 vs f32.
      assertInvalid(
          fn(
              v(),
              v(I32),
              body()
                  .block(BLOCK, I32)
                  .block(BLOCK, F32)
                  .i32Const(1)
                  .i32Const(0)
                  .op(BR_TABLE, 1, 0, 1)
                  .op(END)
                  .op(DROP)
                  .i32Const(2)
                  .op(END)),
          "type mismatch");
      assertValid(
          fn(
              v(),
              v(I32),
              body()
                  .block(BLOCK, I32)
                  .block(BLOCK, I32)
                  .i32Const(1)
                  .i32Const(0)
                  .op(BR_TABLE, 1, 0, 1)
                  .op(END)
                  .op(END)));
    }

    @Test
    void brTableInUnreachableCodeAcceptsDifferentTypesOfSameArity() {
      // In unreachable code the operand is Unknown, which matches both i32 and f32 labels.
      assertValid(
          fn(
              v(),
              v(I32),
              body()
                  .block(BLOCK, I32)
                  .block(BLOCK, F32)
                  .op(UNREACHABLE)
                  .op(BR_TABLE, 1, 0, 1)
                  .op(END)
                  .op(DROP)
                  .i32Const(2)
                  .op(END)));
    }

    @Test
    void brTableInUnreachableCodeNeedsIdenticalTypesIn1_0() {
      TestModule m =
          fn(
              v(),
              v(I32),
              body()
                  .block(BLOCK, I32)
                  .block(BLOCK, F32)
                  .op(UNREACHABLE)
                  .op(BR_TABLE, 1, 0, 1)
                  .op(END)
                  .op(DROP)
                  .i32Const(2)
                  .op(END));
      assertInvalid(m, CoreFeatures.V1, "type mismatch");
    }

    @Test
    void brTableIndexMustBeI32() {
      assertInvalid(fn(body().i64Const(0).op(BR_TABLE, 0, 0)), "type mismatch");
    }

    @Test
    void returnChecksFunctionResults() {
      assertValid(
          fn(
              v(),
              v(I32, I64),
              body().block(BLOCK).i32Const(1).i64Const(2).op(RETURN).op(END).op(UNREACHABLE)));
      assertInvalid(
          fn(v(), v(I32), body().block(BLOCK).op(RETURN).op(END).i32Const(0)), "type mismatch");
    }
  }

  @Nested
  class Calls {
    @Test
    void callChecksParamsAndPushesResults() {
      TestModule m = new TestModule();
      int callee = m.nextFunctionIndex();
      m.function(v(I32, I64), v(F32), body().f32Const());
      m.function(v(), v(F32), body().i32Const(1).i64Const(2).op(CALL, callee));
      assertValid(m);
      TestModule bad = new TestModule();
      bad.function(v(I32, I64), v(F32), body().f32Const());
      bad.function(v(), v(F32), body().i64Const(1).i32Const(2).op(CALL, 0));
      assertInvalid(bad, "type mismatch");
    }

    @Test
    void callOfImportedFunction() {
      TestModule m = new TestModule();
      int t = m.type(v(I32), v(I32));
      m.importFunction(t).function(t, body().op(LOCAL_GET, 0).op(CALL, 0));
      assertValid(m);
    }

    @Test
    void unknownFunction() {
      assertInvalid(fn(body().op(CALL, 1)), "unknown function 1");
    }

    @Test
    void callIndirect() {
      TestModule m = new TestModule().table(FUNCREF);
      int t = m.type(v(I64), v(I32));
      m.function(v(), v(I32), body().i64Const(1).i32Const(0).op(CALL_INDIRECT, t, 0));
      assertValid(m);
      TestModule noIndex = new TestModule().table(FUNCREF);
      int t2 = noIndex.type(v(I64), v(I32));
      noIndex.function(v(), v(I32), body().i64Const(1).op(CALL_INDIRECT, t2, 0));
      assertInvalid(noIndex, "type mismatch");
    }

    @Test
    void callIndirectNeedsATableOfFuncref() {
      TestModule noTable = new TestModule().withType(v(), v());
      noTable.function(0, body().i32Const(0).op(CALL_INDIRECT, 0, 0));
      assertInvalid(noTable, "unknown table 0");
      TestModule externTable = new TestModule().table(EXTERNREF).withType(v(), v());
      externTable.function(0, body().i32Const(0).op(CALL_INDIRECT, 0, 0));
      assertInvalid(externTable, "type mismatch");
      TestModule secondTable = new TestModule().table(EXTERNREF).table(FUNCREF).withType(v(), v());
      secondTable.function(0, body().i32Const(0).op(CALL_INDIRECT, 0, 1));
      assertValid(secondTable);
    }

    @Test
    void callIndirectUnknownType() {
      assertInvalid(
          new TestModule()
              .table(FUNCREF)
              .function(v(), v(), body().i32Const(0).op(CALL_INDIRECT, 9, 0)),
          "unknown type 9");
    }
  }

  @Nested
  class Select {
    @Test
    void numericOperandsOfTheSameType() {
      assertValid(fn(v(), v(F64), body().f64Const().f64Const().i32Const(0).op(SELECT)));
      assertInvalid(
          fn(v(), v(F64), body().f64Const().f32Const().i32Const(0).op(SELECT)), "type mismatch");
      assertInvalid(
          fn(v(), v(F64), body().f64Const().f64Const().i64Const(0).op(SELECT)), "type mismatch");
    }

    @Test
    void referencesNeedTypedSelect() {
      Body untyped = body().op(REF_NULL).b(0x70).op(REF_NULL).b(0x70).i32Const(0).op(SELECT);
      assertInvalid(fn(v(), v(FUNCREF), untyped), "type mismatch");
      Body typed =
          body().op(REF_NULL).b(0x70).op(REF_NULL).b(0x70).i32Const(0).op(SELECT_T).b(1, 0x70);
      assertValid(fn(v(), v(FUNCREF), typed));
    }

    @Test
    void typedSelectChecksItsType() {
      assertInvalid(
          fn(v(), v(I32), body().i32Const(1).i64Const(2).i32Const(0).op(SELECT_T).b(1, I32.code())),
          "type mismatch");
      assertValid(
          fn(
              v(),
              v(I64),
              body().i64Const(1).i64Const(2).i32Const(0).op(SELECT_T).b(1, I64.code())));
    }

    @Test
    void typedSelectWithoutExactlyOneType() {
      assertInvalid(
          fn(v(), v(I32), body().i32Const(1).i32Const(2).i32Const(0).op(SELECT_T).b(0)),
          "invalid result arity");
      assertInvalid(
          fn(
              v(),
              v(I32),
              body().i32Const(1).i32Const(2).i32Const(0).op(SELECT_T).b(2, I32.code(), I32.code())),
          "invalid result arity");
    }
  }

  @Nested
  class Variables {
    @Test
    void localsAreParamsThenDeclared() {
      assertValid(fn(v(I32), v(F64), body().locals(I64, F64).op(LOCAL_GET, 2)));
      assertInvalid(fn(v(I32), v(F64), body().locals(I64, F64).op(LOCAL_GET, 1)), "type mismatch");
      assertInvalid(
          fn(v(I32), v(), body().locals(I64).op(LOCAL_GET, 2).op(DROP)), "unknown local 2");
      assertInvalid(
          fn(v(), v(), body().i32Const(0).op(LOCAL_SET, 0xFFFF_FFFFL)), "unknown local 4294967295");
    }

    @Test
    void setAndTee() {
      assertValid(
          fn(
              v(I32),
              v(I32),
              body().i32Const(3).op(LOCAL_TEE, 0).op(LOCAL_SET, 0).op(LOCAL_GET, 0)));
      assertInvalid(fn(v(I32), v(), body().i64Const(3).op(LOCAL_SET, 0)), "type mismatch");
      assertInvalid(fn(v(I32), v(I64), body().i32Const(3).op(LOCAL_TEE, 0)), "type mismatch");
    }

    @Test
    void globals() {
      TestModule m =
          new TestModule()
              .importGlobal(I64, false)
              .global(F32, true, TestModule.expr(F32_CONST, 0));
      m.function(v(), v(I64), body().f32Const().op(GLOBAL_SET, 1).op(GLOBAL_GET, 0));
      assertValid(m);
    }

    @Test
    void globalSetNeedsMutable() {
      TestModule m = new TestModule().importGlobal(I64, false);
      m.function(v(), v(), body().i64Const(0).op(GLOBAL_SET, 0));
      assertInvalid(m, "global is immutable");
    }

    @Test
    void unknownGlobal() {
      assertInvalid(fn(v(), v(I32), body().op(GLOBAL_GET, 0)), "unknown global 0");
      assertInvalid(
          new TestModule()
              .importGlobal(I32, true)
              .function(v(), v(), body().i32Const(0).op(GLOBAL_SET, 1)),
          "unknown global 1");
    }

    @Test
    void globalSetChecksType() {
      TestModule m = new TestModule().importGlobal(I32, true);
      m.function(v(), v(), body().f32Const().op(GLOBAL_SET, 0));
      assertInvalid(m, "type mismatch");
    }
  }

  @Nested
  class Memory {
    @Test
    void loadsAndStores() {
      TestModule m = new TestModule().memory();
      m.function(
          v(),
          v(I64),
          body()
              .i32Const(0)
              .f64Const()
              .mem(F64_STORE, 3, 0)
              .i32Const(0)
              .i32Const(0)
              .mem(I32_LOAD16_U, 1, 4)
              .mem(I32_STORE8, 0, 0)
              .i32Const(0)
              .mem(I64_LOAD32_S, 2, 0));
      assertValid(m);
    }

    @Test
    void loadNeedsAMemory() {
      assertInvalid(fn(v(), v(I32), body().i32Const(0).mem(I32_LOAD, 2, 0)), "unknown memory 0");
      assertInvalid(
          fn(v(), v(), body().i32Const(0).i32Const(0).mem(I32_STORE, 2, 0)), "unknown memory");
      assertInvalid(fn(v(), v(I32), body().op(MEMORY_SIZE).b(0)), "unknown memory");
      assertInvalid(fn(v(), v(I32), body().i32Const(1).op(MEMORY_GROW).b(0)), "unknown memory");
    }

    @Test
    void alignmentAtMostNatural() {
      assertValid(
          new TestModule().memory().function(v(), v(I64), body().i32Const(0).mem(I64_LOAD, 3, 0)));
      assertInvalid(
          new TestModule().memory().function(v(), v(I64), body().i32Const(0).mem(I64_LOAD, 4, 0)),
          "alignment must not be larger than natural");
      assertInvalid(
          new TestModule()
              .memory()
              .function(v(), v(I32), body().i32Const(0).mem(I32_LOAD8_S, 1, 0)),
          "alignment must not be larger than natural");
      assertInvalid(
          new TestModule()
              .memory()
              .function(v(), v(), body().i32Const(0).i64Const(0).mem(I64_STORE32, 3, 0)),
          "alignment must not be larger than natural");
      assertInvalid(
          new TestModule()
              .memory()
              .function(v(), v(), body().i32Const(0).i32Const(0).op(I32_STORE, 5, 0)),
          "alignment must not be larger than natural");
    }

    @Test
    void loadStoreOperandTypes() {
      assertInvalid(
          new TestModule().memory().function(v(), v(I32), body().i64Const(0).mem(I32_LOAD, 2, 0)),
          "type mismatch");
      assertInvalid(
          new TestModule()
              .memory()
              .function(v(), v(), body().i32Const(0).i32Const(0).mem(F32_STORE, 2, 0)),
          "type mismatch");
      assertInvalid(
          new TestModule().memory().function(v(), v(F32), body().i32Const(0).mem(F64_LOAD, 3, 0)),
          "type mismatch");
    }

    @Test
    void sizeAndGrow() {
      assertValid(
          new TestModule()
              .memory()
              .function(v(), v(I32), body().op(MEMORY_SIZE).b(0).op(MEMORY_GROW).b(0)));
      assertInvalid(
          new TestModule().memory().function(v(), v(I32), body().i64Const(1).op(MEMORY_GROW).b(0)),
          "type mismatch");
    }

    @Test
    void bulkMemory() {
      assertValid(
          new TestModule()
              .memory()
              .function(
                  v(),
                  v(),
                  body()
                      .i32Const(0)
                      .i32Const(0)
                      .i32Const(0)
                      .op(MEMORY_COPY)
                      .b(0, 0)
                      .i32Const(0)
                      .i32Const(0)
                      .i32Const(0)
                      .op(MEMORY_FILL)
                      .b(0)));
      assertInvalid(
          new TestModule()
              .function(v(), v(), body().i32Const(0).i32Const(0).i32Const(0).op(MEMORY_FILL).b(0)),
          "unknown memory 0");
      assertInvalid(
          new TestModule()
              .function(
                  v(), v(), body().i32Const(0).i32Const(0).i32Const(0).op(MEMORY_COPY).b(0, 0)),
          "unknown memory 0");
      assertInvalid(
          new TestModule()
              .memory()
              .function(v(), v(), body().i32Const(0).i64Const(0).i32Const(0).op(MEMORY_FILL).b(0)),
          "type mismatch");
    }

    private TestModule withPassiveData(Body body) {
      return new TestModule()
          .memory()
          .data(new DataSegment(SegmentMode.PASSIVE, 0, null, new byte[] {1}))
          .function(v(), v(), body);
    }

    @Test
    void memoryInitAndDataDrop() {
      Body init =
          body().i32Const(0).i32Const(0).i32Const(1).op(MEMORY_INIT, 0).b(0).op(DATA_DROP, 0);
      assertValid(withPassiveData(init).dataCount(1));
      assertInvalid(withPassiveData(init), "data count section required");
      assertInvalid(withPassiveData(body().op(DATA_DROP, 0)), "data count section required");
      assertInvalid(
          withPassiveData(body().op(DATA_DROP, 1)).dataCount(1), "unknown data segment 1");
      assertInvalid(
          withPassiveData(body().i32Const(0).i32Const(0).i32Const(1).op(MEMORY_INIT, 1).b(0))
              .dataCount(1),
          "unknown data segment 1");
      assertInvalid(
          new TestModule()
              .dataCount(1)
              .data(new DataSegment(SegmentMode.PASSIVE, 0, null, new byte[0]))
              .function(
                  v(), v(), body().i32Const(0).i32Const(0).i32Const(1).op(MEMORY_INIT, 0).b(0)),
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
      TestModule m = new TestModule().table(FUNCREF).table(EXTERNREF);
      m.function(
          v(EXTERNREF),
          v(I32),
          body()
              .i32Const(0)
              .op(LOCAL_GET, 0)
              .op(TABLE_SET, 1)
              .i32Const(0)
              .op(TABLE_GET, 0)
              .op(DROP)
              .op(LOCAL_GET, 0)
              .i32Const(2)
              .op(TABLE_GROW, 1)
              .op(DROP)
              .i32Const(0)
              .op(LOCAL_GET, 0)
              .i32Const(2)
              .op(TABLE_FILL, 1)
              .op(TABLE_SIZE, 0));
      assertValid(m);
    }

    @Test
    void elementTypeIsChecked() {
      TestModule m = new TestModule().table(FUNCREF).table(EXTERNREF);
      m.function(v(EXTERNREF), v(), body().i32Const(0).op(LOCAL_GET, 0).op(TABLE_SET, 0));
      assertInvalid(m, "type mismatch");
      TestModule grow = new TestModule().table(FUNCREF);
      grow.function(v(), v(I32), body().i32Const(1).i32Const(2).op(TABLE_GROW, 0));
      assertInvalid(grow, "type mismatch");
    }

    @Test
    void unknownTable() {
      assertInvalid(fn(v(), v(I32), body().op(TABLE_SIZE, 0)), "unknown table 0");
      assertInvalid(
          new TestModule()
              .table(FUNCREF)
              .function(v(), v(FUNCREF), body().i32Const(0).op(TABLE_GET, 1)),
          "unknown table 1");
    }

    @Test
    void tableCopy() {
      Body copy = body().i32Const(0).i32Const(0).i32Const(0).op(TABLE_COPY, 0, 1);
      assertValid(new TestModule().table(FUNCREF).table(FUNCREF).function(v(), v(), copy));
      assertInvalid(
          new TestModule().table(FUNCREF).table(EXTERNREF).function(v(), v(), copy),
          "type mismatch");
      assertInvalid(new TestModule().table(FUNCREF).function(v(), v(), copy), "unknown table 1");
    }

    @Test
    void tableInitAndElemDrop() {
      // table.init elem 0 into table 0: the reader's immediates are (element, table).
      Body init = body().i32Const(0).i32Const(0).i32Const(1).op(TABLE_INIT, 0, 0).op(ELEM_DROP, 0);
      assertValid(new TestModule().table(FUNCREF).element(passiveFuncs).function(v(), v(), init));
      assertInvalid(
          new TestModule().table(EXTERNREF).element(passiveFuncs).function(v(), v(), init),
          "type mismatch");
      assertInvalid(
          new TestModule().table(FUNCREF).function(v(), v(), init), "unknown elem segment 0");
      assertInvalid(
          new TestModule().element(passiveFuncs).function(v(), v(), init), "unknown table 0");
      assertInvalid(
          new TestModule().element(passiveFuncs).function(v(), v(), body().op(ELEM_DROP, 4)),
          "unknown elem segment 4");
    }
  }

  @Nested
  class References {
    @Test
    void refNullAndIsNull() {
      assertValid(fn(v(), v(I32), body().op(REF_NULL).b(EXTERNREF.code()).op(REF_IS_NULL)));
      assertValid(fn(v(), v(I32), body().op(UNREACHABLE).op(REF_IS_NULL)));
      assertInvalid(fn(v(), v(I32), body().i32Const(0).op(REF_IS_NULL)), "type mismatch");
      assertInvalid(fn(v(), v(FUNCREF), body().op(REF_NULL).b(EXTERNREF.code())), "type mismatch");
    }

    @Test
    void refFuncNeedsADeclaration() {
      assertInvalid(fn(v(), v(FUNCREF), body().op(REF_FUNC, 0)), "undeclared function reference");
      assertInvalid(fn(v(), v(FUNCREF), body().op(REF_FUNC, 1)), "unknown function 1");
    }

    @Test
    void refFuncDeclaredByExport() {
      assertValid(fn(v(), v(FUNCREF), body().op(REF_FUNC, 0)).export("f", ExternKind.FUNCTION, 0));
    }

    @Test
    void refFuncDeclaredByDeclarativeElementSegment() {
      ElementSegment declare =
          new ElementSegment(
              SegmentMode.DECLARATIVE, 0, null, FUNCREF, List.of(ConstExpr.refFunc(1)));
      TestModule m = new TestModule().element(declare);
      m.function(v(), v(FUNCREF), body().op(REF_FUNC, 1));
      m.function(v(), v(), body());
      assertValid(m);
      TestModule wrong = new TestModule().element(declare);
      wrong.function(v(), v(FUNCREF), body().op(REF_FUNC, 0));
      wrong.function(v(), v(), body());
      assertInvalid(wrong, "undeclared function reference");
    }

    @Test
    void refFuncDeclaredByGlobalInitializer() {
      TestModule m = new TestModule().global(FUNCREF, false, ConstExpr.refFunc(0));
      m.function(v(), v(FUNCREF), body().op(REF_FUNC, 0));
      assertValid(m);
    }
  }

  @Nested
  class Performance {
    @Test
    void deepNestingAndLongBodiesGrowTheStacks() {
      Body b = body();
      for (int i = 0; i < 1000; i++) {
        b.block(BLOCK, I32);
      }
      for (int i = 0; i < 500; i++) {
        b.i32Const(i);
      }
      for (int i = 0; i < 499; i++) {
        b.op(I32_ADD);
      }
      for (int i = 0; i < 1000; i++) {
        b.op(END);
      }
      assertValid(fn(v(), v(I32), b));
    }
  }
}
