package dev.zerowasm.gojs.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The table of every function a Go {@code GOOS=js} program imports, with the names and stack
 * offsets of its Go-level parameters and results, for registration, listeners and logging.
 *
 * <p>At the WebAssembly level each function is {@code (i32 sp) -> ()} (except {@code debug}, which
 * takes its value directly): Go passes arguments and receives results in its own stack memory at
 * {@code sp + offset}. Results written after a call that may re-enter Go (valueCall, valueInvoke,
 * valueNew, valueGet) are relative to the refreshed {@code sp} ({@code getsp()}).
 */
public final class GoJsFunctions {
  /** The import module of Go 1.19 and 1.20. */
  public static final String MODULE_GO = "go";

  /** The import module of Go 1.21 and later. */
  public static final String MODULE_GOJS = "gojs";

  /** How a Go-level value is laid out at its offset. */
  public enum Kind {
    /** A little-endian int32. */
    I32,
    /** A little-endian int64. */
    I64,
    /** A JavaScript value reference (8 bytes, see {@link JsRefs}). */
    REF,
    /** A UTF-8 string: pointer and length, 8 bytes each. */
    STRING,
    /** A byte slice: pointer, length and capacity, 8 bytes each. */
    SLICE,
    /** A slice of references: pointer, length and capacity. */
    REF_SLICE,
    /** A bool in one byte. */
    BOOL
  }

  /**
   * A Go-level parameter or result.
   *
   * @param name its name, as in wasm_exec.js's comments
   * @param kind its layout
   * @param offset its offset from {@code sp}
   */
  public record Param(String name, Kind kind, int offset) {}

  /**
   * One imported function.
   *
   * @param name the import name, e.g. {@code "syscall/js.valueGet"}
   * @param wasmParamName the name of the single i32 WebAssembly parameter ({@code "sp"})
   * @param params the Go-level parameters
   * @param results the Go-level results
   */
  public record Function(
      String name, String wasmParamName, List<Param> params, List<Param> results) {}

  private static final Map<String, Function> BY_NAME = new LinkedHashMap<>();

  static {
    // Each spec lists "name:kind@offset" entries; results follow "->".
    def("debug", "", "");
    def("runtime.wasmExit", "code:I32@8", "");
    def("runtime.wasmWrite", "fd:I64@8 p:I64@16 n:I32@24", "");
    def("runtime.resetMemoryDataView", "", "");
    def("runtime.nanotime1", "", "nsec:I64@8");
    def("runtime.walltime", "", "sec:I64@8 nsec:I32@16");
    def("runtime.scheduleTimeoutEvent", "delay:I64@8", "id:I32@16");
    def("runtime.clearTimeoutEvent", "id:I32@8", "");
    def("runtime.getRandomData", "r:SLICE@8", "");
    def("syscall/js.finalizeRef", "r:REF@8", "");
    def("syscall/js.stringVal", "x:STRING@8", "r:REF@24");
    def("syscall/js.valueGet", "v:REF@8 p:STRING@16", "r:REF@32");
    def("syscall/js.valueSet", "v:REF@8 p:STRING@16 x:REF@32", "");
    def("syscall/js.valueDelete", "v:REF@8 p:STRING@16", "");
    def("syscall/js.valueIndex", "v:REF@8 i:I64@16", "r:REF@24");
    def("syscall/js.valueSetIndex", "v:REF@8 i:I64@16 x:REF@24", "");
    def("syscall/js.valueCall", "v:REF@8 m:STRING@16 args:REF_SLICE@32", "r:REF@56 ok:BOOL@64");
    def("syscall/js.valueInvoke", "v:REF@8 args:REF_SLICE@16", "r:REF@40 ok:BOOL@48");
    def("syscall/js.valueNew", "v:REF@8 args:REF_SLICE@16", "r:REF@40 ok:BOOL@48");
    def("syscall/js.valueLength", "v:REF@8", "len:I64@16");
    def("syscall/js.valuePrepareString", "v:REF@8", "r:REF@16 len:I64@24");
    def("syscall/js.valueLoadString", "v:REF@8 b:SLICE@16", "");
    def("syscall/js.valueInstanceOf", "v:REF@8 t:REF@16", "ok:BOOL@24");
    def("syscall/js.copyBytesToGo", "dst:SLICE@8 src:REF@32", "n:I64@40 ok:BOOL@48");
    def("syscall/js.copyBytesToJS", "dst:REF@8 src:SLICE@16", "n:I64@40 ok:BOOL@48");
  }

