package dev.zerowasm.internal.binary;

import static dev.zerowasm.internal.wasm.Opcodes.*;

import dev.zerowasm.api.CoreFeature;
import dev.zerowasm.api.CoreFeatures;
import dev.zerowasm.api.ValueType;

/**
 * Iterates over the instructions of a function body (or a constant expression), one at a time,
 * decoding each opcode and its immediates into public fields. It allocates nothing per instruction,
 * so the decoder, the validator and the engines all read code through it.
 *
 * <p>After {@link #next()} returns an opcode, the fields that opcode uses hold its immediates:
 *
 * <ul>
 *   <li>{@code block}, {@code loop}, {@code if}: {@link #blockTypeIndex} (a type index, or -1) and
 *       {@link #blockValueType} (the single result type, or null when empty or indexed).
 *   <li>{@code br}, {@code br_if}: {@link #index} = label depth. {@code br_table}: {@link #labels}
 *       holds {@link #labelCount} depths and {@link #index} the default depth.
 *   <li>{@code call}, {@code ref.func}: {@link #index} = function index. {@code call_indirect}:
 *       {@link #index} = type index, {@link #index2} = table index.
 *   <li>{@code local.*}, {@code global.*}, {@code table.get/set/grow/size/fill}, {@code data.drop},
 *       {@code elem.drop}: {@link #index}.
 *   <li>{@code memory.init}: {@link #index} = data index, {@link #index2} = memory index. {@code
 *       table.init}: {@link #index} = element index, {@link #index2} = table index. {@code
 *       table.copy}: {@link #index} = destination, {@link #index2} = source. {@code memory.copy}:
 *       {@link #index} = destination memory, {@link #index2} = source memory. {@code memory.fill},
 *       {@code memory.size}, {@code memory.grow}: {@link #index} = memory index.
 *   <li>loads and stores: {@link #align} (the exponent) and {@link #memoryOffset} (unsigned).
 *   <li>{@code i32.const}: {@link #value} (sign-extended); {@code i64.const}: {@link #value}; {@code
 *       f32.const}: {@link #value} = the raw bits (low 32); {@code f64.const}: the raw bits.
 *   <li>{@code ref.null}: {@link #refType}. {@code select t*}: {@link #selectTypes}.
 *   <li>SIMD ({@code 0xFD} prefix, opcode {@code PREFIX_SIMD | sub}): loads and stores {@link
 *       #align} and {@link #memoryOffset}; {@code v128.loadN_lane} / {@code v128.storeN_lane} also
 *       {@link #lane}; {@code *.extract_lane} / {@code *.replace_lane}: {@link #lane}; {@code
 *       v128.const}: {@link #v128Low} and {@link #v128High}; {@code i8x16.shuffle}: the 16 lane
 *       indices in {@link #shuffleLanes} (and packed the same way in {@link #v128Low} / {@link
 *       #v128High}). Lane indices are not range-checked here (the validator does that).
 * </ul>
 *
 * <p>Opcodes of disabled features are reported as malformed ("illegal opcode"), as a WebAssembly
 * 1.0 decoder would. This reader checks only the encoding of each instruction; block structure is
 * checked by the decoder and types by the validator.
 */
public final class CodeReader {
  private final ByteReader in;
  private final CoreFeatures features;
  private int instructionOffset;

  /** The type index of a block type, or -1 if the block type is empty or a single value type. */
  public int blockTypeIndex;

  /** The single result type of a block type, or null. */
  public ValueType blockValueType;

  /** The first index immediate (see the class comment). */
  public int index;

  /** The second index immediate (see the class comment). */
  public int index2;

  /** The alignment exponent of a memory instruction. */
  public int align;

  /** The unsigned offset of a memory instruction. */
  public long memoryOffset;

  /** The value of a {@code *.const}; raw bits for floats. */
  public long value;

  /** The reference type of {@code ref.null}. */
  public ValueType refType;

  /** The types of a typed {@code select}. */
  public ValueType[] selectTypes;

