package dev.zerowasm.benchmarks;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.zerowasm.Runtime;
import dev.zerowasm.RuntimeConfig;
import dev.zerowasm.api.Function;
import dev.zerowasm.api.Module;
import dev.zerowasm.api.ValueType;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A guest loop calling the imported {@code env.tick(i32) -> i32} one million times: the cost of a
 * guest-to-host call. zerowasm binds the host function twice, as a low-level {@code HostFunction}
 * working on the {@code long[]} stack and reflectively with {@code withFunc} over a Java method;
 * Chicory binds its own {@code HostFunction}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class HostCallBenchmark {
  private static final int CALLS = 1_000_000;

  /** Engine and, for zerowasm, how the host function is bound. */
  @Param({
    "zerowasm-interpreter",
    "zerowasm-interpreter-withfunc",
    "zerowasm-compiler",
    "zerowasm-compiler-withfunc",
    Guest.CHICORY_INTERPRETER,
    Guest.CHICORY_COMPILER
  })
  public String engine;

  private Runtime runtime;
  private Guest.Call run;

  /** The host side bound through {@code withFunc}: one public method. */
  public static final class Ticker {
    /** Returns its argument plus one. */
    public int tick(int x) {
      return x + 1;
    }
  }

  /** Binds the host function, instantiates the guest and checks one run's result. */
  @Setup(Level.Trial)
  public void setUp() {
    byte[] wasm = Workloads.bytes("host-call");
    if (engine.startsWith("zerowasm")) {
      RuntimeConfig config =
          engine.startsWith("zerowasm-compiler")
              ? RuntimeConfig.compiler()
              : RuntimeConfig.interpreter();
      runtime = Runtime.create(config);
      var function = runtime.newHostModuleBuilder("env").newFunctionBuilder();
      if (engine.endsWith("-withfunc")) {
        function.withFunc(new Ticker(), "tick");
      } else {
        function.withFunction(
            (caller, stack) -> stack[0] = (int) stack[0] + 1,
            List.of(ValueType.I32),
            List.of(ValueType.I32));
      }
      function.export("tick").instantiate();
      Module module = runtime.instantiate(wasm);
      Function f = module.exportedFunction("run");
      run = f::call;
    } else {
      HostFunction tick =
          new HostFunction(
              "env",
              "tick",
              FunctionType.of(List.of(ValType.I32), List.of(ValType.I32)),
              (instance, args) -> new long[] {(int) args[0] + 1});
      WasmModule module = Parser.parse(wasm);
      Instance.Builder builder =
          Instance.builder(module)
              .withImportValues(ImportValues.builder().addFunction(tick).build());
      if (engine.equals(Guest.CHICORY_COMPILER)) {
        builder.withMachineFactory(MachineFactoryCompiler::compile);
      }
      Instance instance = builder.build();
      run = instance.export("run")::apply;
    }
    long result = run.call(CALLS)[0];
    if (result != CALLS) {
      throw new IllegalStateException(engine + " computed " + result + ", expected " + CALLS);
    }
  }

  /** Releases the runtime. */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (runtime != null) {
      runtime.close();
    }
  }

  /** One million guest-to-host calls. */
  @Benchmark
  public long[] hostCall() {
    return run.call(CALLS);
  }
}
