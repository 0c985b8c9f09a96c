package dev.zerowasm.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Start-up costs: from bytes to a first call of a large module (about 5.7 MB, 20,000 functions),
 * and instantiation of a small one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CompileBenchmark {
  /** The engine under measurement. */
  @Param({
    Guest.ZEROWASM_INTERPRETER,
    Guest.ZEROWASM_COMPILER,
    Guest.CHICORY_INTERPRETER,
    Guest.CHICORY_COMPILER
  })
  public String engine;

  private final byte[] large = Workloads.bytes("large");
  private final byte[] small = Workloads.bytes("fib");

  /** Decode, validate, compile and instantiate the large module, then call one export. */
  @Benchmark
  public long[] compileLarge() {
    try (Guest guest = Guest.load(engine, large)) {
      return guest.call("call", 7, 11);
    }
  }

  /** Compile and instantiate a small module, then call it. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public long[] instantiateSmall() {
    try (Guest guest = Guest.load(engine, small)) {
      return guest.call("fib", 2);
    }
  }
}
