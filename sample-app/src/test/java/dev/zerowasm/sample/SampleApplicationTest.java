package dev.zerowasm.sample;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.zip.CRC32;
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
 * Starts the sample application on a random port and calls every REST endpoint and the actuator
 * over real HTTP, so the whole path (controller, guest interface, pool, wasm, host callback, WASI,
 * gojs, metrics) runs.
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

  private ResponseEntity<String> post(String path, MediaType type, Object body) {
    return http.post().uri(path).contentType(type).body(body).retrieve().toEntity(String.class);
  }

  private ResponseEntity<String> postText(String path, String body) {
    return post(path, new MediaType("text", "plain", StandardCharsets.UTF_8), body);
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
  void textStatisticsComeFromTheCPluginWithItsWasiConfiguration() {
    // "the" and "a" (3 times each) are in data/stopwords.txt, read through the read-only mount;
    // STATS_TOP_WORDS=4 (env) keeps 4 of the 6 other words; Été/déjà: 2-byte characters
    ResponseEntity<String> response =
        postText(
            "/text/stats", "The fox and the dog.\nA fox, a dog, a cat: the fox wins!\nÉté déjà");
    assertThat(response.getStatusCode().value()).isEqualTo(200);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
    assertThat(response.getBody())
        .isEqualTo(
            "{\"lines\":3,\"words\":16,\"characters\":64,\"bytes\":68,\"distinctWords\":9,"
                + "\"topWords\":[{\"word\":\"fox\",\"count\":3},{\"word\":\"dog\",\"count\":2},"
                + "{\"word\":\"cat\",\"count\":1},{\"word\":\"déjà\",\"count\":1}]}");
  }

  @Test
  void tooLargeTextIsAnswered400() {
    ResponseEntity<String> response =
        postText("/text/stats", "x".repeat(StatsController.MAX_INPUT_BYTES + 1));
    assertThat(response.getStatusCode().value()).isEqualTo(400);
    assertThat(response.getBody()).contains("at most 1048576 are accepted");
  }

  @Test
  void crc32ComesFromTheCPluginAndMatchesJava() {
    ResponseEntity<String> check =
        post("/bytes/crc32", MediaType.APPLICATION_OCTET_STREAM, "123456789".getBytes(UTF_8));
    assertThat(check.getBody()).isEqualTo("{\"bytes\":9,\"crc32\":\"cbf43926\"}");

    byte[] data = new byte[100_000];
    new Random(7).nextBytes(data);
    CRC32 expected = new CRC32();
    expected.update(data);
    ResponseEntity<String> response =
        post("/bytes/crc32", MediaType.APPLICATION_OCTET_STREAM, data);
    assertThat(response.getStatusCode().value()).isEqualTo(200);
    assertThat(response.getBody())
        .isEqualTo(
            String.format("{\"bytes\":100000,\"crc32\":\"%08x\"}", expected.getValue()));
  }

  @Test
  void theCPluginCannotWriteToItsReadOnlyMount() throws Exception {
    Path stopWords = Path.of("data/stopwords.txt");
    String before = Files.readString(stopWords);
    ResponseEntity<String> response = postText("/text/stop-words", "fox");
    assertThat(response.getStatusCode().value()).isEqualTo(403);
    assertThat(response.getBody())
        .contains("\"added\":false")
        .contains("cannot open /data/stopwords.txt for writing: Read-only file system");
    assertThat(Files.readString(stopWords)).isEqualTo(before);

    ResponseEntity<String> bad = postText("/text/stop-words", "two words");
    assertThat(bad.getStatusCode().value()).isEqualTo(400);
    assertThat(bad.getBody()).contains("one word of 1 to 64 letters");
  }

  @Test
  void jsonIsFormattedByTheGoProgram() {
    ResponseEntity<String> response =
        post(
            "/go/json?indent=2&sort=true",
            MediaType.APPLICATION_JSON,
            "{\"b\":1,\"a\":[1,2.0,{\"x\":\"<y>\"}]}");
    assertThat(response.getStatusCode().value()).isEqualTo(200);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
    assertThat(response.getBody())
        .isEqualTo(
            "{\n  \"a\": [\n    1,\n    2.0,\n    {\n      \"x\": \"<y>\"\n    }\n  ],\n"
                + "  \"b\": 1\n}\n");

    ResponseEntity<String> compact =
        post("/go/json?indent=0", MediaType.APPLICATION_JSON, "{ \"b\" : 1,\n \"a\": [ true ] }");
    assertThat(compact.getBody()).isEqualTo("{\"b\":1,\"a\":[true]}\n");
  }

  @Test
  void invalidJsonIsAnswered400WithTheGoProgramsMessage() {
    ResponseEntity<String> response =
        post("/go/json", MediaType.APPLICATION_JSON, "{\"a\": 1,\n \"b\" 2}");
    assertThat(response.getStatusCode().value()).isEqualTo(400);
    assertThat(response.getBody())
        .contains("invalid JSON at line 2, column 6: invalid character '2' after object key");

    ResponseEntity<String> indent = post("/go/json?indent=9", MediaType.APPLICATION_JSON, "{}");
    assertThat(indent.getStatusCode().value()).isEqualTo(400);
    assertThat(indent.getBody()).contains("indent must be 0..8, was 9");

    ResponseEntity<String> notANumber = post("/go/json?indent=x", MediaType.APPLICATION_JSON, "{}");
    assertThat(notANumber.getStatusCode().value()).isEqualTo(400);
    assertThat(notANumber.getBody())
        .contains("parameter indent must be of type int, was \\\"x\\\"");

    ResponseEntity<String> noBody =
        http.post().uri("/go/json").contentType(MediaType.APPLICATION_JSON).retrieve()
            .toEntity(String.class);
    assertThat(noBody.getStatusCode().value()).isEqualTo(400);
    assertThat(noBody.getBody()).contains("the request needs a body");
  }

  @Test
  void goProgramsRunConcurrently() {
    // two runs at once of the one compiled program, in the application's runtime (that they
    // really overlap is shown by GoProgramTest; documents stay small so that a cold start on the
    // interpreter tier fits the call timeout on a busy machine)
    List<CompletableFuture<ResponseEntity<String>>> runs =
        List.of(1, 2).stream()
            .map(
                i ->
                    CompletableFuture.supplyAsync(
                        () ->
                            post(
                                "/go/json?indent=0",
                                MediaType.APPLICATION_JSON,
                                "[" + "1, ".repeat(2_000) + i + "]")))
            .toList();
    for (int i = 0; i < runs.size(); i++) {
      ResponseEntity<String> response = runs.get(i).join();
      assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
      assertThat(response.getBody()).isEqualTo("[" + "1,".repeat(2_000) + (i + 1) + "]\n");
    }
  }

  @Test
  void prometheusShowsTheWasmMetricsOfEveryModule() {
    assertThat(get("/math/gcd/12/18").getStatusCode().value()).isEqualTo(200);
    assertThat(postText("/text/upper", "x").getStatusCode().value()).isEqualTo(200);
    assertThat(postText("/text/stats", "one two").getStatusCode().value()).isEqualTo(200);
    assertThat(post("/go/json", MediaType.APPLICATION_JSON, "[]").getStatusCode().value())
        .isEqualTo(200);
    assertThat(post("/go/json", MediaType.APPLICATION_JSON, "[").getStatusCode().value())
        .isEqualTo(400);

    ResponseEntity<String> response = get("/actuator/prometheus");
    assertThat(response.getStatusCode().value()).isEqualTo(200);
    List<String> counts =
        response.getBody().lines().filter(l -> l.startsWith("wasm_function_calls_seconds_count{"))
            .toList();
    assertThat(counts)
        .anyMatch(l -> l.contains("function=\"gcd\",module=\"math\",outcome=\"success\""))
        .anyMatch(l -> l.contains("function=\"upper\",module=\"text\",outcome=\"success\""))
        .anyMatch(l -> l.contains("function=\"stats\",module=\"stats\",outcome=\"success\""))
        .anyMatch(l -> l.contains("function=\"run\",module=\"jsonfmt\",outcome=\"success\""))
        .anyMatch(l -> l.contains("function=\"run\",module=\"jsonfmt\",outcome=\"exit\""));
    assertThat(response.getBody())
        .contains("wasm_pool_max{module=\"stats\"} 2.0")
        .contains("wasm_instantiations_total{module=\"stats\"}");
  }

  @Test
  void actuatorListsTheModulesAndTheirPools() {
    ResponseEntity<String> wasm = get("/actuator/wasm");
    assertThat(wasm.getStatusCode().value()).isEqualTo(200);
    assertThat(wasm.getBody())
        .contains("\"math\"", "\"text\"", "fib", "gcd", "upper", "maxSize")
        .contains("\"stats\"", "crc32", "add_stop_word", "class path resource [wasm/stats.wasm]");
    ResponseEntity<String> health = get("/actuator/health");
    assertThat(health.getStatusCode().value()).isEqualTo(200);
    assertThat(health.getBody()).contains("\"wasm\"").contains("\"UP\"");
  }
}
