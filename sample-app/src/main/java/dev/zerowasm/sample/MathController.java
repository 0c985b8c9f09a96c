package dev.zerowasm.sample;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** REST endpoints over the math guest: {@code GET /math/fib/{n}} and {@code GET /math/gcd/{a}/{b}}. */
@RestController
@RequestMapping("/math")
public class MathController {
  private final MathModule math;

  /** Creates the controller over the injected guest interface. */
  public MathController(MathModule math) {
    this.math = math;
  }

  /** The n-th Fibonacci number, e.g. {@code {"n":25,"fib":75025}}. */
  @GetMapping("/fib/{n}")
  public Map<String, Object> fib(@PathVariable("n") int n) {
    Map<String, Object> body = new LinkedHashMap<>(); // Map.of's order changes from run to run
    body.put("n", n);
    body.put("fib", math.fib(n));
    return body;
  }

  /** The greatest common divisor, e.g. {@code {"a":1071,"b":462,"gcd":21}}. */
  @GetMapping("/gcd/{a}/{b}")
  public Map<String, Object> gcd(@PathVariable("a") long a, @PathVariable("b") long b) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("a", a);
    body.put("b", b);
    body.put("gcd", math.gcd(a, b));
    return body;
  }
}
