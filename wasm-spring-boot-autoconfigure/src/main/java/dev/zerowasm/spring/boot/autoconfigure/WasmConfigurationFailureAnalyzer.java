package dev.zerowasm.spring.boot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link WasmConfigurationException} that stopped the application into the short report
 * Spring Boot prints instead of a stack trace: what failed, the property to fix, what to do.
 */
public final class WasmConfigurationFailureAnalyzer
    extends AbstractFailureAnalyzer<WasmConfigurationException> {

  /** Called by Spring Boot's failure analysis. */
  public WasmConfigurationFailureAnalyzer() {}

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, WasmConfigurationException cause) {
    StringBuilder description = new StringBuilder(cause.getMessage());
    if (cause.getProperty() != null) {
      description.append("\n\n    Property: ").append(cause.getProperty());
    }
    return new FailureAnalysis(description.toString(), cause.getAction(), cause);
  }
}
