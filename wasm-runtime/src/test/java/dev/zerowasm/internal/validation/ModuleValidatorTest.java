package dev.zerowasm.internal.validation;

import static dev.zerowasm.api.ValueType.EXTERNREF;
import static dev.zerowasm.api.ValueType.F32;
import static dev.zerowasm.api.ValueType.FUNCREF;
import static dev.zerowasm.api.ValueType.I32;
import static dev.zerowasm.api.ValueType.I64;
import static dev.zerowasm.internal.validation.ValidatorAssertions.assertInvalid;
import static dev.zerowasm.internal.validation.ValidatorAssertions.assertValid;
import static dev.zerowasm.testing.TestModule.expr;
import static dev.zerowasm.testing.TestModule.globalGet;
import static dev.zerowasm.testing.TestModule.i32;
import static dev.zerowasm.testing.TestModule.i64;
import static dev.zerowasm.testing.TestModule.refNull;
import static dev.zerowasm.testing.TestModule.types;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.api.CompileException;
import dev.zerowasm.api.CoreFeature;
import dev.zerowasm.api.CoreFeatures;
import dev.zerowasm.internal.wasm.ConstExpr;
import dev.zerowasm.internal.wasm.DataSegment;
import dev.zerowasm.internal.wasm.ElementSegment;
import dev.zerowasm.internal.wasm.ExternKind;
import dev.zerowasm.internal.wasm.Limits;
import dev.zerowasm.internal.wasm.Opcodes;
import dev.zerowasm.internal.wasm.SegmentMode;
import dev.zerowasm.testing.Asm;
import dev.zerowasm.testing.TestModule;
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
    CompileException e =
        assertInvalid(
            TestModule.of(
                mod -> {
                  mod.memory(1);
                  mod.memory(1);
                }),
            "multiple memories");
    assertThat(e.functionIndex()).isEqualTo(-1);
    assertThat(e.getMessage()).startsWith("invalid module: multiple memories");
  }

  @Nested
  class Types {
    @Test
    void multipleResultsNeedMultiValue() {
      TestModule m = new TestModule();
      m.type(types(), types(I32, I32));
      assertValid(m);
      assertInvalid(m, CoreFeatures.V1, "invalid result arity");
      assertValid(TestModule.of(mod -> mod.type(types(I32, I64), types(I32))), CoreFeatures.V1);
    }

    @Test
    void functionTypeIndexMustExist() {
      assertInvalid(TestModule.of(mod -> mod.importFunction(0)), "unknown type 0");
      assertInvalid(
          TestModule.of(
              mod -> {
                mod.type(types(), types());
                mod.function(1, types(), new Asm());
              }),
          "unknown type 1");
    }
  }

  @Nested
  class TablesAndMemories {
    @Test
    void tableLimits() {
      assertValid(TestModule.of(mod -> mod.table(FUNCREF, Limits.of(0, 0xFFFF_FFFFL))));
      assertInvalid(
          TestModule.of(mod -> mod.table(FUNCREF, Limits.of(2, 1))),
          "size minimum must not be greater than maximum");
      assertInvalid(
          TestModule.of(mod -> mod.importTable(FUNCREF, Limits.of(5, 4))),
          "size minimum must not be greater than maximum");
    }

    @Test
    void memoryLimits() {
      assertValid(TestModule.of(mod -> mod.memory(Limits.of(0, 65536))));
      assertValid(TestModule.of(mod -> mod.memory(Limits.of(65536))));
      assertInvalid(
          TestModule.of(mod -> mod.memory(Limits.of(65537))),
          "memory size must be at most 65536 pages (4GiB)");
      assertInvalid(
          TestModule.of(mod -> mod.memory(Limits.of(0, 65537))),
          "memory size must be at most 65536 pages (4GiB)");
      assertInvalid(
          TestModule.of(mod -> mod.memory(Limits.of(0xFFFF_FFFFL))),
          "memory size must be at most 65536 pages (4GiB)");
      assertInvalid(
          TestModule.of(mod -> mod.memory(Limits.of(2, 1))),
          "size minimum must not be greater than maximum");
      assertInvalid(
          TestModule.of(mod -> mod.importMemory(Limits.of(70000))),
          "memory size must be at most 65536 pages (4GiB)");
    }

    @Test
    void atMostOneMemoryImportsIncluded() {
      assertInvalid(
          TestModule.of(
              mod -> {
                mod.memory(1);
                mod.memory(1);
              }),
          "multiple memories");
      assertInvalid(
          TestModule.of(
              mod -> {
                mod.importMemory(Limits.of(1));
                mod.memory(1);
              }),
          "multiple memories");
      assertInvalid(
          TestModule.of(
              mod -> {
                mod.memory(1);
                mod.memory(1);
              }),
          CoreFeatures.V1,
          "multiple memories");
    }

    @Test
    void multipleTablesNeedReferenceTypes() {
      TestModule two = new TestModule();
      two.table(FUNCREF, Limits.of(1));
      two.table(FUNCREF, Limits.of(1));
      assertValid(two);
      assertInvalid(two, CoreFeatures.V1, "multiple tables");
      assertInvalid(
          TestModule.of(
              mod -> {
                mod.importTable(FUNCREF, Limits.of(1));
                mod.table(FUNCREF, Limits.of(1));
              }),
          CoreFeatures.V2.without(CoreFeature.REFERENCE_TYPES),
          "multiple tables");
    }
  }

  @Nested
  class Globals {
    @Test
    void initializerTypeMustMatch() {
      assertValid(
          TestModule.of(
              mod -> {
                mod.global(I32, false, i32(1));
                mod.global(I64, true, i64(1));
              }));
      assertInvalid(TestModule.of(mod -> mod.global(I32, false, i64(1))), "type mismatch");
      assertInvalid(
          TestModule.of(mod -> mod.global(FUNCREF, false, refNull(EXTERNREF))), "type mismatch");
      assertValid(TestModule.of(mod -> mod.global(EXTERNREF, false, refNull(EXTERNREF))));
    }

    @Test
    void initializerMustBeOneValue() {
      assertInvalid(TestModule.of(mod -> mod.global(I32, false, expr())), "type mismatch");
      assertInvalid(
          TestModule.of(
              mod ->
                  mod.global(
                      I32,
                      false,
                      expr(
                          new ConstExpr.Instruction(Opcodes.I32_CONST, 1, 0),
                          new ConstExpr.Instruction(Opcodes.I32_CONST, 2, 0)))),
          "type mismatch");
    }

    @Test
    void onlyConstantInstructions() {
      assertInvalid(
          TestModule.of(
              mod ->
                  mod.global(
                      I32,
                      false,
                      expr(
                          new ConstExpr.Instruction(Opcodes.I32_CONST, 1, 0),
                          new ConstExpr.Instruction(Opcodes.I32_CONST, 2, 0),
                          new ConstExpr.Instruction(Opcodes.I32_ADD, 0, 0)))),
          "constant expression required");
      assertInvalid(
          TestModule.of(mod -> mod.global(I32, false, expr(Opcodes.NOP, 0))),
          "constant expression required");
    }

    @Test
    void globalGetOfImportedImmutableGlobalOnly() {
      assertValid(
          TestModule.of(
              mod -> {
                mod.importGlobal(F32, false);
                mod.global(F32, true, globalGet(0));
              }));
      assertInvalid(
          TestModule.of(
              mod -> {
                mod.importGlobal(F32, true);
                mod.global(F32, false, globalGet(0));
              }),
          "constant expression required");
      assertInvalid(
          TestModule.of(
              mod -> {
                mod.global(I32, false, i32(0));
                mod.global(I32, false, globalGet(0));
              }),
          "unknown global 0");
      assertInvalid(
          TestModule.of(
              mod -> {
                mod.importGlobal(I32, false);
                mod.global(I32, false, globalGet(1));
              }),
          "unknown global 1");
      assertInvalid(
          TestModule.of(
              mod -> {
                mod.importGlobal(I64, false);
                mod.global(I32, false, globalGet(0));
              }),
          "type mismatch");
    }

    @Test
    void refFuncInInitializer() {
      TestModule m = new TestModule();
      m.global(FUNCREF, false, ConstExpr.refFunc(0));
      m.function(types(), types(), types(), new Asm());
      assertValid(m);
      assertInvalid(
          TestModule.of(mod -> mod.global(FUNCREF, false, ConstExpr.refFunc(0))),
          "unknown function 0");
    }

    @Test
    void mutableGlobalImportAndExportNeedTheFeature() {
      CoreFeatures mvp = CoreFeatures.of();
      assertValid(TestModule.of(mod -> mod.importGlobal(I32, true)), CoreFeatures.V1);
      assertInvalid(
          TestModule.of(mod -> mod.importGlobal(I32, true)),
          mvp,
          "mutable globals cannot be imported");
      assertValid(TestModule.of(mod -> mod.importGlobal(I32, false)), mvp);
      TestModule export = new TestModule();
      export.global(I32, true, i32(0));
      export.export("g", ExternKind.GLOBAL, 0);
      assertValid(export, CoreFeatures.V1);
      assertInvalid(export, mvp, "mutable globals cannot be exported");
    }
  }

  @Nested
  class Exports {
    @Test
    void namesAreUnique() {
      TestModule m = new TestModule();
      m.memory(1);
      m.global(I32, false, i32(0));
      m.export("a", ExternKind.MEMORY, 0).export("a", ExternKind.GLOBAL, 0);
      assertInvalid(m, "duplicate export name");
      TestModule ok = new TestModule();
      ok.memory(1);
      ok.global(I32, false, i32(0));
      ok.export("a", ExternKind.MEMORY, 0).export("b", ExternKind.GLOBAL, 0);
      assertValid(ok);
    }

    @Test
    void indexMustExist() {
      assertInvalid(
          TestModule.of(mod -> mod.export("f", ExternKind.FUNCTION, 0)), "unknown function 0");
      assertInvalid(TestModule.of(mod -> mod.export("t", ExternKind.TABLE, 0)), "unknown table 0");
      assertInvalid(
          TestModule.of(mod -> mod.export("m", ExternKind.MEMORY, 0)), "unknown memory 0");
      assertInvalid(
          TestModule.of(
              mod -> {
                mod.export("g", ExternKind.GLOBAL, 1);
                mod.importGlobal(I32, false);
              }),
          "unknown global 1");
    }
  }

  @Nested
  class Start {
    @Test
    void startFunctionMustExistAndTakeNothing() {
      assertValid(
          TestModule.of(
              mod -> {
                mod.function(types(), types(), types(), new Asm());
                mod.start(0);
              }));
      assertInvalid(TestModule.of(mod -> mod.start(0)), "unknown function 0");
      assertInvalid(
          TestModule.of(
              mod -> {
                mod.function(types(I32), types(), types(), new Asm());
                mod.start(0);
              }),
          "start function");
      assertInvalid(
          TestModule.of(
              mod -> {
                mod.function(types(), types(I32), types(), new Asm().i32(0));
                mod.start(0);
              }),
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
      TestModule m = new TestModule();
      m.table(FUNCREF, Limits.of(1));
      m.element(active(0, i32(0), List.of(ConstExpr.refFunc(0))));
      m.function(types(), types(), types(), new Asm());
      assertValid(m);
      assertValid(m, CoreFeatures.V1);
    }

    @Test
    void tableMustExist() {
      assertInvalid(
          TestModule.of(mod -> mod.element(active(0, i32(0), List.of()))), "unknown table 0");
      assertInvalid(
          TestModule.of(
              mod -> {
                mod.table(FUNCREF, Limits.of(1));
                mod.element(active(1, i32(0), List.of()));
              }),
          "unknown table 1");
    }

    @Test
    void segmentTypeMustMatchTheTable() {
      ElementSegment externs =
          new ElementSegment(SegmentMode.ACTIVE, 0, i32(0), EXTERNREF, List.of(refNull(EXTERNREF)));
      assertInvalid(
          TestModule.of(
              mod -> {
                mod.table(FUNCREF, Limits.of(1));
                mod.element(externs);
              }),
          "type mismatch");
      assertValid(
          TestModule.of(
              mod -> {
                mod.table(EXTERNREF, Limits.of(1));
                mod.element(externs);
              }));
    }

    @Test
    void offsetIsAnI32ConstantExpression() {
      assertInvalid(
          TestModule.of(
              mod -> {
                mod.table(FUNCREF, Limits.of(1));
                mod.element(active(0, i64(0), List.of()));
              }),
          "type mismatch");
      assertInvalid(
          TestModule.of(
              mod -> {
                mod.table(FUNCREF, Limits.of(1));
                mod.element(active(0, expr(Opcodes.I32_EQZ, 0), List.of()));
              }),
          "constant expression required");
      assertValid(
          TestModule.of(
              mod -> {
                mod.importGlobal(I32, false);
                mod.table(FUNCREF, Limits.of(1));
                mod.element(active(0, globalGet(0), List.of()));
              }));
      assertInvalid(
          TestModule.of(
              mod -> {
                mod.importGlobal(I32, true);
                mod.table(FUNCREF, Limits.of(1));
                mod.element(active(0, globalGet(0), List.of()));
              }),
          "constant expression required");
    }

    @Test
    void itemsAreConstantsOfTheSegmentType() {
      assertInvalid(
          TestModule.of(
              mod -> {
                mod.table(FUNCREF, Limits.of(1));
                mod.element(active(0, i32(0), List.of(refNull(EXTERNREF))));
              }),
          "type mismatch");
      assertInvalid(
          TestModule.of(
              mod -> {
                mod.table(FUNCREF, Limits.of(1));
                mod.element(active(0, i32(0), List.of(i32(0))));
              }),
          "type mismatch");
      assertInvalid(
          TestModule.of(
              mod -> {
                mod.table(FUNCREF, Limits.of(1));
                mod.element(active(0, i32(0), List.of(ConstExpr.refFunc(3))));
              }),
          "unknown function 3");
      assertValid(
          TestModule.of(
              mod ->
                  mod.element(
                      new ElementSegment(
                          SegmentMode.PASSIVE, 0, null, FUNCREF, List.of(refNull(FUNCREF))))));
    }
  }

  @Nested
  class Data {
    @Test
    void activeSegmentNeedsAMemoryAndAnI32Offset() {
      assertValid(
          TestModule.of(
              mod -> {
                mod.memory(1);
                mod.data(new DataSegment(SegmentMode.ACTIVE, 0, i32(0), new byte[] {1}));
              }));
      assertInvalid(
          TestModule.of(
              mod -> mod.data(new DataSegment(SegmentMode.ACTIVE, 0, i32(0), new byte[0]))),
          "unknown memory 0");
      assertInvalid(
          TestModule.of(
              mod -> {
                mod.memory(1);
                mod.data(new DataSegment(SegmentMode.ACTIVE, 1, i32(0), new byte[0]));
              }),
          "unknown memory 1");
      assertInvalid(
          TestModule.of(
              mod -> {
                mod.memory(1);
                mod.data(new DataSegment(SegmentMode.ACTIVE, 0, i64(0), new byte[0]));
              }),
          "type mismatch");
      assertInvalid(
          TestModule.of(
              mod -> {
                mod.importGlobal(I32, false);
                mod.global(I32, false, i32(0));
                mod.memory(1);
                mod.data(new DataSegment(SegmentMode.ACTIVE, 0, globalGet(1), new byte[0]));
              }),
          "unknown global 1");
    }

    @Test
    void passiveSegmentNeedsNoMemory() {
      assertValid(
          TestModule.of(
              mod -> mod.data(new DataSegment(SegmentMode.PASSIVE, 0, null, new byte[] {1}))));
    }
  }
}
