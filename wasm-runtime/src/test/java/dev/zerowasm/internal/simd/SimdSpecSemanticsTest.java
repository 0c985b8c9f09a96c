package dev.zerowasm.internal.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.zerowasm.api.CoreFeatures;
import dev.zerowasm.api.ValueType;
import dev.zerowasm.internal.binary.CodeReader;
import dev.zerowasm.internal.binary.Decoder;
import dev.zerowasm.internal.wasm.Code;
import dev.zerowasm.internal.wasm.Export;
import dev.zerowasm.internal.wasm.ExternKind;
import dev.zerowasm.internal.wasm.FuncType;
import dev.zerowasm.internal.wasm.Opcodes;
import dev.zerowasm.internal.wasm.WasmModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Checks {@link Simd} against the spec's SIMD test expectations (2.0 final profile) without an
 * engine: for every {@code assert_return} that invokes a function whose body is just {@code
 * local.get 0 .. local.get n-1} followed by one non-memory SIMD instruction, it evaluates that
 * instruction with {@link SimdEval} and compares with the expected values, honouring {@code
 * nan:canonical} and {@code nan:arithmetic} per lane.
 */
class SimdSpecSemanticsTest {

  static Path specDir() {
    String dir = System.getProperty("zerowasm.spectest.dir", "../../shared/spectest");
    Path path = Paths.get(dir);
    if (!Files.isDirectory(path.resolve("v2"))) {
      if ("true".equals(System.getenv("CI"))) {
        fail("spec test data not found at " + path.toAbsolutePath() + " (CI=true)");
      }
      Assumptions.abort("spec test data not found at " + path.toAbsolutePath() + "; skipping");
    }
    return path;
  }

