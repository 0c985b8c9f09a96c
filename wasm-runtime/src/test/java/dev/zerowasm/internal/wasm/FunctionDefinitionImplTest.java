package dev.zerowasm.internal.wasm;

import static dev.zerowasm.internal.wasm.TestModules.params;
import static dev.zerowasm.internal.wasm.TestModules.type;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.api.FunctionDefinition;
import dev.zerowasm.api.ValueType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionDefinitionImplTest {
  @Test
  void namesComeFromTheNameSectionThenExports() {
    FuncType t = type(params(ValueType.I32, ValueType.I64), ValueType.F32);
    WasmModule m =
        new TestModules()
            .importFunction("env", "log", FuncType.EMPTY)
            .function(t, (i, s) -> {})
            .function(t, (i, s) -> {})
            .function(FuncType.EMPTY, (i, s) -> {})
            .export("second", ExternKind.FUNCTION, 2)
            .export("second_again", ExternKind.FUNCTION, 2)
            .names(new NameSection("mod", Map.of(1, "first"), Map.of(1, Map.of(1, "y"))))
            .build();
    FunctionDefinition[] defs = FunctionDefinitionImpl.forModule(m);
    assertThat(defs).hasSize(4);

    assertThat(defs[0].importedAs()).hasValue(new FunctionDefinition.ImportName("env", "log"));
    assertThat(defs[0].debugName()).isEqualTo("mod.$0");

    assertThat(defs[1].name()).isEqualTo("first");
    assertThat(defs[1].debugName()).isEqualTo("mod.first");
    assertThat(defs[1].paramTypes()).containsExactly(ValueType.I32, ValueType.I64);
    assertThat(defs[1].resultTypes()).containsExactly(ValueType.F32);
    assertThat(defs[1].paramNames()).containsExactly("", "y");
    assertThat(defs[1].exportNames()).isEmpty();
    assertThat(defs[1].importedAs()).isEmpty();
    assertThat(defs[1].isHostFunction()).isFalse();

    assertThat(defs[2].name()).isEqualTo("second");
    assertThat(defs[2].exportNames()).containsExactly("second", "second_again");
    assertThat(defs[2].paramNames()).isEmpty();

    assertThat(defs[3].name()).isEmpty();
    assertThat(defs[3].debugName()).isEqualTo("mod.$3");
    assertThat(defs[3].index()).isEqualTo(3);
  }

  @Test
  void hostDefinition() {
    FunctionDefinition d =
        FunctionDefinitionImpl.host(
            "env", 0, "log", type(params(ValueType.I32)), List.of("level"), List.of());
    assertThat(d.isHostFunction()).isTrue();
    assertThat(d.debugName()).isEqualTo("env.log");
    assertThat(d.exportNames()).containsExactly("log");
    assertThat(d.paramNames()).containsExactly("level");
  }
}
