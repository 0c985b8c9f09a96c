package dev.zerowasm.wasi.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerowasm.FsConfig;
import dev.zerowasm.ModuleConfig;
import dev.zerowasm.api.ExitException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stack adapters: one per signature, arguments in the right slots. */
class WasiStackFunctionsTest extends WasiTestBase {
  @TempDir Path tmp;

  @Test
  void everySignatureHasAnAdapterInTheSameOrder() {
    assertThat(WasiStackFunctions.all().keySet())
        .containsExactlyElementsOf(
            WasiFunctions.all().stream().map(WasiFunctionSignature::name).toList());
  }

  @Test
  void everyAdapterRunsOnAClosedFdWithoutThrowing() {
    start(ModuleConfig.create());
    for (WasiFunctionSignature sig : WasiFunctions.all()) {
      if (sig.name().equals("proc_exit")) {
        continue;
      }
      // fd 77 is closed; pointers point at offset 0 with length 0.
      long[] stack = new long[Math.max(1, sig.paramNames().size())];
      if (!sig.paramNames().isEmpty()) {
        stack[0] = 77;
      }
      WasiStackFunctions.get(sig.name()).call(wasi, mem, stack);
      assertThat(stack[0]).as(sig.name()).isBetween(0L, 76L);
    }
  }

  @Test
  void pathOpenAndFdWriteThroughTheStack() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    start(
        ModuleConfig.create().withStdout(out).withFsConfig(FsConfig.create().withDirMount(tmp, "/")));
    int len = put(PATH, "f.txt");
    long[] s = {3, 0, PATH, len, WasiConstants.OFLAGS_CREAT, RW, RW, 0, OUT};
    WasiStackFunctions.get("path_open").call(wasi, mem, s);
    assertThat(s[0]).isZero();
    int fd = outInt();
    put(BUF, "hi");
    mem.writeIntLe(IOVS, BUF);
    mem.writeIntLe(IOVS + 4, 2);
    s = new long[] {fd, IOVS, 1, OUT};
    WasiStackFunctions.get("fd_write").call(wasi, mem, s);
    assertThat(s[0]).isZero();
    assertThat(Files.readString(tmp.resolve("f.txt"))).isEqualTo("hi");
    // an i64 argument: seek back by -2 from the current position
    s = new long[] {fd, -2L, WasiConstants.WHENCE_CUR, OUT};
    WasiStackFunctions.get("fd_seek").call(wasi, mem, s);
    assertThat(s[0]).isZero();
    assertThat(outLong()).isZero();
    s = new long[] {1, IOVS, 1, OUT};
    WasiStackFunctions.get("fd_write").call(wasi, mem, s);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("hi");
  }

  @Test
  void procExitThrows() {
    start(ModuleConfig.create());
    assertThatThrownBy(() -> WasiStackFunctions.get("proc_exit").call(wasi, mem, new long[] {3}))
        .isInstanceOf(ExitException.class);
  }
}
