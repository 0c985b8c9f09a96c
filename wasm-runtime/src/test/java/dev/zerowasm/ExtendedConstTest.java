package dev.zerowasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerowasm.api.CompileException;
import dev.zerowasm.api.CoreFeature;
import dev.zerowasm.api.CoreFeatures;
import dev.zerowasm.api.Module;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link CoreFeature#EXTENDED_CONST}: integer arithmetic in constant expressions, opt-in on top of
 * 2.0, on both engines. The spec's own tests of the proposal run in {@code SpecTest}.
 */
class ExtendedConstTest {
  static Stream<RuntimeConfig> engines() {
    CoreFeatures features = CoreFeatures.V2.with(CoreFeature.EXTENDED_CONST);
    return Stream.of(
        RuntimeConfig.interpreter().withCoreFeatures(features),
        RuntimeConfig.compiler().withCoreFeatures(features));
  }

  private static final int I32_CONST = 0x41;
  private static final int I64_CONST = 0x42;
  private static final int GLOBAL_GET = 0x23;
  private static final int I32_ADD = 0x6A;
  private static final int I32_MUL = 0x6C;
  private static final int I64_SUB = 0x7D;

  /** Module "a": exports the immutable i32 global "base" = 100. */
  private static byte[] base() {
    return new WasmBuilder().globalI32(false, 100).export("base", 3, 0).build();
  }

  /** Imports a.base; (base + 16) * 2 as "scaled" and 5 - 7 as the i64 "diff". */
  private static byte[] arithmetic() {
    WasmBuilder b = new WasmBuilder();
    b.importGlobal("a", "base", WasmBuilder.I32, false)
        .global(WasmBuilder.I32, false,
            GLOBAL_GET, 0, I32_CONST, 16, I32_ADD, I32_CONST, 2, I32_MUL)
        .global(WasmBuilder.I64, false, I64_CONST, 5, I64_CONST, 7, I64_SUB)
        .export("scaled", 3, 1)
        .export("diff", 3, 2);
    return b.build();
  }

  @ParameterizedTest
  @MethodSource("engines")
  void integerArithmeticInitialisesGlobals(RuntimeConfig config) {
    try (Runtime runtime = Runtime.create(config)) {
      runtime.instantiate(runtime.compile(base()), ModuleConfig.create().withName("a"));
      Module m = runtime.instantiate(arithmetic());
      assertThat(m.exportedGlobal("scaled").get()).isEqualTo(232);
      assertThat(m.exportedGlobal("diff").get()).isEqualTo(-2);
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void operandsMustHaveTheOperatorsType(RuntimeConfig config) {
    WasmBuilder b = new WasmBuilder();
    b.global(WasmBuilder.I32, false, I32_CONST, 1, I64_CONST, 2, I32_ADD);
    try (Runtime runtime = Runtime.create(config)) {
      assertThatThrownBy(() -> runtime.compile(b.build()))
          .isInstanceOf(CompileException.class)
          .hasMessageContaining("type mismatch: i32.add needs two i32 operands");
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void withoutTheFeatureArithmeticIsNotConstant(RuntimeConfig config) {
    try (Runtime runtime =
        Runtime.create(config.withCoreFeatures(CoreFeatures.V2))) {
      assertThatThrownBy(() -> runtime.compile(arithmetic()))
          .isInstanceOf(CompileException.class)
          .hasMessageContaining("constant expression required: i32.add is not a constant");
    }
    assertThat(CoreFeatures.V2.contains(CoreFeature.EXTENDED_CONST)).isFalse();
  }
}
