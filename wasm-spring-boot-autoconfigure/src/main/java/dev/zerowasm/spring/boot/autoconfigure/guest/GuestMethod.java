package dev.zerowasm.spring.boot.autoconfigure.guest;

import dev.zerowasm.api.Function;
import dev.zerowasm.api.FunctionDefinition;
import dev.zerowasm.api.Memory;
import dev.zerowasm.api.Module;
import dev.zerowasm.api.ValueCodec;
import dev.zerowasm.api.ValueType;
import dev.zerowasm.spring.boot.autoconfigure.ModulePool;
import dev.zerowasm.spring.boot.autoconfigure.WasmConfigurationException;
import dev.zerowasm.spring.boot.autoconfigure.WasmModuleSpec;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One method of a guest interface, bound to its export: the Java-to-wasm mapping of parameters and
 * result, checked against the export's type when the proxy is created, and the call itself.
 */
final class GuestMethod {

  /** How a Java type travels to and from wasm. */
  private enum Kind {
    INT,
    LONG,
    FLOAT,
    DOUBLE,
    BOOLEAN,
    /** UTF-8 bytes in guest memory, as (ptr, len). */
    STRING,
    /** Bytes in guest memory, as (ptr, len). */
    BYTES,
    VOID;

    boolean inMemory() {
      return this == STRING || this == BYTES;
    }
  }

  private final String signature;
  private final String export;
  private final Kind[] params;
  private final Kind result;
  private final int wasmParamCount;

  /** For a String/byte[] result: true if it comes as (i32 ptr, i32 len), false if as packed i64. */
  private final boolean pairResult;

  private final ModulePool pool;
  private final String allocate;
  private final String deallocate;

  private GuestMethod(
      String signature,
      String export,
      Kind[] params,
      Kind result,
      int wasmParamCount,
      boolean pairResult,
      ModulePool pool) {
    this.signature = signature;
    this.export = export;
    this.params = params;
    this.result = result;
    this.wasmParamCount = wasmParamCount;
    this.pairResult = pairResult;
    this.pool = pool;
    this.allocate = pool.getSpec().allocate();
    this.deallocate = pool.getSpec().deallocate();
  }

  /**
   * Binds {@code method} of {@code type} to its export in {@code pool}'s module.
   *
   * @throws WasmConfigurationException naming the method, the export and both types on a mismatch
   */
  static GuestMethod of(Class<?> type, Method method, ModulePool pool) {
    String moduleName = pool.getModuleName();
    String signature =
        type.getSimpleName()
            + "."
            + method.getName()
            + Arrays.stream(method.getParameterTypes())
                .map(Class::getSimpleName)
                .collect(Collectors.joining(", ", "(", ")"));
    WasmFunction annotation = method.getAnnotation(WasmFunction.class);
    String export = annotation != null ? annotation.value() : method.getName();

    Class<?>[] javaParams = method.getParameterTypes();
    Kind[] params = new Kind[javaParams.length];
    List<ValueType> wasmParams = new ArrayList<>();
    for (int i = 0; i < javaParams.length; i++) {
      params[i] = kind(javaParams[i], false);
      if (params[i] == null) {
        throw mismatch(
            signature
                + ": parameter "
                + i
                + " has type "
                + javaParams[i].getName()
                + ", which a guest call cannot carry; supported: int, long, float, double,"
                + " boolean, String, byte[]",
            null);
      }
      wasmParams.addAll(wasmTypes(params[i]));
    }
    Kind result = kind(method.getReturnType(), true);
    if (result == null) {
      throw mismatch(
          signature
              + ": the result type "
              + method.getReturnType().getName()
              + " is not supported; supported: void, int, long, float, double, boolean, String,"
              + " byte[]",
          null);
    }

    Map<String, FunctionDefinition> exports = pool.getCompiledModule().exportedFunctions();
    FunctionDefinition definition = exports.get(export);
    if (definition == null) {
      throw mismatch(
          signature
              + " calls export \""
              + export
              + "\" of wasm module \""
              + moduleName
              + "\", which exports no function of that name; its functions: "
              + new TreeSet<>(exports.keySet()),
          null);
    }
    List<List<ValueType>> resultChoices = new ArrayList<>();
    if (result.inMemory()) {
      resultChoices.add(List.of(ValueType.I64));
      resultChoices.add(List.of(ValueType.I32, ValueType.I32));
    } else {
      resultChoices.add(wasmTypes(result));
    }
    boolean paramsMatch = definition.paramTypes().equals(wasmParams);
    boolean resultsMatch = resultChoices.contains(definition.resultTypes());
    if (!paramsMatch || !resultsMatch) {
      throw mismatch(
          signature
              + " needs export \""
              + export
              + "\" of wasm module \""
              + moduleName
              + "\" to have type "
              + resultChoices.stream()
                  .map(r -> format(wasmParams, r))
                  .collect(Collectors.joining(" or "))
              + ", but it has type "
              + format(definition.paramTypes(), definition.resultTypes()),
          null);
    }
    boolean pairResult = result.inMemory() && definition.resultTypes().size() == 2;

    boolean memoryParams = Arrays.stream(params).anyMatch(Kind::inMemory);
    if (memoryParams) {
      checkAllocator(
          exports,
          signature,
          moduleName,
          pool.getSpec().allocate(),
          "allocate",
          List.of(ValueType.I32),
          List.of(ValueType.I32));
    }
    if (memoryParams || result.inMemory()) {
      checkAllocator(
          exports,
          signature,
          moduleName,
          pool.getSpec().deallocate(),
          "deallocate",
          List.of(ValueType.I32, ValueType.I32),
          List.of());
    }
    return new GuestMethod(signature, export, params, result, wasmParams.size(), pairResult, pool);
  }

