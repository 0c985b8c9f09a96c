package dev.zerowasm.gojs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JsRefsTest {
  private final JsObject global = new JsObject();
  private final JsObject go = new JsObject();
  private final JsRefs refs = new JsRefs(global, go);

  private static long boxed(int flag, int id) {
    return (JsRefs.NAN_HEAD | flag) << 32 | id;
  }

  @Test
  void predefinedValuesHaveTheirFixedIds() {
    assertThat(refs.store(0.0)).isEqualTo(boxed(0, 1));
    assertThat(refs.store(-0.0)).isEqualTo(boxed(0, 1));
    assertThat(refs.store(null)).isEqualTo(boxed(0, 2));
    assertThat(refs.store(true)).isEqualTo(boxed(0, 3));
    assertThat(refs.store(false)).isEqualTo(boxed(0, 4));
    assertThat(refs.store(global)).isEqualTo(boxed(1, 5));
    assertThat(refs.store(go)).isEqualTo(boxed(1, 6));
    assertThat(refs.store(Double.NaN)).isEqualTo(boxed(0, 0));
    assertThat(refs.load(boxed(0, 0))).isEqualTo(Double.NaN);
    assertThat(refs.load(boxed(0, 2))).isNull();
    assertThat(refs.load(boxed(1, 5))).isSameAs(global);
    assertThat(refs.refCount(5)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void numbersAreTheirOwnBitsAndZeroBitsAreUndefined() {
    assertThat(refs.store(1.5)).isEqualTo(Double.doubleToRawLongBits(1.5));
    assertThat(refs.store(7)).isEqualTo(Double.doubleToRawLongBits(7.0));
    assertThat(refs.load(Double.doubleToRawLongBits(-3.25))).isEqualTo(-3.25);
    assertThat(refs.store(Undefined.INSTANCE)).isZero();
    assertThat(refs.load(0)).isSameAs(Undefined.INSTANCE);
    assertThat(refs.liveCount()).isEqualTo(7);
  }

  @Test
  void stringsByValueObjectsByIdentityWithTypeFlags() {
    long a = refs.store("x");
    long b = refs.store(new String("x"));
    assertThat(a).isEqualTo(b).isEqualTo(boxed(2, 7));
    assertThat(refs.refCount(7)).isEqualTo(2);
    long o1 = refs.store(new JsObject());
    long o2 = refs.store(new JsObject());
    assertThat(o1).isNotEqualTo(o2);
    assertThat(o1 >>> 32).isEqualTo(JsRefs.NAN_HEAD | 1);
    long f = refs.store(JsFunction.of("f", (t, args) -> null));
    assertThat(f >>> 32).isEqualTo(JsRefs.NAN_HEAD | 4);
  }

  @Test
  void finalizeCountsDownAndRecyclesIds() {
    JsObject o = new JsObject();
    long r1 = refs.store(o);
    refs.store(o);
    int id = (int) r1;
    refs.finalizeRef(id);
    assertThat(refs.load(r1)).isSameAs(o);
    refs.finalizeRef(id);
    assertThat(refs.load(r1)).isNull();
    assertThat(refs.liveCount()).isEqualTo(7);
    long r2 = refs.store("reuse");
    assertThat((int) r2).isEqualTo(id);
    assertThat(refs.load(r2)).isEqualTo("reuse");
  }

  @Test
  void unknownIdsAreReported() {
    assertThatThrownBy(() -> refs.load(boxed(1, 999)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("999");
  }
}
