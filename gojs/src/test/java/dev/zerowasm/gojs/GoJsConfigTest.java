package dev.zerowasm.gojs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class GoJsConfigTest {
  @Test
  void defaultsAreClosed() {
    GoJsConfig c = GoJsConfig.create();
    assertThat(c.workingDirectory()).isNull();
    assertThat(c.fetchEnabled()).isFalse();
    assertThat(c.httpClient()).isNull();
    assertThat(c.timeZone()).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void withMethodsReturnCopies() {
    GoJsConfig base = GoJsConfig.create();
    GoJsConfig c =
        base.withWorkingDirectory("/")
            .withTimeZone(ZoneId.of("Europe/Paris"))
            .withFetchEnabled(true);
    assertThat(base.workingDirectory()).isNull();
    assertThat(base.fetchEnabled()).isFalse();
    assertThat(c.workingDirectory()).isEqualTo("/");
    assertThat(c.fetchEnabled()).isTrue();
    assertThat(c.timeZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    HttpClient client = HttpClient.newHttpClient();
    assertThat(base.withHttpClient(client).fetchEnabled()).isTrue();
    assertThat(base.withHttpClient(client).httpClient()).isSameAs(client);
  }

  @Test
  void invalidValuesAreRefused() {
    GoJsConfig c = GoJsConfig.create();
    assertThatThrownBy(() -> c.withWorkingDirectory("rel")).hasMessageContaining("absolute");
    assertThatThrownBy(() -> c.withTimeZone(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> c.withHttpClient(null)).isInstanceOf(NullPointerException.class);
  }
}
