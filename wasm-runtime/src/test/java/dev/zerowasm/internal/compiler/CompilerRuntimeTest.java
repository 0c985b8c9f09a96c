package dev.zerowasm.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerowasm.Runtime;
import dev.zerowasm.RuntimeConfig;
import dev.zerowasm.api.Function;
import dev.zerowasm.api.Module;
import dev.zerowasm.api.TrapException;
import dev.zerowasm.api.TrapKind;
import dev.zerowasm.internal.wasm.ModuleInstance;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The compiler through the public API: {@link RuntimeConfig#compiler()} on a spec module. */
class CompilerRuntimeTest {
  private static byte[] resource(String name) throws IOException {
    try (InputStream in = CompilerRuntimeTest.class.getResourceAsStream("/modules/" + name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void runsASpecModuleThroughTheRuntimeApi() throws IOException {
    try (Runtime runtime = Runtime.create(RuntimeConfig.compiler())) {
      assertThat(runtime.config().engine()).isEqualTo(RuntimeConfig.EngineKind.COMPILER);
      Module m = runtime.instantiate(resource("call_indirect.0.wasm"));
      ModuleInstance instance = (ModuleInstance) m;
      assertThat(instance.functions[instance.module.importedFunctionCount])
          .isInstanceOf(CompiledFunction.class);
      assertThat(m.exportedFunction("type-i32").call()).containsExactly(306);
      assertThat(m.exportedFunction("fac-i64").call(25)).containsExactly(7034535277573963776L);
      Function dispatch = m.exportedFunction("dispatch");
      assertThat(dispatch.call(12, 5)).containsExactly(120);
      assertThatThrownBy(() -> dispatch.call(0, 2))
          .isInstanceOfSatisfying(
              TrapException.class,
              e -> assertThat(e.kind()).isEqualTo(TrapKind.INDIRECT_CALL_TYPE_MISMATCH));
      assertThatThrownBy(() -> dispatch.call(32, 2))
          .isInstanceOfSatisfying(
              TrapException.class, e -> assertThat(e.kind()).isEqualTo(TrapKind.UNDEFINED_ELEMENT));
    }
  }

  /**
   * Accesses whose offset is below 2^31 rely on the JVM's index check and an int overflow test
   * (see RuntimeSupport): each edge must still trap, and a trapping store must write nothing.
   */
  @Test
  void memoryAccessesTrapExactlyAtTheBounds() throws IOException {
    try (Runtime runtime = Runtime.create(RuntimeConfig.compiler())) {
      Module m = runtime.instantiate(resource("compiler_bounds.wasm"));
      Function load1 = m.exportedFunction("load1");
      Function load8big = m.exportedFunction("load8big");
      Function load64 = m.exportedFunction("load64");
      Function store64at4 = m.exportedFunction("store64at4");
      Function store8 = m.exportedFunction("store8");
      m.memory().writeIntLe(65532, 0x11223344);
      assertThat(load1.call(65531)).containsExactly(0x11223344);
      assertTrap(() -> load1.call(65532));
      // addr + offset wraps around 2^32 to a valid index: must still trap.
      assertTrap(() -> load1.call(-1));
      assertTrap(() -> load1.call(-4));
      // addr + offset passes 2^31 (a negative int).
      assertTrap(() -> load8big.call(1));
      assertTrap(() -> load8big.call(0));
      assertTrap(() -> load8big.call(-0x7fffffff));
      assertThat(load64.call(65528)).hasSize(1);
      assertTrap(() -> load64.call(65529));
      assertTrap(() -> load64.call(Integer.MIN_VALUE));
      // A store that would run one byte past the end writes nothing.
      assertTrap(() -> store64at4.call(65525));
      assertThat(m.memory().readIntLe(65532)).isEqualTo(0x11223344);
      store64at4.call(65524);
      assertThat(m.memory().readLongLe(65528)).isEqualTo(-1L);
      store8.call(0);
      assertThat(m.memory().readByte(65535)).isEqualTo((byte) 7);
      assertTrap(() -> store8.call(1));
      assertTrap(() -> store8.call(-65535));
    }
  }

  private static void assertTrap(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            TrapException.class,
            e -> assertThat(e.kind()).isEqualTo(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS));
  }
}
