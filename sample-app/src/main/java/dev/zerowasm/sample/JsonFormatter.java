package dev.zerowasm.sample;

import dev.zerowasm.ModuleConfig;
import dev.zerowasm.spring.boot.autoconfigure.WasmCallException;
import dev.zerowasm.spring.boot.autoconfigure.WasmCallOutcome;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Validates and formats JSON with the Go tool {@code jsonfmt} (source {@code
 * src/main/wasm/jsonfmt/main.go}): one run per call, the document on its stdin, the options as its
 * arguments, the result from its stdout. The program sees nothing else of the host: no files, no
 * environment, no network.
 */
@Service
public class JsonFormatter {
  /** Largest document accepted. */
  static final int MAX_INPUT_BYTES = 1 << 20;

  /** Largest formatted document returned (indenting can make a document much larger). */
  static final int MAX_OUTPUT_BYTES = 4 << 20;

  /** Most indentation per level the tool accepts. */
  static final int MAX_INDENT = 8;

  private final GoProgram jsonfmt;

  /** A formatter running the program of {@code jsonfmt}. */
  public JsonFormatter(GoProgram jsonfmt) {
    this.jsonfmt = jsonfmt;
  }

  /**
   * The document formatted with {@code indent} spaces per level (0: on one line), object keys
   * sorted if {@code sortKeys}, ending with a newline.
   *
   * @throws BadInputException if the document is not one valid JSON value (with the tool's message
   *     naming line and column), or an option or size is out of range
   * @throws WasmCallException if the program could not run or failed otherwise
   */
  public String format(byte[] document, int indent, boolean sortKeys) {
    if (indent < 0 || indent > MAX_INDENT) {
      throw new BadInputException("indent must be 0.." + MAX_INDENT + ", was " + indent);
    }
    if (document.length > MAX_INPUT_BYTES) {
      throw new BadInputException(
          "the document has " + document.length + " bytes; at most " + MAX_INPUT_BYTES + " are"
              + " accepted");
    }
    List<String> args = new ArrayList<>(List.of(jsonfmt.name(), "-indent", String.valueOf(indent)));
    if (sortKeys) {
      args.add("-sort");
    }
    LimitedOutputStream stdout = new LimitedOutputStream(MAX_OUTPUT_BYTES);
    LimitedOutputStream stderr = new LimitedOutputStream(64 * 1024);
    int code =
        jsonfmt.run(
            ModuleConfig.create()
                .withArgs(args.toArray(new String[0]))
                .withStdin(new ByteArrayInputStream(document))
                .withStdout(stdout)
                .withStderr(stderr));
    if (code == 1) {
      // the tool's documented answer to invalid JSON, e.g. "invalid JSON at line 1, column 6: ..."
      throw new BadInputException(stderr.text().strip());
    }
    if (code != 0) {
      throw new WasmCallException(
          jsonfmt.name(),
          "run",
          WasmCallOutcome.EXIT,
          null,
          null,
          code,
          "the program exited with code " + code + ": " + stderr.text().strip(),
          null);
    }
    if (stdout.overflowed()) {
      throw new BadInputException(
          "the formatted document is larger than " + MAX_OUTPUT_BYTES + " bytes");
    }
    return stdout.text();
  }
}
