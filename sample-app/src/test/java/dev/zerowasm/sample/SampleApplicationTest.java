package dev.zerowasm.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * Starts the sample application on a random port and calls its REST endpoints and the actuator
 * over real HTTP, so the whole path (controller, guest interface, pool, wasm, host callback) runs.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SampleApplicationTest {
  @Value("${local.server.port}")
  private int port;

  private RestClient http;

  @BeforeEach
  void client() {
    // statuses are asserted by the tests, so no status raises an exception here
    http =
        RestClient.builder()
            .baseUrl("http://localhost:" + port)
            .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {})
            .build();
  }

  private ResponseEntity<String> get(String path) {
    return http.get().uri(path).retrieve().toEntity(String.class);
  }

  @Test
  void fibonacciComesFromTheMathGuest() {
    ResponseEntity<String> response = get("/math/fib/25");
    assertThat(response.getStatusCode().value()).isEqualTo(200);
    assertThat(response.getBody()).contains("\"fib\":75025").contains("\"n\":25");
  }

  @Test
  void gcdComesFromTheMathGuest() {
    ResponseEntity<String> response = get("/math/gcd/1071/462");
    assertThat(response.getStatusCode().value()).isEqualTo(200);
    assertThat(response.getBody()).contains("\"gcd\":21");
  }

  @Test
  void aCallPastTheTimeoutIsAnswered503() {
    // recursive fib(60) needs about 3 * 10^12 calls: hours, far beyond math's 2s call-timeout
    ResponseEntity<String> response = get("/math/fib/60");
    assertThat(response.getStatusCode().value()).isEqualTo(503);
    assertThat(response.getBody()).contains("\"outcome\":\"timeout\"").contains("\"module\":\"math\"");
    // the pool replaces the stopped instance: the next call works
    assertThat(get("/math/fib/10").getBody()).contains("\"fib\":55");
  }

  @Test
  void textIsUpperCasedByTheGuestWhichCallsTheHostBack() {
    long before = loggedCount();
    ResponseEntity<String> response =
        http.post()
            .uri("/text/upper")
            .contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
            .body("Hello, wasm! é")
            .retrieve()
            .toEntity(String.class);
    assertThat(response.getStatusCode().value()).isEqualTo(200);
    assertThat(response.getBody()).isEqualTo("HELLO, WASM! é");
    assertThat(loggedCount()).isGreaterThan(before);
  }

  private long loggedCount() {
    String body = get("/text/logged").getBody();
    assertThat(body).matches("\\{\"logged\":\\d+}");
    return Long.parseLong(body.replaceAll("\\D", ""));
  }

  @Test
  void actuatorListsTheModulesAndTheirPools() {
    ResponseEntity<String> wasm = get("/actuator/wasm");
    assertThat(wasm.getStatusCode().value()).isEqualTo(200);
    assertThat(wasm.getBody())
        .contains("\"math\"", "\"text\"", "fib", "gcd", "upper", "maxSize");
    ResponseEntity<String> health = get("/actuator/health");
    assertThat(health.getStatusCode().value()).isEqualTo(200);
    assertThat(health.getBody()).contains("\"wasm\"").contains("\"UP\"");
  }
}
