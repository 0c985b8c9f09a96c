package dev.zerowasm.internal.binary;

import static org.assertj.core.api.Assertions.fail;

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

/**
 * Access to the spec test data in {@code zerowasm.spectest.dir}: the JSON command files of a
 * profile and the module commands in them. A missing folder skips the test, or fails it when the
 * environment variable {@code CI} is {@code true}.
 */
final class SpecData {
  /** One command of a spec JSON file that carries a binary module. */
  record Command(Path json, int line, String type, Path wasm, String text) {
    @Override
    public String toString() {
      return json.getParent().getFileName() + "/" + json.getFileName() + ":" + line + " " + type
          + " " + wasm.getFileName() + (text == null ? "" : " \"" + text + "\"");
    }
  }

  // wast2json writes one command per line, so a per-line pattern is enough.
  private static final Pattern TYPE = Pattern.compile("\"type\": \"(\\w+)\"");
  private static final Pattern LINE = Pattern.compile("\"line\": (\\d+)");
  private static final Pattern FILENAME = Pattern.compile("\"filename\": \"([^\"]+)\"");
  private static final Pattern TEXT = Pattern.compile("\"text\": \"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern MODULE_TYPE = Pattern.compile("\"module_type\": \"(\\w+)\"");

  private SpecData() {}

  /** The spec test folder, or the test is skipped (failed in CI) when it is missing. */
  static Path root() {
    String dir = System.getProperty("zerowasm.spectest.dir", "../../shared/spectest");
    Path root = Paths.get(dir);
    if (!Files.isDirectory(root)) {
      if ("true".equals(System.getenv("CI"))) {
        fail("spec test data missing at " + root.toAbsolutePath() + " (CI=true)");
      }
      Assumptions.abort("spec test data missing at " + root.toAbsolutePath()
          + "; set -Dzerowasm.spectest.dir to run these tests");
    }
    return root;
  }

  /** The JSON files of {@code v1/}. */
  static List<Path> v1() {
    return jsonFiles(root().resolve("v1"));
  }

  /** The JSON files of the final 2.0 profile: {@code v2/} overlaid with {@code v2-wg-2.0-delta/}. */
  static List<Path> v2Final() {
    Map<String, Path> files = new TreeMap<>();
    for (Path p : jsonFiles(root().resolve("v2"))) {
      files.put(p.getFileName().toString(), p);
    }
    for (Path p : jsonFiles(root().resolve("v2-wg-2.0-delta"))) {
      files.put(p.getFileName().toString(), p);
    }
    return new ArrayList<>(files.values());
  }

  /** The commands of {@code json} that name a binary module (text modules are left out). */
  static List<Command> binaryCommands(Path json) {
    List<Command> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(json)) {
        Matcher file = FILENAME.matcher(line);
        if (!file.find() || !file.group(1).endsWith(".wasm")) {
          continue;
        }
        Matcher moduleType = MODULE_TYPE.matcher(line);
        if (moduleType.find() && !moduleType.group(1).equals("binary")) {
          continue;
        }
        Matcher type = TYPE.matcher(line);
        Matcher number = LINE.matcher(line);
        Matcher text = TEXT.matcher(line);
        if (!type.find() || !number.find()) {
          throw new IllegalStateException("unexpected command line in " + json + ": " + line);
        }
        out.add(new Command(json, Integer.parseInt(number.group(1)), type.group(1),
            json.resolveSibling(file.group(1)), text.find() ? text.group(1) : null));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Every {@code .wasm} file under the spec folder. */
  static List<Path> allWasmFiles() {
    try (Stream<Path> s = Files.walk(root())) {
      return s.filter(p -> p.toString().endsWith(".wasm")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> jsonFiles(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
