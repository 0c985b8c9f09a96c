package dev.zerowasm.sample;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.zerowasm.api.Module;
import dev.zerowasm.spring.boot.autoconfigure.host.WasmExport;
import dev.zerowasm.spring.boot.autoconfigure.host.WasmHostModule;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The host module {@code env} that the text guest imports: a Spring bean whose {@code log}
 * export the guest calls back with a (pointer, length) of UTF-8 text in its own memory. It logs the
 * text and counts the calls, so the REST API can show that the callbacks happen.
 */
@Component
@WasmHostModule("env")
public class TextEvents {
  private static final Logger LOG = LoggerFactory.getLogger(TextEvents.class);

  private final AtomicLong logged = new AtomicLong();

  /** Host function {@code env.log(ptr i32, len i32)}: reads the text from the caller's memory. */
  @WasmExport("log")
  public void log(Module caller, int offset, int length) {
    String text = new String(caller.memory().read(offset, length), UTF_8);
    logged.incrementAndGet();
    LOG.info("text guest: {}", text);
  }

  /** How many times guests called {@code env.log} since startup. */
  public long loggedCount() {
    return logged.get();
  }
}
