package dev.zerowasm.internal.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.zerowasm.api.CompileException;
import dev.zerowasm.api.CoreFeatures;
import dev.zerowasm.internal.wasm.WasmModule;
import dev.zerowasm.testing.TestModule;

/** Shared assertions of the validator tests. */
final class ValidatorAssertions {
  private ValidatorAssertions() {}

  static void assertValid(TestModule module) {
    assertValid(module, CoreFeatures.V2);
  }

  static void assertValid(TestModule module, CoreFeatures features) {
    WasmModule m = module.build();
    assertThatCode(() -> Validator.validate(m, features)).doesNotThrowAnyException();
  }

  static CompileException assertInvalid(TestModule module, String reason) {
    return assertInvalid(module, CoreFeatures.V2, reason);
  }

  /** Asserts that validation fails in phase VALIDATE with a reason starting with {@code reason}. */
  static CompileException assertInvalid(TestModule module, CoreFeatures features, String reason) {
    WasmModule m = module.build();
    CompileException e =
        catchThrowableOfType(CompileException.class, () -> Validator.validate(m, features));
    assertThat(e).as("expected \"%s\"", reason).isNotNull();
    assertThat(e.phase()).isEqualTo(CompileException.Phase.VALIDATE);
    assertThat(e.reason()).startsWith(reason);
    return e;
  }
}