  private static void checkAllocator(
      Map<String, FunctionDefinition> exports,
      String signature,
      String moduleName,
      String name,
      String role,
      List<ValueType> params,
      List<ValueType> results) {
    String key = "wasm.modules." + moduleName + ".allocator." + role;
    FunctionDefinition definition = exports.get(name);
    if (definition == null) {
      throw new WasmConfigurationException(
          signature
              + " passes String or byte[] values through guest memory, so wasm module \""
              + moduleName
              + "\" must export \""
              + name
              + "\" "
              + format(params, results)
              + " ("
              + key
              + "), but it does not",
          key,
          "Export the allocator from the guest, or set "
              + key
              + " to the name it has (the default is \""
              + (role.equals("allocate")
                  ? WasmModuleSpec.DEFAULT_ALLOCATE
                  : WasmModuleSpec.DEFAULT_DEALLOCATE)
              + "\").",
          null);
    }
    if (!definition.paramTypes().equals(params) || !definition.resultTypes().equals(results)) {
      throw new WasmConfigurationException(
          "The "
              + role
              + " export \""
              + name
              + "\" of wasm module \""
              + moduleName
              + "\" ("
              + key
              + ") must have type "
              + format(params, results)
              + ", but it has type "
              + format(definition.paramTypes(), definition.resultTypes()),
          key,
          "Point " + key + " at a function of type " + format(params, results) + ".",
          null);
    }
  }

  private static WasmConfigurationException mismatch(String message, Throwable cause) {
    return new WasmConfigurationException(
        message,
        null,
        "Make the guest interface method match the export (name it with @WasmFunction), or"
            + " change the guest module.",
        cause);
  }

  private static Kind kind(Class<?> c, boolean result) {
    if (c == int.class) {
      return Kind.INT;
    } else if (c == long.class) {
      return Kind.LONG;
    } else if (c == float.class) {
      return Kind.FLOAT;
    } else if (c == double.class) {
      return Kind.DOUBLE;
    } else if (c == boolean.class) {
      return Kind.BOOLEAN;
    } else if (c == String.class) {
      return Kind.STRING;
    } else if (c == byte[].class) {
      return Kind.BYTES;
    } else if (c == void.class && result) {
      return Kind.VOID;
    }
    return null;
  }

  private static List<ValueType> wasmTypes(Kind kind) {
    switch (kind) {
      case INT:
      case BOOLEAN:
        return List.of(ValueType.I32);
      case LONG:
        return List.of(ValueType.I64);
      case FLOAT:
        return List.of(ValueType.F32);
      case DOUBLE:
        return List.of(ValueType.F64);
      case STRING:
      case BYTES:
        return List.of(ValueType.I32, ValueType.I32);
      default:
        return List.of();
    }
  }

  /** A wasm function type as in the runtime's messages, e.g. {@code (i32, i32) -> (i64)}. */
  static String format(List<ValueType> params, List<ValueType> results) {
    return params.stream().map(GuestMethod::lower).collect(Collectors.joining(", ", "(", ")"))
        + " -> "
        + results.stream().map(GuestMethod::lower).collect(Collectors.joining(", ", "(", ")"));
  }

