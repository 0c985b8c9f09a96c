package dev.zerowasm.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every page of docs/ is reachable from docs/README.md, and every relative link of README.md and
 * docs/*.md resolves: to an existing file and, for {@code #anchor} links into a Markdown page, to
 * one of its headings (GitHub's anchors: lower case, punctuation dropped, spaces to dashes).
 */
class DocLinksTest {
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

  @Test
  void everyPageIsLinkedFromTheIndex() {
    Set<String> linked = new HashSet<>();
    for (String target : links(Docs.page("README.md"))) {
      linked.add(target.replaceFirst("#.*", ""));
    }
    for (Path page : Docs.pages()) {
      if (page.getParent().endsWith("docs") && !page.endsWith("README.md")) {
        assertThat(linked)
            .as("docs/README.md links %s", page.getFileName())
            .contains(page.getFileName().toString());
      }
    }
  }

  @Test
  void everyRelativeLinkResolves() {
    List<String> broken = new ArrayList<>();
    for (Path page : Docs.pages()) {
      for (String target : links(page)) {
        if (target.matches("^[a-z]+:.*")) {
          continue; // https:, mailto:
        }
        String file = target.replaceFirst("#.*", "");
        String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
        Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        if (!Files.exists(resolved)) {
          broken.add(Docs.root().relativize(page) + ": " + target + " (no such file)");
        } else if (anchor != null && resolved.toString().endsWith(".md")
            && !anchors(resolved).contains(anchor)) {
          broken.add(Docs.root().relativize(page) + ": " + target + " (no such heading)");
        }
      }
    }
    assertThat(broken).isEmpty();
  }

  @Test
  void anchorsFollowGitHub() {
    assertThat(anchor("The compilation cache: --cache-dir"))
        .isEqualTo("the-compilation-cache---cache-dir");
    assertThat(anchor("Go programs (GOOS=js)")).isEqualTo("go-programs-goosjs");
  }

  /** The link targets of a page, outside code blocks and code spans. */
  static List<String> links(Path page) {
    List<String> targets = new ArrayList<>();
    boolean inBlock = false;
    for (String line : Docs.lines(page)) {
      if (line.startsWith("```")) {
        inBlock = !inBlock;
        continue;
      }
      if (inBlock) {
        continue;
      }
      Matcher m = LINK.matcher(line.replaceAll("`[^`]*`", ""));
      while (m.find()) {
        targets.add(m.group(1));
      }
    }
    return targets;
  }

  private static Set<String> anchors(Path page) {
    Set<String> anchors = new HashSet<>();
    boolean inBlock = false;
    for (String line : Docs.lines(page)) {
      if (line.startsWith("```")) {
        inBlock = !inBlock;
      } else if (!inBlock && line.startsWith("#")) {
        anchors.add(anchor(line.replaceFirst("^#+\\s*", "")));
      }
    }
    return anchors;
  }

  /** GitHub's anchor of a heading. */
  static String anchor(String heading) {
    return heading
        .toLowerCase(Locale.ROOT)
        .replace("`", "")
        .replaceAll("[^\\p{L}\\p{N} _-]", "")
        .replace(' ', '-');
  }
}
