package dev.zerowasm.sample;

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
    return Map.of("n", n, "fib", math.fib(n));
  }

  /** The greatest common divisor, e.g. {@code {"a":1071,"b":462,"gcd":21}}. */
  @GetMapping("/gcd/{a}/{b}")
  public Map<String, Object> gcd(@PathVariable("a") long a, @PathVariable("b") long b) {
    return Map.of("a", a, "b", b, "gcd", math.gcd(a, b));
  }
}