  private static String lower(ValueType t) {
    return t.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Calls the export with {@code args} on an instance borrowed from the pool. */
  Object invoke(Object[] args) {
    // Check arguments before borrowing, so a caller's mistake never costs an instance.
    for (int i = 0; i < params.length; i++) {
      if (params[i].inMemory() && args[i] == null) {
        throw new IllegalArgumentException(
            "argument " + i + " of " + signature + " is null; guest calls take no null values");
      }
    }
    return pool.call(export, module -> callIn(module, args));
  }

  private Object callIn(Module module, Object[] args) {
    Function function = module.exportedFunction(export);
    long[] wasm = new long[wasmParamCount];
    boolean usesMemory = result.inMemory();
    for (Kind k : params) {
      usesMemory |= k.inMemory();
    }
    Memory memory = null;
    Function alloc = null;
    Function dealloc = null;
    if (usesMemory) {
      memory = module.memory();
      if (memory == null) {
        throw new IllegalStateException(
            "wasm module \"" + pool.getModuleName() + "\" has no memory for String/byte[] values");
      }
      alloc = module.exportedFunction(allocate);
      dealloc = module.exportedFunction(deallocate);
    }
    int[] ptrs = new int[params.length];
    int[] lens = new int[params.length];
    int w = 0;
    for (int i = 0; i < params.length; i++) {
      Object a = args[i];
      switch (params[i]) {
        case INT:
          wasm[w++] = ValueCodec.encodeI32((Integer) a);
          break;
        case LONG:
          wasm[w++] = (Long) a;
          break;
        case FLOAT:
          wasm[w++] = ValueCodec.encodeF32((Float) a);
          break;
        case DOUBLE:
          wasm[w++] = ValueCodec.encodeF64((Double) a);
          break;
        case BOOLEAN:
          wasm[w++] = ((Boolean) a) ? 1 : 0;
          break;
        case STRING:
        case BYTES:
          byte[] bytes =
              params[i] == Kind.STRING ? ((String) a).getBytes(StandardCharsets.UTF_8) : (byte[]) a;
          int ptr = ValueCodec.decodeI32(alloc.call(ValueCodec.encodeI32(bytes.length))[0]);
          memory.write(Integer.toUnsignedLong(ptr), bytes);
          ptrs[i] = ptr;
          lens[i] = bytes.length;
          wasm[w++] = ValueCodec.encodeI32(ptr);
          wasm[w++] = ValueCodec.encodeI32(bytes.length);
          break;
        default:
          throw new IllegalStateException("unexpected parameter kind " + params[i]);
      }
    }
    long[] r = function.call(wasm);
    Object value = decodeResult(r, memory, dealloc);
    // The guest owns nothing we passed: free the argument copies (reverse order suits stack-like
    // allocators).
    for (int i = params.length - 1; i >= 0; i--) {
      if (params[i].inMemory()) {
        dealloc.call(ValueCodec.encodeI32(ptrs[i]), ValueCodec.encodeI32(lens[i]));
      }
    }
    return value;
  }

  private Object decodeResult(long[] r, Memory memory, Function dealloc) {
    switch (result) {
      case VOID:
        return null;
      case INT:
        return ValueCodec.decodeI32(r[0]);
      case LONG:
        return r[0];
      case FLOAT:
        return ValueCodec.decodeF32(r[0]);
      case DOUBLE:
        return ValueCodec.decodeF64(r[0]);
      case BOOLEAN:
        return ValueCodec.decodeI32(r[0]) != 0;
      case STRING:
      case BYTES:
        int ptr;
        int len;
        if (pairResult) {
          ptr = ValueCodec.decodeI32(r[0]);
          len = ValueCodec.decodeI32(r[1]);
        } else {
          // Packed as ptr << 32 | len (the convention of wazero's allocation examples).
          ptr = (int) (r[0] >>> 32);
          len = (int) r[0];
        }
        if (len < 0) {
          throw new IllegalStateException(
              "export \"" + export + "\" returned a negative length " + len);
        }
        byte[] bytes = len == 0 ? new byte[0] : memory.read(Integer.toUnsignedLong(ptr), len);
        if (ptr != 0) {
          // The result buffer was allocated by the guest for us: hand it back.
          dealloc.call(ValueCodec.encodeI32(ptr), ValueCodec.encodeI32(len));
        }
        return result == Kind.STRING ? new String(bytes, StandardCharsets.UTF_8) : bytes;
      default:
        throw new IllegalStateException("unexpected result kind " + result);
    }
  }

  @Override
  public String toString() {
    return signature + " -> " + pool.getModuleName() + "." + export;
  }
}
