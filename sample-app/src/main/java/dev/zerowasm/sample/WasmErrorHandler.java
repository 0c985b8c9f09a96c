package dev.zerowasm.sample;

import dev.zerowasm.spring.boot.autoconfigure.WasmCallException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns failures into HTTP answers: input an endpoint rejects is 400 with a message; of failed guest
 * calls, a timeout (e.g. {@code /math/fib/60} past the module's {@code call-timeout}) or a full pool
 * is 503, a trap, exit or other failure 500, and the body names the module, function and outcome.
 */
@RestControllerAdvice
public class WasmErrorHandler {
  /** Maps a {@link WasmCallException} to a JSON error. */
  @ExceptionHandler(WasmCallException.class)
  public ResponseEntity<Map<String, Object>> handle(WasmCallException e) {
    HttpStatus status =
        switch (e.getOutcome()) {
          case TIMEOUT, REJECTED -> HttpStatus.SERVICE_UNAVAILABLE;
          default -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("module", e.getModuleName());
    body.put("function", e.getFunctionName());
    body.put("outcome", e.getOutcome().tagValue());
    body.put("message", e.getMessage());
    return ResponseEntity.status(status).body(body);
  }

  /** Maps a {@link BadInputException} to 400 with {@code {"error": message}}. */
  @ExceptionHandler(BadInputException.class)
  public ResponseEntity<Map<String, Object>> handle(BadInputException e) {
    return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
  }
}
