package dev.zerowasm.internal.wasm;

/**
 * The size limits of a memory (in pages) or a table (in elements). {@code max} is meaningful only
 * when {@code hasMax}. Values are unsigned 32-bit numbers held in a {@code long}.
 */
public record Limits(long min, long max, boolean hasMax) {
  /** Limits with a minimum and no maximum. */
  public static Limits of(long min) {
    return new Limits(min, 0, false);
  }

  /** Limits with a minimum and a maximum. */
  public static Limits of(long min, long max) {
    return new Limits(min, max, true);
  }

  /** E.g. {@code {min 1, max 2}} or {@code {min 1}}. */
  @Override
  public String toString() {
    return hasMax ? "{min " + min + ", max " + max + "}" : "{min " + min + "}";
  }
}
