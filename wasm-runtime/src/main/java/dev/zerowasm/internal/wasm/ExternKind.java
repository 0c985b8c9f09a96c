package dev.zerowasm.internal.wasm;

/** The kind of an import or export, with its binary encoding. */
public enum ExternKind {
  FUNCTION(0, "func"),
  TABLE(1, "table"),
  MEMORY(2, "memory"),
  GLOBAL(3, "global");

  private final int code;
  private final String text;

  ExternKind(int code, String text) {
    this.code = code;
    this.text = text;
  }

  /** The byte that encodes this kind. */
  public int code() {
    return code;
  }

  /** The kind for {@code code}, or {@code null} if none. */
  public static ExternKind fromCode(int code) {
    return code >= 0 && code < 4 ? values()[code] : null;
  }

  @Override
  public String toString() {
    return text;
  }
}
