package dev.zerowasm.sample;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST endpoints over the C plugin {@link StatsModule}: {@code POST /text/stats} (text statistics
 * as JSON), {@code POST /bytes/crc32} (a checksum of the body's bytes) and {@code POST
 * /text/stop-words} (an attempt to add a stop word, which the read-only mount refuses).
 */
@RestController
public class StatsController {
  /** Largest body the endpoints accept: the whole text is copied into guest memory. */
  static final int MAX_INPUT_BYTES = 1 << 20;

  /** One word as the guest counts it: letters, digits, apostrophes. */
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}']{1,64}");

  private final StatsModule stats;

  /** Creates the controller over the injected guest interface. */
  public StatsController(StatsModule stats) {
    this.stats = stats;
  }

  /**
   * Statistics of the plain-text body, e.g. {@code
   * {"lines":1,"words":3,"characters":13,"bytes":13,"distinctWords":3,"topWords":[...]}}; the JSON
   * is the guest's result, passed on as it is.
   */
  @PostMapping(
      path = "/text/stats",
      consumes = MediaType.TEXT_PLAIN_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public String textStats(@RequestBody String text) {
    checkSize(text.getBytes(StandardCharsets.UTF_8).length);
    return stats.stats(text);
  }

  /** The CRC-32 of the body's bytes, e.g. {@code {"bytes":9,"crc32":"cbf43926"}}. */
  @PostMapping(path = "/bytes/crc32", consumes = MediaType.APPLICATION_OCTET_STREAM_VALUE)
  public Map<String, Object> crc32(@RequestBody byte[] data) {
    checkSize(data.length);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("bytes", data.length);
    body.put("crc32", String.format("%08x", stats.crc32(data)));
    return body;
  }

  /**
   * Asks the guest to append the body (one word) to its stop-word file: 200 if it could, 403 with
   * the guest's error if the sandbox refused (as the sample's read-only mount always does).
   */
  @PostMapping(path = "/text/stop-words", consumes = MediaType.TEXT_PLAIN_VALUE)
  public ResponseEntity<Map<String, Object>> addStopWord(@RequestBody String word) {
    String trimmed = word.strip();
    if (!WORD.matcher(trimmed).matches()) {
      throw new BadInputException(
          "a stop word is one word of 1 to 64 letters, digits or apostrophes");
    }
    String error = stats.addStopWord(trimmed);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("word", trimmed);
    body.put("added", error.isEmpty());
    if (error.isEmpty()) {
      return ResponseEntity.ok(body);
    }
    body.put("error", error);
    return ResponseEntity.status(HttpStatus.FORBIDDEN).body(body);
  }

  private static void checkSize(int bytes) {
    if (bytes > MAX_INPUT_BYTES) {
      throw new BadInputException(
          "the body has " + bytes + " bytes; at most " + MAX_INPUT_BYTES + " are accepted");
    }
  }
}
