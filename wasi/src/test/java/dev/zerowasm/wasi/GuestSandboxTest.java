package dev.zerowasm.wasi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.FsConfig;
import dev.zerowasm.ModuleConfig;
import dev.zerowasm.RuntimeConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The sandbox as a real C guest (wasi-libc) sees it: escapes via {@code ..}, absolute paths and
 * symbolic links, and changes on a read-only mount, are all refused, on both engines.
 */
class GuestSandboxTest {
  @TempDir Path tmp;
  Path box;
  Path ro;
  Path secret;

  @BeforeEach
  void setUp() throws IOException {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    secret = Files.writeString(outside.resolve("secret.txt"), "TOP SECRET");
    box = Files.createDirectories(tmp.resolve("box"));
    Files.createDirectories(box.resolve("sub"));
    Files.writeString(box.resolve("inner.txt"), "inside");
    Files.createSymbolicLink(box.resolve("rel-out"), Path.of("../outside/secret.txt"));
    Files.createSymbolicLink(box.resolve("abs-out"), secret.toAbsolutePath());
    Files.createSymbolicLink(box.resolve("dir-out"), Path.of("../outside"));
    Files.createSymbolicLink(box.resolve("sub/up"), Path.of("../../outside/secret.txt"));
    ro = Files.createDirectories(tmp.resolve("ro"));
    Files.writeString(ro.resolve("keep.txt"), "unchanged");
  }

  private ModuleConfig config() {
    return ModuleConfig.create()
        .withFsConfig(FsConfig.create().withDirMount(box, "/").withReadOnlyDirMount(ro, "/ro"));
  }

  @ParameterizedTest
  @EnumSource(RuntimeConfig.EngineKind.class)
  void escapesAreRefused(RuntimeConfig.EngineKind engine) throws IOException {
    CProgramsTest.Run r =
        CProgramsTest.run(
            engine,
            config(),
            InputStream.nullInputStream(),
            "escape",
            "../outside/secret.txt",
            "/../outside/secret.txt",
            "sub/../../outside/secret.txt",
            "rel-out",
            "abs-out",
            "dir-out/secret.txt",
            "sub/up",
            "/ro/../../outside/secret.txt",
            secret.toAbsolutePath().toString());
    assertThat(r.stdout()).doesNotContain("TOP SECRET").doesNotContain("OPENED");
    assertThat(r.stdout().lines()).hasSize(9).allMatch(l -> l.startsWith("refused "));
    assertThat(r.exitCode()).isZero();
  }

  @ParameterizedTest
  @EnumSource(RuntimeConfig.EngineKind.class)
  void insideTheMountWorks(RuntimeConfig.EngineKind engine) throws IOException {
    // The control for the test above: the same command opens what is inside, and then fails.
    CProgramsTest.Run r =
        CProgramsTest.run(
            engine,
            config(),
            InputStream.nullInputStream(),
            "escape",
            "inner.txt",
            "sub/../inner.txt",
            "/ro/keep.txt");
    assertThat(r.stdout())
        .isEqualTo(
            "OPENED inner.txt: inside\nOPENED sub/../inner.txt: inside\n"
                + "OPENED /ro/keep.txt: unchanged\n");
    assertThat(r.exitCode()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(RuntimeConfig.EngineKind.class)
  void readOnlyMountRefusesChanges(RuntimeConfig.EngineKind engine) throws IOException {
    CProgramsTest.Run r =
        CProgramsTest.run(
            engine,
            config(),
            InputStream.nullInputStream(),
            "modify",
            "/ro/keep.txt",
            "/ro/new.txt");
    assertThat(r.stdout())
        .contains("write /ro/keep.txt: Read-only file system")
        .contains("write /ro/new.txt: Read-only file system")
        .contains("unlink /ro/keep.txt: Read-only file system")
        .doesNotContain("WROTE", "RENAMED", "UNLINKED");
    assertThat(r.exitCode()).isZero();
    assertThat(Files.readString(ro.resolve("keep.txt"))).isEqualTo("unchanged");
    assertThat(ro.resolve("new.txt")).doesNotExist();
    assertThat(ro.resolve("keep.txt.renamed")).doesNotExist();
  }
}
