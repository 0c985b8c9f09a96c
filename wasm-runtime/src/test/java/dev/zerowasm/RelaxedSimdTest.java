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
 * {@link CoreFeature#RELAXED_SIMD} on both engines: where the proposal allows several results,
 * zerowasm's choice (docs/conformance.md), the same on both. The spec's own tests of the proposal
 * run in {@code SpecTest}. The fixture is {@code relaxed/relaxed.wat}.
 */
class RelaxedSimdTest {
  static Stream<RuntimeConfig> engines() {
    CoreFeatures features = CoreFeatures.V2.with(CoreFeature.RELAXED_SIMD);
    return Stream.of(
        RuntimeConfig.interpreter().withCoreFeatures(features),
        RuntimeConfig.compiler().withCoreFeatures(features));
  }

  private static final byte[] RELAXED = Fixtures.read("relaxed/relaxed.wasm");

  private static long f32(float f) {
    return Float.floatToRawIntBits(f) & 0xFFFF_FFFFL;
  }

  @ParameterizedTest
  @MethodSource("engines")
  void eachRelaxedInstructionGivesOneOfTheAllowedResults(RuntimeConfig config) {
    try (Runtime runtime = Runtime.create(config)) {
      Module m = runtime.instantiate(RELAXED);
      // madd rounds the product before adding: (1 + 2^-12)^2 - (1 + 2^-11) is 2^-24 exactly (what
      // a fused multiply-add gives), 0 with the product rounded first.
      float a = 1 + 0x1p-12f;
      assertThat(m.exportedFunction("madd").call(f32(a), f32(a), f32(-(1 + 0x1p-11f))))
          .containsExactly(f32(0f));
      assertThat(m.exportedFunction("madd").call(f32(2f), f32(3f), f32(4f)))
          .containsExactly(f32(10f));
      assertThat(
              m.exportedFunction("nmadd64")
                  .call(
                      Double.doubleToRawLongBits(2),
                      Double.doubleToRawLongBits(3),
                      Double.doubleToRawLongBits(10)))
          .containsExactly(Double.doubleToRawLongBits(4));
      // Both bytes signed: -128 * -128 twice wraps to -32768 in 16 bits.
      assertThat(m.exportedFunction("dot").call(-3, 5)).containsExactly(-30);
      assertThat(m.exportedFunction("dot").call(-128, -128)).containsExactly(-32768);
      assertThat(m.exportedFunction("dotAdd").call(-128, 127, 7)).containsExactly(-65024 + 7);
      // As the deterministic instructions: trunc_sat, swizzle, bitselect, min.
      assertThat(m.exportedFunction("truncNaN").call()).containsExactly(0);
      assertThat(m.exportedFunction("swizzleOutOfRange").call()).containsExactly(0);
      assertThat(m.exportedFunction("laneselect").call(0xF0F0L, 0x0F0FL, 0xFF00L))
          .containsExactly(0xF00FL);
      assertThat(m.exportedFunction("minZeros").call()).containsExactly(f32(-0f));
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void withoutTheFeatureRelaxedInstructionsAreMalformed(RuntimeConfig config) {
    try (Runtime runtime = Runtime.create(config.withCoreFeatures(CoreFeatures.V2))) {
      assertThatThrownBy(() -> runtime.compile(RELAXED))
          .isInstanceOf(CompileException.class)
          .hasMessageContaining("illegal opcode: needs RELAXED_SIMD");
    }
    assertThat(CoreFeatures.V2.contains(CoreFeature.RELAXED_SIMD)).isFalse();
  }
}
