package dev.zerowasm.spectest;

import dev.zerowasm.CompiledModule;
import dev.zerowasm.ModuleConfig;
import dev.zerowasm.Runtime;
import dev.zerowasm.RuntimeConfig;
import dev.zerowasm.api.CompileException;
import dev.zerowasm.api.Function;
import dev.zerowasm.api.LinkException;
import dev.zerowasm.api.Module;
import dev.zerowasm.api.TrapException;
import dev.zerowasm.api.TrapKind;
import dev.zerowasm.api.ValueType;
import dev.zerowasm.internal.wasm.FuncType;
import dev.zerowasm.internal.wasm.GlobalInstance;
import dev.zerowasm.internal.wasm.GlobalType;
import dev.zerowasm.internal.wasm.HostModule;
import dev.zerowasm.internal.wasm.Limits;
import dev.zerowasm.internal.wasm.MemoryInstance;
import dev.zerowasm.internal.wasm.MemoryType;
import dev.zerowasm.internal.wasm.ModuleInstance;
import dev.zerowasm.internal.wasm.Store;
import dev.zerowasm.internal.wasm.StoreOwner;
import dev.zerowasm.internal.wasm.TableInstance;
import dev.zerowasm.internal.wasm.TableType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the commands of one spec test script ({@code .json}) in order, in a fresh runtime with a
 * fresh {@code spectest} host module, and reports one {@link Outcome} per command. Runs on the
 * caller's thread; the caller provides a thread with a large stack.
 */
final class ScriptRunner implements AutoCloseable {
  /** What happened to one command. */
  enum Status {
    PASSED,
    FAILED,
    SKIPPED
  }

  /** The result of one command. */
  record Outcome(Status status, String message, Throwable cause) {
    static final Outcome PASS = new Outcome(Status.PASSED, null, null);

    static Outcome fail(String message) {
      return new Outcome(Status.FAILED, message, null);
    }

    static Outcome fail(String message, Throwable cause) {
      return new Outcome(Status.FAILED, message + ": " + cause, cause);
    }

    static Outcome skip(String reason) {
      return new Outcome(Status.SKIPPED, reason, null);
    }
  }

  /** A command failed; carries the message of its outcome. */
  private static final class Failure extends Exception {
    Failure(String message) {
      super(message, null, false, false);
    }
  }

  private static final ModuleConfig MODULE_CONFIG =
      ModuleConfig.create().withName("").withStartFunctions();

  private final Path dir;
  private final Runtime runtime;
  private final Store store;
  private final Map<String, Module> named = new HashMap<>();
  private Module current;

  ScriptRunner(Path dir, RuntimeConfig config) {
    this.dir = dir;
    this.runtime = Runtime.create(config);
    this.store = ((StoreOwner) runtime).store();
    createSpectestModule(config.memoryLimitPages(), config.memoryCapacityFromMax());
  }

  /**
   * The host module every script may import from, as the reference interpreter defines it; its
   * memory gets its maximum up front too with capacity from max.
   */
  private void createSpectestModule(int memoryLimitPages, boolean memoryCapacityFromMax) {
    ValueType i32 = ValueType.I32;
    ValueType i64 = ValueType.I64;
    ValueType f32 = ValueType.F32;
    ValueType f64 = ValueType.F64;
    HostModule.Body nothing = stack -> {};
    HostModule.builder("spectest")
        .function("print", FuncType.EMPTY, nothing)
        .function("print_i32", new FuncType(new ValueType[] {i32}, new ValueType[0]), nothing)
        .function("print_i64", new FuncType(new ValueType[] {i64}, new ValueType[0]), nothing)
        .function("print_f32", new FuncType(new ValueType[] {f32}, new ValueType[0]), nothing)
        .function("print_f64", new FuncType(new ValueType[] {f64}, new ValueType[0]), nothing)
        .function(
            "print_i32_f32", new FuncType(new ValueType[] {i32, f32}, new ValueType[0]), nothing)
        .function(
            "print_f64_f64", new FuncType(new ValueType[] {f64, f64}, new ValueType[0]), nothing)
        .global("global_i32", new GlobalInstance(new GlobalType(i32, false), 666))
        .global("global_i64", new GlobalInstance(new GlobalType(i64, false), 666))
        .global("global_f32", new GlobalInstance(new GlobalType(f32, false), 0x4426A666L))
        .global("global_f64", new GlobalInstance(new GlobalType(f64, false), 0x4084D4CCCCCCCCCDL))
        .table("table", new TableInstance(new TableType(ValueType.FUNCREF, Limits.of(10, 20))))
        .memory(
            "memory",
            new MemoryInstance(
                new MemoryType(Limits.of(1, 2)), memoryLimitPages, memoryCapacityFromMax))
        .instantiate(store);
  }

