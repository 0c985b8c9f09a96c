package dev.zerowasm.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.docs.gettingstarted.Fib;
import dev.zerowasm.docs.gettingstarted.HostHello;
import dev.zerowasm.docs.gettingstarted.MathApplication;
import dev.zerowasm.docs.gettingstarted.WasiHello;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs the programs of docs/getting-started.md (the classes of {@code
 * dev.zerowasm.docs.gettingstarted}, which the page's java blocks copy) and checks what the page
 * says they print.
 */
class GettingStartedTest {

  @Test
  void callAnExport() {
    assertThat(StdOut.capture(() -> Fib.main(new String[0]))).isEqualTo("fib(25) = 75025\n");
  }

  @Test
  void hostFunction() {
    assertThat(StdOut.capture(() -> HostHello.main(new String[0])))
        .isEqualTo("Hello from wasm!\n");
  }

  @Test
  void wasiHello() {
    assertThat(StdOut.capture(() -> WasiHello.main(new String[0])))
        .isEqualTo("Hello, WASI!\nexit code 0\n");
  }

  @Test
  void theApplicationYmlOfThePageIsTheOneThisTestRuns() {
    List<Docs.Block> yaml =
        Docs.blocks(Docs.page("getting-started.md")).stream()
            .filter(b -> b.lang().equals("yaml"))
            .toList();
    assertThat(yaml).hasSize(1);
    assertThat(yaml.get(0).lines()).isEqualTo(Docs.lines(Path.of("application.yml")));
  }

  @Test
  void springBootApplication() throws Exception {
    // As `java -jar app.jar` would, on a free port instead of 8080.
    try (ConfigurableApplicationContext context =
        org.springframework.boot.SpringApplication.run(
            MathApplication.class, "--server.port=0")) {
      String port = context.getEnvironment().getProperty("local.server.port");
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fib/25")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("75025");
    }
  }
}