  /** The label depths of {@code br_table}, not counting the default; see {@link #labelCount}. */
  public int[] labels = new int[16];

  /** How many entries of {@link #labels} are in use. */
  public int labelCount;

  /**
   * The low 64 bits of a {@code v128.const} (bytes 0..7, little-endian: lane 0 of any shape is in
   * the least significant bits), or of the lane indices of {@code i8x16.shuffle}.
   */
  public long v128Low;

  /** The high 64 bits (bytes 8..15) of a {@code v128.const} or {@code i8x16.shuffle} immediate. */
  public long v128High;

  /**
   * The 16 lane indices of {@code i8x16.shuffle} (unsigned bytes). The array is reused by every
   * shuffle this reader decodes: copy it to keep it.
   */
  public final byte[] shuffleLanes = new byte[16];

  /** The lane index immediate (0..255) of the SIMD lane instructions. */
  public int lane;

  /**
   * Every feature: for engines reading bodies that the validator already accepted under the
   * runtime's own features, so that no feature check can fail there.
   */
  public static final CoreFeatures VALIDATED = CoreFeatures.of(CoreFeature.values());

  /**
   * A reader over {@code bytes[start, end)}.
   *
   * @param functionIndex the function whose body this is, for error messages (-1 for none)
   */
  public CodeReader(byte[] bytes, int start, int end, CoreFeatures features, int functionIndex) {
    this.in = new ByteReader(bytes, start, end);
    this.in.functionIndex(functionIndex);
    this.features = features;
  }

  /** Whether any instruction bytes remain. */
  public boolean hasNext() {
    return in.hasRemaining();
  }

  /** The offset where the next instruction starts (after {@link #next()}: where the one after starts). */
  public int position() {
    return in.position();
  }

  /** The offset of the instruction that {@link #next()} returned last. */
  public int instructionOffset() {
    return instructionOffset;
  }

  /** The underlying byte reader, for errors at the current position. */
  public ByteReader byteReader() {
    return in;
  }

  /** Reads the next instruction and returns its opcode (see {@link dev.zerowasm.internal.wasm.Opcodes}). */
  public int next() {
    instructionOffset = in.position();
    int op = in.u8();
    switch (op) {
      case UNREACHABLE:
      case NOP:
      case ELSE:
      case END:
      case RETURN:
      case DROP:
      case SELECT:
        return op;
      case BLOCK:
      case LOOP:
      case IF:
        readBlockType();
        return op;
      case BR:
      case BR_IF:
      case CALL:
      case LOCAL_GET:
      case LOCAL_SET:
      case LOCAL_TEE:
      case GLOBAL_GET:
      case GLOBAL_SET:
        index = in.u32();
        return op;
      case BR_TABLE:
        readBrTable();
        return op;
      case RETURN_CALL:
        require(CoreFeature.TAIL_CALL);
        index = in.u32();
        return op;
      case RETURN_CALL_INDIRECT:
        require(CoreFeature.TAIL_CALL);
        index = in.u32();
        index2 = in.u32();
        return op;
      case CALL_INDIRECT:
        index = in.u32();
        if (features.contains(CoreFeature.REFERENCE_TYPES)) {
          index2 = in.u32();
        } else {
          index2 = zeroByte();
        }
        return op;
      case SELECT_T:
        require(CoreFeature.REFERENCE_TYPES);
        readSelectTypes();
        return op;
      case TABLE_GET:
      case TABLE_SET:
        require(CoreFeature.REFERENCE_TYPES);
        index = in.u32();
        return op;
      case MEMORY_SIZE:
      case MEMORY_GROW:
        index = zeroByte();
        return op;
      case I32_CONST:
        value = in.s32();
        return op;
      case I64_CONST:
        value = in.s64();
        return op;
      case F32_CONST:
        value = in.f32Bits() & 0xFFFF_FFFFL;
        return op;
      case F64_CONST:
        value = in.f64Bits();
        return op;
      case REF_NULL:
        require(CoreFeature.REFERENCE_TYPES);
        refType = readRefType();
        return op;
      case REF_IS_NULL:
        require(CoreFeature.REFERENCE_TYPES);
        return op;
      case REF_FUNC:
        require(CoreFeature.REFERENCE_TYPES);
        index = in.u32();
        return op;
      case 0xFC:
        return readPrefixFc();
      case 0xFD:
        return readPrefixSimd();
      default:
        if (op >= I32_LOAD && op <= I64_STORE32) {
          readMemarg();
          return op;
        }
        if (op >= I32_EQZ && op <= F64_REINTERPRET_I64) {
          return op;
        }
        if (op >= I32_EXTEND8_S && op <= I64_EXTEND32_S) {
          require(CoreFeature.SIGN_EXTENSION_OPS);
          return op;
        }
        throw illegal(op);
    }
  }

