package dev.zerowasm.gojs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.ModuleConfig;
import dev.zerowasm.api.ExitException;
import dev.zerowasm.gojs.GoJsConfig;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Garbage from the guest must fail cleanly: only the documented exception types, never OOM. */
class RobustnessTest {
  @Test
  void randomArgumentsToEveryImport() {
    Random random = new Random(1234);
    for (int round = 0; round < 300; round++) {
      GoJsHost host = new GoJsHost(ModuleConfig.create(), GoJsConfig.create());
      GoSim sim = new GoSim(host);
      host.attach(sim);
      byte[] garbage = new byte[80];
      random.nextBytes(garbage);
      // Half the rounds use small plausible values so some calls get past the first checks.
      if (round % 2 == 0) {
        for (int i = 0; i < garbage.length; i += 8) {
          garbage[i + 1] = 0;
          garbage[i + 2] = (byte) (garbage[i + 2] & 0x3);
          garbage[i + 3] = 0;
          for (int j = 4; j < 8; j++) {
            garbage[i + j] = 0;
          }
        }
      }
      for (GoJsFunctions.Function f : GoJsFunctions.all()) {
        sim.memory.write(sim.sp, garbage);
        try {
          host.call(f.name(), (int) sim.sp);
        } catch (IllegalStateException | IndexOutOfBoundsException | ExitException e) {
          assertThat(e.getMessage()).isNotBlank();
        }
      }
    }
  }
}
