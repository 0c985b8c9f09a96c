package dev.zerowasm.benchmarks;

import java.util.Arrays;
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
 * The C kernels of {@link ComputeBenchmark} compiled with {@code -msimd128}, so clang's
 * auto-vectoriser turns their inner loops into 128-bit SIMD. Before timing, each result is checked
 * against the scalar build of the same kernel on the same engine: vectorising must not change it.
 *
 * <p>Chicory 1.6.1 is not measured here: both of its engines refuse these modules ("Unhandled
 * opcode: V128_LOAD", "Machine doesn't recognize Instruction F64x2_SPLAT"). Compare with the scalar
 * rows of {@link ComputeBenchmark} instead.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SimdBenchmark {
  /** The engine under measurement. */
  @Param({Guest.ZEROWASM_INTERPRETER, Guest.ZEROWASM_COMPILER})
  public String engine;

  private Guest kernels;
  private Guest.Call matmul;
  private Guest.Call sha256;

  /** Instantiates the SIMD build and checks it against the scalar build. */
  @Setup(Level.Trial)
  public void setUp() {
    kernels = Guest.load(engine, Workloads.bytes("kernels-simd"));
    matmul = kernels.export("matmul_bench");
    sha256 = kernels.export("sha256_bench");
    try (Guest scalar = Guest.load(engine, Workloads.bytes("kernels"))) {
      check("matmul_bench", 96, matmul, scalar);
      check("sha256_bench", 1 << 18, sha256, scalar);
    }
  }

  private void check(String export, long arg, Guest.Call simd, Guest scalar) {
    long[] expected = scalar.call(export, arg);
    long[] actual = simd.call(arg);
    if (!Arrays.equals(actual, expected)) {
      throw new IllegalStateException(engine + ": SIMD " + export + " computed "
          + Arrays.toString(actual) + " but the scalar build " + Arrays.toString(expected));
    }
  }

  /** Releases the module. */
  @TearDown(Level.Trial)
  public void tearDown() {
    kernels.close();
  }

  /** 96x96 double matrix multiply, vectorised. */
  @Benchmark
  public long[] matmulSimd() {
    return matmul.call(96);
  }

  /** SHA-256 of 256 KiB, vectorised where clang could. */
  @Benchmark
  public long[] sha256Simd() {
    return sha256.call(1 << 18);
  }
}