  static List<Path> simdFiles() {
    Path root = specDir();
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
  @SuppressWarnings("unchecked")
  void singleInstructionFunctionsMatchTheSpecExpectations() throws IOException {
    int checked = 0;
    int skipped = 0;
    TreeSet<String> covered = new TreeSet<>();
    List<String> failures = new ArrayList<>();
    for (Path json : simdFiles()) {
      Map<String, Object> root = (Map<String, Object>) MiniJson.parse(Files.readString(json));
      WasmModule module = null;
      for (Object c : (List<Object>) root.get("commands")) {
        Map<String, Object> cmd = (Map<String, Object>) c;
        String type = (String) cmd.get("type");
        if (type.equals("module")) {
          module = Decoder.decode(
              Files.readAllBytes(json.resolveSibling((String) cmd.get("filename"))),
              CoreFeatures.V2);
          continue;
        }
        if (!type.equals("assert_return") || module == null) {
          continue;
        }
        Map<String, Object> action = (Map<String, Object>) cmd.get("action");
        if (!"invoke".equals(action.get("type")) || action.get("module") != null) {
          skipped++;
          continue;
        }
        String where = json.getFileName() + ":" + cmd.get("line") + " " + action.get("field");
        CodeReader body = singleInstruction(module, (String) action.get("field"));
        if (body == null) {
          skipped++;
          continue;
        }
        List<Object> args = (List<Object>) action.get("args");
        long[][] values = new long[args.size()][];
        for (int i = 0; i < values.length; i++) {
          values[i] = value((Map<String, Object>) args.get(i));
        }
        long[] result = SimdEval.eval(body.next(), body, values);
        Map<String, Object> expected =
            (Map<String, Object>) ((List<Object>) cmd.get("expected")).get(0);
        String mismatch = compare(expected, result);
        if (mismatch != null) {
          failures.add(where + ": " + mismatch);
        }
        checked++;
        covered.add(Opcodes.name(lastOp));
      }
    }
    System.out.printf(
        "[simd semantics] assert_return checked: %d, skipped (not a single instruction): %d,"
            + " instructions covered: %d, failures: %d%n",
        checked, skipped, covered.size(), failures.size());
    failures.stream().limit(40).forEach(f -> System.out.println("  " + f));
    assertThat(failures).isEmpty();
    assertThat(checked).isGreaterThan(10_000);
  }

  private static int lastOp;

  /**
   * A reader positioned at the one SIMD instruction of the exported function {@code name}, if its
   * body is {@code local.get 0 .. local.get n-1, op, end}; otherwise null.
   */
  private static CodeReader singleInstruction(WasmModule module, String name) {
    int function = -1;
    for (Export e : module.exports) {
      if (e.kind() == ExternKind.FUNCTION && e.name().equals(name)) {
        function = e.index();
      }
    }
    if (function < module.importedFunctionCount) {
      return null;
    }
    FuncType type = module.functionType(function);
    Code code = module.codes[function - module.importedFunctionCount];
    if (code.locals().length != 0 || type.results().length != 1) {
      return null;
    }
    CodeReader r = new CodeReader(module.bytes, code.bodyStart(), code.bodyEnd(), CoreFeatures.V2, 0);
    for (int i = 0; i < type.params().length; i++) {
      if (r.next() != Opcodes.LOCAL_GET || r.index != i) {
        return null;
      }
    }
    int opStart = r.position();
    int op = r.next();
    if (!SimdEval.supports(op) || r.next() != Opcodes.END || r.hasNext()) {
      return null;
    }
    lastOp = op;
    CodeReader at = new CodeReader(module.bytes, opStart, code.bodyEnd(), CoreFeatures.V2, 0);
    return at;
  }

  /** Parses an unsigned or signed decimal of up to 64 bits to its bits. */
  private static long bits(String s) {
    return new BigInteger(s).longValue();
  }

  private static int laneBits(String laneType) {
    return switch (laneType) {
      case "i8" -> 8;
      case "i16" -> 16;
      case "i32", "f32" -> 32;
      default -> 64;
    };
  }

  @SuppressWarnings("unchecked")
  private static long[] value(Map<String, Object> v) {
    String type = (String) v.get("type");
    if (type.equals("v128")) {
      List<Object> lanes = (List<Object>) v.get("value");
      int width = laneBits((String) v.get("lane_type"));
      long[] r = new long[2];
      for (int i = 0; i < lanes.size(); i++) {
        long lane = bits((String) lanes.get(i));
        if (width < 64) {
          lane &= (1L << width) - 1;
        }
        int bit = i * width;
        r[bit / 64] |= lane << (bit % 64);
      }
      return r;
    }
    return new long[] {bits((String) v.get("value"))};
  }

  @SuppressWarnings("unchecked")
  private static String compare(Map<String, Object> expected, long[] actual) {
    String type = (String) expected.get("type");
    if (type.equals("v128")) {
      if (actual.length != 2) {
        return "expected a v128";
      }
      String laneType = (String) expected.get("lane_type");
      int width = laneBits(laneType);
      List<Object> lanes = (List<Object>) expected.get("value");
      for (int i = 0; i < lanes.size(); i++) {
        int bit = i * width;
        long lane = actual[bit / 64] >>> (bit % 64);
        if (width < 64) {
          lane &= (1L << width) - 1;
        }
        String want = (String) lanes.get(i);
        if (!laneMatches(want, lane, laneType)) {
          return "lane " + i + " (" + laneType + "): expected " + want + ", got " + Long.toUnsignedString(lane)
              + " (all: " + Long.toHexString(actual[0]) + " " + Long.toHexString(actual[1]) + ")";
        }
      }
      return null;
    }
    String want = (String) expected.get("value");
    long got = actual[0];
    String laneType = type;
    if (type.equals("i32") || type.equals("f32")) {
      got &= 0xFFFF_FFFFL;
    }
    return laneMatches(want, got, laneType)
        ? null
        : type + ": expected " + want + ", got " + Long.toUnsignedString(got);
  }

  private static boolean laneMatches(String want, long got, String laneType) {
    boolean f32 = laneType.equals("f32");
    if (want.startsWith("nan:")) {
      long quietAndExp = f32 ? 0x7FC0_0000L : 0x7FF8_0000_0000_0000L;
      long mag = got & (f32 ? 0x7FFF_FFFFL : Long.MAX_VALUE);
      return want.equals("nan:canonical") ? mag == quietAndExp : (mag & quietAndExp) == quietAndExp;
    }
    long w = bits(want);
    int width = laneBits(laneType);
    if (width < 64) {
      w &= (1L << width) - 1;
    }
    return w == got;
  }

  /** Guards the v128 lane layout the comparisons rely on. */
  @Test
  void laneLayoutIsLittleEndian() {
    assertThat(value(Map.of("type", "v128", "lane_type", "i32", "value", List.of("1", "2", "3", "4"))))
        .containsExactly(0x0000_0002_0000_0001L, 0x0000_0004_0000_0003L);
    assertThat(ValueType.V128).isNotNull();
  }
}
