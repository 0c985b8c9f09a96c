package dev.zerowasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerowasm.api.HostFunction;
import dev.zerowasm.api.ValueCodec;
import java.lang.reflect.UndeclaredThrowableException;
import org.junit.jupiter.api.Test;

/** The adapter {@link HostMethods#adapt} builds: one hidden class per method, stack encoding. */
class HostFuncReflectionAdapterTest {
  /** Host methods with a per-instance state, to tell adapted targets apart. */
  public static final class Target {
    private final long base;

    Target(long base) {
      this.base = base;
    }

    long plus(long x) {
      return base + x;
    }

    float scale(int i, double d) {
      return (float) (i * d);
    }

    void odd() throws Throwable {
      throw new Throwable("odd");
    }
  }

  private static HostFunction adapt(Object target, String name) {
    return HostMethods.adapt(HostMethods.find(target, name), target).function();
  }

  @Test
  void eachAdaptedMethodIsItsOwnHiddenClassBoundToItsTarget() throws Exception {
    HostFunction one = adapt(new Target(1), "plus");
    HostFunction hundred = adapt(new Target(100), "plus");
    assertThat(one.getClass().isHidden()).isTrue();
    assertThat(one.getClass()).isNotEqualTo(hundred.getClass());
    long[] stack = {5};
    one.call(null, stack);
    assertThat(stack[0]).isEqualTo(6);
    stack[0] = 5;
    hundred.call(null, stack);
    assertThat(stack[0]).isEqualTo(105);
  }

  @Test
  void parametersAreReadFromTheirSlotsAndTheResultWrittenToSlotZero() throws Exception {
    HostFunction scale = adapt(new Target(0), "scale");
    long[] stack = {ValueCodec.encodeI32(-3), ValueCodec.encodeF64(0.5)};
    scale.call(null, stack);
    assertThat(ValueCodec.decodeF32(stack[0])).isEqualTo(-1.5f);
    assertThat(stack[0] >>> 32).isZero(); // f32 bits are zero-extended, as ValueCodec encodes them
  }

  @Test
  void throwablesThatAreNeitherExceptionNorErrorAreWrapped() {
    HostFunction odd = adapt(new Target(0), "odd");
    assertThatThrownBy(() -> odd.call(null, new long[0]))
        .isInstanceOf(UndeclaredThrowableException.class)
        .cause()
        .hasMessage("odd");
  }
}
