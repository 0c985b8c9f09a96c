package dev.zerowasm.internal.validation;

import static dev.zerowasm.internal.validation.TestModule.EXTERNREF;
import static dev.zerowasm.internal.validation.TestModule.F32;
import static dev.zerowasm.internal.validation.TestModule.FUNCREF;
import static dev.zerowasm.internal.validation.TestModule.I32;
import static dev.zerowasm.internal.validation.TestModule.I64;
import static dev.zerowasm.internal.validation.TestModule.expr;
import static dev.zerowasm.internal.validation.TestModule.globalGet;
import static dev.zerowasm.internal.validation.TestModule.i32;
import static dev.zerowasm.internal.validation.TestModule.i64;
import static dev.zerowasm.internal.validation.TestModule.refNull;
import static dev.zerowasm.internal.validation.TestModule.v;
import static dev.zerowasm.internal.validation.ValidatorAssertions.assertInvalid;
import static dev.zerowasm.internal.validation.ValidatorAssertions.assertValid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.api.CompileException;
import dev.zerowasm.api.CoreFeature;
import dev.zerowasm.api.CoreFeatures;
import dev.zerowasm.internal.validation.TestModule.Body;
import dev.zerowasm.internal.wasm.ConstExpr;
import dev.zerowasm.internal.wasm.DataSegment;
import dev.zerowasm.internal.wasm.ElementSegment;
import dev.zerowasm.internal.wasm.ExternKind;
import dev.zerowasm.internal.wasm.Limits;
import dev.zerowasm.internal.wasm.Opcodes;
import dev.zerowasm.internal.wasm.SegmentMode;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The module-level validation rules, one at a time. */
class ModuleValidatorTest {
  @Test
  void emptyModuleIsValid() {
    assertValid(new TestModule());
    assertValid(new TestModule(), CoreFeatures.V1);
  }

  @Test
  void moduleLevelErrorsHaveNoFunctionIndex() {
    CompileException e = assertInvalid(new TestModule().memory().memory(), "multiple memories");
    assertThat(e.functionIndex()).isEqualTo(-1);
    assertThat(e.getMessage()).startsWith("invalid module: multiple memories");
  }

  @Nested
  class Types {
    @Test
    void multipleResultsNeedMultiValue() {
      TestModule m = new TestModule().withType(v(), v(I32, I32));
      assertValid(m);
      assertInvalid(m, CoreFeatures.V1, "invalid result arity");
      assertValid(new TestModule().withType(v(I32, I64), v(I32)), CoreFeatures.V1);
    }

    @Test
    void functionTypeIndexMustExist() {
      assertInvalid(new TestModule().importFunction(0), "unknown type 0");
      assertInvalid(new TestModule().withType(v(), v()).function(1, Body.body()), "unknown type 1");
    }
  }

  @Nested
  class TablesAndMemories {
    @Test
    void tableLimits() {
      assertValid(new TestModule().table(FUNCREF, Limits.of(0, 0xFFFF_FFFFL)));
      assertInvalid(
          new TestModule().table(FUNCREF, Limits.of(2, 1)),
          "size minimum must not be greater than maximum");
      assertInvalid(
          new TestModule().importTable(FUNCREF, Limits.of(5, 4)),
          "size minimum must not be greater than maximum");
    }

    @Test
    void memoryLimits() {
      assertValid(new TestModule().memory(Limits.of(0, 65536)));
      assertValid(new TestModule().memory(Limits.of(65536)));
      assertInvalid(
          new TestModule().memory(Limits.of(65537)),
          "memory size must be at most 65536 pages (4GiB)");
      assertInvalid(
          new TestModule().memory(Limits.of(0, 65537)),
          "memory size must be at most 65536 pages (4GiB)");
      assertInvalid(
          new TestModule().memory(Limits.of(0xFFFF_FFFFL)),
          "memory size must be at most 65536 pages (4GiB)");
      assertInvalid(
          new TestModule().memory(Limits.of(2, 1)),
          "size minimum must not be greater than maximum");
      assertInvalid(
          new TestModule().importMemory(Limits.of(70000)),
          "memory size must be at most 65536 pages (4GiB)");
    }

    @Test
    void atMostOneMemoryImportsIncluded() {
      assertInvalid(new TestModule().memory().memory(), "multiple memories");
      assertInvalid(new TestModule().importMemory(Limits.of(1)).memory(), "multiple memories");
      assertInvalid(new TestModule().memory().memory(), CoreFeatures.V1, "multiple memories");
    }

