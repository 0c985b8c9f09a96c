package dev.zerowasm.internal.binary;

import dev.zerowasm.api.CompileException;
import dev.zerowasm.internal.wasm.NameSection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Decodes the contents of the "name" custom section: subsection 0 (module name), 1 (function
 * names) and 2 (local names); other subsections are skipped. A custom section never makes a module
 * malformed, so a broken name section gives {@link NameSection#EMPTY} instead of an exception.
 */
final class NameSectionDecoder {
  private NameSectionDecoder() {}

  /** The names in {@code data}, or {@link NameSection#EMPTY} if {@code data} is malformed. */
  static NameSection decode(byte[] data) {
    try {
      return read(new ByteReader(data, 0, data.length));
    } catch (CompileException e) {
      return NameSection.EMPTY;
    }
  }

  private static NameSection read(ByteReader in) {
    String moduleName = null;
    Map<Integer, String> functionNames = Map.of();
    Map<Integer, Map<Integer, String>> localNames = Map.of();
    while (in.hasRemaining()) {
      int id = in.u8();
      int size = in.u32();
      if (Integer.toUnsignedLong(size) > in.remaining()) {
        throw in.malformed("name subsection past the end of the name section");
      }
      int end = in.position() + size;
      ByteReader sub = new ByteReader(in.bytes(), in.position(), end);
      switch (id) {
        case 0:
          moduleName = sub.name();
          break;
        case 1:
          functionNames = nameMap(sub);
          break;
        case 2:
          localNames = indirectNameMap(sub);
          break;
        default:
          break; // other subsections (labels, types, ...) are not used
      }
      if (id <= 2 && sub.hasRemaining()) {
        throw in.malformed("name subsection " + id + " has trailing bytes");
      }
      in.position(end);
    }
    return new NameSection(moduleName, functionNames, localNames);
  }

  private static Map<Integer, String> nameMap(ByteReader in) {
    int count = in.count();
    Map<Integer, String> names = new HashMap<>();
    for (int i = 0; i < count; i++) {
      int index = in.u32();
      names.put(index, in.name());
    }
    return Collections.unmodifiableMap(names);
  }

  private static Map<Integer, Map<Integer, String>> indirectNameMap(ByteReader in) {
    int count = in.count();
    Map<Integer, Map<Integer, String>> names = new HashMap<>();
    for (int i = 0; i < count; i++) {
      int index = in.u32();
      names.put(index, nameMap(in));
    }
    return Collections.unmodifiableMap(names);
  }
}
