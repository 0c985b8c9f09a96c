package dev.zerowasm.gojs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsTypesTest {
  @Test
  void numbersPrintAsJavaScriptDoes() {
    assertThat(JsTypes.numberToString(0)).isEqualTo("0");
    assertThat(JsTypes.numberToString(-0.0)).isEqualTo("0");
    assertThat(JsTypes.numberToString(42)).isEqualTo("42");
    assertThat(JsTypes.numberToString(-7)).isEqualTo("-7");
    assertThat(JsTypes.numberToString(1.5)).isEqualTo("1.5");
    assertThat(JsTypes.numberToString(0.1)).isEqualTo("0.1");
    assertThat(JsTypes.numberToString(1e21)).isEqualTo("1e+21");
    assertThat(JsTypes.numberToString(1.5e-7)).isEqualTo("1.5e-7");
    assertThat(JsTypes.numberToString(123456789012.0)).isEqualTo("123456789012");
    assertThat(JsTypes.numberToString(0.000001)).isEqualTo("0.000001");
    assertThat(JsTypes.numberToString(Double.NaN)).isEqualTo("NaN");
    assertThat(JsTypes.numberToString(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
  }

  @Test
  void otherValuesToString() {
    assertThat(JsTypes.toJsString(null)).isEqualTo("null");
    assertThat(JsTypes.toJsString(Undefined.INSTANCE)).isEqualTo("undefined");
    assertThat(JsTypes.toJsString(true)).isEqualTo("true");
    assertThat(JsTypes.toJsString(new JsObject())).isEqualTo("[object Object]");
    assertThat(JsTypes.toJsString(new JsArray(List.of(1.0, "a")))).isEqualTo("1,a");
    assertThat(JsTypes.toJsString(new JsUint8Array(new byte[] {1, (byte) 255}))).isEqualTo("1,255");
  }

  @Test
  void conversions() {
    assertThat(JsTypes.toNumber(" 12 ")).isEqualTo(12);
    assertThat(JsTypes.toNumber("x")).isNaN();
    assertThat(JsTypes.toNumber(null)).isZero();
    assertThat(JsTypes.toNumber(true)).isEqualTo(1);
    assertThat(JsTypes.truthy("")).isFalse();
    assertThat(JsTypes.truthy(new JsObject())).isTrue();
    assertThat(JsTypes.arrayIndex("12")).isEqualTo(12);
    assertThat(JsTypes.arrayIndex("012")).isEqualTo(-1);
    assertThat(JsTypes.arrayIndex("length")).isEqualTo(-1);
  }
}