  private void readMemarg() {
    int flagsOffset = in.position();
    align = in.u32();
    // An exponent of 32 or more cannot describe any alignment: 2.0 calls it malformed
    // (smaller ones that exceed the natural alignment are the validator's business).
    if (Integer.compareUnsigned(align, 32) >= 0) {
      throw in.malformed("malformed memop flags: alignment exponent "
          + Integer.toUnsignedString(align), flagsOffset);
    }
    memoryOffset = Integer.toUnsignedLong(in.u32());
  }

  /**
   * Sub-opcodes 0x00..0xFF of the 0xFD prefix that are not assigned to an instruction of fixed-width
   * SIMD (gaps left by instructions dropped from the proposal).
   */
  private static final long[] SIMD_RESERVED = new long[4];

  static {
    int[] reserved = {0x9A, 0xA2, 0xA5, 0xA6, 0xAF, 0xB0, 0xB2, 0xB3, 0xB4, 0xBB, 0xC2, 0xC5, 0xC6,
        0xCF, 0xD0, 0xD2, 0xD3, 0xD4, 0xE2, 0xEE};
    for (int sub : reserved) {
      SIMD_RESERVED[sub >> 6] |= 1L << sub;
    }
  }

  private int readPrefixSimd() {
    int sub = in.u32();
    // Unsigned: a LEB of 2^31 or more reads as a negative int.
    if (sub < 0
        || sub >= SIMD_SUBOPCODES
        || (sub <= 0xFF && (SIMD_RESERVED[sub >> 6] & (1L << sub)) != 0)) {
      throw in.malformed("illegal opcode 0xfd " + Integer.toUnsignedString(sub), instructionOffset);
    }
    require(CoreFeature.SIMD);
    if (sub > 0xFF) {
      require(CoreFeature.RELAXED_SIMD); // no immediates
      return PREFIX_SIMD | sub;
    }
    int op = PREFIX_SIMD | sub;
    if (op <= V128_STORE || op == V128_LOAD32_ZERO || op == V128_LOAD64_ZERO) {
      readMemarg();
    } else if (op >= V128_LOAD8_LANE && op <= V128_STORE64_LANE) {
      readMemarg();
      lane = in.u8();
    } else if (op == V128_CONST || op == I8X16_SHUFFLE) {
      long lo = 0;
      long hi = 0;
      for (int i = 0; i < 8; i++) {
        lo |= (long) in.u8() << (8 * i);
      }
      for (int i = 0; i < 8; i++) {
        hi |= (long) in.u8() << (8 * i);
      }
      v128Low = lo;
      v128High = hi;
      if (op == I8X16_SHUFFLE) {
        for (int i = 0; i < 8; i++) {
          shuffleLanes[i] = (byte) (lo >>> (8 * i));
          shuffleLanes[i + 8] = (byte) (hi >>> (8 * i));
        }
      }
    } else if (op >= I8X16_EXTRACT_LANE_S && op <= F64X2_REPLACE_LANE) {
      lane = in.u8();
    }
    return op;
  }

