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
}
