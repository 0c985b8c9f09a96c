package dev.zerowasm.spectest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecValuesTest {
  private static Map<String, Object> v(String type, String value) {
    return Map.of("type", type, "value", value);
  }

  @Test
  void encodesArguments() {
    assertThat(
            SpecValues.encodeArgs(
                List.of(
                    v("i32", "4294967295"),
                    v("i64", "18446744073709551615"),
                    v("f32", "2143289344"),
                    v("f64", "9221120237041090560"),
                    v("externref", "0"),
                    v("externref", "null"),
                    v("funcref", "null"))))
        .containsExactly(-1L, -1L, 0x7fc00000L, 0x7ff8000000000000L, 1L, 0L, 0L);
  }

  @Test
  void encodesV128LanesLittleEndian() {
    Map<String, Object> value =
        Map.of("type", "v128", "lane_type", "i32", "value", List.of("1", "2", "3", "4294967295"));
    assertThat(SpecValues.encodeArgs(List.of(value)))
        .containsExactly(0x0000000200000001L, 0xffffffff00000003L);
  }

  @Test
  void comparesExactBitsAndNanClasses() {
    assertThat(SpecValues.mismatch(List.of(v("i32", "4294967295")), new long[] {-1})).isNull();
    assertThat(SpecValues.mismatch(List.of(v("i32", "1")), new long[] {2}))
        .contains("expected i32 1");
    // -0.0 and +0.0 differ.
    assertThat(SpecValues.mismatch(List.of(v("f32", "0")), new long[] {0x80000000L})).isNotNull();
    assertThat(SpecValues.mismatch(List.of(v("f32", "nan:canonical")), new long[] {0xffc00000L}))
        .isNull();
    assertThat(SpecValues.mismatch(List.of(v("f32", "nan:canonical")), new long[] {0x7fc00001L}))
        .isNotNull();
    assertThat(SpecValues.mismatch(List.of(v("f32", "nan:arithmetic")), new long[] {0x7fc00001L}))
        .isNull();
    assertThat(SpecValues.mismatch(List.of(v("f32", "nan:arithmetic")), new long[] {0x7f800001L}))
        .isNotNull();
    assertThat(
            SpecValues.mismatch(
                List.of(v("f64", "nan:canonical")), new long[] {0xfff8000000000000L}))
        .isNull();
    assertThat(
            SpecValues.mismatch(
                List.of(v("f64", "nan:arithmetic")), new long[] {0x7ff0000000000001L}))
        .isNotNull();
    assertThat(SpecValues.mismatch(List.of(v("externref", "1")), new long[] {2})).isNull();
    assertThat(SpecValues.mismatch(List.of(v("externref", "null")), new long[] {1})).isNotNull();
    assertThat(SpecValues.mismatch(List.of(v("i32", "1"), v("i32", "2")), new long[] {1}))
        .contains("expected 2 result(s)");
  }

  @Test
  void comparesV128PerLaneWithNanRules() {
    Map<String, Object> expected =
        Map.of(
            "type",
            "v128",
            "lane_type",
            "f32",
            "value",
            List.of("nan:canonical", "1065353216", "0", "0"));
    assertThat(SpecValues.mismatch(List.of(expected), new long[] {0x3f8000007fc00000L, 0}))
        .isNull();
    assertThat(SpecValues.mismatch(List.of(expected), new long[] {0x3f8000007fc00001L, 0}))
        .isNotNull();
  }
}
