package dev.zerowasm.internal.binary;

import static dev.zerowasm.internal.wasm.Opcodes.BLOCK;
import static dev.zerowasm.internal.wasm.Opcodes.BR;
import static dev.zerowasm.internal.wasm.Opcodes.BR_IF;
import static dev.zerowasm.internal.wasm.Opcodes.CALL;
import static dev.zerowasm.internal.wasm.Opcodes.DATA_DROP;
import static dev.zerowasm.internal.wasm.Opcodes.ELSE;
import static dev.zerowasm.internal.wasm.Opcodes.END;
import static dev.zerowasm.internal.wasm.Opcodes.F32_CONST;
import static dev.zerowasm.internal.wasm.Opcodes.F64_CONST;
import static dev.zerowasm.internal.wasm.Opcodes.GLOBAL_GET;
import static dev.zerowasm.internal.wasm.Opcodes.GLOBAL_SET;
import static dev.zerowasm.internal.wasm.Opcodes.I32_CONST;
import static dev.zerowasm.internal.wasm.Opcodes.I64_CONST;
import static dev.zerowasm.internal.wasm.Opcodes.IF;
import static dev.zerowasm.internal.wasm.Opcodes.LOCAL_GET;
import static dev.zerowasm.internal.wasm.Opcodes.LOCAL_SET;
import static dev.zerowasm.internal.wasm.Opcodes.LOCAL_TEE;
import static dev.zerowasm.internal.wasm.Opcodes.LOOP;
import static dev.zerowasm.internal.wasm.Opcodes.MEMORY_INIT;
import static dev.zerowasm.internal.wasm.Opcodes.REF_FUNC;
import static dev.zerowasm.internal.wasm.Opcodes.REF_NULL;
import static dev.zerowasm.internal.wasm.Opcodes.RETURN_CALL;
import static dev.zerowasm.internal.wasm.Opcodes.RETURN_CALL_INDIRECT;
import static dev.zerowasm.internal.wasm.Opcodes.TABLE_GET;
import static dev.zerowasm.internal.wasm.Opcodes.TABLE_SET;

import dev.zerowasm.api.CompileException;
import dev.zerowasm.api.CompileException.Phase;
import dev.zerowasm.api.CoreFeature;
import dev.zerowasm.api.CoreFeatures;
import dev.zerowasm.api.ValueType;
import dev.zerowasm.internal.wasm.Code;
import dev.zerowasm.internal.wasm.ConstExpr;
import dev.zerowasm.internal.wasm.CustomSection;
import dev.zerowasm.internal.wasm.DataSegment;
import dev.zerowasm.internal.wasm.ElementSegment;
import dev.zerowasm.internal.wasm.Export;
import dev.zerowasm.internal.wasm.ExternKind;
import dev.zerowasm.internal.wasm.FuncType;
import dev.zerowasm.internal.wasm.GlobalDefinition;
import dev.zerowasm.internal.wasm.GlobalType;
import dev.zerowasm.internal.wasm.Import;
import dev.zerowasm.internal.wasm.Limits;
import dev.zerowasm.internal.wasm.MemoryType;
import dev.zerowasm.internal.wasm.NameSection;
import dev.zerowasm.internal.wasm.Opcodes;
import dev.zerowasm.internal.wasm.SegmentMode;
import dev.zerowasm.internal.wasm.TableType;
import dev.zerowasm.internal.wasm.WasmModule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Decodes the WebAssembly binary format (Core 1.0 / 2.0, restricted to the enabled {@link
 * CoreFeatures}) into a {@link WasmModule}.
 *
 * <p>The decoder checks everything the specification calls "malformed": the encoding of every
 * section and, for code, the encoding of each instruction and the nesting of blocks. It leaves the
 * "invalid" checks (types, indices, constant-ness of constant expressions) to the validator, with
 * one exception: a function type with more than one result when multi-value is disabled is
 * reported here, with phase VALIDATE, because the decoder has the type at hand.
 *
 * <p>Every failure is a {@link CompileException}; counts read from the input are checked against
 * the bytes left before anything is allocated for them, so hostile input cannot make the decoder
 * allocate more than a small multiple of the input size.
 */
public final class Decoder {
  /** The most locals (parameters excluded) one function may declare in this implementation. */
  public static final int MAX_LOCALS = 50_000;

