package dev.zerowasm.sample;

import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST endpoints over the text guest: {@code POST /text/upper} with a plain-text body, and {@code
 * GET /text/logged} for the number of host callbacks the guest made.
 */
@RestController
@RequestMapping("/text")
public class TextController {
  private final TextModule text;
  private final TextEvents events;

  /** Creates the controller over the injected guest interface and the host module bean. */
  public TextController(TextModule text, TextEvents events) {
    this.text = text;
    this.events = events;
  }

  /**
   * The request body with ASCII letters in upper case, as UTF-8 plain text (the request's charset
   * parameter decides how its body is read; the guest leaves non-ASCII characters alone).
   */
  @PostMapping(
      path = "/upper",
      consumes = MediaType.TEXT_PLAIN_VALUE,
      produces = "text/plain;charset=UTF-8")
  public String upper(@RequestBody String body) {
    return text.upper(body);
  }

  /** How many times the guest called the host's {@code env.log}, e.g. {@code {"logged":3}}. */
  @GetMapping("/logged")
  public Map<String, Object> logged() {
    return Map.of("logged", events.loggedCount());
  }
}
