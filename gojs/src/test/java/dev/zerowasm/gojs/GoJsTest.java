package dev.zerowasm.gojs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerowasm.CompiledModule;
import dev.zerowasm.ModuleConfig;
import dev.zerowasm.Runtime;
import dev.zerowasm.RuntimeConfig;
import dev.zerowasm.api.ExitException;
import dev.zerowasm.api.Function;
import dev.zerowasm.api.Global;
import dev.zerowasm.api.Memory;
import dev.zerowasm.api.Module;
import dev.zerowasm.api.Table;
import dev.zerowasm.api.WasmException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GoJsTest {
  @Test
  void importNamesCoverBothAbis() {
    assertThat(GoJs.importNames())
        .hasSize(25)
        .contains("runtime.wasmExit", "syscall/js.valueCall", "syscall/js.copyBytesToJS", "debug");
    assertThat(GoJs.MODULE_GO).isEqualTo("go");
    assertThat(GoJs.MODULE_GOJS).isEqualTo("gojs");
  }

  /** A module with only the given exports, to check the adapter's errors. */
  private static Module module(Map<String, Function> functions, Memory memory) {
    return new Module() {
      @Override
      public String name() {
        return "m";
      }

      @Override
      public Function exportedFunction(String name) {
        return functions.get(name);
      }

      @Override
      public Global exportedGlobal(String name) {
        return null;
      }

      @Override
      public Memory exportedMemory(String name) {
        return null;
      }

      @Override
      public Table exportedTable(String name) {
        return null;
      }

      @Override
      public Memory memory() {
        return memory;
      }

      @Override
      public boolean isClosed() {
        return false;
      }

      @Override
      public void close() {}

      @Override
      public void closeWithExitCode(int exitCode) {}
    };
  }

  @Test
  void goGuestOfRefusesModulesThatAreNotGoPrograms() {
    assertThatThrownBy(() -> GoGuest.of(module(Map.of(), null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exports no function 'run'");
  }

  @Test
  void goGuestOfCallsTheExports() {
    long[] calls = new long[3];
    Function run =
        fn(
            args -> {
              calls[0] = args[0] * 10 + args[1];
              return new long[0];
            });
    Function resume =
        fn(
            args -> {
              calls[1]++;
              return new long[0];
            });
    Function getsp = fn(args -> new long[] {0x1234});
    GoGuest g =
        GoGuest.of(module(Map.of("run", run, "resume", resume, "getsp", getsp), new FakeMemory()));
    g.run(4, 2);
    g.resume();
    assertThat(calls[0]).isEqualTo(42);
    assertThat(calls[1]).isEqualTo(1);
    assertThat(g.getsp()).isEqualTo(0x1234);
    assertThat(g.memory()).isInstanceOf(FakeMemory.class);
  }

  @Test
  void runThrowsExitExceptionForNonZeroCodes() {
    GoJs gojs = GoJs.create(ModuleConfig.create(), GoJsConfig.create());
    FakeMemory mem = new FakeMemory();
    GoGuest guest =
        new GoGuest() {
          @Override
          public Memory memory() {
            return mem;
          }

          @Override
          public void run(int argc, int argv) {
            mem.writeIntLe(0x100 + 8, 5);
            gojs.call(GoJs.MODULE_GOJS, "runtime.wasmExit", 0x100);
          }

          @Override
          public void resume() {}

          @Override
          public int getsp() {
            return 0x100;
          }
        };
    assertThatThrownBy(() -> gojs.run(guest))
        .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.exitCode()).isEqualTo(5));
    assertThatThrownBy(() -> gojs.run(guest))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("once");
  }

  private static Function fn(java.util.function.Function<long[], long[]> body) {
    return new Function() {
      @Override
      public dev.zerowasm.api.FunctionDefinition definition() {
        return null;
      }

      @Override
      public long[] call(long... params) {
        return body.apply(params);
      }
    };
  }

  /** 64 KiB of memory. */
  static final class FakeMemory implements Memory {
    final java.nio.ByteBuffer b =
        java.nio.ByteBuffer.allocate(PAGE_SIZE).order(java.nio.ByteOrder.LITTLE_ENDIAN);

    @Override
    public int pages() {
      return 1;
    }

    @Override
    public long size() {
      return PAGE_SIZE;
    }

    @Override
    public long maxPages() {
      return 1;
    }

    @Override
    public int grow(int deltaPages) {
      return -1;
    }

    @Override
    public byte readByte(long offset) {
      return b.get((int) offset);
    }

    @Override
    public short readShortLe(long offset) {
      return b.getShort((int) offset);
    }

    @Override
    public int readIntLe(long offset) {
      return b.getInt((int) offset);
    }

    @Override
    public long readLongLe(long offset) {
      return b.getLong((int) offset);
    }

    @Override
    public float readFloatLe(long offset) {
      return b.getFloat((int) offset);
    }

    @Override
    public double readDoubleLe(long offset) {
      return b.getDouble((int) offset);
    }

    @Override
    public byte[] read(long offset, int length) {
      byte[] out = new byte[length];
      b.get((int) offset, out);
      return out;
    }

    @Override
    public void writeByte(long offset, byte value) {
      b.put((int) offset, value);
    }

    @Override
    public void writeShortLe(long offset, short value) {
      b.putShort((int) offset, value);
    }

    @Override
    public void writeIntLe(long offset, int value) {
      b.putInt((int) offset, value);
    }

    @Override
    public void writeLongLe(long offset, long value) {
      b.putLong((int) offset, value);
    }

    @Override
    public void writeFloatLe(long offset, float value) {
      b.putFloat((int) offset, value);
    }

    @Override
    public void writeDoubleLe(long offset, double value) {
      b.putDouble((int) offset, value);
    }

    @Override
    public void write(long offset, byte[] bytes) {
      b.put((int) offset, bytes);
    }
  }

  private static final byte[] HEADER = {0, 'a', 's', 'm', 1, 0, 0, 0};

  private static byte[] wasm(int... sections) {
    byte[] b = java.util.Arrays.copyOf(HEADER, HEADER.length + sections.length);
    for (int i = 0; i < sections.length; i++) {
      b[HEADER.length + i] = (byte) sections[i];
    }
    return b;
  }

  @Test
  void runRefusesModulesThatAreNotGoPrograms() {
    try (Runtime runtime = Runtime.create(RuntimeConfig.interpreter())) {
      CompiledModule empty = runtime.compile(wasm());
      assertThatThrownBy(() -> GoJs.run(runtime, empty, ModuleConfig.create(), GoJsConfig.create()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("imports no functions");
      // (type () -> ()) (import "env" "f" (func))
      CompiledModule env =
          runtime.compile(wasm(1, 4, 1, 0x60, 0, 0, 2, 9, 1, 3, 'e', 'n', 'v', 1, 'f', 0, 0));
      assertThatThrownBy(() -> GoJs.run(runtime, env, ModuleConfig.create(), GoJsConfig.create()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("env.f");
      assertThat(runtime.module("go")).isNull();
    }
  }

  private static byte[] fixture(String name) throws Exception {
    try (InputStream in = GoJsTest.class.getResourceAsStream("/go/" + name + ".wasm")) {
      return in.readAllBytes();
    }
  }

  @Test
  void oneRuntimeRunsGoProgramsOneAfterAnother() throws Exception {
    try (Runtime runtime = Runtime.create(RuntimeConfig.interpreter())) {
      CompiledModule program = runtime.compile(fixture("exit"));
      for (int i = 0; i < 2; i++) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModuleConfig config = ModuleConfig.create().withStdout(out);
        assertThatThrownBy(() -> GoJs.run(runtime, program, config))
            .isInstanceOfSatisfying(
                ExitException.class, e -> assertThat(e.exitCode()).isEqualTo(3));
        assertThat(out.toString(StandardCharsets.UTF_8))
            .isEqualTo("exiting with 3\n");
        assertThat(runtime.module("go")).as("the shared host module stays registered").isNotNull();
      }
    }
  }

  @Test
  void oneRuntimeRunsGoProgramsAtTheSameTime() throws Exception {
    try (Runtime runtime = Runtime.create()) {
      CompiledModule stdin = runtime.compile(fixture("stdin"));
      CompiledModule hello = runtime.compile(fixture("hello"));
      // Program A blocks reading its stdin until program B, started later, has finished: so both
      // are running at once on the same runtime, and each call reaches its own program's state.
      CountDownLatch bFinished = new CountDownLatch(1);
      InputStream blockingInput =
          new SequenceInputStream(
              new InputStream() {
                @Override
                public int read() throws IOException {
                  try {
                    bFinished.await();
                  } catch (InterruptedException e) {
                    throw new InterruptedIOException();
                  }
                  return -1;
                }
              },
              new ByteArrayInputStream("late\n".getBytes(StandardCharsets.UTF_8)));
      ByteArrayOutputStream outA = new ByteArrayOutputStream();
      ByteArrayOutputStream outB = new ByteArrayOutputStream();
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        Future<?> a =
            pool.submit(
                () -> {
                  GoJs.run(
                      runtime, stdin, ModuleConfig.create().withStdin(blockingInput).withStdout(outA));
                  return null;
                });
        Future<?> b =
            pool.submit(
                () -> {
                  GoJs.run(
                      runtime, hello, ModuleConfig.create().withArgs("hello", "b").withStdout(outB));
                  bFinished.countDown();
                  return null;
                });
        b.get(60, TimeUnit.SECONDS);
        a.get(60, TimeUnit.SECONDS);
      } finally {
        bFinished.countDown();
        pool.shutdownNow();
      }
      assertThat(outB.toString(StandardCharsets.UTF_8)).startsWith("hello, world\narg[0]=hello\narg[1]=b\n");
      assertThat(outA.toString(StandardCharsets.UTF_8)).isEqualTo("LATE\nlines: 1\n");
    }
  }

  @Test
  void aForeignModuleNamedGoIsNotReplaced() throws Exception {
    try (Runtime runtime = Runtime.create(RuntimeConfig.interpreter())) {
      runtime.newHostModuleBuilder("go").instantiate();
      CompiledModule program = runtime.compile(fixture("exit"));
      assertThatThrownBy(() -> GoJs.run(runtime, program, ModuleConfig.create()))
          .isInstanceOf(WasmException.class)
          .hasMessageContaining("already has a module named \"go\" that gojs did not register");
    }
  }
}