    @Test
    void multipleTablesNeedReferenceTypes() {
      TestModule two = new TestModule().table(FUNCREF).table(FUNCREF);
      assertValid(two);
      assertInvalid(two, CoreFeatures.V1, "multiple tables");
      assertInvalid(
          new TestModule().importTable(FUNCREF, Limits.of(1)).table(FUNCREF),
          CoreFeatures.V2.without(CoreFeature.REFERENCE_TYPES),
          "multiple tables");
    }
  }

  @Nested
  class Globals {
    @Test
    void initializerTypeMustMatch() {
      assertValid(new TestModule().global(I32, false, i32(1)).global(I64, true, i64(1)));
      assertInvalid(new TestModule().global(I32, false, i64(1)), "type mismatch");
      assertInvalid(new TestModule().global(FUNCREF, false, refNull(EXTERNREF)), "type mismatch");
      assertValid(new TestModule().global(EXTERNREF, false, refNull(EXTERNREF)));
    }

    @Test
    void initializerMustBeOneValue() {
      assertInvalid(new TestModule().global(I32, false, expr()), "type mismatch");
      assertInvalid(
          new TestModule()
              .global(
                  I32,
                  false,
                  expr(
                      new ConstExpr.Instruction(Opcodes.I32_CONST, 1, 0),
                      new ConstExpr.Instruction(Opcodes.I32_CONST, 2, 0))),
          "type mismatch");
    }

    @Test
    void onlyConstantInstructions() {
      assertInvalid(
          new TestModule()
              .global(
                  I32,
                  false,
                  expr(
                      new ConstExpr.Instruction(Opcodes.I32_CONST, 1, 0),
                      new ConstExpr.Instruction(Opcodes.I32_CONST, 2, 0),
                      new ConstExpr.Instruction(Opcodes.I32_ADD, 0, 0))),
          "constant expression required");
      assertInvalid(
          new TestModule().global(I32, false, expr(Opcodes.NOP, 0)),
          "constant expression required");
    }

    @Test
    void globalGetOfImportedImmutableGlobalOnly() {
      assertValid(new TestModule().importGlobal(F32, false).global(F32, true, globalGet(0)));
      assertInvalid(
          new TestModule().importGlobal(F32, true).global(F32, false, globalGet(0)),
          "constant expression required");
      assertInvalid(
          new TestModule().global(I32, false, i32(0)).global(I32, false, globalGet(0)),
          "unknown global 0");
      assertInvalid(
          new TestModule().importGlobal(I32, false).global(I32, false, globalGet(1)),
          "unknown global 1");
      assertInvalid(
          new TestModule().importGlobal(I64, false).global(I32, false, globalGet(0)),
          "type mismatch");
    }

    @Test
    void refFuncInInitializer() {
      TestModule m = new TestModule().global(FUNCREF, false, ConstExpr.refFunc(0));
      m.function(v(), v(), Body.body());
      assertValid(m);
      assertInvalid(
          new TestModule().global(FUNCREF, false, ConstExpr.refFunc(0)), "unknown function 0");
    }

    @Test
    void mutableGlobalImportAndExportNeedTheFeature() {
      CoreFeatures mvp = CoreFeatures.of();
      assertValid(new TestModule().importGlobal(I32, true), CoreFeatures.V1);
      assertInvalid(
          new TestModule().importGlobal(I32, true), mvp, "mutable globals cannot be imported");
      assertValid(new TestModule().importGlobal(I32, false), mvp);
      TestModule export =
          new TestModule().global(I32, true, i32(0)).export("g", ExternKind.GLOBAL, 0);
      assertValid(export, CoreFeatures.V1);
      assertInvalid(export, mvp, "mutable globals cannot be exported");
    }
  }

  @Nested
  class Exports {
    @Test
    void namesAreUnique() {
      TestModule m = new TestModule().memory().global(I32, false, i32(0));
      m.export("a", ExternKind.MEMORY, 0).export("a", ExternKind.GLOBAL, 0);
      assertInvalid(m, "duplicate export name");
      TestModule ok = new TestModule().memory().global(I32, false, i32(0));
      ok.export("a", ExternKind.MEMORY, 0).export("b", ExternKind.GLOBAL, 0);
      assertValid(ok);
    }

    @Test
    void indexMustExist() {
      assertInvalid(new TestModule().export("f", ExternKind.FUNCTION, 0), "unknown function 0");
      assertInvalid(new TestModule().export("t", ExternKind.TABLE, 0), "unknown table 0");
      assertInvalid(new TestModule().export("m", ExternKind.MEMORY, 0), "unknown memory 0");
      assertInvalid(
          new TestModule().export("g", ExternKind.GLOBAL, 1).importGlobal(I32, false),
          "unknown global 1");
    }
  }

