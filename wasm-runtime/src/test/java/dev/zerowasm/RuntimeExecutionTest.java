package dev.zerowasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerowasm.api.Function;
import dev.zerowasm.api.Module;
import dev.zerowasm.api.TrapException;
import dev.zerowasm.api.TrapKind;
import dev.zerowasm.api.WasmException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The public API end to end with the real engine of {@link RuntimeConfig#defaults()}. */
class RuntimeExecutionTest {
  private final Runtime runtime = Runtime.create();

  @AfterEach
  void close() {
    runtime.close();
  }

  /**
   * Exports "add" (i32, i32) -> i32, "recurse" () -> () calling itself, "trap" hitting unreachable.
   */
  private static byte[] module() {
    WasmBuilder b = new WasmBuilder();
    int add = b.type(new int[] {WasmBuilder.I32, WasmBuilder.I32}, WasmBuilder.I32);
    int v = b.type(new int[0]);
    b.function(add, 0x20, 0, 0x20, 1, 0x6A) // local.get 0, local.get 1, i32.add
        .function(v, 0x10, 1) // call 1
        .function(v, 0x00) // unreachable
        .memory(1, -1)
        .export("add", 0, 0)
        .export("recurse", 0, 1)
        .export("trap", 0, 2)
        .export("memory", 2, 0)
        .names("calc", "add", "recurse", "trap");
    return b.build();
  }

  @Test
  void callsExportedFunctions() {
    Module m = runtime.instantiate(module());
    Function add = m.exportedFunction("add");
    assertThat(add.call(40, 2)).containsExactly(42);
    assertThat(add.call(-1, -1)).containsExactly(-2);
    assertThat(add.definition().debugName()).isEqualTo("calc.add");
    assertThat(m.memory().size()).isEqualTo(65536);
    assertThat(m.exportedMemory("memory")).isSameAs(m.memory());
  }

  @Test
  void checksTheArgumentCount() {
    Function add = runtime.instantiate(module()).exportedFunction("add");
    assertThatThrownBy(() -> add.call(1, 2, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "function calc.add (i32, i32) -> (i32) expects 2 parameter value(s), but 3 were given");
  }

  @Test
  void trapsCarryTheirKind() {
    Module m = runtime.instantiate(module());
    assertThatThrownBy(() -> m.exportedFunction("trap").call())
        .isInstanceOf(TrapException.class)
        .satisfies(e -> assertThat(((TrapException) e).kind()).isEqualTo(TrapKind.UNREACHABLE));
  }

  @Test
  void unboundedRecursionExhaustsTheCallStackOnAnOrdinaryThread() {
    Module m = runtime.instantiate(module());
    assertThatThrownBy(() -> m.exportedFunction("recurse").call())
        .isInstanceOf(TrapException.class)
        .satisfies(
            e -> assertThat(((TrapException) e).kind()).isEqualTo(TrapKind.CALL_STACK_EXHAUSTED));
    // The module stays usable afterwards.
    assertThat(m.exportedFunction("add").call(1, 2)).containsExactly(3);
  }

  @Test
  void closedModulesRefuseCalls() {
    Module m = runtime.instantiate(module());
    Function add = m.exportedFunction("add");
    m.close();
    assertThat(runtime.module("calc")).isNull();
    assertThatThrownBy(() -> add.call(1, 2))
        .isInstanceOf(WasmException.class)
        .hasMessage("cannot call calc.add: module \"calc\" is closed");
  }
}
