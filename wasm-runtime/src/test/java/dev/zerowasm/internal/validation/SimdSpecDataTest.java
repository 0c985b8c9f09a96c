package dev.zerowasm.internal.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.api.CompileException;
import dev.zerowasm.api.CoreFeatures;
import dev.zerowasm.internal.binary.Decoder;
import dev.zerowasm.internal.wasm.WasmModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Decodes and validates the SIMD spec data of the final 2.0 profile: the {@code simd_*} files of
 * {@code v2/}, with {@code simd_load}, {@code simd_store} and {@code simd_i32x4_dot_i16x8} taken
 * from {@code v2-wg-2.0-delta/} and its new {@code simd_select} added. Every binary {@code module}
 * must decode and validate; every binary {@code assert_invalid} must fail in phase VALIDATE with a
 * reason starting with the script's text; every binary {@code assert_malformed} must fail in phase
 * DECODE.
 */
class SimdSpecDataTest {
  private static final Pattern TYPE = Pattern.compile("\"type\": \"(\\w+)\"");
  private static final Pattern LINE = Pattern.compile("\"line\": (\\d+)");
  private static final Pattern FILENAME = Pattern.compile("\"filename\": \"([^\"]+)\"");
  private static final Pattern TEXT = Pattern.compile("\"text\": \"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern MODULE_TYPE = Pattern.compile("\"module_type\": \"(\\w+)\"");

  /** The SIMD JSON files of the 2.0 final profile, by file name. */
  static List<Path> simdFiles() {
    Path root = SpecValidationTest.specDir();
    Map<String, Path> files = new TreeMap<>();
    for (Path dir : List.of(root.resolve("v2"), root.resolve("v2-wg-2.0-delta"))) {
      try (Stream<Path> s = Files.list(dir)) {
        s.filter(p -> p.getFileName().toString().startsWith("simd_"))
            .filter(p -> p.toString().endsWith(".json"))
            .forEach(p -> files.put(p.getFileName().toString(), p));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new ArrayList<>(files.values());
  }

  @Test
  void simdModulesDecodeAndValidateAndInvalidOnesAreRejected() throws IOException {
    List<Path> files = simdFiles();
    assertThat(files).hasSizeGreaterThan(50);
    int valid = 0;
    int invalid = 0;
    int malformed = 0;
    List<String> failures = new ArrayList<>();
    for (Path json : files) {
      for (String line : Files.readAllLines(json)) {
        Matcher type = TYPE.matcher(line);
        Matcher file = FILENAME.matcher(line);
        Matcher moduleType = MODULE_TYPE.matcher(line);
        if (!type.find() || !file.find() || !file.group(1).endsWith(".wasm")) {
          continue;
        }
        if (moduleType.find() && !moduleType.group(1).equals("binary")) {
          continue;
        }
        Matcher number = LINE.matcher(line);
        Matcher text = TEXT.matcher(line);
        String expected = text.find() ? text.group(1) : "";
        String where =
            json.getParent().getFileName()
                + "/"
                + json.getFileName()
                + ":"
                + (number.find() ? number.group(1) : "?");
        byte[] bytes = Files.readAllBytes(json.resolveSibling(file.group(1)));
        switch (type.group(1)) {
          case "module":
            try {
              WasmModule module = Decoder.decode(bytes, CoreFeatures.V2);
              Validator.validate(module, CoreFeatures.V2);
              valid++;
            } catch (RuntimeException e) {
              failures.add(where + ": valid module rejected: " + e.getMessage());
            }
            break;
          case "assert_invalid":
            if (rejected(bytes, CompileException.Phase.VALIDATE, expected, where, failures)) {
              invalid++;
            }
            break;
          case "assert_malformed":
            if (rejected(bytes, CompileException.Phase.DECODE, null, where, failures)) {
              malformed++;
            }
            break;
          default:
            break;
        }
      }
    }
    System.out.printf(
        "[simd spec data] %d files: modules valid %d, assert_invalid rejected %d,"
            + " assert_malformed rejected %d, failures %d%n",
        files.size(), valid, invalid, malformed, failures.size());
    assertThat(failures).isEmpty();
    assertThat(valid).isGreaterThan(100);
    assertThat(invalid).isGreaterThan(100);
  }

  private static boolean rejected(
      byte[] bytes,
      CompileException.Phase phase,
      String text,
      String where,
      List<String> failures) {
    try {
      WasmModule module = Decoder.decode(bytes, CoreFeatures.V2);
      Validator.validate(module, CoreFeatures.V2);
      failures.add(where + ": accepted, expected " + phase + " failure \"" + text + "\"");
      return false;
    } catch (CompileException e) {
      if (e.phase() != phase) {
        failures.add(where + ": expected phase " + phase + ", got " + e.getMessage());
        return false;
      }
      if (text != null && !e.reason().startsWith(text)) {
        failures.add(where + ": expected \"" + text + "\", got \"" + e.reason() + "\"");
        return false;
      }
      return true;
    }
  }
}
