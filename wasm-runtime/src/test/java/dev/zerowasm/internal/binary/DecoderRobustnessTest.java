package dev.zerowasm.internal.binary;

import static dev.zerowasm.internal.binary.WasmBuilder.b;
import static dev.zerowasm.internal.binary.WasmBuilder.body;
import static dev.zerowasm.internal.binary.WasmBuilder.cat;
import static dev.zerowasm.internal.binary.WasmBuilder.module;
import static dev.zerowasm.internal.binary.WasmBuilder.name;
import static dev.zerowasm.internal.binary.WasmBuilder.section;
import static dev.zerowasm.internal.binary.WasmBuilder.u32;
import static dev.zerowasm.internal.binary.WasmBuilder.vec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.api.CompileException;
import dev.zerowasm.api.CompileException.Phase;
import dev.zerowasm.api.CoreFeatures;
import dev.zerowasm.internal.wasm.WasmModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile input: truncated, corrupted and absurdly sized binaries must all give a module or a
 * {@link CompileException}, never another exception, a hang or a huge allocation. The timeouts are
 * only hang guards; each test takes well under a second.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DecoderRobustnessTest {
  static final String[] FIXTURES = {
    "elem.0.wasm", "global.0.wasm", "bulk.5.wasm", "custom.1.wasm", "call_indirect.0.wasm"
  };
  static final long ALL_ONES = 0xFFFF_FFFFL;

  static byte[] fixture(String name) {
    try (InputStream in = DecoderRobustnessTest.class.getResourceAsStream("/modules/" + name)) {
      assertThat(in).as("fixture " + name).isNotNull();
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The lengths at which a prefix of {@code bytes} is a whole number of sections. */
  static Set<Integer> sectionBoundaries(byte[] bytes) {
    Set<Integer> ends = new HashSet<>();
    int p = 8;
    ends.add(p);
    while (p < bytes.length) {
      p++; // id
      long size = 0;
      for (int shift = 0; ; shift += 7) {
        int x = bytes[p++] & 0xFF;
        size |= (long) (x & 0x7F) << shift;
        if (x < 0x80) {
          break;
        }
      }
      p += (int) size;
      ends.add(p);
    }
    return ends;
  }

  /** Decodes {@code bytes}: null for a module, else the CompileException, which must be sane. */
  static CompileException outcome(byte[] bytes, CoreFeatures features, String what) {
    try {
      WasmModule m = Decoder.decode(bytes, features);
      assertThat(m).isNotNull();
      return null;
    } catch (CompileException e) {
      assertThat(e.reason()).as(what + ": " + e.getMessage()).doesNotStartWith("internal");
      assertThat(e.byteOffset()).as(what + ": " + e.getMessage()).isBetween(-1L, (long) bytes.length);
      return e;
    }
  }

  static CoreFeatures featuresFor(String fixture) {
    return fixture.startsWith("custom") ? CoreFeatures.V1 : CoreFeatures.V2;
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "elem.0.wasm", "global.0.wasm", "bulk.5.wasm", "custom.1.wasm", "call_indirect.0.wasm"
  })
  void everyTruncationIsMalformedUnlessItEndsBetweenSections(String fixture) {
    byte[] bytes = fixture(fixture);
    CoreFeatures features = featuresFor(fixture);
    assertThat(outcome(bytes, features, fixture)).as("the whole module decodes").isNull();
    Set<Integer> boundaries = sectionBoundaries(bytes);
    int malformed = 0;
    for (int length = 0; length < bytes.length; length++) {
      byte[] prefix = Arrays.copyOf(bytes, length);
      CompileException e = outcome(prefix, features, fixture + " cut at " + length);
      if (e == null) {
        assertThat(boundaries).as(fixture + " cut at " + length + " decoded").contains(length);
      } else {
        assertThat(e.phase()).isEqualTo(Phase.DECODE);
        malformed++;
      }
    }
    assertThat(malformed).isGreaterThanOrEqualTo(bytes.length - boundaries.size());
  }

  @Test
  void randomByteChangesGiveAModuleOrACompileException() {
    Random random = new Random(0x5EED);
    int decoded = 0;
    int failed = 0;
    for (String fixture : FIXTURES) {
      byte[] original = fixture(fixture);
      for (int variant = 0; variant < 2000; variant++) {
        byte[] bytes = mutate(original, random);
        for (CoreFeatures features : List.of(CoreFeatures.V1, CoreFeatures.V2)) {
          if (outcome(bytes, features, fixture + " variant " + variant) == null) {
            decoded++;
          } else {
            failed++;
          }
        }
      }
    }
    // Both outcomes occur, so the variants really exercise the decoder.
    assertThat(decoded).isPositive();
    assertThat(failed).isPositive();
  }

  /** A copy of {@code original} with 1-4 bytes changed, inserted or deleted (header kept). */
  static byte[] mutate(byte[] original, Random random) {
    byte[] bytes = original.clone();
    int changes = 1 + random.nextInt(4);
    for (int c = 0; c < changes; c++) {
      int at = 8 + random.nextInt(bytes.length - 8);
      switch (random.nextInt(6)) {
        case 0: // insert a byte
          byte[] longer = new byte[bytes.length + 1];
          System.arraycopy(bytes, 0, longer, 0, at);
          longer[at] = (byte) random.nextInt(256);
          System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
          bytes = longer;
          break;
        case 1: // delete a byte
          if (bytes.length > 9) {
            byte[] shorter = new byte[bytes.length - 1];
            System.arraycopy(bytes, 0, shorter, 0, at);
            System.arraycopy(bytes, at + 1, shorter, at, bytes.length - at - 1);
            bytes = shorter;
          }
          break;
        case 2: // a byte that makes LEB128 numbers longer or huge
          bytes[at] = (byte) (0x80 | random.nextInt(128));
          break;
        case 3: // flip one bit
          bytes[at] ^= (byte) (1 << random.nextInt(8));
          break;
        default: // any value
          bytes[at] = (byte) random.nextInt(256);
      }
    }
    return bytes;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 9, 10, 11})
  void vectorCountOf2To32Minus1FailsQuickly(int sectionId) {
    byte[] bytes = module(section(sectionId, u32(ALL_ONES), b(0, 0, 0, 0)));
    CompileException e = outcome(bytes, CoreFeatures.V2, "section " + sectionId);
    assertThat(e).isNotNull();
    assertThat(e.phase()).isEqualTo(Phase.DECODE);
    assertThat(e.reason()).startsWith("length out of bounds");
  }

  @ParameterizedTest
  @ValueSource(longs = {ALL_ONES, 0x7FFF_FFFFL, 0x8000_0000L, 100})
  void hugeSectionSizesFailQuickly(long size) {
    for (int id = 0; id <= 12; id++) {
      byte[] bytes = module(cat(b(id), u32(size), b(1, 0)));
      CompileException e = outcome(bytes, CoreFeatures.V2, "section " + id + " of size " + size);
      assertThat(e).isNotNull();
      assertThat(e.phase()).isEqualTo(Phase.DECODE);
    }
  }

  @Test
  void hugeNameLengthsFailQuickly() {
    byte[] huge = cat(u32(ALL_ONES), b('a', 'b'));
    List<byte[]> modules = new ArrayList<>();
    modules.add(module(section(2, vec(cat(huge, name("f"), b(0, 0))))));
    modules.add(module(section(2, vec(cat(name("m"), huge, b(0, 0))))));
    modules.add(module(section(7, vec(cat(huge, b(0, 0))))));
    modules.add(module(section(0, huge)));
    for (byte[] bytes : modules) {
      CompileException e = outcome(bytes, CoreFeatures.V2, "huge name");
      assertThat(e).isNotNull();
      assertThat(e.reason()).startsWith("unexpected end");
    }
    // Inside the name section the same is not an error of the module: the names are dropped.
    byte[] names = section(0, name("name"), b(0x01, 0x07), u32(1), u32(0), u32(ALL_ONES));
    assertThat(Decoder.decode(module(names), CoreFeatures.V2).names.functionNames()).isEmpty();
  }

  @Test
  void hugeLocalCountsFailQuickly() {
    byte[] type = section(1, vec(b(0x60, 0, 0)));
    byte[] function = section(3, vec(u32(0)));
    // One group of 2^32-1: valid per the spec, over this runtime's limit.
    byte[] oneGroup = module(type, function,
        section(10, vec(body(vec(cat(u32(ALL_ONES), b(0x7F))), b(0x0B)))));
    assertThat(outcome(oneGroup, CoreFeatures.V2, "2^32-1 locals").phase())
        .isEqualTo(Phase.LIMIT);
    // Thousands of groups of 2^32-1: the sum overflows 32 bits (and 63-bit arithmetic is safe).
    byte[][] groups = new byte[5000][];
    Arrays.fill(groups, cat(u32(ALL_ONES), b(0x7E)));
    byte[] manyGroups = module(type, function, section(10, vec(body(vec(groups), b(0x0B)))));
    CompileException e = outcome(manyGroups, CoreFeatures.V2, "5000 x 2^32-1 locals");
    assertThat(e.phase()).isEqualTo(Phase.DECODE);
    assertThat(e.reason()).startsWith("too many locals");
    // A group count of 2^32-1.
    byte[] groupCount = module(type, function,
        section(10, vec(body(u32(ALL_ONES), b(0x01, 0x7F, 0x0B)))));
    assertThat(outcome(groupCount, CoreFeatures.V2, "2^32-1 groups").reason())
        .startsWith("length out of bounds");
  }

  @Test
  void manyFunctionsWithManyLocalsHitTheModuleWideLimit() {
    // 7 bytes per body each asking for 50,000 locals: without a module-wide cap a small module
    // would expand into gigabytes.
    int functions = Decoder.MAX_TOTAL_LOCALS / Decoder.MAX_LOCALS + 1;
    byte[][] indices = new byte[functions][];
    byte[][] bodies = new byte[functions][];
    Arrays.fill(indices, u32(0));
    Arrays.fill(bodies, body(vec(cat(u32(Decoder.MAX_LOCALS), b(0x7F))), b(0x0B)));
    byte[] bytes = module(section(1, vec(b(0x60, 0, 0))), section(3, vec(indices)),
        section(10, vec(bodies)));
    CompileException e = outcome(bytes, CoreFeatures.V2, "many functions with many locals");
    assertThat(e.phase()).isEqualTo(Phase.LIMIT);
    assertThat(e.reason()).startsWith("too many locals in the module");
    assertThat(e.functionIndex()).isEqualTo(functions - 1);
  }

  @Test
  void hugeCountsInsideEntriesFailQuickly() {
    List<byte[]> modules = List.of(
        module(section(1, vec(cat(b(0x60), u32(ALL_ONES))))), // params
        module(section(1, vec(cat(b(0x60, 0x00), u32(ALL_ONES))))), // results
        module(section(9, vec(cat(u32(1), b(0x00), u32(ALL_ONES))))), // element items
        module(section(11, vec(cat(u32(1), u32(ALL_ONES), b(1))))), // data bytes
        module(section(1, vec(b(0x60, 0, 0))), section(3, vec(u32(0))), // br_table labels
            section(10, vec(body(vec(), cat(b(0x41, 0, 0x0E), u32(ALL_ONES), b(0, 0x0B)))))),
        module(section(1, vec(b(0x60, 0, 0))), section(3, vec(u32(0))), // select types
            section(10, vec(body(vec(), cat(b(0x1C), u32(ALL_ONES), b(0x7F, 0x0B)))))));
    for (byte[] bytes : modules) {
      CompileException e = outcome(bytes, CoreFeatures.V2, "huge count");
      assertThat(e).isNotNull();
      assertThat(e.reason()).startsWith("length out of bounds");
    }
  }

  @Test
  void hugeIndicesAreLeftToTheValidator() {
    // Indices are not counts: 2^32-1 as a type index decodes (the validator says "unknown type").
    byte[] bytes = module(section(1, vec(b(0x60, 0, 0))), section(3, vec(u32(ALL_ONES))),
        section(10, vec(body(vec(), b(0x0B)))));
    WasmModule m = Decoder.decode(bytes, CoreFeatures.V2);
    assertThat(m.functionTypeIndices).containsExactly(-1);
  }
}