  private int readPrefixFc() {
    int sub = in.u32();
    int op = PREFIX_FC | sub;
    if (sub < 0 || sub > 0x11) {
      throw in.malformed("illegal opcode 0xfc " + Integer.toUnsignedString(sub), instructionOffset);
    }
    if (op <= I64_TRUNC_SAT_F64_U) {
      require(CoreFeature.NON_TRAPPING_FLOAT_TO_INT);
      return op;
    }
    if (op >= TABLE_GROW) {
      require(CoreFeature.REFERENCE_TYPES);
    } else {
      require(CoreFeature.BULK_MEMORY);
    }
    switch (op) {
      case MEMORY_INIT:
        index = in.u32();
        index2 = zeroByte();
        return op;
      case DATA_DROP:
      case ELEM_DROP:
      case TABLE_GROW:
      case TABLE_SIZE:
      case TABLE_FILL:
        index = in.u32();
        return op;
      case MEMORY_COPY:
        index = zeroByte();
        index2 = zeroByte();
        return op;
      case MEMORY_FILL:
        index = zeroByte();
        return op;
      case TABLE_INIT:
        index = in.u32();
        index2 = in.u32();
        return op;
      case TABLE_COPY:
        index = in.u32();
        index2 = in.u32();
        return op;
      default:
        throw illegal(op);
    }
  }

  private void readBlockType() {
    int start = in.position();
    int b = in.u8();
    if (b == 0x40) {
      blockTypeIndex = -1;
      blockValueType = null;
      return;
    }
    ValueType type = ValueType.fromCode(b);
    if (type != null) {
      checkValueType(type, start);
      blockTypeIndex = -1;
      blockValueType = type;
      return;
    }
    if (!features.contains(CoreFeature.MULTI_VALUE)) {
      throw in.malformed("malformed block type 0x" + Integer.toHexString(b), start);
    }
    in.position(start);
    long idx = in.s33();
    if (idx < 0) {
      throw in.malformed("malformed block type", start);
    }
    if (idx > Integer.MAX_VALUE) {
      throw in.malformed("block type index too large", start);
    }
    blockTypeIndex = (int) idx;
    blockValueType = null;
  }

  private void readBrTable() {
    int count = in.count();
    if (labels.length < count) {
      labels = new int[Math.max(count, labels.length * 2)];
    }
    for (int i = 0; i < count; i++) {
      labels[i] = in.u32();
    }
    labelCount = count;
    index = in.u32();
  }

  private void readSelectTypes() {
    int count = in.count();
    ValueType[] types = new ValueType[count];
    for (int i = 0; i < count; i++) {
      int start = in.position();
      ValueType t = ValueType.fromCode(in.u8());
      if (t == null) {
        throw in.malformed("malformed value type", start);
      }
      checkValueType(t, start);
      types[i] = t;
    }
    selectTypes = types;
  }

  private ValueType readRefType() {
    int start = in.position();
    int b = in.u8();
    if (b == ValueType.FUNCREF.code()) {
      return ValueType.FUNCREF;
    }
    if (b == ValueType.EXTERNREF.code()) {
      return ValueType.EXTERNREF;
    }
    throw in.malformed("malformed reference type", start);
  }

  private void checkValueType(ValueType type, int offset) {
    if (type == ValueType.V128 && !features.contains(CoreFeature.SIMD)) {
      throw in.malformed("malformed value type: v128 needs the SIMD feature", offset);
    }
    if (type.isReference() && !features.contains(CoreFeature.REFERENCE_TYPES)) {
      throw in.malformed("malformed value type: " + type + " needs reference types", offset);
    }
  }

  private int zeroByte() {
    int start = in.position();
    if (in.u8() != 0) {
      throw in.malformed("zero byte expected", start);
    }
    return 0;
  }

  private void require(CoreFeature feature) {
    if (!features.contains(feature)) {
      throw in.malformed("illegal opcode: needs " + feature, instructionOffset);
    }
  }

  private RuntimeException illegal(int op) {
    return in.malformed("illegal opcode 0x" + Integer.toHexString(op), instructionOffset);
  }
}
