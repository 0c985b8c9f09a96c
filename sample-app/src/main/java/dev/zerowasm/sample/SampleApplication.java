package dev.zerowasm.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small REST service that runs WebAssembly through the zerowasm starter: the guests are
 * configured in {@code application.yml} and used through the {@link MathModule} and {@link
 * TextModule} interfaces; {@link TextEvents} is a host module the text guest calls back.
 */
@SpringBootApplication
public class SampleApplication {
  /** Starts the application. */
  public static void main(String[] args) {
    SpringApplication.run(SampleApplication.class, args);
  }
}
