package dev.zerowasm.internal.wasm;

import dev.zerowasm.api.FunctionDefinition;
import dev.zerowasm.api.ValueType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link FunctionDefinition} of a guest function (built from a decoded module by {@link
 * #forModule}) or of a host function ({@link #host}). Immutable.
 */
public final class FunctionDefinitionImpl implements FunctionDefinition {
  private final String moduleName;
  private final int index;
  private final String name;
  private final List<String> exportNames;
  private final Optional<ImportName> importedAs;
  private final FuncType type;
  private final List<String> paramNames;
  private final List<String> resultNames;
  private final boolean host;

  private FunctionDefinitionImpl(
      String moduleName,
      int index,
      String name,
      List<String> exportNames,
      Optional<ImportName> importedAs,
      FuncType type,
      List<String> paramNames,
      List<String> resultNames,
      boolean host) {
    this.moduleName = moduleName;
    this.index = index;
    this.name = name;
    this.exportNames = exportNames;
    this.importedAs = importedAs;
    this.type = type;
    this.paramNames = paramNames;
    this.resultNames = resultNames;
    this.host = host;
  }

  /**
   * One definition per function of {@code module}'s function index space. Names come from the name
   * section; a function without one is named after its first export.
   */
  public static FunctionDefinition[] forModule(WasmModule module) {
    NameSection names = module.names == null ? NameSection.EMPTY : module.names;
    String moduleName = names.moduleName() == null ? "" : names.moduleName();
    int count = module.functionCount();
    // Export names only for exported functions: most functions of a large module have none.
    Map<Integer, List<String>> exportNames = new HashMap<>();
    for (Export export : module.exports) {
      if (export.kind() == ExternKind.FUNCTION && export.index() < count) {
        exportNames.computeIfAbsent(export.index(), k -> new ArrayList<>(1)).add(export.name());
      }
    }
    FunctionDefinition[] result = new FunctionDefinition[count];
    int importIndex = 0;
    for (int i = 0; i < count; i++) {
      Optional<ImportName> importedAs = Optional.empty();
      if (i < module.importedFunctionCount) {
        // Function imports come first in the index space, in the order of the import section.
        while (module.imports[importIndex].kind() != ExternKind.FUNCTION) {
          importIndex++;
        }
        Import imp = module.imports[importIndex++];
        importedAs = Optional.of(new ImportName(imp.module(), imp.name()));
      }
      List<String> exported = exportNames.get(i);
      List<String> exports = exported == null ? List.of() : List.copyOf(exported);
      String name = names.functionNames().get(i);
      if (name == null) {
        name = exports.isEmpty() ? "" : exports.get(0);
      }
      FuncType type = module.functionType(i);
      result[i] =
          new FunctionDefinitionImpl(
              moduleName,
              i,
              name,
              exports,
              importedAs,
              type,
              paramNames(names.localNames().get(i), type.paramCount()),
              List.of(),
              false);
    }
    return result;
  }

  /**
   * The definition of a host function exported as {@code name} by the host module {@code
   * moduleName}.
   *
   * @param paramNames one name per parameter, or an empty list
   * @param resultNames one name per result, or an empty list
   */
  public static FunctionDefinition host(
      String moduleName,
      int index,
      String name,
      FuncType type,
      List<String> paramNames,
      List<String> resultNames) {
    return host(moduleName, index, name, name, type, paramNames, resultNames);
  }

  /**
   * The definition of a host function named {@code name} and exported as {@code exportName} by the
   * host module {@code moduleName}.
   *
   * @param paramNames one name per parameter, or an empty list
   * @param resultNames one name per result, or an empty list
   */
  public static FunctionDefinition host(
      String moduleName,
      int index,
      String name,
      String exportName,
      FuncType type,
      List<String> paramNames,
      List<String> resultNames) {
    return new FunctionDefinitionImpl(
        moduleName,
        index,
        name,
        List.of(exportName),
        Optional.empty(),
        type,
        List.copyOf(paramNames),
        List.copyOf(resultNames),
        true);
  }

  /** The parameter names from the name section's local names, "" for gaps; empty if none. */
  private static List<String> paramNames(Map<Integer, String> locals, int paramCount) {
    if (locals == null || locals.isEmpty() || paramCount == 0) {
      return List.of();
    }
    String[] names = new String[paramCount];
    boolean any = false;
    for (int i = 0; i < paramCount; i++) {
      String n = locals.get(i);
      any |= n != null;
      names[i] = n == null ? "" : n;
    }
    return any ? List.of(names) : List.of();
  }

  /** The signature of this function. */
  public FuncType type() {
    return type;
  }

  @Override
  public String moduleName() {
    return moduleName;
  }

  @Override
  public int index() {
    return index;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String debugName() {
    return moduleName + "." + (name.isEmpty() ? "$" + index : name);
  }

  @Override
  public List<String> exportNames() {
    return exportNames;
  }

  @Override
  public Optional<ImportName> importedAs() {
    return importedAs;
  }

  @Override
  public List<ValueType> paramTypes() {
    return List.of(type.params());
  }

  @Override
  public List<ValueType> resultTypes() {
    return List.of(type.results());
  }

  @Override
  public List<String> paramNames() {
    return paramNames;
  }

  @Override
  public List<String> resultNames() {
    return resultNames;
  }

  @Override
  public boolean isHostFunction() {
    return host;
  }

  /** E.g. {@code math.add (i32, i32) -> (i32)}. */
  @Override
  public String toString() {
    return debugName()
        + " "
        + type
        + (host ? " (host)" : "")
        + importedAs
            .map(n -> " imported as \"" + n.moduleName() + "\".\"" + n.name() + "\"")
            .orElse("")
        + (exportNames.isEmpty() ? "" : " exported as " + Arrays.toString(exportNames.toArray()));
  }
}
