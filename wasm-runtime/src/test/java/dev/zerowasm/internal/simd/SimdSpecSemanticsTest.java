package dev.zerowasm.internal.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.zerowasm.api.CoreFeatures;
import dev.zerowasm.api.ValueType;
import dev.zerowasm.internal.binary.CodeReader;
import dev.zerowasm.internal.binary.Decoder;
import dev.zerowasm.internal.wasm.Code;
import dev.zerowasm.internal.wasm.ConstExpr;
import dev.zerowasm.internal.wasm.DataSegment;
import dev.zerowasm.internal.wasm.Export;
import dev.zerowasm.internal.wasm.ExternKind;
import dev.zerowasm.internal.wasm.FuncType;
import dev.zerowasm.internal.wasm.Opcodes;
import dev.zerowasm.internal.wasm.SegmentMode;
import dev.zerowasm.internal.wasm.WasmModule;
import dev.zerowasm.testing.Json;
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

  /** The state of the current module of a script: its memory, and whether we can still trust it. */
  private static final class Instance {
    final WasmModule module;
    byte[] memory;

    /** Set when something we do not model (a multi-instruction function) may have changed memory. */
    boolean tainted;

    Instance(WasmModule module) {
      this.module = module;
      if (module.memories.length == 0 || module.importedMemoryCount > 0) {
        return;
      }
      memory = new byte[(int) module.memories[0].limits().min() * 65536];
      for (DataSegment d : module.data) {
        if (d.mode() != SegmentMode.ACTIVE) {
          continue;
        }
        List<ConstExpr.Instruction> offset = d.offset().instructions();
        if (offset.size() != 1 || offset.get(0).opcode() != Opcodes.I32_CONST) {
          tainted = true;
          continue;
        }
        System.arraycopy(d.data(), 0, memory, (int) offset.get(0).immediate(), d.data().length);
      }
    }
  }

  /** A result meaning "the instruction traps" (out-of-bounds memory access). */
  private static final long[] TRAP = new long[0];

  /** The counts of one run, printed at the end. */
  private static final class Counts {
    int checked;
    int memoryChecked;
    int trapsChecked;
    int skipped;
    final TreeSet<String> covered = new TreeSet<>();
    final List<String> failures = new ArrayList<>();
  }

  @Test
  @SuppressWarnings("unchecked")
  void singleInstructionFunctionsMatchTheSpecExpectations() throws IOException {
    Counts counts = new Counts();
    for (Path json : simdFiles()) {
      Map<String, Object> root = (Map<String, Object>) Json.parse(Files.readString(json));
      Instance instance = null;
      for (Object c : (List<Object>) root.get("commands")) {
        Map<String, Object> cmd = (Map<String, Object>) c;
        String type = (String) cmd.get("type");
        if (type.equals("module")) {
          instance = new Instance(Decoder.decode(
              Files.readAllBytes(json.resolveSibling((String) cmd.get("filename"))),
              CoreFeatures.V2));
          continue;
        }
        if (instance == null
            || !(type.equals("assert_return") || type.equals("action")
                || type.equals("assert_trap"))) {
          continue;
        }
        Map<String, Object> action = (Map<String, Object>) cmd.get("action");
        if (!"invoke".equals(action.get("type")) || action.get("module") != null) {
          counts.skipped++;
          continue;
        }
        String where = json.getFileName() + ":" + cmd.get("line") + " " + action.get("field");
        List<Object> args = (List<Object>) action.get("args");
        long[][] values = new long[args.size()][];
        for (int i = 0; i < values.length; i++) {
          values[i] = value((Map<String, Object>) args.get(i));
        }
        long[] result = invoke(instance, (String) action.get("field"), values, counts);
        if (result == null) {
          counts.skipped++;
          continue;
        }
        if (type.equals("assert_trap")) {
          if (result != TRAP) {
            counts.failures.add(where + ": expected a trap");
          }
          counts.trapsChecked++;
          continue;
        }
        if (result == TRAP) {
          counts.failures.add(where + ": out of bounds, but the script expects no trap");
          continue;
        }
        List<Object> expected = (List<Object>) cmd.get("expected");
        if (type.equals("assert_return") && !expected.isEmpty()) {
          String mismatch = compare((Map<String, Object>) expected.get(0), result);
          if (mismatch != null) {
            counts.failures.add(where + ": " + mismatch);
          }
          counts.checked++;
        }
      }
    }
    System.out.printf(
        "[simd semantics] assert_return checked: %d (of which memory loads: %d), assert_trap"
            + " checked: %d, skipped (not a single instruction): %d, instructions covered: %d,"
            + " failures: %d%n",
        counts.checked, counts.memoryChecked, counts.trapsChecked, counts.skipped,
        counts.covered.size(), counts.failures.size());
    counts.failures.stream().limit(40).forEach(f -> System.out.println("  " + f));
    assertThat(counts.failures).isEmpty();
    assertThat(counts.checked).isGreaterThan(20_000);
    assertThat(counts.memoryChecked).isGreaterThan(100);
    // Every one of the 236 SIMD instructions is exercised by some spec expectation.
    TreeSet<String> missing = new TreeSet<>();
    for (int sub = 0; sub < 256; sub++) {
      String name = Opcodes.name(Opcodes.PREFIX_SIMD | sub);
      if (!name.startsWith("simd 0x") && !counts.covered.contains(name)) {
        missing.add(name);
      }
    }
    assertThat(missing).isEmpty();
  }

  /**
   * Runs the exported function {@code name} if its body is a single SIMD instruction on its
   * parameters: its result ({@code long[0]} for none), {@link #TRAP}, or null when it cannot be
   * modelled here (which makes the memory untrustworthy from then on).
   */
  private static long[] invoke(Instance instance, String name, long[][] args, Counts counts) {
    CodeReader body = singleInstruction(instance.module, name);
    if (body == null) {
      CodeReader probe = storeLaneProbe(instance.module, name);
      if (probe != null) {
        // The probe stores one lane at its address, returns the i64 there and zeroes it again:
        // on the zeroed memory of these scripts that is the lane, zero-extended.
        int op = probe.next();
        counts.covered.add(Opcodes.name(op));
        byte[] scratch = new byte[16];
        SimdEval.store(op, probe, args[1], scratch, 0);
        return new long[] {Simd.load64(scratch, 0)};
      }
      instance.tainted = true;
      return null;
    }
    int op = body.next();
    counts.covered.add(Opcodes.name(op));
    if (!SimdEval.isMemory(op)) {
      return SimdEval.eval(op, body, args);
    }
    if (instance.memory == null || instance.tainted) {
      return null;
    }
    long ea = (args[0][0] & 0xFFFF_FFFFL) + body.memoryOffset;
    if (ea + Opcodes.simdAccessSize(op) > instance.memory.length) {
      return TRAP;
    }
    if (SimdEval.isStore(op)) {
      SimdEval.store(op, body, args[1], instance.memory, (int) ea);
      return new long[0];
    }
    counts.memoryChecked++;
    return SimdEval.load(op, body, args, instance.memory, (int) ea);
  }

  /**
   * A reader at the store of the {@code simd_store*_lane} probe functions, whose bodies start with
   * {@code local.get 0, local.get 1, v128.storeN_lane} and return the i64 at the address; else null.
   */
  private static CodeReader storeLaneProbe(WasmModule module, String name) {
    for (Export e : module.exports) {
      if (e.kind() != ExternKind.FUNCTION || !e.name().equals(name)
          || e.index() < module.importedFunctionCount) {
        continue;
      }
      FuncType type = module.functionType(e.index());
      if (type.params().length != 2 || type.params()[1] != ValueType.V128
          || type.results().length != 1 || type.results()[0] != ValueType.I64) {
        return null;
      }
      Code code = module.codes[e.index() - module.importedFunctionCount];
      CodeReader r =
          new CodeReader(module.bytes, code.bodyStart(), code.bodyEnd(), CoreFeatures.V2, 0);
      if (r.next() != Opcodes.LOCAL_GET || r.index != 0
          || r.next() != Opcodes.LOCAL_GET || r.index != 1) {
        return null;
      }
      int at = r.position();
      int op = r.next();
      if (op < Opcodes.V128_STORE8_LANE || op > Opcodes.V128_STORE64_LANE) {
        return null;
      }
      return new CodeReader(module.bytes, at, code.bodyEnd(), CoreFeatures.V2, 0);
    }
    return null;
  }

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
    if (code.locals().length != 0 || type.results().length > 1) {
      return null;
    }
    CodeReader r =
        new CodeReader(module.bytes, code.bodyStart(), code.bodyEnd(), CoreFeatures.V2, 0);
    for (int i = 0; i < type.params().length; i++) {
      if (r.next() != Opcodes.LOCAL_GET || r.index != i) {
        return null;
      }
    }
    int opStart = r.position();
    int op = r.next();
    if (op < Opcodes.PREFIX_SIMD || r.next() != Opcodes.END || r.hasNext()) {
      return null;
    }
    return new CodeReader(module.bytes, opStart, code.bodyEnd(), CoreFeatures.V2, 0);
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
