package dev.zerowasm.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.spring.boot.autoconfigure.WasmProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

/**
 * Every fenced code block of {@code README.md} and {@code docs/*.md} is checked, so the docs cannot
 * rot. A block's language says how (a block without a known language fails):
 *
 * <ul>
 *   <li>{@code java}: a copy of test code. Its lines (ignoring indentation and blank lines) must
 *       appear, in order and together, in one {@code *.java} file under some module's {@code
 *       src/test/java}, where a test runs them. Write the example as a test (or in one), then copy
 *       it into the page; the failure message shows the block that has no source.
 *   <li>{@code text}: output or a message, as a test expects it. Its lines must appear together in
 *       the string literals of one test source ({@code "a\n" + "b\n"} gives the lines {@code a},
 *       {@code b}), typically the expected value of an {@code isEqualTo} or {@code hasMessage}. A
 *       line {@code ...} separates parts that may be apart.
 *   <li>{@code wat}, {@code c}: a copy of a guest's source file (or of part of it) that has its
 *       compiled {@code .wasm} beside it, which tests load. (The build does not recompile guests:
 *       each fixture folder has a script that does, and the binaries are committed.)
 *   <li>{@code yaml}: {@code application.yml} content. It must bind to {@code WasmProperties}
 *       through Spring Boot's binder with no key left unbound, so an unknown or misspelt {@code
 *       wasm.*} key, or a value of the wrong type, fails.
 *   <li>{@code xml}: a Maven {@code <dependency>} on a module of this build, at the build's version.
 *   <li>{@code sh}: either a terminal session ({@code $ zerowasm ...} lines followed by their
 *       output, replayed by {@link ShellSession} against the CLI), or commands that cannot run
 *       inside a unit test, each of which must start with one of {@link #UNRUN_COMMANDS} (listed
 *       there with the reason), and every repository path they name must exist.
 * </ul>
 *
 * <p>Blocks that are checked by no rule are listed in {@link #EXEMPT} with the reason.
 */
class DocSnippetsTest {

  /**
   * Command prefixes of {@code sh} blocks that are not run here, and why. Repository paths these
   * lines name (scripts) must exist.
   */
  static final Map<String, String> UNRUN_COMMANDS =
      Map.of(
          "mvn ", "builds the project: running Maven from a test of the same build would recurse",
          "alias zerowasm=", "shell set-up; the sessions run the same Main class in-process",
          "apt-get ", "installs tools on a developer machine",
          "curl ", "needs the sample application running (sample-app's tests cover its endpoints)",
          "printf ", "pipes input into curl, which needs the sample application running",
          "cd sample-app && java -jar ", "starts the sample application's server until stopped",
          "node ", "needs Node.js, which CI does not have",
          "benchmarks/run.sh", "runs JMH for about 10 minutes",
          "java -jar benchmarks/target/benchmarks.jar ", "runs JMH benchmarks in forked JVMs",
          "gojs/src/test/go/build.sh", "needs Go, which CI does not have");

  /** Blocks checked by no rule: page name and first line, with the reason. */
  static final Map<String, String> EXEMPT =
      Map.of(
          "conformance.md: spectest v1 interpreter:",
          "the summary of the last full spec test run, which needs ../shared/spectest and takes"
              + " minutes; SpecTest fails the build when anything fails");

  @TempDir Path home;

  @TestFactory
  Stream<DynamicTest> everyCodeBlockIsChecked() {
    Map<Path, List<String>> testSources = read(Docs.testSources(), Docs::lines);
    Map<Path, List<String>> literals =
        read(Docs.testSources(), p -> JavaLiterals.lines(String.join("\n", Docs.lines(p))));
    Map<String, Map<Path, List<String>>> guestSources =
        Map.of(
            "wat", read(Docs.files("/src/", ".wat"), Docs::lines),
            "c", read(Docs.files("/src/", ".c"), Docs::lines));
    return Docs.pages().stream()
        .flatMap(page -> Docs.blocks(page).stream())
        .map(
            block ->
                DynamicTest.dynamicTest(
                    block.where() + " " + block.lang(),
                    () -> check(block, testSources, literals, guestSources)));
  }

