package dev.zerowasm.gojs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.gojs.GoJsConfig;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Runs the real Go 1.19 fixtures end to end: the runtime's interpreter executes them, and their
 * imports go to the gojs host.
 */
class GoFixturesTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String name, GoJsConfig config) throws Exception {
    GoJsHost host = new GoJsHost(config.withStdout(out).withStderr(err));
    MiniInstance guest = new MiniInstance(GoJsFunctionsTest.fixture(name), host);
    return host.run(guest);
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void hello() throws Exception {
    int code = run("hello", GoJsConfig.create().withArgs("hello", "a", "b c").withEnv("GREETING", "hi"));
    assertThat(code).as(stderr()).isZero();
    assertThat(stdout())
        .isEqualTo(
            "hello, world\narg[0]=hello\narg[1]=a\narg[2]=b c\nGREETING=hi\nMISSING is unset\n");
    assertThat(stderr()).isEqualTo("to stderr\n");
  }
}
