package dev.zerowasm.docs.springboot;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.zerowasm.api.Module;
import dev.zerowasm.spring.boot.autoconfigure.host.WasmExport;
import dev.zerowasm.spring.boot.autoconfigure.host.WasmHostModule;
import org.springframework.stereotype.Component;

// The host module example of docs/spring-boot.md; the guest host-user.wat imports env.log and env.add.

@Component
@WasmHostModule("env")
class Env {
  @WasmExport("log")
  public void log(Module caller, int offset, int length) {
    System.out.println(new String(caller.memory().read(offset, length), UTF_8));
  }

  @WasmExport
  public int add(int a, int b) {
    return a + b;
  }
}
