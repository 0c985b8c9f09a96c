package dev.zerowasm.sample;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST endpoint over a Go program run through gojs: {@code POST /go/json?indent=2&sort=false}
 * validates and formats the JSON body with {@link JsonFormatter}.
 */
@RestController
@RequestMapping("/go")
public class GoController {
  private final JsonFormatter formatter;

  /** Creates the controller over the formatter service. */
  public GoController(JsonFormatter formatter) {
    this.formatter = formatter;
  }

  /**
   * The body, a JSON document, formatted by the Go tool; 400 with the tool's message (line and
   * column) if it is not valid JSON. The body is read as raw bytes, whatever its content type.
   */
  @PostMapping(path = "/json", produces = MediaType.APPLICATION_JSON_VALUE)
  public String json(
      @RequestBody byte[] body,
      @RequestParam(name = "indent", defaultValue = "2") int indent,
      @RequestParam(name = "sort", defaultValue = "false") boolean sort) {
    return formatter.format(body, indent, sort);
  }
}
