package dev.zerowasm;

import dev.zerowasm.api.HostFunction;
import dev.zerowasm.api.Module;
import dev.zerowasm.api.ValueType;
import dev.zerowasm.internal.wasm.FuncType;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Defines one function of a {@link HostModuleBuilder}: its implementation, either low-level ({@link
 * #withFunction}) or a Java method ({@link #withFunc}), its optional names, and finally the name it
 * is exported under ({@link #export}). Every check happens at {@link #export}, whose exceptions
 * name the function.
 *
 * <pre>{@code
 * builder.newFunctionBuilder()
 *     .withFunction(
 *         (caller, stack) -> stack[0] = stack[0] + stack[1],
 *         List.of(ValueType.I64, ValueType.I64),
 *         List.of(ValueType.I64))
 *     .withParameterNames("a", "b")
 *     .withResultNames("sum")
 *     .export("add");
 * }</pre>
 */
public final class HostFunctionBuilder {
  private final HostModuleBuilder module;
  private HostFunction function;
  private List<ValueType> params;
  private List<ValueType> results;
  private Method method;
  private Object target;
  private String methodName;
  private String name;
  private List<String> paramNames;
  private List<String> resultNames;

  HostFunctionBuilder(HostModuleBuilder module) {
    this.module = module;
  }

  /**
   * Implements the function with {@code function}, which reads its parameters from and writes its
   * results to a {@code long[]} (see {@link HostFunction}). The fastest form: no reflection, no
   * boxing. A {@code v128} parameter or result takes two slots of the stack, its low 64 bits
   * first, as everywhere values cross the Java boundary.
   *
   * @throws NullPointerException if an argument is null
   */
  public HostFunctionBuilder withFunction(
      HostFunction function, List<ValueType> params, List<ValueType> results) {
    this.function = Objects.requireNonNull(function, "function must not be null");
    this.params = List.copyOf(Objects.requireNonNull(params, "params must not be null"));
    this.results = List.copyOf(Objects.requireNonNull(results, "results must not be null"));
    this.method = null;
    this.methodName = null;
    this.target = null;
    return this;
  }

  /**
   * Implements the function with the only method named {@code methodName} of {@code target} (any
   * access; when {@code target} is a {@link Class}, a static method of it). Parameters may be
   * {@code int}, {@code long}, {@code float} and {@code double} (i32, i64, f32, f64), optionally
   * preceded by a {@link Module} that receives the caller; the result {@code void} or one of those
   * four. The method is adapted once into a {@link java.lang.invoke.MethodHandle}; calls use no
   * reflection. Parameter names are taken from the method when it was compiled with {@code
   * -parameters}.
   *
   * @throws NullPointerException if an argument is null
   */
  public HostFunctionBuilder withFunc(Object target, String methodName) {
    this.target = Objects.requireNonNull(target, "target must not be null");
    this.methodName = Objects.requireNonNull(methodName, "methodName must not be null");
    this.method = null;
    this.function = null;
    return this;
  }

  /**
   * Implements the function with {@code method} called on {@code target} ({@code null} for a static
   * method). The rules of {@link #withFunc(Object, String)} apply. A {@code null} or {@code String}
   * target makes the call ambiguous with {@link #withFunc(Object, String)} for the Java compiler:
   * write {@code withFunc(method, (Object) null)}.
   *
   * @throws NullPointerException if {@code method} is null
   */
  public HostFunctionBuilder withFunc(Method method, Object target) {
    this.method = Objects.requireNonNull(method, "method must not be null");
    this.target = target;
    this.methodName = null;
    this.function = null;
    return this;
  }

  /**
   * The function's name in its {@link dev.zerowasm.api.FunctionDefinition} (and so in stack traces
   * and logs); by default its export name.
   */
  public HostFunctionBuilder withName(String name) {
    this.name = Objects.requireNonNull(name, "name must not be null");
    return this;
  }

  /** One name per parameter, for definitions and logs; checked against the signature at export. */
  public HostFunctionBuilder withParameterNames(String... names) {
    this.paramNames = List.of(Objects.requireNonNull(names, "names must not be null"));
    return this;
  }

  /** One name per result, for definitions and logs; checked against the signature at export. */
  public HostFunctionBuilder withResultNames(String... names) {
    this.resultNames = List.of(Objects.requireNonNull(names, "names must not be null"));
    return this;
  }

  /**
   * Adds the function to its module under {@code exportName}.
   *
   * @return the module builder, to add more functions or instantiate
   * @throws IllegalStateException if no implementation was given
   * @throws IllegalArgumentException if the module already exports {@code exportName}, a parameter
   *     or result type is not supported (the message names the method and the parameter), or the
   *     parameter or result names do not match the signature
   */
  public HostModuleBuilder export(String exportName) {
    Objects.requireNonNull(exportName, "exportName must not be null");
    String functionName = name != null ? name : exportName;
    String where = "host function " + module.moduleName() + "." + functionName;
    HostFunction fn = function;
    List<ValueType> ps = params;
    List<ValueType> rs = results;
    List<String> pNames = List.of();
    if (fn == null) {
      if (methodName == null && method == null) {
        throw new IllegalStateException(
            where + " has no implementation: call withFunction or withFunc before export");
      }
      Method m = method != null ? method : HostMethods.find(target, methodName);
      HostMethods.Adapted adapted = HostMethods.adapt(m, target);
      fn = adapted.function();
      ps = adapted.params();
      rs = adapted.results();
      pNames = adapted.paramNames();
    } else {
      checkTypes(where, "parameter", ps);
      checkTypes(where, "result", rs);
    }
    if (paramNames != null) {
      checkNames(where, "parameter", paramNames, ps.size());
      pNames = paramNames;
    }
    List<String> rNames = List.of();
    if (resultNames != null) {
      checkNames(where, "result", resultNames, rs.size());
      rNames = resultNames;
    }
    FuncType type = new FuncType(ps.toArray(new ValueType[0]), rs.toArray(new ValueType[0]));
    module.add(new HostModuleBuilder.Entry(exportName, functionName, type, pNames, rNames, fn));
    return module;
  }

  private static void checkTypes(String where, String what, List<ValueType> types) {
    for (int i = 0; i < types.size(); i++) {
      ValueType t = types.get(i);
      if (t == null) {
        throw new IllegalArgumentException(where + ": " + what + " " + i + " has no type (null)");
      }
    }
  }

  private static void checkNames(String where, String what, List<String> names, int count) {
    if (names.size() != count) {
      throw new IllegalArgumentException(
          where
              + " has "
              + count
              + " "
              + what
              + "(s) but "
              + names.size()
              + " "
              + what
              + " name(s) were given: "
              + Arrays.toString(names.toArray()));
    }
  }
}