  /** Runs one command. Never throws: failures, including JVM errors, become outcomes. */
  Outcome run(Map<String, Object> command) {
    try {
      return execute(command);
    } catch (Failure f) {
      return Outcome.fail(f.getMessage());
    } catch (StackOverflowError e) {
      return Outcome.fail("StackOverflowError escaped to the test harness", e);
    } catch (Throwable t) {
      return Outcome.fail("unexpected exception", t);
    }
  }

  private Outcome execute(Map<String, Object> command) throws Failure, IOException {
    String type = (String) command.get("type");
    switch (type) {
      case "module":
        {
          if ("text".equals(command.get("module_type"))) {
            return Outcome.skip("text-format module (the runtime reads only binaries)");
          }
          Module m = instantiate(compile(command), "module");
          current = m;
          if (command.get("name") != null) {
            named.put((String) command.get("name"), m);
          }
          return Outcome.PASS;
        }
      case "register":
        {
          String name = (String) command.get("name");
          Module target = name == null ? current : named.get(name);
          if (target == null) {
            throw new Failure(
                name == null ? "register: no current module" : "register: unknown module " + name);
          }
          store.register((String) command.get("as"), (ModuleInstance) target);
          return Outcome.PASS;
        }
      case "action":
        perform(action(command));
        return Outcome.PASS;
      case "assert_return":
        {
          long[] results = perform(action(command));
          List<Object> expected = list(command.get("expected"));
          if (expected == null) {
            // "either" (relaxed-simd only): any one alternative, each a single value.
            for (Object alternative : list(command.get("either"))) {
              if (SpecValues.mismatch(List.of(alternative), results) == null) {
                return Outcome.PASS;
              }
            }
            throw new Failure(
                "result matches none of " + SpecValues.describe(list(command.get("either"))));
          }
          String mismatch = SpecValues.mismatch(expected, results);
          if (mismatch != null) {
            throw new Failure(mismatch);
          }
          return Outcome.PASS;
        }
      case "assert_trap":
      case "assert_exhaustion":
        {
          String text = (String) command.get("text");
          long[] results;
          try {
            results = perform(action(command));
          } catch (TrapException e) {
            checkTrap(e, text);
            return Outcome.PASS;
          }
          throw new Failure(
              "expected a trap \""
                  + text
                  + "\" but the call returned "
                  + java.util.Arrays.toString(results));
        }
      case "assert_invalid":
      case "assert_malformed":
        {
          if ("text".equals(command.get("module_type"))) {
            return Outcome.skip("text-format module (the runtime reads only binaries)");
          }
          CompileException.Phase phase =
              type.equals("assert_invalid")
                  ? CompileException.Phase.VALIDATE
                  : CompileException.Phase.DECODE;
          String text = (String) command.get("text");
          byte[] bytes = Files.readAllBytes(dir.resolve((String) command.get("filename")));
          CompiledModule compiled;
          try {
            compiled = runtime.compile(bytes);
          } catch (CompileException e) {
            if (e.phase() != phase && !isDataCountArtefact(type, e)) {
              throw new Failure(
                  "expected "
                      + (phase == CompileException.Phase.VALIDATE ? "validation" : "decoding")
                      + " to fail with \""
                      + text
                      + "\" but got "
                      + e.phase()
                      + ": "
                      + e.getMessage());
            }
            return Outcome.PASS;
          }
          compiled.close();
          throw new Failure(
              "expected "
                  + (phase == CompileException.Phase.VALIDATE ? "invalid" : "malformed")
                  + " module (\""
                  + text
                  + "\") but it compiled");
        }
      case "assert_unlinkable":
      case "assert_uninstantiable":
        {
          if ("text".equals(command.get("module_type"))) {
            return Outcome.skip("text-format module (the runtime reads only binaries)");
          }
          String text = (String) command.get("text");
          CompiledModule compiled = compile(command);
          try {
            runtime.instantiate(compiled, MODULE_CONFIG);
          } catch (LinkException e) {
            if (type.equals("assert_unlinkable")) {
              return Outcome.PASS;
            }
            throw new Failure(
                "expected a trap \"" + text + "\" but linking failed: " + e.getMessage());
          } catch (TrapException e) {
            if (type.equals("assert_uninstantiable")) {
              checkTrap(e, text);
              return Outcome.PASS;
            }
            throw new Failure(
                "expected a link error \"" + text + "\" but got trap: " + e.getMessage());
          } finally {
            compiled.close();
          }
          throw new Failure(
              "expected instantiation to fail with \"" + text + "\" but it succeeded");
        }
      default:
        throw new Failure("unknown command type " + type);
    }
  }

