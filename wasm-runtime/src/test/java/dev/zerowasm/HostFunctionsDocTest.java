package dev.zerowasm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.api.ExitException;
import dev.zerowasm.api.FunctionDefinition;
import dev.zerowasm.api.Module;
import dev.zerowasm.api.ValueCodec;
import dev.zerowasm.api.ValueType;
import dev.zerowasm.api.WasmStackTrace;
import dev.zerowasm.assemblyscript.AssemblyScript;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The examples of docs/host-functions.md. Every {@code java} block of that page is a copy of code here:
 * docs-tests' {@code DocSnippetsTest} checks every code block of the docs against the test sources.
 */
class HostFunctionsDocTest {
  private final byte[] wasm = Fixtures.read("host/example.wasm");
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);

  private String printed() {
    return captured.toString(StandardCharsets.UTF_8);
  }

  @Test
  void lowLevel() {
    try (Runtime runtime = Runtime.create()) {
      runtime
          .newHostModuleBuilder("env")
          .newFunctionBuilder()
          .withFunction(
              (caller, stack) -> {
                long offset = stack[0];
                int length = ValueCodec.decodeI32(stack[1]);
                byte[] bytes = caller.memory().read(offset, length);
                out.println(new String(bytes, StandardCharsets.UTF_8));
              },
              List.of(ValueType.I32, ValueType.I32),
              List.of())
          .withParameterNames("offset", "length")
          .export("log")
          .newFunctionBuilder()
          .withFunction(
              (caller, stack) -> {
                int a = ValueCodec.decodeI32(stack[0]);
                int b = ValueCodec.decodeI32(stack[1]);
                stack[0] = ValueCodec.encodeI32(a + b);
              },
              List.of(ValueType.I32, ValueType.I32),
              List.of(ValueType.I32))
          .export("add")
          .instantiate();

      Module module = runtime.instantiate(wasm);
      module.exportedFunction("greet").call(); // prints "hello, host"
      long[] sum = module.exportedFunction("sum").call(40, 2); // {42}
      assertThat(sum).containsExactly(42);
    }
    assertThat(printed()).isEqualTo("hello, host\n");
  }

  /** The host side as plain Java methods. */
  public static final class Env {
    private final PrintStream out;

    public Env(PrintStream out) {
      this.out = out;
    }

    public void log(Module caller, int offset, int length) {
      byte[] bytes = caller.memory().read(offset, length);
      out.println(new String(bytes, StandardCharsets.UTF_8));
    }

    public int add(int a, int b) {
      return a + b;
    }
  }

  @Test
  void reflective() {
    try (Runtime runtime = Runtime.create()) {
      Env env = new Env(out);
      runtime
          .newHostModuleBuilder("env")
          .newFunctionBuilder()
          .withFunc(env, "log")
          .export("log")
          .newFunctionBuilder()
          .withFunc(env, "add")
          .withParameterNames("a", "b")
          .withResultNames("sum")
          .export("add")
          .instantiate();

      Module module = runtime.instantiate(wasm);
      module.exportedFunction("greet").call(); // prints "hello, host"
      assertThat(module.exportedFunction("sum").call(1, 2)).containsExactly(3);
    }
    assertThat(printed()).isEqualTo("hello, host\n");
  }

  @Test
  void callBack() {
    try (Runtime runtime = Runtime.create()) {
      List<Long> doubled = new ArrayList<>();
      runtime
          .newHostModuleBuilder("env")
          .newFunctionBuilder()
          .withFunction(
              (caller, stack) -> {
                // Call an export of the module that called us.
                long[] r = caller.exportedFunction("double").call(stack[1]);
                doubled.add(r[0]);
              },
              List.of(ValueType.I32, ValueType.I32),
              List.of())
          .export("log")
          .newFunctionBuilder()
          .withFunction(
              (caller, stack) -> stack[0] = stack[0] + stack[1],
              List.of(ValueType.I32, ValueType.I32),
              List.of(ValueType.I32))
          .export("add")
          .instantiate();
      runtime.instantiate(wasm).exportedFunction("greet").call();
      assertThat(doubled).containsExactly(22L);
    }
  }

  @Test
  void errors() {
    try (Runtime runtime = Runtime.create()) {
      runtime
          .newHostModuleBuilder("env")
          .newFunctionBuilder()
          .withFunction(
              (caller, stack) -> {
                throw new IllegalStateException("no logging today");
              },
              List.of(ValueType.I32, ValueType.I32),
              List.of())
          .export("log")
          .newFunctionBuilder()
          .withFunction(
              (caller, stack) -> {
                throw new ExitException(3);
              },
              List.of(ValueType.I32, ValueType.I32),
              List.of(ValueType.I32))
          .export("add")
          .instantiate();
      Module module = runtime.instantiate(wasm);

      try {
        module.exportedFunction("greet").call();
      } catch (IllegalStateException e) {
        // The host's exception, unchanged, with the WebAssembly frames attached:
        List<String> frames = WasmStackTrace.of(e).orElseThrow().frames();
        out.println(frames); // [env.log, example.greet]
      }

      try {
        module.exportedFunction("sum").call(1, 2);
      } catch (ExitException e) {
        out.println(e.exitCode() + " " + module.isClosed()); // 3 true
      }
    }
    assertThat(printed()).isEqualTo("[env.log, example.greet]\n3 true\n");
  }

  @Test
  void definitions() {
    try (Runtime runtime = Runtime.create()) {
      CompiledModule compiled = runtime.compile(wasm);
      for (FunctionDefinition f : compiled.importedFunctions()) {
        out.println(f.importedAs().orElseThrow() + " " + f.paramNames() + " " + f.paramTypes());
      }
      // ImportName[moduleName=env, name=log] [offset, length] [i32, i32]
      // ImportName[moduleName=env, name=add] [a, b] [i32, i32]
      FunctionDefinition sum = compiled.exportedFunctions().get("sum");
      out.println(sum.debugName() + " -> " + sum.resultTypes()); // example.sum -> [i32]
      out.println(compiled.exportedMemories().get("memory").minPages()); // 1
    }
    assertThat(printed())
        .isEqualTo(
            "ImportName[moduleName=env, name=log] [offset, length] [i32, i32]\n"
                + "ImportName[moduleName=env, name=add] [a, b] [i32, i32]\n"
                + "example.sum -> [i32]\n"
                + "1\n");
  }

  @Test
  void assemblyScript() {
    byte[] wasm = Fixtures.read("assemblyscript/fixture.wasm");
    try (Runtime runtime = Runtime.create()) {
      AssemblyScript.create().withOutput(out).instantiate(runtime);
      Module module = runtime.instantiate(wasm);
      module.exportedFunction("traceIt").call(); // prints "trace: hello trace" ...
    }
    assertThat(printed()).startsWith("trace: hello trace\n");
  }
}
