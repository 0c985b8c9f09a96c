package dev.zerowasm.wasi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The public configuration objects are immutable and validate their input. */
class ConfigTest {

  @Test
  void wasiConfigWithersReturnCopies() {
    WasiConfig base = WasiConfig.create();
    WasiConfig c = base.withArgs("prog", "a").withEnv("K", "1").withEnv("L", "2").withEnv("K", "3");
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
    WasiConfig d =
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
  void wasiConfigRejectsBadInput() {
    WasiConfig c = WasiConfig.create();
    assertThatThrownBy(() -> c.withEnv("A=B", "x")).hasMessageContaining("A=B");
    assertThatThrownBy(() -> c.withEnv("", "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> c.withEnv("k", null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> c.withWalltime(() -> 0, 0)).hasMessageContaining("resolution");
    assertThatThrownBy(() -> c.withStdout(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void fsConfigKeepsMountsInOrder() {
    FsConfig empty = FsConfig.create();
    FsConfig fs =
        empty.withDirMount(Path.of("/a"), "/").withReadOnlyDirMount(Path.of("/b"), "/data");
    assertThat(empty.mounts()).isEmpty();
    assertThat(fs.mounts())
        .containsExactly(
            new FsConfig.Mount(Path.of("/a"), "/", false),
            new FsConfig.Mount(Path.of("/b"), "/data", true));
    assertThatThrownBy(() -> fs.mounts().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThat(WasiConfig.create().withFsConfig(fs).fsConfig()).isSameAs(fs);
  }
}
