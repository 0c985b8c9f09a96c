package dev.zerowasm.internal.wasm;

import static dev.zerowasm.internal.wasm.TestModules.globalGet;
import static dev.zerowasm.internal.wasm.TestModules.i32;
import static dev.zerowasm.internal.wasm.TestModules.params;
import static dev.zerowasm.internal.wasm.TestModules.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerowasm.api.CoreFeatures;
import dev.zerowasm.api.ExitException;
import dev.zerowasm.api.Function;
import dev.zerowasm.api.LinkException;
import dev.zerowasm.api.Module;
import dev.zerowasm.api.TrapException;
import dev.zerowasm.api.TrapKind;
import dev.zerowasm.api.ValueType;
import dev.zerowasm.api.WasmException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InstantiatorTest {
  private static final ValueType I32 = ValueType.I32;
  private static final FuncType VOID = FuncType.EMPTY;
  private static final FuncType I32_TO_VOID = type(params(I32));

  private Store store;
  private ModuleInstance host;
  private MemoryInstance hostMemory;
  private TableInstance hostTable;
  private GlobalInstance hostGlobal;

  @BeforeEach
  void setUp() {
    store = new Store();
    hostMemory = new MemoryInstance(new MemoryType(Limits.of(1, 2)), MemoryInstance.MAX_PAGES);
    hostTable = new TableInstance(new TableType(ValueType.FUNCREF, Limits.of(10, 20)));
    hostGlobal = new GlobalInstance(new GlobalType(I32, false), 666);
    host =
        HostModule.builder("spectest")
            .function("print_i32", I32_TO_VOID, stack -> {})
            .global("global_i32", hostGlobal)
            .table("table", hostTable)
            .memory("memory", hostMemory)
            .instantiate(store);
  }

  private ModuleInstance instantiate(TestModules t, CoreFeatures features, String name) {
    WasmModule m = t.build();
    return Instantiator.instantiate(
        store,
        m,
        t.code(),
        FunctionDefinitionImpl.forModule(m),
        features,
        MemoryInstance.MAX_PAGES,
        false,
        name,
        List.of("_start"),
        null);
  }

  private ModuleInstance instantiate(TestModules t) {
    return instantiate(t, CoreFeatures.V2, "");
  }

  @Test
  void unknownModuleAndField() {
    assertThatThrownBy(() -> instantiate(new TestModules().importFunction("env", "f", VOID)))
        .isInstanceOf(LinkException.class)
        .hasMessageStartingWith("unknown import: \"env\".\"f\"")
        .hasMessageContaining("no module named \"env\"");
    assertThatThrownBy(
            () -> instantiate(new TestModules().importFunction("spectest", "nope", VOID)))
        .isInstanceOf(LinkException.class)
        .hasMessageStartingWith("unknown import: \"spectest\".\"nope\"");
  }

  @Test
  void functionTypeMustBeEqual() {
    assertThatThrownBy(
            () -> instantiate(new TestModules().importFunction("spectest", "print_i32", VOID)))
        .isInstanceOf(LinkException.class)
        .hasMessage(
            "incompatible import type for \"spectest\".\"print_i32\": expected func () -> (),"
                + " got func (i32) -> ()");
  }

  @Test
  void kindMustMatch() {
    assertThatThrownBy(
            () -> instantiate(new TestModules().importFunction("spectest", "memory", VOID)))
        .isInstanceOf(LinkException.class)
        .hasMessage(
            "incompatible import type for \"spectest\".\"memory\": expected func () -> (),"
                + " got memory {min 1, max 2}");
  }

  @Test
  void globalTypeAndMutabilityMustMatch() {
    assertThatThrownBy(
            () ->
                instantiate(
                    new TestModules()
                        .importGlobal("spectest", "global_i32", new GlobalType(I32, true))))
        .isInstanceOf(LinkException.class)
        .hasMessageContaining("expected global (mut i32), got global i32");
    assertThatThrownBy(
            () ->
                instantiate(
                    new TestModules()
                        .importGlobal(
                            "spectest", "global_i32", new GlobalType(ValueType.I64, false))))
        .isInstanceOf(LinkException.class);
    ModuleInstance ok =
        instantiate(
            new TestModules().importGlobal("spectest", "global_i32", new GlobalType(I32, false)));
    assertThat(ok.globals[0]).isSameAs(hostGlobal);
  }

  @Test
  void memoryLimitsUseSubtypingAgainstTheCurrentSize() {
    instantiate(new TestModules().importMemory("spectest", "memory", Limits.of(0, 3)));
    instantiate(new TestModules().importMemory("spectest", "memory", Limits.of(1)));
    assertThatThrownBy(
            () -> instantiate(new TestModules().importMemory("spectest", "memory", Limits.of(2))))
        .isInstanceOf(LinkException.class)
        .hasMessageContaining("expected memory {min 2}, got memory {min 1, max 2}");
    assertThatThrownBy(
            () ->
                instantiate(new TestModules().importMemory("spectest", "memory", Limits.of(1, 1))))
        .isInstanceOf(LinkException.class);
    hostMemory.grow(1);
    ModuleInstance grown =
        instantiate(new TestModules().importMemory("spectest", "memory", Limits.of(2)));
    assertThat(grown.memories[0]).isSameAs(hostMemory);
  }

  @Test
  void importWithMaxNeedsActualMax() {
    store.register(
        "nomax",
        HostModule.builder("nomax-host")
            .memory("m", new MemoryInstance(new MemoryType(Limits.of(1)), 10))
            .instantiate(store));
    assertThatThrownBy(
            () -> instantiate(new TestModules().importMemory("nomax", "m", Limits.of(1, 65536))))
        .isInstanceOf(LinkException.class)
        .hasMessageContaining("got memory {min 1}");
  }

  @Test
  void tableElementTypeAndLimits() {
    assertThatThrownBy(
            () ->
                instantiate(
                    new TestModules()
                        .importTable(
                            "spectest",
                            "table",
                            new TableType(ValueType.EXTERNREF, Limits.of(10)))))
        .isInstanceOf(LinkException.class)
        .hasMessageContaining(
            "expected table {min 10} externref, got table {min 10, max 20} funcref");
    assertThatThrownBy(
            () ->
                instantiate(
                    new TestModules()
                        .importTable(
                            "spectest", "table", new TableType(ValueType.FUNCREF, Limits.of(11)))))
        .isInstanceOf(LinkException.class);
    ModuleInstance ok =
        instantiate(
            new TestModules()
                .importTable(
                    "spectest", "table", new TableType(ValueType.FUNCREF, Limits.of(5, 20))));
    assertThat(ok.tables[0]).isSameAs(hostTable);
  }

  @Test
  void v2SegmentsApplyInOrderAndTrapLeavingEarlierWrites() {
    TestModules t =
        new TestModules()
            .importMemory("spectest", "memory", Limits.of(1))
            .importTable("spectest", "table", new TableType(ValueType.FUNCREF, Limits.of(10)))
            .function(VOID, (i, s) -> {})
            .elements(
                new ElementSegment(
                    SegmentMode.ACTIVE,
                    0,
                    i32(7),
                    ValueType.FUNCREF,
                    List.of(ConstExpr.refFunc(0))))
            .data(new DataSegment(SegmentMode.ACTIVE, 0, i32(10), new byte[] {1, 2}))
            .data(new DataSegment(SegmentMode.ACTIVE, 0, i32(65535), new byte[] {3, 4}));
    assertThatThrownBy(() -> instantiate(t, CoreFeatures.V2, "m"))
        .isInstanceOf(TrapException.class)
        .satisfies(
            e ->
                assertThat(((TrapException) e).kind())
                    .isEqualTo(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS));
    assertThat(hostMemory.buffer[10]).isEqualTo((byte) 1);
    assertThat(hostMemory.buffer[65535]).isZero();
    long ref = hostTable.elements[7];
    assertThat(ref).isNotZero();
    // The failed module's function stays callable through the table.
    assertThat(store.references.function(ref)).isNotNull();
    assertThat(store.lookup("m")).isNull();
  }

  @Test
  void v2TableSegmentOutOfBoundsTraps() {
    TestModules t =
        new TestModules()
            .importTable("spectest", "table", new TableType(ValueType.FUNCREF, Limits.of(10)))
            .elements(
                new ElementSegment(
                    SegmentMode.ACTIVE, 0, i32(10), ValueType.FUNCREF, List.of(i32ToNull())));
    assertThatThrownBy(() -> instantiate(t))
        .isInstanceOf(TrapException.class)
        .satisfies(
            e ->
                assertThat(((TrapException) e).kind())
                    .isEqualTo(TrapKind.OUT_OF_BOUNDS_TABLE_ACCESS));
  }

  private static ConstExpr i32ToNull() {
    return new ConstExpr(List.of(new ConstExpr.Instruction(Opcodes.REF_NULL, 0x70, 0)));
  }

  @Test
  void v1SegmentsAreCheckedBeforeAnyWrite() {
    TestModules t =
        new TestModules()
            .importMemory("spectest", "memory", Limits.of(1))
            .data(new DataSegment(SegmentMode.ACTIVE, 0, i32(10), new byte[] {1, 2}))
            .data(new DataSegment(SegmentMode.ACTIVE, 0, i32(65535), new byte[] {3, 4}));
    assertThatThrownBy(() -> instantiate(t, CoreFeatures.V1, ""))
        .isInstanceOf(LinkException.class)
        .hasMessageStartingWith("data segment does not fit");
    assertThat(hostMemory.buffer[10]).isZero();

    TestModules e =
        new TestModules()
            .importTable("spectest", "table", new TableType(ValueType.FUNCREF, Limits.of(10)))
            .importMemory("spectest", "memory", Limits.of(1))
            .function(VOID, (i, s) -> {})
            .elements(
                new ElementSegment(
                    SegmentMode.ACTIVE,
                    0,
                    i32(9),
                    ValueType.FUNCREF,
                    List.of(ConstExpr.refFunc(0), ConstExpr.refFunc(0))))
            .data(new DataSegment(SegmentMode.ACTIVE, 0, i32(10), new byte[] {1, 2}));
    assertThatThrownBy(() -> instantiate(e, CoreFeatures.V1, ""))
        .isInstanceOf(LinkException.class)
        .hasMessageStartingWith("elements segment does not fit");
    assertThat(hostMemory.buffer[10]).isZero();
  }

  @Test
  void segmentsAreEvaluatedAndActiveOnesDropped() {
    TestModules t =
        new TestModules()
            .importGlobal("spectest", "global_i32", new GlobalType(I32, false))
            .memory(Limits.of(1))
            .table(new TableType(ValueType.FUNCREF, Limits.of(4)))
            .function(VOID, (i, s) -> {})
            .global(new GlobalType(I32, false), globalGet(0))
            .global(new GlobalType(ValueType.FUNCREF, false), ConstExpr.refFunc(0))
            .elements(
                new ElementSegment(
                    SegmentMode.ACTIVE,
                    0,
                    i32(1),
                    ValueType.FUNCREF,
                    List.of(ConstExpr.refFunc(0))))
            .elements(
                new ElementSegment(
                    SegmentMode.PASSIVE,
                    0,
                    null,
                    ValueType.FUNCREF,
                    List.of(ConstExpr.refFunc(0), i32ToNull())))
            .elements(
                new ElementSegment(
                    SegmentMode.DECLARATIVE,
                    0,
                    null,
                    ValueType.FUNCREF,
                    List.of(ConstExpr.refFunc(0))))
            .data(new DataSegment(SegmentMode.ACTIVE, 0, globalGet(0), new byte[] {9}))
            .data(new DataSegment(SegmentMode.PASSIVE, 0, null, new byte[] {7, 8}));
    ModuleInstance m = instantiate(t);
    long ref = store.references.referenceOf(m.functions[0]);
    assertThat(m.globals[1].value).isEqualTo(666);
    assertThat(m.globals[2].value).isEqualTo(ref);
    assertThat(m.tables[0].elements).containsExactly(0, ref, 0, 0);
    assertThat(m.memories[0].buffer[666]).isEqualTo((byte) 9);
    assertThat(m.elementSegments[0]).isEmpty();
    assertThat(m.elementSegments[1]).containsExactly(ref, 0);
    assertThat(m.elementSegments[2]).isEmpty();
    assertThat(m.dataSegments[0]).isEmpty();
    assertThat(m.dataSegments[1]).containsExactly(7, 8);
  }

  @Test
  void namesAreRegisteredOnlyOnSuccessAndUnique() {
    TestModules trapping =
        new TestModules()
            .function(
                VOID,
                (i, s) -> {
                  throw new TrapException(TrapKind.UNREACHABLE);
                })
            .start(0);
    assertThatThrownBy(() -> instantiate(trapping, CoreFeatures.V2, "m"))
        .isInstanceOf(TrapException.class);
    assertThat(store.lookup("m")).isNull();
    ModuleInstance m = instantiate(new TestModules(), CoreFeatures.V2, "m");
    assertThat(store.lookup("m")).isSameAs(m);
    assertThatThrownBy(() -> instantiate(new TestModules(), CoreFeatures.V2, "m"))
        .isInstanceOf(WasmException.class)
        .hasMessageContaining("\"m\" has already been instantiated");
    // Anonymous modules may repeat.
    instantiate(new TestModules());
    instantiate(new TestModules());
    m.close();
    assertThat(store.lookup("m")).isNull();
    instantiate(new TestModules(), CoreFeatures.V2, "m");
  }

  @Test
  void startSectionThenNamedStartFunctions() {
    StringBuilder order = new StringBuilder();
    TestModules t =
        new TestModules()
            .function(VOID, (i, s) -> order.append("start "))
            .function(VOID, (i, s) -> order.append("_start"))
            .export("_start", ExternKind.FUNCTION, 1)
            .start(0);
    instantiate(t);
    assertThat(order).hasToString("start _start");
  }

  @Test
  void startFunctionExitCodes() {
    TestModules zero =
        new TestModules()
            .function(
                VOID,
                (i, s) -> {
                  throw new ExitException(0);
                })
            .export("_start", ExternKind.FUNCTION, 0);
    ModuleInstance m = instantiate(zero, CoreFeatures.V2, "z");
    assertThat(m.isClosed()).isTrue();
    assertThat(m.exitCode()).hasValue(0);
    assertThat(store.lookup("z")).isNull();

    TestModules three =
        new TestModules()
            .function(
                VOID,
                (i, s) -> {
                  throw new ExitException(3);
                })
            .export("_start", ExternKind.FUNCTION, 0);
    assertThatThrownBy(() -> instantiate(three, CoreFeatures.V2, "z"))
        .isInstanceOf(ExitException.class)
        .satisfies(e -> assertThat(((ExitException) e).exitCode()).isEqualTo(3));
    assertThat(store.lookup("z")).isNull();
  }

  @Test
  void exportedFunctionChecksArgumentsAndConvertsStackOverflow() {
    FuncType add = type(params(I32, I32), I32);
    AtomicInteger depth = new AtomicInteger();
    TestModules t =
        new TestModules()
            .function(add, (i, s) -> s[0] = (int) s[0] + (int) s[1])
            .function(
                VOID,
                new TestModules.Body() {
                  @Override
                  public void call(ModuleInstance i, long[] s) {
                    depth.incrementAndGet();
                    call(i, s);
                  }
                })
            .export("add", ExternKind.FUNCTION, 0)
            .export("recurse", ExternKind.FUNCTION, 1)
            .names(new NameSection("math", Map.of(0, "plus"), Map.of()));
    Module m = instantiate(t);
    Function f = m.exportedFunction("add");
    assertThat(f.call(2, 3)).containsExactly(5);
    assertThatThrownBy(() -> f.call(1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("math.plus")
        .hasMessageContaining("expects 2")
        .hasMessageContaining("1 were given");
    assertThatThrownBy(() -> m.exportedFunction("recurse").call())
        .isInstanceOf(TrapException.class)
        .satisfies(
            e -> assertThat(((TrapException) e).kind()).isEqualTo(TrapKind.CALL_STACK_EXHAUSTED));
    assertThat(depth.get()).isGreaterThan(100);
    assertThat(m.exportedFunction("nope")).isNull();
    assertThat(m.exportedGlobal("add")).isNull();
    assertThat(m.exportedMemory("add")).isNull();
    assertThat(m.memory()).isNull();
    m.close();
    assertThat(m.isClosed()).isTrue();
    assertThatThrownBy(() -> f.call(1, 2))
        .isInstanceOf(WasmException.class)
        .hasMessageContaining("is closed");
  }

  @Test
  void closeWithExitCodeDuringACallEndsItWithExitException() {
    TestModules t =
        new TestModules()
            .function(VOID, (i, s) -> i.closeWithExitCode(7))
            .export("exit", ExternKind.FUNCTION, 0);
    Module m = instantiate(t);
    assertThatThrownBy(() -> m.exportedFunction("exit").call())
        .isInstanceOf(ExitException.class)
        .satisfies(e -> assertThat(((ExitException) e).exitCode()).isEqualTo(7));
    assertThatThrownBy(() -> m.exportedFunction("exit").call())
        .isInstanceOf(WasmException.class)
        .hasMessageContaining("exit code 7");
  }

  @Test
  void reexportedFunctionsKeepTheirIdentity() {
    ModuleInstance a =
        instantiate(
            new TestModules()
                .importFunction("spectest", "print_i32", I32_TO_VOID)
                .export("p", ExternKind.FUNCTION, 0));
    store.register("reexport", a);
    ModuleInstance b = instantiate(new TestModules().importFunction("reexport", "p", I32_TO_VOID));
    assertThat(b.functions[0]).isSameAs(host.functions[0]);
    assertThat(a.exportedFunction("p").definition().importedAs())
        .hasValue(new dev.zerowasm.api.FunctionDefinition.ImportName("spectest", "print_i32"));
  }

  @Test
  void closingTheStoreClosesEveryModule() {
    ModuleInstance anonymous = instantiate(new TestModules());
    ModuleInstance named = instantiate(new TestModules(), CoreFeatures.V2, "n");
    store.close();
    assertThat(anonymous.isClosed()).isTrue();
    assertThat(named.isClosed()).isTrue();
    assertThat(host.isClosed()).isTrue();
    assertThat(store.lookup("n")).isNull();
    assertThatThrownBy(() -> instantiate(new TestModules()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }
}
