package dev.zerowasm.gojs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerowasm.wasi.FsConfig;
import java.nio.file.Path;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class GoJsConfigTest {
  @Test
  void defaultsAreClosed() {
    GoJsConfig c = GoJsConfig.create();
    assertThat(c.args()).containsExactly("js");
    assertThat(c.env()).isEmpty();
    assertThat(c.fsConfig().mounts()).isEmpty();
    assertThat(c.workingDirectory()).isNull();
    assertThat(c.fetchEnabled()).isFalse();
    assertThat(c.httpClient()).isNull();
    assertThat(c.timeZone()).isEqualTo(java.time.ZoneOffset.UTC);
  }

  @Test
  void withMethodsReturnCopies() {
    GoJsConfig base = GoJsConfig.create();
    GoJsConfig c =
        base.withArgs("p", "a")
            .withEnv("K", "v")
            .withEnv("K", "w")
            .withFsConfig(FsConfig.create().withDirMount(Path.of("."), "/"))
            .withWorkingDirectory("/")
            .withTimeZone(ZoneId.of("Europe/Paris"))
            .withFetchEnabled(true);
    assertThat(base.args()).containsExactly("js");
    assertThat(base.env()).isEmpty();
    assertThat(c.args()).containsExactly("p", "a");
    assertThat(c.env()).containsExactly(java.util.Map.entry("K", "w"));
    assertThat(c.fsConfig().mounts()).hasSize(1);
    assertThat(c.fetchEnabled()).isTrue();
    assertThat(c.timeZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(base.withHttpClient(java.net.http.HttpClient.newHttpClient()).fetchEnabled())
        .isTrue();
  }

  @Test
  void invalidValuesAreRefused() {
    GoJsConfig c = GoJsConfig.create();
    assertThatThrownBy(() -> c.withEnv("A=B", "x")).hasMessageContaining("A=B");
    assertThatThrownBy(() -> c.withEnv("", "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> c.withWorkingDirectory("rel")).hasMessageContaining("absolute");
    assertThatThrownBy(() -> c.withStdout(null)).isInstanceOf(NullPointerException.class);
  }
}
