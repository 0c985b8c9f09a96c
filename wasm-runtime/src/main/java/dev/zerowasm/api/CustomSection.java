package dev.zerowasm.api;

/**
 * A custom section of a module (e.g. {@code name}, {@code producers}, DWARF debug sections), kept
 * only when {@code RuntimeConfig.withCustomSections(true)}.
 */
public final class CustomSection {
  private final String name;
  private final byte[] data;

  /** Creates a section named {@code name} holding a copy of {@code data}. */
  public CustomSection(String name, byte[] data) {
    this.name = name;
    this.data = data.clone();
  }

  /** The section's name. */
  public String name() {
    return name;
  }

  /** A copy of the section's contents (after the name). */
  public byte[] data() {
    return data.clone();
  }

  /** The size of the contents in bytes. */
  public int size() {
    return data.length;
  }

  @Override
  public String toString() {
    return "CustomSection{name=\"" + name + "\", size=" + data.length + "}";
  }
}
