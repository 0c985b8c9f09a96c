package dev.zerowasm.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads the documentation: the pages ({@code README.md} and {@code docs/*.md}), their fenced code
 * blocks, and the repository's test sources the blocks are copied from. Shared by the doc tests.
 */
final class Docs {
  private Docs() {}

  /** A fenced code block: the page, the line of its opening fence, its language and its lines. */
  record Block(Path page, int line, String lang, List<String> lines, String heading) {
    /** "docs/cli.md:55" for messages. */
    String where() {
      return root().relativize(page) + ":" + line;
    }

    /** The block's text, lines joined with '\n'. */
    String text() {
      return String.join("\n", lines);
    }
  }

  /**
   * The repository's root: the system property {@code zerowasm.root} (set by the pom) or, when run
   * from an IDE in the module's directory, its parent.
   */
  static Path root() {
    String property = System.getProperty("zerowasm.root");
    Path root = property != null ? Path.of(property) : Path.of("..");
    return root.toAbsolutePath().normalize();
  }

  /** {@code docs/<name>}. */
  static Path page(String name) {
    return root().resolve("docs").resolve(name);
  }

  /** README.md and every docs/*.md, sorted. */
  static List<Path> pages() {
    List<Path> pages = new ArrayList<>();
    pages.add(root().resolve("README.md"));
    try (Stream<Path> files = Files.list(root().resolve("docs"))) {
      files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pages;
  }

  /**
   * A file of the test working directory (the test resources: the guests the examples use), as a
   * reader's program would read it.
   */
  static byte[] fixture(String name) {
    try {
      return Files.readAllBytes(Path.of(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The lines of a file. */
  static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The fenced code blocks of a page. A block opens with a line starting with three backticks
   * (followed by its language, possibly empty) and closes with a line of just three backticks.
   */
  static List<Block> blocks(Path page) {
    List<String> lines = lines(page);
    List<Block> blocks = new ArrayList<>();
    String heading = "";
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("#")) {
        heading = line.replaceFirst("^#+\\s*", "");
      }
      if (!line.startsWith("```")) {
        continue;
      }
      int start = i;
      List<String> body = new ArrayList<>();
      for (i++; i < lines.size() && !lines.get(i).equals("```"); i++) {
        body.add(lines.get(i));
      }
      if (i == lines.size()) {
        throw new IllegalStateException(page + ":" + (start + 1) + ": unclosed code block");
      }
      blocks.add(new Block(page, start + 1, line.substring(3).strip(), body, heading));
    }
    return blocks;
  }

  /** The blocks of {@code page} under the heading {@code heading} (exact heading text). */
  static List<Block> blocksUnder(Path page, String heading) {
    return blocks(page).stream()
        .filter(b -> b.heading().equals(heading))
        .collect(Collectors.toList());
  }

  /** Every {@code *.java} file under some module's {@code src/test/java}. */
  static List<Path> testSources() {
    return files("/src/test/java/", ".java");
  }

  /** Files under the root whose path contains {@code segment} and ends with {@code suffix}. */
  static List<Path> files(String segment, String suffix) {
    List<Path> found = new ArrayList<>();
    try {
      Files.walkFileTree(
          root(),
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
              String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
              // Build output, git's store and npm packages hold no sources of ours.
              return name.equals("target") || name.equals(".git") || name.equals("node_modules")
                  ? FileVisitResult.SKIP_SUBTREE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
              String s = file.toString().replace('\\', '/');
              if (s.contains(segment) && s.endsWith(suffix)) {
                found.add(file);
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Collections.sort(found);
    return found;
  }

  /** Each line stripped of surrounding whitespace, blank lines dropped. */
  static List<String> normalized(List<String> lines) {
    List<String> result = new ArrayList<>();
    for (String line : lines) {
      if (!line.isBlank()) {
        result.add(line.strip());
      }
    }
    return result;
  }
}
