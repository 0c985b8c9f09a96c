package dev.zerowasm.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  @SuppressWarnings("unchecked")
  void parsesTheShapesOfTheCommandFiles() {
    Object v =
        Json.parse(
            "{\"source_filename\": \"./i32.wast\",\n \"commands\": [\n"
                + "  {\"type\": \"module\", \"line\": 3, \"filename\": \"i32.0.wasm\"}, \n"
                + "  {\"a\": [], \"b\": {}, \"c\": [true, false, null, -1.5e3]}]}");
    assertThat(v).isInstanceOf(Map.class);
    Map<?, ?> m = (Map<?, ?>) v;
    assertThat(m.get("source_filename")).isEqualTo("./i32.wast");
    List<?> commands = (List<?>) m.get("commands");
    assertThat(commands).hasSize(2);
    assertThat(((Map<?, ?>) commands.get(0)).get("line")).isEqualTo(3L);
    Map<?, ?> second = (Map<?, ?>) commands.get(1);
    assertThat((List<?>) second.get("a")).isEmpty();
    assertThat((Map<?, ?>) second.get("b")).isEmpty();
    assertThat((List<Object>) second.get("c")).containsExactly(true, false, null, -1500.0);
  }

  @Test
  void decodesEscapesIncludingSurrogatePairs() {
    assertThat(Json.parse("\"a\\u0000b\\n\\\"\\\\\\/\\ud83d\\ude00\""))
        .isEqualTo("a\u0000b\n\"\\/\uD83D\uDE00");
    assertThat(Json.parse("\"\u00e9\"")).isEqualTo("é");
  }

  @Test
  void rejectsMalformedInput() {
    assertThatThrownBy(() -> Json.parse("{\"a\": 1,}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("offset");
    assertThatThrownBy(() -> Json.parse("[1 2]")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Json.parse("\"abc")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Json.parse("{} x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("trailing");
    assertThatThrownBy(() -> Json.parse("\"\\x\"")).isInstanceOf(IllegalArgumentException.class);
  }
}
