package dev.zerowasm.sample;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Starts the sample application and checks what the WebAssembly module computed. */
@SpringBootTest
@ExtendWith(OutputCaptureExtension.class)
class SampleApplicationTest {
  @Test
  void printsResultsComputedByTheModule(CapturedOutput output) {
    assertThat(output).contains("fib(25) = 75025").contains("gcd(1071, 462) = 21");
  }
}
