package dev.zerowasm.docs.troubleshooting.host;

import dev.zerowasm.spring.boot.autoconfigure.host.WasmExport;
import dev.zerowasm.spring.boot.autoconfigure.host.WasmHostModule;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** An application with a host module bean whose method has a type WebAssembly cannot pass. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(HostApp.Env.class)
public class HostApp {
  /** The host module "env". */
  @WasmHostModule("env")
  public static class Env {
    /** A String parameter: not a WebAssembly value. */
    @WasmExport
    public void log(String message) {}
  }
}
