package dev.zerowasm.internal.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;

/**
 * HotSpot does not JIT-compile methods with more than 8000 bytes of bytecode ({@code
 * -XX:HugeMethodLimit}); an interpreter loop above that would run many times slower. This test
 * keeps {@link Interpreter}'s loop below the limit.
 */
class InterpreterLoopSizeTest {
  private static final int HUGE_METHOD_LIMIT = 8000;

  @Test
  void interpreterLoopStaysJitCompilable() throws IOException {
    assertThat(codeLength(Interpreter.class, "execute")).isBetween(1000, HUGE_METHOD_LIMIT);
  }

  /** The bytecode length of the method {@code name} of {@code type}, read from its class file. */
  private static int codeLength(Class<?> type, String name) throws IOException {
    byte[] bytes;
    try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
      bytes = in.readAllBytes();
    }
    ClassReader cr = new ClassReader(bytes);
    char[] buf = new char[cr.getMaxStringLength()];
    int p = cr.header + 6; // access, this, super
    p += 2 + 2 * cr.readUnsignedShort(p); // interfaces
    p = skipMembers(cr, p); // fields
    int methods = cr.readUnsignedShort(p);
    p += 2;
    for (int m = 0; m < methods; m++) {
      String methodName = cr.readUTF8(p + 2, buf);
      int attributes = cr.readUnsignedShort(p + 6);
      p += 8;
      for (int a = 0; a < attributes; a++) {
        String attribute = cr.readUTF8(p, buf);
        int length = cr.readInt(p + 2);
        if (methodName.equals(name) && attribute.equals("Code")) {
          return cr.readInt(p + 6 + 4); // after max_stack and max_locals
        }
        p += 6 + length;
      }
    }
    throw new AssertionError("no method " + name + " in " + type);
  }

  private static int skipMembers(ClassReader cr, int p) {
    int count = cr.readUnsignedShort(p);
    p += 2;
    for (int i = 0; i < count; i++) {
      int attributes = cr.readUnsignedShort(p + 6);
      p += 8;
      for (int a = 0; a < attributes; a++) {
        p += 6 + cr.readInt(p + 2);
      }
    }
    return p;
  }
}