  @Nested
  class Start {
    @Test
    void startFunctionMustExistAndTakeNothing() {
      assertValid(new TestModule().function(v(), v(), Body.body()).start(0));
      assertInvalid(new TestModule().start(0), "unknown function 0");
      assertInvalid(new TestModule().function(v(I32), v(), Body.body()).start(0), "start function");
      assertInvalid(
          new TestModule().function(v(), v(I32), Body.body().i32Const(0)).start(0),
          "start function");
    }
  }

  @Nested
  class Elements {
    private ElementSegment active(int table, ConstExpr offset, List<ConstExpr> items) {
      return new ElementSegment(SegmentMode.ACTIVE, table, offset, FUNCREF, items);
    }

    @Test
    void activeSegment() {
      TestModule m =
          new TestModule().table(FUNCREF).element(active(0, i32(0), List.of(ConstExpr.refFunc(0))));
      m.function(v(), v(), Body.body());
      assertValid(m);
      assertValid(m, CoreFeatures.V1);
    }

    @Test
    void tableMustExist() {
      assertInvalid(new TestModule().element(active(0, i32(0), List.of())), "unknown table 0");
      assertInvalid(
          new TestModule().table(FUNCREF).element(active(1, i32(0), List.of())), "unknown table 1");
    }

    @Test
    void segmentTypeMustMatchTheTable() {
      ElementSegment externs =
          new ElementSegment(SegmentMode.ACTIVE, 0, i32(0), EXTERNREF, List.of(refNull(EXTERNREF)));
      assertInvalid(new TestModule().table(FUNCREF).element(externs), "type mismatch");
      assertValid(new TestModule().table(EXTERNREF).element(externs));
    }

    @Test
    void offsetIsAnI32ConstantExpression() {
      assertInvalid(
          new TestModule().table(FUNCREF).element(active(0, i64(0), List.of())), "type mismatch");
      assertInvalid(
          new TestModule().table(FUNCREF).element(active(0, expr(Opcodes.I32_EQZ, 0), List.of())),
          "constant expression required");
      assertValid(
          new TestModule()
              .importGlobal(I32, false)
              .table(FUNCREF)
              .element(active(0, globalGet(0), List.of())));
      assertInvalid(
          new TestModule()
              .importGlobal(I32, true)
              .table(FUNCREF)
              .element(active(0, globalGet(0), List.of())),
          "constant expression required");
    }

    @Test
    void itemsAreConstantsOfTheSegmentType() {
      assertInvalid(
          new TestModule().table(FUNCREF).element(active(0, i32(0), List.of(refNull(EXTERNREF)))),
          "type mismatch");
      assertInvalid(
          new TestModule().table(FUNCREF).element(active(0, i32(0), List.of(i32(0)))),
          "type mismatch");
      assertInvalid(
          new TestModule().table(FUNCREF).element(active(0, i32(0), List.of(ConstExpr.refFunc(3)))),
          "unknown function 3");
      assertValid(
          new TestModule()
              .element(
                  new ElementSegment(
                      SegmentMode.PASSIVE, 0, null, FUNCREF, List.of(refNull(FUNCREF)))));
    }
  }

  @Nested
  class Data {
    @Test
    void activeSegmentNeedsAMemoryAndAnI32Offset() {
      assertValid(
          new TestModule()
              .memory()
              .data(new DataSegment(SegmentMode.ACTIVE, 0, i32(0), new byte[] {1})));
      assertInvalid(
          new TestModule().data(new DataSegment(SegmentMode.ACTIVE, 0, i32(0), new byte[0])),
          "unknown memory 0");
      assertInvalid(
          new TestModule()
              .memory()
              .data(new DataSegment(SegmentMode.ACTIVE, 1, i32(0), new byte[0])),
          "unknown memory 1");
      assertInvalid(
          new TestModule()
              .memory()
              .data(new DataSegment(SegmentMode.ACTIVE, 0, i64(0), new byte[0])),
          "type mismatch");
      assertInvalid(
          new TestModule()
              .importGlobal(I32, false)
              .global(I32, false, i32(0))
              .memory()
              .data(new DataSegment(SegmentMode.ACTIVE, 0, globalGet(1), new byte[0])),
          "unknown global 1");
    }

    @Test
    void passiveSegmentNeedsNoMemory() {
      assertValid(
          new TestModule().data(new DataSegment(SegmentMode.PASSIVE, 0, null, new byte[] {1})));
    }
  }
}
