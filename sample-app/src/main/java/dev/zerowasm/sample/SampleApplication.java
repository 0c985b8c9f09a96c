package dev.zerowasm.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application that runs WebAssembly with zerowasm. For now it loads one module from
 * the classpath and prints what its exports compute; it grows into a REST service as the starter
 * lands.
 */
@SpringBootApplication
public class SampleApplication {
  /** Starts the application. */
  public static void main(String[] args) {
    SpringApplication.run(SampleApplication.class, args);
  }
}
