package dev.zerowasm.benchmarks;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.zerowasm.CompiledModule;
import dev.zerowasm.Runtime;
import dev.zerowasm.RuntimeConfig;
import dev.zerowasm.api.Function;
import dev.zerowasm.api.Module;
import java.util.HashMap;
import java.util.Map;

/**
 * One instantiated workload module on one engine, zerowasm's or Chicory's, behind the same tiny
 * call interface so that every benchmark measures the engines on identical inputs.
 */
abstract class Guest implements AutoCloseable {
  /** The engines a benchmark can run on; the names are JMH {@code @Param} values. */
  static final String ZEROWASM_INTERPRETER = "zerowasm-interpreter";

  static final String ZEROWASM_COMPILER = "zerowasm-compiler";

  static final String CHICORY_INTERPRETER = "chicory-interpreter";
  static final String CHICORY_COMPILER = "chicory-compiler";

  /** Calls the export {@code name}. */
  abstract long[] call(String name, long... args);

  /** A caller for {@code name} that skips the export lookup on every call. */
  abstract Call export(String name);

  @Override
  public void close() {}

  /** A bound export. */
  interface Call {
    long[] call(long... args);
  }

  /** Instantiates {@code wasm} on {@code engine}. */
  static Guest load(String engine, byte[] wasm) {
    switch (engine) {
      case ZEROWASM_INTERPRETER:
        return new Zerowasm(RuntimeConfig.interpreter(), wasm);
      case ZEROWASM_COMPILER:
        // Not tiered: compile benchmarks measure the whole compilation, and compute benchmarks
        // compiled code from the first call (StartupBenchmark measures tiered start-up).
        return new Zerowasm(RuntimeConfig.compiler().withTieredCompilation(false), wasm);
      case CHICORY_INTERPRETER:
        return new Chicory(Instance.builder(Parser.parse(wasm)).build());
      case CHICORY_COMPILER:
        WasmModule module = Parser.parse(wasm);
        return new Chicory(
            Instance.builder(module).withMachineFactory(MachineFactoryCompiler::compile).build());
      default:
        throw new IllegalArgumentException("unknown engine " + engine);
    }
  }

  /** The engine whose results a run on {@code engine} is checked against: the other project's. */
  static String referenceFor(String engine) {
    return engine.startsWith("zerowasm") ? CHICORY_INTERPRETER : ZEROWASM_INTERPRETER;
  }

  private static final class Zerowasm extends Guest {
    private final Runtime runtime;
    private final Module module;

    Zerowasm(RuntimeConfig config, byte[] wasm) {
      runtime = Runtime.create(config);
      CompiledModule compiled = runtime.compile(wasm);
      module = runtime.instantiate(compiled);
    }

    @Override
    long[] call(String name, long... args) {
      return export(name).call(args);
    }

    @Override
    Call export(String name) {
      Function f = module.exportedFunction(name);
      if (f == null) {
        throw new IllegalArgumentException("no export " + name);
      }
      return f::call;
    }

    @Override
    public void close() {
      runtime.close();
    }
  }

  private static final class Chicory extends Guest {
    private final Instance instance;
    private final Map<String, Call> exports = new HashMap<>();

    Chicory(Instance instance) {
      this.instance = instance;
    }

    @Override
    long[] call(String name, long... args) {
      return export(name).call(args);
    }

    @Override
    Call export(String name) {
      return exports.computeIfAbsent(name, n -> instance.export(n)::apply);
    }
  }
}
