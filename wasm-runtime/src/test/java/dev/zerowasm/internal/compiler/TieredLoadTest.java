package dev.zerowasm.internal.compiler;

import static dev.zerowasm.testing.TestModule.types;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.api.ValueType;
import dev.zerowasm.internal.engine.CodeOptions;
import dev.zerowasm.internal.engine.CodeStore;
import dev.zerowasm.internal.engine.CompiledCode;
import dev.zerowasm.internal.engine.Engine;
import dev.zerowasm.internal.interpreter.InterpreterEngine;
import dev.zerowasm.internal.wasm.ModuleInstance;
import dev.zerowasm.internal.wasm.WasmModule;
import dev.zerowasm.testing.Asm;
import dev.zerowasm.testing.TestModule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link CompilerEngine#load} of a large (here: tiered) module from a directory cache: the stored
 * classes are read and defined in the background, not before the first call; stored bytes that
 * are damaged or missing make the background compile and store the result.
 */
class TieredLoadTest {
  private final List<Runnable> background = new ArrayList<>();
  private final CompilerEngine tiered =
      new CompilerEngine(new InterpreterEngine(), 8000, 1500, 1, 0, background::add);
  private final CompilerEngine eager = new CompilerEngine(new InterpreterEngine(), 8000, 1500, 1);

  /** A store holding {@code stored}, recording what the engine does with it. */
  private static final class Recording implements CodeStore {
    final byte[] stored;
    int reads;
    final List<Throwable> unusable = new ArrayList<>();
    final List<byte[]> writes = new ArrayList<>();

    Recording(byte[] stored) {
      this.stored = stored;
    }

    @Override
    public byte[] read() {
      reads++;
      return stored;
    }

    @Override
    public void unusable(Throwable error) {
      unusable.add(error);
    }

    @Override
    public void write(byte[] bytes) {
      writes.add(bytes);
    }
  }

  /** add(a, b) = a + b, and twice(x) = add(x, x): two functions, two classes. */
  private static TestModule module() {
    TestModule m = new TestModule();
    int add =
        m.function(
            types(ValueType.I32, ValueType.I32),
            types(ValueType.I32),
            types(),
            new Asm().localGet(0).localGet(1).op(0x6A));
    m.function(
        types(ValueType.I32),
        types(ValueType.I32),
        types(),
        new Asm().localGet(0).localGet(0).call(add));
    return m;
  }

  /** Instantiates {@code m} with code from {@code store}; the background work is left pending. */
  private ModuleInstance load(TestModule m, Recording store) {
    return m.instantiate(
        new Engine() {
          @Override
          public CompiledCode compile(WasmModule module) {
            CompiledCode code = tiered.load(module, CodeOptions.NONE, store);
            assertThat(code).isInstanceOf(TieredCode.class);
            return code;
          }
        });
  }

  private byte[] storedBytes() {
    return eager.serialize(eager.compile(module().build()));
  }

  @Test
  void storedClassesAreReadAndDefinedInTheBackground() {
    byte[] bytes = storedBytes();
    Recording store = new Recording(bytes);
    TestModule m = module();
    load(m, store);
    assertThat(m.call1(1, 21)).isEqualTo(42); // on the interpreter: nothing read yet
    assertThat(store.reads).isZero();
    background.forEach(Runnable::run);
    assertThat(store.reads).isEqualTo(1);
    assertThat(m.call1(1, 21)).isEqualTo(42);
    assertThat(TieredSwitchTest.switched(m.instance(), 1)).isTrue();
    assertThat(store.writes).isEmpty(); // defined from the stored bytes, nothing compiled
    assertThat(store.unusable).isEmpty();
  }

  @Test
  void damagedOrMissingClassesAreCompiledAndStored() {
    byte[] bytes = storedBytes();
    for (byte[] stored : new byte[][] {Arrays.copyOf(bytes, bytes.length / 2), null}) {
      Recording store = new Recording(stored);
      TestModule m = module();
      load(m, store);
      background.forEach(Runnable::run);
      background.clear();
      assertThat(m.call1(1, 21)).isEqualTo(42);
      assertThat(TieredSwitchTest.switched(m.instance(), 1)).isTrue();
      assertThat(store.writes).hasSize(1);
      // What was stored defines working classes (generated in another order than the eager
      // engine's, so not byte for byte the same).
      byte[] written = store.writes.get(0);
      TestModule again = module();
      again.instantiate(
          new Engine() {
            @Override
            public CompiledCode compile(WasmModule module) {
              CompiledCode code = eager.deserialize(module, CodeOptions.NONE, written);
              assertThat(code).isNotNull().isNotInstanceOf(TieredCode.class);
              return code;
            }
          });
      assertThat(again.call1(1, 21)).isEqualTo(42);
    }
  }
}
