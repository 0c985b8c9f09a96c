package dev.zerowasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The system settings of {@link ModuleConfig} (what WASI and gojs show a guest) and {@link
 * FsConfig}: immutable, and validated when set.
 */
class ModuleConfigSystemTest {
  @TempDir Path tmp;

  @Test
  void withersReturnCopies() {
    ModuleConfig base = ModuleConfig.create();
    ModuleConfig c = base.withArgs("prog", "a").withEnv("K", "1").withEnv("L", "2").withEnv("K", "3");
    assertThat(base.args()).isEmpty();
    assertThat(base.env()).isEmpty();
    assertThat(c.args()).containsExactly("prog", "a");
    assertThat(c.env())
        .containsExactly(java.util.Map.entry("K", "3"), java.util.Map.entry("L", "2"));
    assertThatThrownBy(() -> c.env().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayInputStream in = new ByteArrayInputStream(new byte[0]);
    Random random = new Random(1);
    ModuleConfig d =
        c.withStdout(out)
            .withStderr(out)
            .withStdin(in)
            .withRandSource(random)
            .withWalltime(() -> 5, 10)
            .withNanotime(() -> 6, 2);
    assertThat(d.stdout()).isSameAs(out);
    assertThat(d.stderr()).isSameAs(out);
    assertThat(d.stdin()).isSameAs(in);
    assertThat(d.randSource()).isSameAs(random);
    assertThat(d.walltime().getAsLong()).isEqualTo(5);
    assertThat(d.walltimeResolution()).isEqualTo(10);
    assertThat(d.nanotime().getAsLong()).isEqualTo(6);
    assertThat(d.nanotimeResolution()).isEqualTo(2);
    assertThat(c.stdout()).isNotSameAs(out);
    assertThat(d.args()).containsExactly("prog", "a");
  }

  @Test
  void badInputIsRejected() {
    ModuleConfig c = ModuleConfig.create();
    assertThatThrownBy(() -> c.withEnv("A=B", "x")).hasMessageContaining("A=B");
    assertThatThrownBy(() -> c.withEnv("", "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> c.withEnv("k", null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> c.withWalltime(() -> 0, 0)).hasMessageContaining("resolution");
    assertThatThrownBy(() -> c.withStdout(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void fsConfigKeepsMountsInOrder() throws Exception {
    Path a = Files.createDirectory(tmp.resolve("a"));
    Path b = Files.createDirectory(tmp.resolve("b"));
    FsConfig empty = FsConfig.create();
    FsConfig fs = empty.withDirMount(a, "/").withReadOnlyDirMount(b, "/data");
    assertThat(empty.mounts()).isEmpty();
    assertThat(fs.mounts())
        .containsExactly(new FsConfig.Mount(a, "/", false), new FsConfig.Mount(b, "/data", true));
    assertThatThrownBy(() -> fs.mounts().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThat(ModuleConfig.create().withFsConfig(fs).fsConfig()).isSameAs(fs);
  }

  @Test
  void aMountMustBeAnExistingDirectoryWhenConfigured() throws Exception {
    Path file = Files.writeString(tmp.resolve("file.txt"), "x");
    Path missing = tmp.resolve("missing");
    assertThatThrownBy(() -> FsConfig.create().withDirMount(missing, "/data"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mount '/data'")
        .hasMessageContaining(missing.toUri().toString())
        .hasMessageContaining("not an existing directory");
    assertThatThrownBy(() -> FsConfig.create().withReadOnlyDirMount(file, "/"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an existing directory");
  }

  @Test
  void systemSettingsAreReadBackFromTheInstance() {
    ModuleConfig config = ModuleConfig.create().withArgs("p").withEnv("K", "v").withName("m");
    try (Runtime runtime = Runtime.create()) {
      dev.zerowasm.api.Module module =
          runtime.instantiate(runtime.compile(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0}), config);
      assertThat(ModuleConfig.of(module)).isSameAs(config);
      dev.zerowasm.api.Module host = runtime.newHostModuleBuilder("h").instantiate();
      assertThat(ModuleConfig.of(host)).isSameAs(ModuleConfig.create());
    }
  }
}