  /**
   * The most locals all functions of a module may declare together. Without it, a few bytes per
   * function could each ask for {@link #MAX_LOCALS} locals and make a small module expand into
   * gigabytes of local type arrays.
   */
  public static final int MAX_TOTAL_LOCALS = 10_000_000;

  private static final byte[] MAGIC = {0x00, 0x61, 0x73, 0x6D};

  // Section ids.
  private static final int CUSTOM = 0;
  private static final int TYPE = 1;
  private static final int IMPORT = 2;
  private static final int FUNCTION = 3;
  private static final int TABLE = 4;
  private static final int MEMORY = 5;
  private static final int GLOBAL = 6;
  private static final int EXPORT = 7;
  private static final int START = 8;
  private static final int ELEMENT = 9;
  private static final int CODE = 10;
  private static final int DATA = 11;
  private static final int DATA_COUNT = 12;

  private static final String[] SECTION_NAMES = {
    "custom", "type", "import", "function", "table", "memory", "global", "export", "start",
    "element", "code", "data", "data count"
  };

  // Block kinds of the structural pass.
  private static final byte KIND_FUNCTION = 0;
  private static final byte KIND_BLOCK = 1;
  private static final byte KIND_IF = 2;
  private static final byte KIND_ELSE = 3;

  private final byte[] bytes;
  private final CoreFeatures features;
  private final ByteReader in;
  private final WasmModule module = new WasmModule();

  /**
   * Whether each function body is read instruction by instruction ({@link #checkStructure}); false
   * only for bytes known to be well-formed (see {@link #decodeKnownValid}).
   */
  private final boolean checkBodies;

  /** The number of entries of the function section, or -1 if the section is absent. */
  private int declaredFunctionCount = -1;

  /** Locals declared so far by all functions, against {@link #MAX_TOTAL_LOCALS}. */
  private long totalLocals;

  /**
   * Shared {@code ref.func i} expressions of element segments, by function index (made when the
   * element section is read: the import and function sections before it give the count), so
   * repeated indices cost nothing.
   */
  private ConstExpr[] refFuncs;

  private final List<Import> imports = new ArrayList<>();
  private final List<CustomSection> customSections = new ArrayList<>();
  private NameSection names;

  private Decoder(byte[] bytes, CoreFeatures features, boolean checkBodies) {
    this.bytes = bytes;
    this.features = features;
    this.checkBodies = checkBodies;
    this.in = new ByteReader(bytes, 0, bytes.length);
  }

  /**
   * Decodes {@code bytes}, accepting the constructs of {@code features}. The array is copied, so
   * the caller may reuse it.
   *
   * @throws CompileException of phase DECODE if the bytes are malformed (phase LIMIT if a function
   *     declares more than {@link #MAX_LOCALS} locals; phase VALIDATE for a multi-result function
   *     type without the multi-value feature)
   */
  public static WasmModule decode(byte[] bytes, CoreFeatures features) {
    return decode(bytes, features, true);
  }

  /**
   * Decodes {@code bytes} that this runtime has decoded and validated before with the same {@code
   * features} (a compilation cache knows them by their SHA-256): the sections are decoded as by
   * {@link #decode}, but function bodies are not read instruction by instruction, which is most of
   * the decoding time of a large module. Bytes that are not in fact valid are not detected here;
   * the engines then fail on them as they would on any unvalidated module. Unlike {@link #decode},
   * the module keeps {@code bytes} itself rather than a copy: the caller passes an array nobody
   * changes (the cache's private copy, which it compared with the stored binary).
   */
  public static WasmModule decodeKnownValid(byte[] bytes, CoreFeatures features) {
    return decode(bytes, features, false);
  }

  private static WasmModule decode(byte[] bytes, CoreFeatures features, boolean checkBodies) {
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(features, "features");
    Decoder decoder = new Decoder(checkBodies ? bytes.clone() : bytes, features, checkBodies);
    try {
      return decoder.decodeModule();
    } catch (CompileException e) {
      throw e;
    } catch (RuntimeException e) {
      // A safety net: every malformed input must give a CompileException. Reaching this means a
      // bug in the decoder; the message says so, and tests assert that it never happens.
      throw new CompileException(
          Phase.DECODE, "internal decoder error: " + e, decoder.in.position(), -1);
    }
  }

