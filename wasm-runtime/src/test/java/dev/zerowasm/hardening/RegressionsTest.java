package dev.zerowasm.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Inputs that once broke the runtime (found by {@link InstantiateFuzzTest}), committed under
 * {@code src/test/resources/regressions/}: each must now run on both engines exactly as the fuzz
 * test demands, ending in success or a documented exception.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RegressionsTest {
  static List<Path> inputs() throws IOException, URISyntaxException {
    URL dir = RegressionsTest.class.getClassLoader().getResource("regressions");
    assertThat(dir).as("regressions folder on the class path").isNotNull();
    try (Stream<Path> s = Files.list(Paths.get(dir.toURI()))) {
      return s.filter(p -> p.toString().endsWith(".wasm")).sorted().toList();
    }
  }

  @ParameterizedTest
  @MethodSource("inputs")
  void endsInSuccessOrADocumentedException(Path input) {
    String failure =
        InstantiateFuzzTest.runBothEngines(
            Hardening.read(input), 0, new InstantiateFuzzTest.Stats());
    assertThat(failure).as(input.getFileName().toString()).isNull();
  }
}
