package dev.zerowasm.sample;

import dev.zerowasm.spring.boot.autoconfigure.WasmCallException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Turns failures into HTTP answers: input an endpoint rejects is 400 with a message; of failed
 * guest calls, a timeout (e.g. {@code /math/fib/60} past the module's {@code call-timeout}) or a
 * full pool is 503, a trap, exit or other failure 500, and the body names the module, function and
 * outcome.
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
    return badRequest(e.getMessage());
  }

  /** Maps a path or query parameter of the wrong type (e.g. {@code ?indent=x}) to 400. */
  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  public ResponseEntity<Map<String, Object>> handle(MethodArgumentTypeMismatchException e) {
    String type = e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName();
    return badRequest(
        "parameter " + e.getName() + " must be of type " + type + ", was \"" + e.getValue() + "\"");
  }

  /** Maps a request without a (readable) body to 400. */
  @ExceptionHandler(HttpMessageNotReadableException.class)
  public ResponseEntity<Map<String, Object>> handle(HttpMessageNotReadableException e) {
    return badRequest("the request needs a body");
  }

  private static ResponseEntity<Map<String, Object>> badRequest(String message) {
    return ResponseEntity.badRequest().body(Map.of("error", message));
  }
}
