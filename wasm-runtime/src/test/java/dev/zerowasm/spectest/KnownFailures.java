package dev.zerowasm.spectest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The spec test commands that are known to fail, read from {@code spectest-known-failures.txt} on
 * the test class path.
 *
 * <p>Format: one entry per line, {@code <profile>/<file>.wast:<line>}, optionally followed by the
 * engines it applies to (e.g. {@code v2/float_exprs.wast:12 compiler}; none means every engine).
 * Lines starting with {@code #} are comments; the comment block just above a group of entries (no
 * blank line between) says why they fail, and that text becomes the reason reported for each.
 */
final class KnownFailures {
  private record Entry(String reason, Set<String> engines) {}

  private final Map<String, Entry> entries = new LinkedHashMap<>();

  /** Loads the list from the class path; a missing file means no known failures. */
  static KnownFailures load() {
    InputStream in = KnownFailures.class.getResourceAsStream("/spectest-known-failures.txt");
    if (in == null) {
      return new KnownFailures();
    }
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return parse(reader);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read spectest-known-failures.txt", e);
    }
  }

  /** Parses the list's format (see the class comment). */
  static KnownFailures parse(BufferedReader reader) throws IOException {
    KnownFailures known = new KnownFailures();
    {
      StringBuilder reason = new StringBuilder();
      boolean lastWasEntry = false;
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        line = line.strip();
        if (line.isEmpty()) {
          // A blank line ends a comment block: only the block right above the entries is their
          // reason.
          if (!lastWasEntry) {
            reason.setLength(0);
          }
          continue;
        }
        if (line.startsWith("#")) {
          if (lastWasEntry) {
            reason.setLength(0); // a new group starts
          }
          if (reason.length() > 0) {
            reason.append(' ');
          }
          reason.append(line.substring(1).strip());
          lastWasEntry = false;
          continue;
        }
        String[] parts = line.split("\\s+");
        if (!parts[0].matches("[^/\\s]+/[^/\\s]+\\.wast:\\d+")) {
          throw new IllegalStateException(
              "spectest-known-failures.txt line "
                  + number
                  + ": expected <profile>/<file>.wast:<line>,"
                  + " got: "
                  + line);
        }
        Set<String> engines = new TreeSet<>();
        for (int i = 1; i < parts.length; i++) {
          engines.add(parts[i]);
        }
        known.entries.put(
            parts[0],
            new Entry(
                reason.length() == 0 ? "listed as known failure" : reason.toString(), engines));
        lastWasEntry = true;
      }
    }
    return known;
  }

  /**
   * The reason {@code id} ({@code profile/file.wast:line}) is known to fail on {@code engine}, or
   * null.
   */
  String reason(String id, String engine) {
    Entry e = entries.get(id);
    if (e == null || (!e.engines().isEmpty() && !e.engines().contains(engine))) {
      return null;
    }
    return e.reason();
  }

  /** Every listed id of {@code profile} that applies to {@code engine}. */
  Set<String> ids(String profile, String engine) {
    Set<String> ids = new TreeSet<>();
    entries.forEach(
        (id, e) -> {
          if (id.startsWith(profile + "/")
              && (e.engines().isEmpty() || e.engines().contains(engine))) {
            ids.add(id);
          }
        });
    return ids;
  }
}
