package dev.zerowasm.internal.validation;

import dev.zerowasm.api.CompileException;
import dev.zerowasm.api.CompileException.Phase;
import dev.zerowasm.api.CoreFeature;
import dev.zerowasm.api.CoreFeatures;
import dev.zerowasm.api.ValueType;
import dev.zerowasm.internal.wasm.Code;
import dev.zerowasm.internal.wasm.ConstExpr;
import dev.zerowasm.internal.wasm.DataSegment;
import dev.zerowasm.internal.wasm.ElementSegment;
import dev.zerowasm.internal.wasm.Export;
import dev.zerowasm.internal.wasm.ExternKind;
import dev.zerowasm.internal.wasm.FuncType;
import dev.zerowasm.internal.wasm.GlobalDefinition;
import dev.zerowasm.internal.wasm.GlobalType;
import dev.zerowasm.internal.wasm.Import;
import dev.zerowasm.internal.wasm.Limits;
import dev.zerowasm.internal.wasm.Opcodes;
import dev.zerowasm.internal.wasm.SegmentMode;
import dev.zerowasm.internal.wasm.WasmModule;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Validates a decoded module against the WebAssembly specification (2.0, with fixed-width SIMD):
 * the module-level rules (types, imports, tables, memories, globals, segments, exports, start) and
 * the type-checking of every function body (see {@link FunctionValidator}).
 *
 * <p>Rules of post-1.0 features apply only when the feature is enabled: without {@link
 * CoreFeature#MULTI_VALUE} a function type has at most one result, without {@link
 * CoreFeature#REFERENCE_TYPES} a module has at most one table, and without {@link
 * CoreFeature#MUTABLE_GLOBAL} mutable globals cannot be imported or exported. Which instructions
 * exist is decided earlier, by the decoder.
 *
 * <p>Failures are {@link CompileException}s of phase {@link Phase#VALIDATE} whose reason starts
 * with the specification's wording (e.g. {@code "type mismatch"}, {@code "unknown global 3"}),
 * followed by details; in code they carry the instruction's byte offset and the function index.
 */
public final class Validator {
  /** The opcode of {@code v128.const} as {@link ConstExpr} holds it. */
  private static final int V128_CONST = Opcodes.V128_CONST;

  /** The largest number of 64 KiB pages a 32-bit memory can have. */
  private static final long MAX_MEMORY_PAGES = 65536;

  /** The largest table size: indices are unsigned 32-bit numbers. */
  private static final long MAX_TABLE_SIZE = 0xFFFF_FFFFL;

  private final WasmModule module;
  private final CoreFeatures features;

  private Validator(WasmModule module, CoreFeatures features) {
    this.module = module;
    this.features = features;
  }

  /**
   * Validates {@code module} under {@code features}.
   *
   * @throws CompileException of phase VALIDATE naming the rule broken and where
   */
  public static void validate(WasmModule module, CoreFeatures features) {
    new Validator(module, features).run();
  }

  private void run() {
    checkTypes();
    checkImports();
    checkFunctionTypeIndices();
    checkTables();
    checkMemories();
    boolean[] refs = declaredFunctionReferences();
    checkGlobals();
    checkElements();
    checkData();
    checkCode(refs);
    checkStart();
    checkExports();
    if (module.memories.length > 1) {
      throw invalid(
          "multiple memories: a module may have at most one memory, this one has "
              + module.memories.length
              + " (imports included)");
    }
    if (module.tables.length > 1 && !features.contains(CoreFeature.REFERENCE_TYPES)) {
      throw invalid(
          "multiple tables: a module may have at most one table without reference types,"
              + " this one has "
              + module.tables.length
              + " (imports included)");
    }
  }

  private void checkTypes() {
    if (features.contains(CoreFeature.MULTI_VALUE)) {
      return;
    }
    for (int i = 0; i < module.types.length; i++) {
      if (module.types[i].resultCount() > 1) {
        throw invalid(
            "invalid result arity: type "
                + i
                + " "
                + module.types[i]
                + " has more than one result, which needs multi-value");
      }
    }
  }

  private void checkImports() {
    boolean mutableGlobals = features.contains(CoreFeature.MUTABLE_GLOBAL);
    for (Import imp : module.imports) {
      String what = "import \"" + imp.module() + "\" \"" + imp.name() + "\"";
      switch (imp.kind()) {
        case FUNCTION:
          checkTypeIndex(imp.funcTypeIndex(), what);
          break;
        case TABLE:
          checkTableLimits(imp.tableType().limits(), what);
          break;
        case MEMORY:
          checkMemoryLimits(imp.memoryType().limits(), what);
          break;
        case GLOBAL:
          if (imp.globalType().mutable() && !mutableGlobals) {
            throw invalid(
                "mutable globals cannot be imported ("
                    + what
                    + ") without the mutable"
                    + " globals feature");
          }
          break;
        default:
          throw new IllegalStateException("unknown import kind " + imp.kind());
      }
    }
  }

  private void checkFunctionTypeIndices() {
    for (int f = module.importedFunctionCount; f < module.functionTypeIndices.length; f++) {
      checkTypeIndex(module.functionTypeIndices[f], "function " + f);
    }
    int defined = module.functionTypeIndices.length - module.importedFunctionCount;
    if (module.codes.length != defined) {
      throw invalid(
          "function and code section have inconsistent lengths: "
              + defined
              + " functions, "
              + module.codes.length
              + " bodies");
    }
  }

  private void checkTypeIndex(int index, String what) {
    if (index < 0 || index >= module.types.length) {
      throw invalid("unknown type " + Integer.toUnsignedString(index) + " (in " + what + ")");
    }
  }

  private void checkTables() {
    for (int i = module.importedTableCount; i < module.tables.length; i++) {
      checkTableLimits(module.tables[i].limits(), "table " + i);
    }
  }

  private void checkMemories() {
    for (int i = module.importedMemoryCount; i < module.memories.length; i++) {
      checkMemoryLimits(module.memories[i].limits(), "memory " + i);
    }
  }

  private void checkTableLimits(Limits limits, String what) {
    checkLimits(limits, MAX_TABLE_SIZE, "table size must be at most 2^32-1", what);
  }

  private void checkMemoryLimits(Limits limits, String what) {
    checkLimits(limits, MAX_MEMORY_PAGES, "memory size must be at most 65536 pages (4GiB)", what);
  }

  private void checkLimits(Limits limits, long range, String tooLarge, String what) {
    if (limits.min() > range || (limits.hasMax() && limits.max() > range)) {
      throw invalid(tooLarge + ": " + what + " has limits " + limits);
    }
    if (limits.hasMax() && limits.min() > limits.max()) {
      throw invalid(
          "size minimum must not be greater than maximum: " + what + " has limits " + limits);
    }
  }

  /**
   * The specification's C.refs: the functions named anywhere outside function bodies (element
   * segments, global initialisers, exports, segment offsets). Only these may be used by {@code
   * ref.func} in code. Out-of-range indices are left out here and reported where they occur.
   */
  private boolean[] declaredFunctionReferences() {
    boolean[] refs = new boolean[module.functionTypeIndices.length];
    for (Export e : module.exports) {
      if (e.kind() == ExternKind.FUNCTION && e.index() >= 0 && e.index() < refs.length) {
        refs[e.index()] = true;
      }
    }
    for (GlobalDefinition g : module.globals) {
      markRefs(g.init(), refs);
    }
    for (ElementSegment seg : module.elements) {
      markRefs(seg.offset(), refs);
      for (ConstExpr item : seg.items()) {
        markRefs(item, refs);
      }
    }
    for (DataSegment seg : module.data) {
      markRefs(seg.offset(), refs);
    }
    return refs;
  }

  private static void markRefs(ConstExpr expr, boolean[] refs) {
    if (expr == null) {
      return;
    }
    for (ConstExpr.Instruction in : expr.instructions()) {
      if (in.opcode() == Opcodes.REF_FUNC && in.immediate() >= 0 && in.immediate() < refs.length) {
        refs[(int) in.immediate()] = true;
      }
    }
  }

  private void checkGlobals() {
    for (int i = 0; i < module.globals.length; i++) {
      GlobalDefinition g = module.globals[i];
      int index = module.importedGlobalCount + i;
      checkConst(g.init(), g.type().valueType(), "the initializer of global " + index);
    }
  }

  private void checkElements() {
    for (int i = 0; i < module.elements.length; i++) {
      ElementSegment seg = module.elements[i];
      List<ConstExpr> items = seg.items();
      for (int j = 0; j < items.size(); j++) {
        checkConst(items.get(j), seg.type(), "item " + j + " of element segment " + i);
      }
      if (seg.mode() == SegmentMode.ACTIVE) {
        int t = seg.tableIndex();
        if (t < 0 || t >= module.tables.length) {
          throw invalid(
              "unknown table " + Integer.toUnsignedString(t) + " (in element segment " + i + ")");
        }
        ValueType tableType = module.tables[t].elementType();
        if (tableType != seg.type()) {
          throw invalid(
              "type mismatch: element segment "
                  + i
                  + " holds "
                  + seg.type()
                  + " but table "
                  + t
                  + " holds "
                  + tableType);
        }
        checkConst(seg.offset(), ValueType.I32, "the offset of element segment " + i);
      }
    }
  }

  private void checkData() {
    for (int i = 0; i < module.data.length; i++) {
      DataSegment seg = module.data[i];
      if (seg.mode() == SegmentMode.ACTIVE) {
        int m = seg.memoryIndex();
        if (m < 0 || m >= module.memories.length) {
          throw invalid(
              "unknown memory " + Integer.toUnsignedString(m) + " (in data segment " + i + ")");
        }
        checkConst(seg.offset(), ValueType.I32, "the offset of data segment " + i);
      }
    }
  }

  private static CompileException notConstant(int op, String where) {
    return invalid(
        "constant expression required: "
            + Opcodes.name(op)
            + " is not a constant instruction (in "
            + where
            + ")");
  }

  /**
   * Checks that {@code expr} is a constant expression producing exactly one {@code expected}. In
   * 2.0 the constant instructions are {@code t.const}, {@code ref.null}, {@code ref.func} and
   * {@code global.get} of an imported immutable global (module-defined globals are not visible to
   * constant expressions: "unknown global"); extended-const adds integer add, sub and mul.
   */
  private void checkConst(ConstExpr expr, ValueType expected, String where) {
    List<ConstExpr.Instruction> instructions = expr.instructions();
    ValueType[] stack = new ValueType[instructions.size()];
    int size = 0;
    for (ConstExpr.Instruction in : instructions) {
      ValueType t;
      int op = in.opcode();
      switch (op) {
        case Opcodes.I32_CONST:
          t = ValueType.I32;
          break;
        case Opcodes.I64_CONST:
          t = ValueType.I64;
          break;
        case Opcodes.F32_CONST:
          t = ValueType.F32;
          break;
        case Opcodes.F64_CONST:
          t = ValueType.F64;
          break;
        case V128_CONST:
          if (!features.contains(CoreFeature.SIMD)) {
            throw invalid("constant expression required: v128.const needs SIMD (in " + where + ")");
          }
          t = ValueType.V128;
          break;
        case Opcodes.REF_NULL:
          t = ValueType.fromCode((int) in.immediate());
          if (t == null || !t.isReference()) {
            throw invalid("type mismatch: ref.null of a non-reference type (in " + where + ")");
          }
          break;
        case Opcodes.REF_FUNC:
          if (in.immediate() < 0 || in.immediate() >= module.functionTypeIndices.length) {
            throw invalid("unknown function " + in.immediate() + " (in " + where + ")");
          }
          t = ValueType.FUNCREF;
          break;
        case Opcodes.GLOBAL_GET:
          {
            long index = in.immediate();
            if (index < 0 || index >= module.importedGlobalCount) {
              throw invalid(
                  "unknown global "
                      + index
                      + " (in "
                      + where
                      + ": constant expressions"
                      + " may only read imported globals)");
            }
            GlobalType g = module.globalTypes[(int) index];
            if (g.mutable()) {
              throw invalid(
                  "constant expression required: global.get "
                      + index
                      + " reads a"
                      + " mutable global (in "
                      + where
                      + ")");
            }
            t = g.valueType();
            break;
          }
        case Opcodes.I32_ADD:
        case Opcodes.I32_SUB:
        case Opcodes.I32_MUL:
        case Opcodes.I64_ADD:
        case Opcodes.I64_SUB:
        case Opcodes.I64_MUL:
          if (!features.contains(CoreFeature.EXTENDED_CONST)) {
            throw notConstant(op, where);
          }
          t = op <= Opcodes.I32_MUL ? ValueType.I32 : ValueType.I64;
          if (size < 2 || stack[size - 1] != t || stack[size - 2] != t) {
            throw invalid(
                "type mismatch: " + Opcodes.name(op) + " needs two " + t + " operands (in "
                    + where + ")");
          }
          size -= 2;
          break;
        default:
          throw notConstant(op, where);
      }
      stack[size++] = t;
    }
    if (size != 1 || stack[0] != expected) {
      StringBuilder found = new StringBuilder("[");
      for (int i = 0; i < size; i++) {
        found.append(i == 0 ? "" : " ").append(stack[i]);
      }
      throw invalid(
          "type mismatch: "
              + where
              + " must produce ["
              + expected
              + "] but produces "
              + found.append(']'));
    }
  }

  private void checkCode(boolean[] refs) {
    FunctionValidator validator = new FunctionValidator(module, features, refs);
    Code[] codes = module.codes;
    for (int i = 0; i < codes.length; i++) {
      validator.validate(module.importedFunctionCount + i, codes[i]);
    }
  }

  private void checkStart() {
    int start = module.startFunction;
    if (start == -1) {
      return;
    }
    if (start < 0 || start >= module.functionTypeIndices.length) {
      throw invalid(
          "unknown function " + Integer.toUnsignedString(start) + " (the start function)");
    }
    FuncType type = module.functionType(start);
    if (type.paramCount() != 0 || type.resultCount() != 0) {
      throw invalid("start function must have type () -> (), function " + start + " has " + type);
    }
  }

  private void checkExports() {
    boolean mutableGlobals = features.contains(CoreFeature.MUTABLE_GLOBAL);
    Set<String> names = new HashSet<>();
    for (Export e : module.exports) {
      int index = e.index();
      int count;
      String kind;
      switch (e.kind()) {
        case FUNCTION:
          count = module.functionTypeIndices.length;
          kind = "function";
          break;
        case TABLE:
          count = module.tables.length;
          kind = "table";
          break;
        case MEMORY:
          count = module.memories.length;
          kind = "memory";
          break;
        case GLOBAL:
          count = module.globalTypes.length;
          kind = "global";
          break;
        default:
          throw new IllegalStateException("unknown export kind " + e.kind());
      }
      if (index < 0 || index >= count) {
        throw invalid(
            "unknown "
                + kind
                + " "
                + Integer.toUnsignedString(index)
                + " (exported as \""
                + e.name()
                + "\")");
      }
      if (e.kind() == ExternKind.GLOBAL && module.globalTypes[index].mutable() && !mutableGlobals) {
        throw invalid(
            "mutable globals cannot be exported (\""
                + e.name()
                + "\") without the"
                + " mutable globals feature");
      }
      if (!names.add(e.name())) {
        throw invalid("duplicate export name \"" + e.name() + "\"");
      }
    }
  }

  private static CompileException invalid(String reason) {
    return new CompileException(Phase.VALIDATE, reason, -1, -1);
  }
}
