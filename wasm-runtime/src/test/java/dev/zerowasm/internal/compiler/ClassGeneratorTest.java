package dev.zerowasm.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClassGeneratorTest {
  @Test
  void generatedMethodNamesMapBackToTheirFunction() {
    assertThat(ClassGenerator.functionOf("f12")).isEqualTo(12);
    assertThat(ClassGenerator.functionOf("b7")).isEqualTo(7);
    assertThat(ClassGenerator.functionOf("f12$3")).isEqualTo(12);
    assertThat(ClassGenerator.functionOf("d0")).isEqualTo(-1);
    assertThat(ClassGenerator.functionOf("f")).isEqualTo(-1);
    assertThat(ClassGenerator.functionOf(null)).isEqualTo(-1);
  }
}