  private WasmModule decodeModule() {
    module.bytes = bytes;
    // Bodies not read here may hold tail calls if the features allow them.
    module.mayTailCall = !checkBodies && features.contains(CoreFeature.TAIL_CALL);
    readHeader();
    int lastOrder = 0;
    int lastId = CUSTOM;
    while (in.hasRemaining()) {
      int idOffset = in.position();
      int id = in.u8();
      if (id > DATA_COUNT || (id == DATA_COUNT && !features.contains(CoreFeature.BULK_MEMORY))) {
        throw in.malformed("malformed section id " + id, idOffset);
      }
      int sizeOffset = in.position();
      int size = in.u32();
      if (Integer.toUnsignedLong(size) > in.remaining()) {
        throw in.malformed(
            "length out of bounds: " + SECTION_NAMES[id] + " section of "
                + Integer.toUnsignedString(size) + " bytes, " + in.remaining() + " left",
            sizeOffset);
      }
      int end = in.position() + size;
      if (id != CUSTOM) {
        int order = order(id);
        if (order <= lastOrder) {
          throw in.malformed(
              "unexpected content after last section: " + SECTION_NAMES[id] + " section after "
                  + SECTION_NAMES[lastId] + " section",
              idOffset);
        }
        lastOrder = order;
        lastId = id;
      }
      in.limit(end);
      readSection(id);
      if (in.position() != end) {
        throw in.malformed(
            "section size mismatch: " + SECTION_NAMES[id] + " section declares " + size
                + " bytes but its content ends " + (in.position() - (end - size)) + " bytes in");
      }
      in.limit(bytes.length);
    }
    int functionsDeclared = Math.max(declaredFunctionCount, 0);
    if (functionsDeclared != module.codes.length) {
      throw in.malformed(
          "function and code section have inconsistent lengths: " + functionsDeclared
              + " functions but " + module.codes.length + " bodies");
    }
    if (module.dataCount >= 0 && module.dataCount != module.data.length) {
      throw in.malformed(
          "data count and data section have inconsistent lengths: data count "
              + Integer.toUnsignedString(module.dataCount) + " but " + module.data.length
              + " segments");
    }
    module.imports = imports.toArray(new Import[0]);
    module.customSections = List.copyOf(customSections);
    module.names = names == null ? NameSection.EMPTY : names;
    return module;
  }

  /** The position of a non-custom section in the required order (data count sits before code). */
  private static int order(int id) {
    switch (id) {
      case DATA_COUNT:
        return 10;
      case CODE:
        return 11;
      case DATA:
        return 12;
      default:
        return id;
    }
  }

  private void readHeader() {
    for (int i = 0; i < 4; i++) {
      if (!in.hasRemaining()) {
        throw in.malformed("unexpected end: the magic header is incomplete");
      }
      if ((byte) in.u8() != MAGIC[i]) {
        throw in.malformed("magic header not detected", 0);
      }
    }
    if (in.remaining() < 4) {
      throw in.malformed("unexpected end: the binary version is incomplete");
    }
    int version = in.f32Bits(); // 4 little-endian bytes
    if (version != 1) {
      throw in.malformed("unknown binary version 0x" + Integer.toHexString(version), 4);
    }
  }

