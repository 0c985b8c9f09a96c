package dev.zerowasm.docs.gettingstarted;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Calls the guest through the injected interface. */
@RestController
public class MathController {
  private final MathModule math;

  public MathController(MathModule math) {
    this.math = math;
  }

  @GetMapping("/fib/{n}")
  public int fib(@PathVariable("n") int n) {
    return math.fib(n);
  }
}