  /** The trap's kind must be the one whose message starts with {@code text}, if there is one. */
  private static void checkTrap(TrapException e, String text) throws Failure {
    if (text == null) {
      return;
    }
    boolean known = false;
    for (TrapKind kind : TrapKind.values()) {
      known |= kind.message().startsWith(text);
    }
    if (known && !e.kind().message().startsWith(text)) {
      throw new Failure(
          "expected trap \"" + text + "\" but got " + e.kind() + ": " + e.getMessage());
    }
  }

  private CompiledModule compile(Map<String, Object> command) throws IOException, Failure {
    byte[] bytes = Files.readAllBytes(dir.resolve((String) command.get("filename")));
    try {
      return runtime.compile(bytes);
    } catch (CompileException e) {
      throw new Failure("module failed to compile: " + e.getMessage());
    }
  }

  private Module instantiate(CompiledModule compiled, String what) throws Failure {
    try {
      return runtime.instantiate(compiled, MODULE_CONFIG);
    } catch (LinkException | TrapException e) {
      throw new Failure(what + " failed to instantiate: " + e.getMessage());
    } finally {
      compiled.close();
    }
  }

  private static Map<String, Object> action(Map<String, Object> command) {
    return SpecValues.map(command.get("action"));
  }

  /** Invokes a function or reads a global; traps propagate. */
  private long[] perform(Map<String, Object> action) throws Failure {
    String moduleName = (String) action.get("module");
    Module module = moduleName == null ? current : named.get(moduleName);
    if (module == null) {
      throw new Failure(moduleName == null ? "no current module" : "unknown module " + moduleName);
    }
    String field = (String) action.get("field");
    switch ((String) action.get("type")) {
      case "invoke":
        {
          Function f = module.exportedFunction(field);
          if (f == null) {
            throw new Failure("no exported function \"" + field + "\"");
          }
          return f.call(SpecValues.encodeArgs(list(action.get("args"))));
        }
      case "get":
        {
          GlobalInstance g = (GlobalInstance) module.exportedGlobal(field);
          if (g == null) {
            throw new Failure("no exported global \"" + field + "\"");
          }
          return g.type() == ValueType.V128
              ? new long[] {g.value, g.valueHigh}
              : new long[] {g.value};
        }
      default:
        throw new Failure("unknown action type " + action.get("type"));
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object o) {
    return (List<Object>) o;
  }

  @Override
  public void close() {
    runtime.close();
  }

  /**
   * Whether {@code e} is the one accepted mismatch between the phase a script asserts and ours.
   * wast2json encodes some text modules that the scripts assert to be invalid (v2 memory_init
   * lines 190 and 227) with data.drop / memory.init but without the data count section the binary
   * format then requires, so the binary it wrote is malformed and decoding rightly rejects it
   * first (v2/binary.wast asserts exactly that case as malformed).
   */
  private static boolean isDataCountArtefact(String type, CompileException e) {
    return type.equals("assert_invalid")
        && e.phase() == CompileException.Phase.DECODE
        && e.reason().startsWith("data count section required");
  }
}
