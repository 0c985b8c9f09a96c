package dev.zerowasm.wasi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerowasm.CompiledModule;
import dev.zerowasm.FsConfig;
import dev.zerowasm.ModuleConfig;
import dev.zerowasm.Runtime;
import dev.zerowasm.api.ExitException;
import dev.zerowasm.api.FunctionDefinition;
import dev.zerowasm.api.WasmException;
import dev.zerowasm.wasi.internal.WasiFunctionSignature;
import dev.zerowasm.wasi.internal.WasiFunctions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public host module: registration, names, and one WASI state per guest instance. */
class WasiHostTest {
  @TempDir Path tmp;

  @Test
  void registersAll46FunctionsWithTheirNames() {
    try (Runtime runtime = Runtime.create();
        WasiHost wasi = WasiHost.instantiate(runtime)) {
      assertThat(runtime.module("wasi_snapshot_preview1")).isSameAs(wasi.hostModule());
      List<WasiFunctionSignature> all = WasiFunctions.all();
      assertThat(all).hasSize(46);
      for (WasiFunctionSignature sig : all) {
        FunctionDefinition d = wasi.hostModule().exportedFunction(sig.name()).definition();
        assertThat(d.paramTypes()).isEqualTo(sig.paramTypes());
        assertThat(d.resultTypes()).isEqualTo(sig.resultTypes());
        assertThat(d.paramNames()).isEqualTo(sig.paramNames());
      }
      FunctionDefinition fdWrite = wasi.hostModule().exportedFunction("fd_write").definition();
      assertThat(fdWrite.paramNames()).containsExactly("fd", "iovs", "iovs_len", "result.nwritten");
      assertThat(fdWrite.resultNames()).containsExactly("errno");
      assertThat(fdWrite.debugName()).isEqualTo("wasi_snapshot_preview1.fd_write");
      assertThat(wasi.hostModule().exportedFunction("proc_exit").definition().resultNames())
          .isEmpty();
      assertThatThrownBy(() -> WasiHost.instantiate(runtime))
          .isInstanceOf(WasmException.class)
          .hasMessageContaining("wasi_snapshot_preview1");
    }
  }

  @Test
  void closingUnregisters() {
    try (Runtime runtime = Runtime.create()) {
      WasiHost.instantiate(runtime).close();
      assertThat(runtime.module("wasi_snapshot_preview1")).isNull();
      try (WasiHost again = WasiHost.instantiate(runtime)) {
        assertThat(again.hostModule().isClosed()).isFalse();
      }
    }
  }

  private static String out(ByteArrayOutputStream b) {
    return b.toString(StandardCharsets.UTF_8);
  }

  @Test
  void eachGuestInstanceHasItsOwnState() throws IOException {
    Path a = Files.createDirectories(tmp.resolve("a"));
    Path b = Files.createDirectories(tmp.resolve("b"));
    Files.writeString(a.resolve("f.txt"), "in a");
    Files.writeString(b.resolve("f.txt"), "in b");
    try (Runtime runtime = Runtime.create();
        WasiHost wasi = WasiHost.instantiate(runtime)) {
      CompiledModule demo = runtime.compile(CProgramsTest.demo());
      ByteArrayOutputStream outA = new ByteArrayOutputStream();
      ByteArrayOutputStream outB = new ByteArrayOutputStream();
      ModuleConfig configA =
          ModuleConfig.create()
              .withArgs("demo", "escape", "f.txt")
              .withStdout(outA)
              .withFsConfig(FsConfig.create().withDirMount(a, "/"));
      ModuleConfig configB =
          ModuleConfig.create()
              .withArgs("demo", "escape", "f.txt")
              .withStdout(outB)
              .withFsConfig(FsConfig.create().withDirMount(b, "/"));
      assertThat(wasi.run(demo, configA).exitCode()).isEqualTo(1);
      assertThat(wasi.run(demo, configB).exitCode()).isEqualTo(1);
      assertThat(out(outA)).isEqualTo("OPENED f.txt: in a\n");
      assertThat(out(outB)).isEqualTo("OPENED f.txt: in b\n");

      // A guest instantiated with the default configuration has no arguments.
      ModuleConfig anonymous = ModuleConfig.create().withName("");
      assertThatThrownBy(() -> runtime.instantiate(demo, anonymous))
          .isInstanceOf(ExitException.class)
          .extracting(e -> ((ExitException) e).exitCode())
          .as("no args: usage, exit code 2")
          .isEqualTo(2);
    }
  }

  @Test
  void directInstantiationSeesItsOwnModuleConfig() throws IOException {
    ByteArrayOutputStream out1 = new ByteArrayOutputStream();
    ByteArrayOutputStream out2 = new ByteArrayOutputStream();
    try (Runtime runtime = Runtime.create();
        WasiHost wasi = WasiHost.instantiate(runtime)) {
      assertThat(wasi.hostModule().isClosed()).isFalse();
      CompiledModule demo = runtime.compile(CProgramsTest.demo());
      ModuleConfig base = ModuleConfig.create().withName("");
      runtime.instantiate(demo, base.withArgs("demo", "args", "q").withStdout(out1)).close();
      runtime.instantiate(demo, base.withArgs("demo", "args", "r", "s").withStdout(out2)).close();
      assertThat(out(out1)).isEqualTo("argc=3\nargv[1]=args\nargv[2]=q\n");
      assertThat(out(out2)).isEqualTo("argc=4\nargv[1]=args\nargv[2]=r\nargv[3]=s\n");
    }
  }
}
