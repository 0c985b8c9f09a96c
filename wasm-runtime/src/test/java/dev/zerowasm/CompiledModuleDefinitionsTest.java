package dev.zerowasm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.api.CustomSection;
import dev.zerowasm.api.FunctionDefinition;
import dev.zerowasm.api.MemoryDefinition;
import dev.zerowasm.api.ValueType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a compiled module tells before instantiation: functions, memories, custom sections. */
class CompiledModuleDefinitionsTest {
  /** The guest fixture with a custom section "extra" holding {1, 2, 3} appended. */
  private static byte[] guestWithExtraSection() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] guest = Fixtures.read("host/guest.wasm");
    out.write(guest, 0, guest.length);
    byte[] name = "extra".getBytes(StandardCharsets.UTF_8);
    out.write(0); // custom section id
    out.write(1 + name.length + 3); // section size (fits one LEB byte)
    out.write(name.length);
    out.write(name, 0, name.length);
    out.write(1);
    out.write(2);
    out.write(3);
    return out.toByteArray();
  }

  @Test
  void importedFunctionsAreDescribedBeforeInstantiation() {
    try (Runtime runtime = Runtime.create()) {
      CompiledModule compiled = runtime.compile(Fixtures.read("host/guest.wasm"));
      assertThat(compiled.name()).isEqualTo("guest");
      List<FunctionDefinition> imports = compiled.importedFunctions();
      assertThat(imports)
          .extracting(FunctionDefinition::name)
          .containsExactly("log", "add", "fail", "exit", "callback", "mix");
      FunctionDefinition log = imports.get(0);
      assertThat(log.importedAs()).contains(new FunctionDefinition.ImportName("env", "log"));
      assertThat(log.moduleName()).isEqualTo("guest");
      assertThat(log.index()).isZero();
      assertThat(log.debugName()).isEqualTo("guest.log");
      assertThat(log.paramTypes()).containsExactly(ValueType.I32, ValueType.I32);
      assertThat(log.paramNames()).containsExactly("offset", "length");
      assertThat(log.isHostFunction()).isFalse();
      assertThat(log.exportNames()).isEmpty();
      assertThat(imports.get(5).paramNames()).isEmpty(); // mix has unnamed parameters
    }
  }

  @Test
  void exportedFunctionsCarryNamesAndTypes() {
    try (Runtime runtime = Runtime.create()) {
      CompiledModule compiled = runtime.compile(Fixtures.read("host/guest.wasm"));
      assertThat(compiled.exportedFunctions().keySet())
          .startsWith("greet", "greet_indirect", "sum", "plus", "fail");
      FunctionDefinition sum = compiled.exportedFunctions().get("sum");
      assertThat(compiled.exportedFunctions().get("plus")).isSameAs(sum);
      assertThat(sum.name()).isEqualTo("sum");
      assertThat(sum.index()).isEqualTo(8);
      assertThat(sum.exportNames()).containsExactly("sum", "plus");
      assertThat(sum.importedAs()).isEmpty();
      assertThat(sum.paramTypes()).containsExactly(ValueType.I64, ValueType.I64);
      assertThat(sum.resultTypes()).containsExactly(ValueType.I64);
      assertThat(sum.paramNames()).containsExactly("a", "b");
      assertThat(sum.resultNames()).isEmpty();
      // No name in the name section: named after its export.
      assertThat(compiled.exportedFunctions().get("greet").name()).isEqualTo("greet");
      assertThat(compiled.exportedFunctions().get("fail").name()).isEqualTo("inner");
    }
  }

  @Test
  void exportedMemoriesAreDescribed() {
    try (Runtime runtime = Runtime.create()) {
      CompiledModule compiled = runtime.compile(Fixtures.read("host/guest.wasm"));
      assertThat(compiled.exportedMemories())
          .containsOnlyKeys("memory")
          .containsEntry(
              "memory",
              new MemoryDefinition("guest", 0, 1, 4, List.of("memory"), Optional.empty()));
    }
  }

  @Test
  void customSectionsAreKeptOnlyWhenAskedFor() {
    byte[] wasm = guestWithExtraSection();
    try (Runtime runtime = Runtime.create()) {
      assertThat(runtime.compile(wasm).customSections()).isEmpty();
    }
    try (Runtime runtime = Runtime.create(RuntimeConfig.defaults().withCustomSections(true))) {
      CompiledModule compiled = runtime.compile(wasm);
      assertThat(compiled.customSections())
          .extracting(CustomSection::name)
          .containsExactly("name", "extra");
      assertThat(compiled.customSections().get(1).data()).containsExactly(1, 2, 3);
      // The name section still names things.
      assertThat(compiled.name()).isEqualTo("guest");
    }
  }

  @Test
  void customSectionsOptionIsPartOfTheConfiguration() {
    RuntimeConfig on = RuntimeConfig.defaults().withCustomSections(true);
    assertThat(RuntimeConfig.defaults().customSections()).isFalse();
    assertThat(on.customSections()).isTrue();
    assertThat(on).isNotEqualTo(RuntimeConfig.defaults());
    assertThat(on.withMemoryLimitPages(3).customSections()).isTrue();
    assertThat(on.toString()).contains("customSections=true");
  }
}
