package dev.zerowasm.spectest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class KnownFailuresTest {
  private static KnownFailures parse(String text) throws Exception {
    return KnownFailures.parse(new BufferedReader(new StringReader(text)));
  }

  @Test
  void groupsTakeTheReasonOfTheCommentAboveThem() throws Exception {
    KnownFailures k =
        parse(
            "# header\n\n# NaN payloads\n# are hard\nv1/f32.wast:10\nv1/f32.wast:11 interpreter\n"
                + "# compiler only\nv2/call.wast:5 compiler\n");
    assertThat(k.reason("v1/f32.wast:10", "interpreter")).isEqualTo("NaN payloads are hard");
    assertThat(k.reason("v1/f32.wast:11", "interpreter")).isEqualTo("NaN payloads are hard");
    assertThat(k.reason("v1/f32.wast:11", "compiler")).isNull();
    assertThat(k.reason("v2/call.wast:5", "compiler")).isEqualTo("compiler only");
    assertThat(k.reason("v2/call.wast:5", "interpreter")).isNull();
    assertThat(k.reason("v1/f32.wast:12", "interpreter")).isNull();
    assertThat(k.ids("v1", "interpreter")).containsExactly("v1/f32.wast:10", "v1/f32.wast:11");
    assertThat(k.ids("v2", "interpreter")).isEmpty();
  }

  @Test
  void rejectsMalformedEntries() {
    assertThatThrownBy(() -> parse("f32.wast:10\n"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("line 1");
  }

  @Test
  void theProjectListParses() {
    KnownFailures.load();
  }
}