  private void check(
      Docs.Block block,
      Map<Path, List<String>> testSources,
      Map<Path, List<String>> literals,
      Map<String, Map<Path, List<String>>> guestSources) {
    String exemptKey =
        block.page().getFileName()
            + ": "
            + (block.lines().isEmpty() ? "" : block.lines().get(0));
    if (EXEMPT.keySet().stream().anyMatch(exemptKey::startsWith)) {
      return;
    }
    switch (block.lang()) {
      case "java":
        assertCopied(block, List.of(Docs.normalized(block.lines())), testSources, "test source");
        break;
      case "text":
        assertCopied(block, segments(block), literals, "test's string literals");
        break;
      case "wat":
      case "c":
        Path source =
            assertCopied(
                block,
                List.of(Docs.normalized(block.lines())),
                guestSources.get(block.lang()),
                "." + block.lang() + " file");
        String name = source.getFileName().toString();
        Path wasm = source.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".wasm");
        assertThat(wasm).as("%s: the compiled %s", block.where(), source).exists();
        break;
      case "yaml":
        assertBinds(block);
        break;
      case "xml":
        assertDependencyOnThisBuild(block);
        break;
      case "sh":
        if (ShellSession.isSession(block)) {
          new ShellSession(home).replay(block);
        } else {
          assertUnrunCommands(block);
        }
        break;
      default:
        throw new AssertionError(
            block.where() + ": code block without a checked language (java, text, wat, c, yaml,"
                + " xml, sh): '" + block.lang() + "'");
    }
  }

  /** Parts of a text block separated by "..." lines, normalized. */
  private static List<List<String>> segments(Docs.Block block) {
    List<List<String>> segments = new ArrayList<>();
    List<String> current = new ArrayList<>();
    for (String line : Docs.normalized(block.lines())) {
      if (line.equals("...")) {
        segments.add(current);
        current = new ArrayList<>();
      } else {
        current.add(line);
      }
    }
    segments.add(current);
    segments.removeIf(List::isEmpty);
    return segments;
  }

  /** Asserts that one file contains every segment; returns it. */
  private static Path assertCopied(
      Docs.Block block,
      List<List<String>> segments,
      Map<Path, List<String>> files,
      String what) {
    assertThat(segments).as("%s: empty block", block.where()).isNotEmpty();
    for (Map.Entry<Path, List<String>> file : files.entrySet()) {
      List<String> normalized = Docs.normalized(file.getValue());
      if (segments.stream().allMatch(s -> Collections.indexOfSubList(normalized, s) >= 0)) {
        return file.getKey();
      }
    }
    throw new AssertionError(
        block.where()
            + ": this "
            + block.lang()
            + " block is not a copy of any "
            + what
            + " (compared line by line, ignoring indentation and blank lines):\n"
            + block.text());
  }

  private static void assertBinds(Docs.Block block) {
    assertThat(block.lines())
        .as("%s: a yaml block configures wasm.*", block.where())
        .contains("wasm:");
    List<PropertySource<?>> sources;
    try {
      sources =
          new YamlPropertySourceLoader()
              .load(
                  block.where(),
                  new ByteArrayResource(block.text().getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new AssertionError(block.where() + ": not yaml", e);
    }
    Binder binder =
        new Binder(
            ConfigurationPropertySources.from(sources),
            null,
            ApplicationConversionService.getSharedInstance());
    // Fails on any key under wasm that WasmProperties does not have, and on unconvertible values.
    WasmProperties bound =
        binder
            .bind(
                "wasm",
                Bindable.of(WasmProperties.class),
                new NoUnboundElementsBindHandler(BindHandler.DEFAULT))
            .orElseThrow(() -> new AssertionError(block.where() + ": nothing bound under wasm"));
    assertThat(bound).isNotNull();
  }

  private static void assertDependencyOnThisBuild(Docs.Block block) {
    String xml = block.text();
    String artifactId = element(xml, "artifactId", block);
    assertThat(element(xml, "groupId", block)).as(block.where()).isEqualTo("dev.zerowasm");
    Path pom = Docs.root().resolve(artifactId).resolve("pom.xml");
    assertThat(pom).as("%s: a module %s of this build", block.where(), artifactId).exists();
    assertThat(String.join("\n", Docs.lines(pom)))
        .contains("<artifactId>" + artifactId + "</artifactId>");
    String rootPom = String.join("\n", Docs.lines(Docs.root().resolve("pom.xml")));
    assertThat(element(xml, "version", block))
        .as("%s: the build's version", block.where())
        .isEqualTo(element(rootPom, "version", block));
  }

  private static String element(String xml, String name, Docs.Block block) {
    Matcher m = Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(xml);
    assertThat(m.find()).as("%s: <%s>", block.where(), name).isTrue();
    return m.group(1).strip();
  }

  private static void assertUnrunCommands(Docs.Block block) {
    boolean continued = false;
    for (String line : block.lines()) {
      String command = line.replaceFirst("\\s+#.*$", "").strip();
      if (command.isEmpty() || command.startsWith("#")) {
        continue;
      }
      // The rest of a command continued with a backslash or a pipe is part of that command.
      boolean continuation = continued;
      continued = command.endsWith("\\") || command.endsWith("|");
      if (continuation) {
        continue;
      }
      assertThat(UNRUN_COMMANDS.keySet().stream().anyMatch(command::startsWith))
          .as(
              "%s: `%s` is neither a $ zerowasm session line nor a known command that cannot run"
                  + " in a test (DocSnippetsTest.UNRUN_COMMANDS)",
              block.where(),
              command)
          .isTrue();
      for (String word : command.split("\\s+")) {
        if (word.contains("/") && (word.endsWith(".sh") || word.endsWith(".mjs"))) {
          assertThat(Docs.root().resolve(word)).as("%s: the script %s", block.where(), word).exists();
        }
      }
    }
  }

  private static Map<Path, List<String>> read(
      List<Path> files, Function<Path, List<String>> reader) {
    return files.stream()
        .collect(
            Collectors.toMap(
                p -> p, reader, (a, b) -> a, java.util.LinkedHashMap::new));
  }

  /** The literal extraction that the text rule relies on. */
  @Test
  void literalsJoinedByPlusFormLines() {
    String source =
        "class X { String s = \"--> a()\\n\" + \"  <-- (1)\\n\"; char q = '\"';"
            + " String t = \"other\"; /* \"not\" */ }";
    assertThat(JavaLiterals.lines(source)).contains("--> a()", "  <-- (1)", "other");
    assertThat(JavaLiterals.lines(source)).doesNotContain("not");
  }

  /** The pages checked are README.md and every page of docs/. */
  @Test
  void thePagesAreTheReadmeAndEveryDocsPage() throws IOException {
    try (Stream<Path> files = Files.list(Docs.root().resolve("docs"))) {
      assertThat(Docs.pages()).containsAll(files.filter(p -> p.toString().endsWith(".md")).toList());
    }
  }
}
