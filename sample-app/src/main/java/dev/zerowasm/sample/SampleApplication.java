package dev.zerowasm.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small REST service that runs WebAssembly through the zerowasm starter: the guests are
 * configured in {@code application.yml} and used through the {@link MathModule}, {@link
 * TextModule} and {@link StatsModule} (a C plugin with WASI args, env and a read-only mount)
 * interfaces; {@link TextEvents} is a host module the text guest calls back. {@link JsonFormatter}
 * runs a Go program through gojs, and the actuator exposes {@code wasm}, health and Prometheus.
 */
@SpringBootApplication
public class SampleApplication {
  /** Starts the application. */
  public static void main(String[] args) {
    SpringApplication.run(SampleApplication.class, args);
  }
}
