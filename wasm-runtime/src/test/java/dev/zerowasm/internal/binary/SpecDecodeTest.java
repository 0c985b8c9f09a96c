package dev.zerowasm.internal.binary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.api.CompileException;
import dev.zerowasm.api.CoreFeatures;
import dev.zerowasm.internal.wasm.NameSection;
import dev.zerowasm.internal.wasm.WasmModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Decodes the binary modules of the spec test suite: every {@code module} must decode, every binary
 * {@code assert_malformed} must fail with a DECODE error, and nothing may ever throw anything but a
 * {@link CompileException}.
 */
@Timeout(120)
class SpecDecodeTest {

  @Test
  void v1ModulesDecodeAndMalformedOnesFail() throws IOException {
    Map<String, Integer> counts = run(SpecData.v1(), CoreFeatures.V1, false);
    assertThat(counts.get("module ok")).isGreaterThan(700);
    assertThat(counts.get("name sections decoded")).isGreaterThan(100);
    assertThat(counts.get("assert_malformed ok")).isGreaterThan(600);
  }

  @Test
  void v2FinalModulesDecodeAndMalformedOnesFail() throws IOException {
    // Includes the simd_* files: SIMD decodes, so nothing is skipped any more.
    Map<String, Integer> counts = run(SpecData.v2Final(), CoreFeatures.V2, false);
    assertThat(counts).doesNotContainKey("module skipped (SIMD)");
    assertThat(counts.get("module ok")).isGreaterThan(1000);
    assertThat(counts.get("assert_malformed ok")).isGreaterThan(600);
  }

  @Test
  void everyWasmFileGivesAModuleOrACompileException() throws IOException {
    int modules = 0;
    int errors = 0;
    List<String> failures = new ArrayList<>();
    for (Path wasm : SpecData.allWasmFiles()) {
      byte[] bytes = Files.readAllBytes(wasm);
      for (CoreFeatures features : List.of(CoreFeatures.V1, CoreFeatures.V2)) {
        try {
          Decoder.decode(bytes, features);
          modules++;
        } catch (CompileException e) {
          errors++;
          if (e.reason().startsWith("internal")) {
            failures.add(wasm + " " + features + ": " + e.getMessage());
          }
        } catch (RuntimeException | StackOverflowError e) {
          failures.add(wasm + " " + features + ": " + e);
        }
      }
    }
    System.out.printf("all .wasm files x {V1, V2}: %d decoded, %d CompileException%n",
        modules, errors);
    assertThat(failures).isEmpty();
    assertThat(modules).isGreaterThan(5000);
  }

  private static Map<String, Integer> run(List<Path> jsonFiles, CoreFeatures features,
      boolean skipSimd) throws IOException {
    Map<String, Integer> counts = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    for (Path json : jsonFiles) {
      for (SpecData.Command c : SpecData.binaryCommands(json)) {
        byte[] bytes = Files.readAllBytes(c.wasm());
        String outcome;
        CompileException error = null;
        try {
          WasmModule m = Decoder.decode(bytes, features);
          outcome = "decoded";
          // wast2json --debug-names writes well-formed name sections; they must all be read.
          boolean hasNameSection =
              m.customSections.stream().anyMatch(s -> s.name().equals("name"));
          if (hasNameSection && m.names != NameSection.EMPTY) {
            count(counts, "name sections decoded");
          } else if (hasNameSection) {
            failures.add(c + ": name section not decoded");
          }
        } catch (CompileException e) {
          error = e;
          outcome = e.phase().toString();
        } catch (RuntimeException | StackOverflowError e) {
          failures.add(c + ": threw " + e);
          continue;
        }
        if (error != null && error.reason().startsWith("internal")) {
          failures.add(c + ": " + error.getMessage());
          continue;
        }
        switch (c.type()) {
          case "assert_malformed":
            if (error != null && error.phase() == CompileException.Phase.DECODE) {
              count(counts, "assert_malformed ok");
            } else {
              failures.add(c + ": expected a DECODE error, got " + outcome);
            }
            break;
          case "assert_invalid":
            count(counts, "assert_invalid " + outcome);
            if (error != null && error.phase() == CompileException.Phase.DECODE) {
              // Allowed (the validator owns these), but worth seeing in the output.
              System.out.println("assert_invalid rejected by the decoder: " + c + ": "
                  + error.getMessage());
            }
            break;
          default: // module, assert_unlinkable, assert_uninstantiable, ...: valid modules
            if (error == null) {
              count(counts, c.type() + " ok");
            } else if (skipSimd && error.reason().contains("SIMD")) {
              count(counts, c.type() + " skipped (SIMD)");
            } else {
              failures.add(c + ": " + error.getMessage());
            }
        }
      }
    }
    System.out.println(features + " decode counts: " + counts);
    assertThat(failures).isEmpty();
    return counts;
  }

  private static void count(Map<String, Integer> counts, String key) {
    counts.merge(key, 1, Integer::sum);
  }
}
