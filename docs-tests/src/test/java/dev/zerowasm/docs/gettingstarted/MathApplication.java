package dev.zerowasm.docs.gettingstarted;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The application: scanning finds MathModule and MathController. */
@SpringBootApplication
public class MathApplication {
  public static void main(String[] args) {
    SpringApplication.run(MathApplication.class, args);
  }
}
