package dev.zerowasm.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays a documented terminal session: a shell block whose commands start with {@code $ }.
 *
 * <p>Each {@code $ zerowasm ...} line runs {@link Main#run} in-process, in the module's test
 * working directory (where {@code wasi_demo.wasm}, {@code hello.wasm} and the docs' fixtures are);
 * stdout and stderr go to one stream, as on a terminal. The lines up to the next {@code $} are its
 * expected output, exactly (trailing blanks ignored); a line {@code ...} ends the comparison for
 * that command. {@code $ echo $?} checks the exit code of the command before. A {@code # comment}
 * after a command is ignored, {@code ~} is a temporary home directory.
 */
final class ShellSession {
  private final Path home;
  private int lastExitCode = -1;

  ShellSession(Path home) {
    this.home = home;
  }

  /** Whether {@code block} is a session (has a {@code $ } line) rather than a list of commands. */
  static boolean isSession(Docs.Block block) {
    return block.lines().stream().anyMatch(l -> l.startsWith("$ "));
  }

  /** Replays the block, failing on the first difference. */
  void replay(Docs.Block block) {
    List<String> lines = block.lines();
    for (int i = 0; i < lines.size(); ) {
      String line = lines.get(i);
      assertThat(line).as("%s: a session line must be a $ command", block.where()).startsWith("$ ");
      List<String> expected = new ArrayList<>();
      for (i++; i < lines.size() && !lines.get(i).startsWith("$ "); i++) {
        expected.add(lines.get(i));
      }
      String command = line.substring(2).replaceFirst("\\s+#.*$", "").strip();
      List<String> actual = run(command, block);
      int shown = expected.indexOf("...");
      if (shown >= 0) {
        expected = expected.subList(0, shown);
        actual = actual.subList(0, Math.min(shown, actual.size()));
      }
      assertThat(stripped(actual))
          .as("%s: output of `%s`", block.where(), command)
          .containsExactlyElementsOf(stripped(expected));
    }
  }

  private List<String> run(String command, Docs.Block block) {
    if (command.equals("echo $?")) {
      return List.of(String.valueOf(lastExitCode));
    }
    List<String> words = new ArrayList<>();
    for (String word : command.split("\\s+")) {
      words.add(word.startsWith("~/") ? home.resolve(word.substring(2)).toString() : word);
    }
    assertThat(words.get(0))
        .as("%s: only zerowasm commands can be replayed: %s", block.where(), command)
        .isEqualTo("zerowasm");
    ByteArrayOutputStream terminal = new ByteArrayOutputStream();
    PrintStream stream = new PrintStream(terminal, true, StandardCharsets.UTF_8);
    String[] args = words.subList(1, words.size()).toArray(new String[0]);
    lastExitCode = Main.run(args, InputStream.nullInputStream(), stream, stream);
    String printed = terminal.toString(StandardCharsets.UTF_8);
    List<String> result = new ArrayList<>(List.of(printed.split("\n", -1)));
    if (result.get(result.size() - 1).isEmpty()) {
      result.remove(result.size() - 1);
    }
    return result;
  }

  private static List<String> stripped(List<String> lines) {
    List<String> result = new ArrayList<>();
    for (String line : lines) {
      result.add(line.stripTrailing());
    }
    return result;
  }
}