  private GoJsFunctions() {}

  private static void def(String name, String params, String results) {
    BY_NAME.put(
        name,
        new Function(name, name.equals("debug") ? "value" : "sp", parse(params), parse(results)));
  }

  private static List<Param> parse(String spec) {
    List<Param> out = new ArrayList<>();
    if (!spec.isEmpty()) {
      for (String p : spec.split(" ")) {
        int colon = p.indexOf(':');
        int at = p.indexOf('@');
        out.add(
            new Param(
                p.substring(0, colon),
                Kind.valueOf(p.substring(colon + 1, at)),
                Integer.parseInt(p.substring(at + 1))));
      }
    }
    return List.copyOf(out);
  }

  /** All functions, in the order of wasm_exec.js. */
  public static List<Function> all() {
    return Collections.unmodifiableList(new ArrayList<>(BY_NAME.values()));
  }

  /** The function named {@code name}, or null if Go imports none by that name. */
  public static Function get(String name) {
    return BY_NAME.get(name);
  }

  /**
   * Formats parameters or results for a log line, e.g. {@code v=object#5,p="fs"}, reading them from
   * Go's stack at {@code sp}. References show their type and id (numbers their value); strings are
   * shown up to 64 bytes; slices as {@code ptr/len}.
   */
  public static String format(List<Param> params, dev.zerowasm.api.Memory memory, long sp) {
    StringBuilder sb = new StringBuilder();
    for (Param p : params) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(p.name()).append('=');
      long at = sp + p.offset();
      switch (p.kind()) {
        case I32:
          sb.append(memory.readIntLe(at));
          break;
        case I64:
          sb.append(memory.readLongLe(at));
          break;
        case BOOL:
          sb.append(memory.readByte(at) != 0);
          break;
        case REF:
          sb.append(formatRef(memory.readLongLe(at)));
          break;
        case STRING:
          long ptr = memory.readLongLe(at);
          long len = memory.readLongLe(at + 8);
          byte[] b = memory.read(ptr, (int) Math.min(Math.max(len, 0), 64));
          sb.append('"')
              .append(new String(b, java.nio.charset.StandardCharsets.UTF_8))
              .append(len > 64 ? "...\"" : "\"");
          break;
        case SLICE:
        case REF_SLICE:
          sb.append(memory.readLongLe(at)).append('/').append(memory.readLongLe(at + 8));
          break;
        default:
          throw new IllegalStateException("unknown kind " + p.kind());
      }
    }
    return sb.toString();
  }

  /** A reference as {@code undefined}, a number, or {@code <type>#<id>}. */
  public static String formatRef(long ref) {
    double d = Double.longBitsToDouble(ref);
    if (d == 0) {
      return "undefined";
    }
    if (!Double.isNaN(d)) {
      return JsTypes.numberToString(d);
    }
    int id = (int) ref;
    switch (id) {
      case 0:
        return "NaN";
      case 1:
        return "0";
      case 2:
        return "null";
      case 3:
        return "true";
      case 4:
        return "false";
      case JsRefs.ID_GLOBAL:
        return "globalThis";
      case JsRefs.ID_GO:
        return "go";
      default:
        break;
    }
    String[] types = {"value", "object", "string", "symbol", "function"};
    int flag = (int) (ref >>> 32) & 7;
    return (flag < types.length ? types[flag] : "ref") + "#" + Integer.toUnsignedString(id);
  }

  /** Whether {@code module} is one of Go's import modules ({@code go} or {@code gojs}). */
  public static boolean isGoModule(String module) {
    return MODULE_GO.equals(module) || MODULE_GOJS.equals(module);
  }
}