  private void readSection(int id) {
    switch (id) {
      case CUSTOM:
        readCustomSection();
        break;
      case TYPE:
        readTypeSection();
        break;
      case IMPORT:
        readImportSection();
        break;
      case FUNCTION:
        readFunctionSection();
        break;
      case TABLE:
        readTableSection();
        break;
      case MEMORY:
        readMemorySection();
        break;
      case GLOBAL:
        readGlobalSection();
        break;
      case EXPORT:
        readExportSection();
        break;
      case START:
        module.startFunction = in.u32();
        break;
      case ELEMENT:
        readElementSection();
        break;
      case DATA_COUNT:
        module.dataCount = in.u32();
        break;
      case CODE:
        readCodeSection();
        break;
      case DATA:
        readDataSection();
        break;
      default:
        throw new AssertionError(id);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Sections

  private void readCustomSection() {
    String name = in.name();
    byte[] data = in.bytes(in.remaining());
    customSections.add(new CustomSection(name, data));
    if (name.equals("name") && names == null) {
      // Custom section contents never make a module malformed: a bad name section is ignored.
      names = NameSectionDecoder.decode(data);
    }
  }

  private void readTypeSection() {
    int count = in.count();
    FuncType[] types = new FuncType[count];
    for (int i = 0; i < count; i++) {
      int start = in.position();
      int form = in.u8();
      if (form != 0x60) {
        throw in.malformed("malformed function type: form 0x" + Integer.toHexString(form)
            + " instead of 0x60", start);
      }
      ValueType[] params = valueTypes();
      int resultsOffset = in.position();
      ValueType[] results = valueTypes();
      if (results.length > 1 && !features.contains(CoreFeature.MULTI_VALUE)) {
        throw new CompileException(
            Phase.VALIDATE,
            "invalid result arity: type " + i + " has " + results.length
                + " results, which needs the multi-value feature",
            resultsOffset,
            -1);
      }
      types[i] = new FuncType(params, results);
    }
    module.types = types;
  }

  private ValueType[] valueTypes() {
    int count = in.count();
    ValueType[] types = new ValueType[count];
    for (int i = 0; i < count; i++) {
      types[i] = valueType(in);
    }
    return types;
  }

  /** Reads a value type, refusing the types of disabled features as malformed. */
  private ValueType valueType(ByteReader r) {
    int start = r.position();
    int code = r.u8();
    ValueType type = ValueType.fromCode(code);
    if (type == null) {
      throw r.malformed("malformed value type 0x" + Integer.toHexString(code), start);
    }
    if (type == ValueType.V128 && !features.contains(CoreFeature.SIMD)) {
      throw r.malformed("malformed value type: v128 needs the SIMD feature", start);
    }
    if (type.isReference() && !features.contains(CoreFeature.REFERENCE_TYPES)) {
      throw r.malformed("malformed value type: " + type + " needs reference types", start);
    }
    return type;
  }

  /** Reads a reference type (table element type): funcref, or externref with reference types. */
  private ValueType refType() {
    int start = in.position();
    int code = in.u8();
    if (code == ValueType.FUNCREF.code()) {
      return ValueType.FUNCREF;
    }
    if (code == ValueType.EXTERNREF.code() && features.contains(CoreFeature.REFERENCE_TYPES)) {
      return ValueType.EXTERNREF;
    }
    throw in.malformed("malformed reference type 0x" + Integer.toHexString(code), start);
  }

  private Limits limits() {
    int start = in.position();
    int flags = in.u8();
    if (flags == 0) {
      return Limits.of(Integer.toUnsignedLong(in.u32()));
    }
    if (flags == 1) {
      long min = Integer.toUnsignedLong(in.u32());
      long max = Integer.toUnsignedLong(in.u32());
      return Limits.of(min, max);
    }
    // The reference interpreter reads the flags as an integer, hence its wording.
    throw in.malformed("integer too large: malformed limits flags 0x" + Integer.toHexString(flags),
        start);
  }

  private TableType tableType() {
    ValueType element = refType();
    return new TableType(element, limits());
  }

  private GlobalType globalType() {
    ValueType type = valueType(in);
    int start = in.position();
    int mutability = in.u8();
    if (mutability > 1) {
      throw in.malformed("malformed mutability 0x" + Integer.toHexString(mutability), start);
    }
    return new GlobalType(type, mutability == 1);
  }

  private void readImportSection() {
    int count = in.count();
    List<Integer> functionTypes = new ArrayList<>();
    List<TableType> tables = new ArrayList<>();
    List<MemoryType> memories = new ArrayList<>();
    List<GlobalType> globals = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String moduleName = in.name();
      String name = in.name();
      int kindOffset = in.position();
      ExternKind kind = ExternKind.fromCode(in.u8());
      if (kind == null) {
        throw in.malformed("malformed import kind 0x" + Integer.toHexString(bytes[kindOffset] & 0xFF),
            kindOffset);
      }
      switch (kind) {
        case FUNCTION:
          int typeIndex = in.u32();
          functionTypes.add(typeIndex);
          imports.add(Import.function(moduleName, name, typeIndex));
          break;
        case TABLE:
          TableType table = tableType();
          tables.add(table);
          imports.add(Import.table(moduleName, name, table));
          break;
        case MEMORY:
          MemoryType memory = new MemoryType(limits());
          memories.add(memory);
          imports.add(Import.memory(moduleName, name, memory));
          break;
        case GLOBAL:
          GlobalType global = globalType();
          globals.add(global);
          imports.add(Import.global(moduleName, name, global));
          break;
        default:
          throw new AssertionError(kind);
      }
    }
    module.importedFunctionCount = functionTypes.size();
    module.importedTableCount = tables.size();
    module.importedMemoryCount = memories.size();
    module.importedGlobalCount = globals.size();
    module.functionTypeIndices = functionTypes.stream().mapToInt(Integer::intValue).toArray();
    module.tables = tables.toArray(new TableType[0]);
    module.memories = memories.toArray(new MemoryType[0]);
    module.globalTypes = globals.toArray(new GlobalType[0]);
  }

  private void readFunctionSection() {
    int count = in.count();
    int imported = module.importedFunctionCount;
    int[] indices = Arrays.copyOf(module.functionTypeIndices, imported + count);
    for (int i = 0; i < count; i++) {
      indices[imported + i] = in.u32();
    }
    module.functionTypeIndices = indices;
    declaredFunctionCount = count;
  }

  private void readTableSection() {
    int count = in.count();
    int imported = module.importedTableCount;
    TableType[] tables = Arrays.copyOf(module.tables, imported + count);
    for (int i = 0; i < count; i++) {
      tables[imported + i] = tableType();
    }
    module.tables = tables;
  }

  private void readMemorySection() {
    int count = in.count();
    int imported = module.importedMemoryCount;
    MemoryType[] memories = Arrays.copyOf(module.memories, imported + count);
    for (int i = 0; i < count; i++) {
      memories[imported + i] = new MemoryType(limits());
    }
    module.memories = memories;
  }

  private void readGlobalSection() {
    int count = in.count();
    int imported = module.importedGlobalCount;
    GlobalType[] types = Arrays.copyOf(module.globalTypes, imported + count);
    GlobalDefinition[] globals = new GlobalDefinition[count];
    for (int i = 0; i < count; i++) {
      GlobalType type = globalType();
      types[imported + i] = type;
      globals[i] = new GlobalDefinition(type, constExpr());
    }
    module.globalTypes = types;
    module.globals = globals;
  }

  private void readExportSection() {
    int count = in.count();
    Export[] exports = new Export[count];
    for (int i = 0; i < count; i++) {
      String name = in.name();
      int kindOffset = in.position();
      int code = in.u8();
      ExternKind kind = ExternKind.fromCode(code);
      if (kind == null) {
        throw in.malformed("malformed export kind 0x" + Integer.toHexString(code), kindOffset);
      }
      exports[i] = new Export(name, kind, in.u32());
    }
    module.exports = exports;
  }

  private void readElementSection() {
    int count = in.count();
    ElementSegment[] segments = new ElementSegment[count];
    boolean extended = features.contains(CoreFeature.BULK_MEMORY)
        || features.contains(CoreFeature.REFERENCE_TYPES);
    for (int i = 0; i < count; i++) {
      int flagsOffset = in.position();
      int flags = in.u32();
      if (!extended) {
        // WebAssembly 1.0: the field is a table index; a non-zero one is invalid, not malformed.
        ConstExpr offset = constExpr();
        segments[i] = new ElementSegment(
            SegmentMode.ACTIVE, flags, offset, ValueType.FUNCREF, functionIndexItems());
        continue;
      }
      // Bit 0: passive or declarative; bit 1: explicit table index (active) or declarative
      // (otherwise); bit 2: items are expressions rather than function indices.
      if (flags < 0 || flags > 7) {
        throw in.malformed("malformed elements segment kind " + Integer.toUnsignedString(flags),
            flagsOffset);
      }
      SegmentMode mode = (flags & 1) == 0
          ? SegmentMode.ACTIVE
          : (flags & 2) == 0 ? SegmentMode.PASSIVE : SegmentMode.DECLARATIVE;
      int tableIndex = 0;
      ConstExpr offset = null;
      if (mode == SegmentMode.ACTIVE) {
        if ((flags & 2) != 0) {
          tableIndex = in.u32();
        }
        offset = constExpr();
      }
      boolean expressions = (flags & 4) != 0;
      ValueType type = ValueType.FUNCREF;
      if (flags != 0 && flags != 4) {
        // An element kind (function indices) or a reference type (expressions) follows.
        if (expressions) {
          type = refType();
        } else {
          int kindOffset = in.position();
          int elemKind = in.u8();
          if (elemKind != 0) {
            throw in.malformed("malformed element kind 0x" + Integer.toHexString(elemKind),
                kindOffset);
          }
        }
      }
      List<ConstExpr> items = expressions ? expressionItems() : functionIndexItems();
      segments[i] = new ElementSegment(mode, tableIndex, offset, type, items);
    }
    module.elements = segments;
  }

  private List<ConstExpr> functionIndexItems() {
    int count = in.count();
    ConstExpr[] items = new ConstExpr[count];
    for (int i = 0; i < count; i++) {
      items[i] = refFunc(in.u32());
    }
    return List.of(items);
  }

  /** The shared {@code ref.func index}; an index out of range is left to the validator. */
  private ConstExpr refFunc(int index) {
    if (refFuncs == null) {
      refFuncs = new ConstExpr[module.importedFunctionCount + Math.max(declaredFunctionCount, 0)];
    }
    if (index < 0 || index >= refFuncs.length) {
      return ConstExpr.refFunc(index);
    }
    ConstExpr e = refFuncs[index];
    if (e == null) {
      e = refFuncs[index] = ConstExpr.refFunc(index);
    }
    return e;
  }

  private List<ConstExpr> expressionItems() {
    int count = in.count();
    ConstExpr[] items = new ConstExpr[count];
    for (int i = 0; i < count; i++) {
      items[i] = constExpr();
    }
    return List.of(items);
  }

  private void readDataSection() {
    int count = in.count();
    DataSegment[] segments = new DataSegment[count];
    boolean bulk = features.contains(CoreFeature.BULK_MEMORY);
    for (int i = 0; i < count; i++) {
      int flagsOffset = in.position();
      int flags = in.u32();
      if (!bulk) {
        // WebAssembly 1.0: the field is a memory index; a non-zero one is invalid, not malformed.
        ConstExpr offset = constExpr();
        segments[i] = new DataSegment(SegmentMode.ACTIVE, flags, offset, dataBytes());
        continue;
      }
      switch (flags) {
        case 0:
          ConstExpr offset = constExpr();
          segments[i] = new DataSegment(SegmentMode.ACTIVE, 0, offset, dataBytes());
          break;
        case 1:
          segments[i] = new DataSegment(SegmentMode.PASSIVE, 0, null, dataBytes());
          break;
        case 2:
          int memoryIndex = in.u32();
          ConstExpr explicitOffset = constExpr();
          segments[i] =
              new DataSegment(SegmentMode.ACTIVE, memoryIndex, explicitOffset, dataBytes());
          break;
        default:
          throw in.malformed("malformed data segment kind " + Integer.toUnsignedString(flags),
              flagsOffset);
      }
    }
    module.data = segments;
  }

  private byte[] dataBytes() {
    return in.bytes(in.count());
  }

  // ---------------------------------------------------------------------------------------------
  // Constant expressions

  /**
   * Reads instructions up to the {@code end} that closes the expression. Non-constant instructions
   * are kept (the validator rejects them); nested blocks are followed so that their {@code end}s
   * do not close the expression early.
   */
  private ConstExpr constExpr() {
    CodeReader code = new CodeReader(bytes, in.position(), in.limit(), features, -1);
    List<ConstExpr.Instruction> instructions = new ArrayList<>(2);
    int depth = 0;
    while (true) {
      int op = code.next();
      if (op == END) {
        if (depth == 0) {
          break;
        }
        depth--;
      } else if (op == BLOCK || op == LOOP || op == IF) {
        depth++;
      }
      // Only v128.const has a second immediate word: its high 64 bits.
      long high = op == Opcodes.V128_CONST ? code.v128High : 0;
      instructions.add(new ConstExpr.Instruction(op, immediate(code, op), high));
    }
    in.position(code.position());
    return new ConstExpr(List.copyOf(instructions));
  }

  /** The one immediate a {@link ConstExpr.Instruction} keeps for {@code op}. */
  private static long immediate(CodeReader code, int op) {
    switch (op) {
      case I32_CONST:
      case I64_CONST:
      case F32_CONST:
      case F64_CONST:
        return code.value;
      case Opcodes.V128_CONST:
        return code.v128Low;
      case REF_NULL:
        return code.refType.code();
      case GLOBAL_GET:
      case GLOBAL_SET:
      case REF_FUNC:
      case LOCAL_GET:
      case LOCAL_SET:
      case LOCAL_TEE:
      case CALL:
      case BR:
      case BR_IF:
      case TABLE_GET:
      case TABLE_SET:
        return code.index;
      default:
        return 0;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Code

  private void readCodeSection() {
    int countOffset = in.position();
    int count = in.count();
    int declared = Math.max(declaredFunctionCount, 0);
    if (count != declared) {
      throw in.malformed(
          "function and code section have inconsistent lengths: " + declared
              + " functions but " + count + " bodies",
          countOffset);
    }
    Code[] codes = new Code[count];
    for (int i = 0; i < count; i++) {
      int functionIndex = module.importedFunctionCount + i;
      int sizeOffset = in.position();
      int size = in.u32();
      if (Integer.toUnsignedLong(size) > in.remaining()) {
        throw new CompileException(
            Phase.DECODE,
            "unexpected end of section or function: body of " + Integer.toUnsignedString(size)
                + " bytes, " + in.remaining() + " left",
            sizeOffset,
            functionIndex);
      }
      int bodyEnd = in.position() + size;
      codes[i] = readCode(functionIndex, in.position(), bodyEnd);
      in.position(bodyEnd);
    }
    module.codes = codes;
  }

  private Code readCode(int functionIndex, int start, int end) {
    ByteReader r = new ByteReader(bytes, start, end);
    r.functionIndex(functionIndex);
    int groups = r.count();
    // Each group takes at least two bytes, so these arrays are bounded by the body's size.
    long[] groupCounts = new long[groups];
    ValueType[] groupTypes = new ValueType[groups];
    long total = 0;
    for (int g = 0; g < groups; g++) {
      groupCounts[g] = Integer.toUnsignedLong(r.u32());
      groupTypes[g] = valueType(r);
      total += groupCounts[g]; // at most groups * 2^32, far below Long.MAX_VALUE
    }
    if (total > 0xFFFF_FFFFL) {
      throw r.malformed("too many locals: " + total + " declared, at most 2^32-1 allowed", start);
    }
    if (total > MAX_LOCALS) {
      throw new CompileException(
          Phase.LIMIT,
          "too many locals: " + total + " declared, this runtime allows at most " + MAX_LOCALS
              + " per function",
          start,
          functionIndex);
    }
    totalLocals += total;
    if (totalLocals > MAX_TOTAL_LOCALS) {
      throw new CompileException(
          Phase.LIMIT,
          "too many locals in the module: more than " + MAX_TOTAL_LOCALS
              + " in all functions together",
          start,
          functionIndex);
    }
    ValueType[] locals = new ValueType[(int) total];
    int at = 0;
    for (int g = 0; g < groups; g++) {
      Arrays.fill(locals, at, at + (int) groupCounts[g], groupTypes[g]);
      at += (int) groupCounts[g];
    }
    int bodyStart = r.position();
    if (checkBodies) {
      checkStructure(functionIndex, bodyStart, end);
    }
    return new Code(locals, bodyStart, end);
  }

  /**
   * Reads every instruction of a body once: each must be well encoded, blocks must nest, {@code
   * else} may appear only once, directly inside an {@code if}, and the {@code end} closing the body
   * must be its last byte.
   */
  private void checkStructure(int functionIndex, int start, int end) {
    CodeReader code = new CodeReader(bytes, start, end, features, functionIndex);
    ByteReader r = code.byteReader();
    // Kinds of the open blocks; depth never exceeds the body's size, so growth is bounded.
    byte[] kinds = new byte[16];
    int depth = 1;
    kinds[0] = KIND_FUNCTION;
    while (true) {
      if (!code.hasNext()) {
        throw r.malformed("END opcode expected: the function body ends inside a block", end);
      }
      int op = code.next();
      switch (op) {
        case BLOCK:
        case LOOP:
        case IF:
          if (depth == kinds.length) {
            kinds = Arrays.copyOf(kinds, depth * 2);
          }
          kinds[depth++] = op == IF ? KIND_IF : KIND_BLOCK;
          break;
        case ELSE:
          if (kinds[depth - 1] != KIND_IF) {
            throw r.malformed("else without a matching if", code.instructionOffset());
          }
          kinds[depth - 1] = KIND_ELSE;
          break;
        case END:
          depth--;
          if (depth == 0) {
            if (code.position() != end) {
              throw r.malformed(
                  "section size mismatch: " + (end - code.position())
                      + " bytes follow the end of the function body",
                  code.position());
            }
            return;
          }
          break;
        case RETURN_CALL:
        case RETURN_CALL_INDIRECT:
          module.mayTailCall = true;
          break;
        case MEMORY_INIT:
        case DATA_DROP:
          if (module.dataCount < 0) {
            throw r.malformed(
                "data count section required: " + Opcodes.name(op)
                    + " needs a data count section",
                code.instructionOffset());
          }
          break;
        default:
          break;
      }
    }
  }
}
