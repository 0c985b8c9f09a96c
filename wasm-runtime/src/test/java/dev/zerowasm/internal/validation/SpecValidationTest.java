package dev.zerowasm.internal.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.zerowasm.api.CompileException;
import dev.zerowasm.api.CoreFeatures;
import dev.zerowasm.internal.binary.Decoder;
import dev.zerowasm.internal.wasm.WasmModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the validator over the spec test data: every {@code module} command's binary must decode and
 * validate, and every binary {@code assert_invalid} must be rejected with a {@link
 * CompileException} (phase VALIDATE; a few are already caught by the decoder, which the summary
 * lists). Profiles: {@code v1} with {@link CoreFeatures#V1}, and 2.0 final ({@code v2} overlaid
 * with {@code v2-wg-2.0-delta}) with {@link CoreFeatures#V2}, including the {@code simd_*} files
 * ({@link SimdSpecDataTest} checks those on their own as well).
 *
 * <p>The spec JSON has one command per line, so a few regular expressions read it.
 */
class SpecValidationTest {
  private static final Pattern TYPE = Pattern.compile("\"type\": \"(\\w+)\"");
  private static final Pattern LINE = Pattern.compile("\"line\": (\\d+)");
  private static final Pattern FILENAME = Pattern.compile("\"filename\": \"([^\"]+)\"");
  private static final Pattern TEXT = Pattern.compile("\"text\": \"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern MODULE_TYPE = Pattern.compile("\"module_type\": \"(\\w+)\"");

  /**
   * assert_invalid commands whose binary is rejected for a different reason than the script's text
   * says, with why. Everything else must match the text (as a prefix of our reason).
   */
  private static final Map<String, String> KNOWN_WORDING =
      Map.of(
          "select.json:324",
          "wast2json encodes the text \"select (result)\" (typed, no types) as untyped select 0x1B,"
              + " which with a single operand is a type mismatch rather than an arity error");

  /** The spec test folder, or a skipped/failed assumption when it is missing. */
  static Path specDir() {
    String dir = System.getProperty("zerowasm.spectest.dir", "../../shared/spectest");
    Path path = Paths.get(dir);
    if (!Files.isDirectory(path.resolve("v1"))) {
      if ("true".equals(System.getenv("CI"))) {
        fail("spec test data not found at " + path.toAbsolutePath() + " (CI=true)");
      }
      Assumptions.abort("spec test data not found at " + path.toAbsolutePath() + "; skipping");
    }
    try {
      Decoder.decode(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0}, CoreFeatures.V2);
    } catch (UnsupportedOperationException e) {
      // Until the decoder lands on this branch there is nothing to load the binaries with.
      Assumptions.abort("the decoder is not built yet; skipping the spec data");
    }
    return path;
  }

  @TestFactory
  Stream<DynamicContainer> v1() {
    Path dir = specDir().resolve("v1");
    return Stream.of(profile("v1", jsonFiles(dir, List.of()), CoreFeatures.V1));
  }

  @TestFactory
  Stream<DynamicContainer> v2Final() {
    Path v2 = specDir().resolve("v2");
    Path delta = specDir().resolve("v2-wg-2.0-delta");
    List<Path> deltaFiles = jsonFiles(delta, List.of());
    List<String> replaced = deltaFiles.stream().map(p -> p.getFileName().toString()).toList();
    List<Path> files = new ArrayList<>(jsonFiles(v2, replaced));
    files.addAll(deltaFiles);
    return Stream.of(profile("v2 final", files, CoreFeatures.V2));
  }

  private static List<Path> jsonFiles(Path dir, List<String> excluded) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".json"))
          .filter(p -> !excluded.contains(p.getFileName().toString()))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Counts over one profile, printed as its summary. */
  private static final class Counts {
    int validModules;
    int skippedSimd;
    int invalidByValidator;
    int validatedByDecoder;
    int skippedInvalid;
    final List<String> invalidByDecoder = new ArrayList<>();
    final Map<String, Integer> reasons = new TreeMap<>();
  }

  private static DynamicContainer profile(String name, List<Path> files, CoreFeatures features) {
    Counts counts = new Counts();
    List<DynamicTest> tests = new ArrayList<>();
    for (Path file : files) {
      tests.add(
          DynamicTest.dynamicTest(
              file.getParent().getFileName() + "/" + file.getFileName(),
              () -> runFile(file, features, counts)));
    }
    tests.add(
        DynamicTest.dynamicTest(
            "summary",
            () -> {
              System.out.printf(
                  "[%s] modules valid: %d, modules skipped (SIMD): %d; assert_invalid rejected in"
                      + " phase VALIDATE: %d (of which raised while decoding: %d), in phase DECODE:"
                      + " %d, skipped (SIMD): %d%n",
                  name,
                  counts.validModules,
                  counts.skippedSimd,
                  counts.invalidByValidator,
                  counts.validatedByDecoder,
                  counts.invalidByDecoder.size(),
                  counts.skippedInvalid);
              counts.invalidByDecoder.forEach(s -> System.out.println("  decoder: " + s));
              assertThat(counts.validModules).isPositive();
            }));
    return DynamicContainer.dynamicContainer(name, tests);
  }

  private static void runFile(Path json, CoreFeatures features, Counts counts) throws IOException {
    List<String> failures = new ArrayList<>();
    for (String line : Files.readAllLines(json)) {
      Matcher type = TYPE.matcher(line);
      if (!type.find()) {
        continue;
      }
      String command = type.group(1);
      if (!command.equals("module") && !command.equals("assert_invalid")) {
        continue;
      }
      Matcher fm = FILENAME.matcher(line);
      Matcher mt = MODULE_TYPE.matcher(line);
      if (!fm.find() || (mt.find() && !mt.group(1).equals("binary"))) {
        continue;
      }
      String where = json.getFileName() + ":" + lineNumber(line) + " " + fm.group(1);
      byte[] bytes = Files.readAllBytes(json.resolveSibling(fm.group(1)));
      if (command.equals("module")) {
        checkValid(bytes, features, where, counts, failures);
      } else {
        Matcher text = TEXT.matcher(line);
        checkInvalid(bytes, features, where, text.find() ? text.group(1) : "?", counts, failures);
      }
    }
    if (!failures.isEmpty()) {
      fail(failures.size() + " failure(s) in " + json + ":\n  " + String.join("\n  ", failures));
    }
  }

  private static String lineNumber(String line) {
    Matcher m = LINE.matcher(line);
    return m.find() ? m.group(1) : "?";
  }

  private static boolean isSimd(CompileException e) {
    return e.phase() == CompileException.Phase.DECODE && e.reason().contains("SIMD");
  }

  private static void checkValid(
      byte[] bytes, CoreFeatures features, String where, Counts counts, List<String> failures) {
    WasmModule module;
    try {
      module = Decoder.decode(bytes, features);
    } catch (CompileException e) {
      if (isSimd(e)) {
        counts.skippedSimd++;
      } else {
        failures.add(where + ": valid module failed to decode: " + e.getMessage());
      }
      return;
    }
    try {
      Validator.validate(module, features);
      counts.validModules++;
    } catch (RuntimeException e) {
      failures.add(where + ": valid module rejected: " + e);
    }
  }

  private static void checkInvalid(
      byte[] bytes,
      CoreFeatures features,
      String where,
      String text,
      Counts counts,
      List<String> failures) {
    WasmModule module;
    try {
      module = Decoder.decode(bytes, features);
    } catch (CompileException e) {
      if (isSimd(e)) {
        counts.skippedInvalid++;
      } else if (e.phase() == CompileException.Phase.VALIDATE) {
        // The decoder applies a few validation rules itself (e.g. result arity without
        // multi-value).
        counts.invalidByValidator++;
        counts.validatedByDecoder++;
      } else {
        counts.invalidByDecoder.add(where + " (expected \"" + text + "\"): " + e.getMessage());
      }
      return;
    }
    try {
      Validator.validate(module, features);
      failures.add(where + ": invalid module accepted, expected \"" + text + "\"");
    } catch (CompileException e) {
      if (e.phase() != CompileException.Phase.VALIDATE) {
        failures.add(where + ": expected phase VALIDATE, got " + e.getMessage());
      } else if (!e.reason().startsWith(text) && !KNOWN_WORDING.containsKey(where.split(" ")[0])) {
        // The message is not normative; record it so the summary shows where wording differs.
        failures.add(where + ": expected \"" + text + "\", got \"" + e.reason() + "\"");
      } else {
        counts.invalidByValidator++;
      }
    } catch (RuntimeException e) {
      failures.add(where + ": validator crashed on an invalid module: " + e);
    }
  }
}
