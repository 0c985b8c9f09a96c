package dev.zerowasm.gojs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.zerowasm.ModuleConfig;
import dev.zerowasm.gojs.GoJsConfig;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** fetch and Headers as Go's net/http (roundtrip_js.go) uses them, against a loopback server. */
class JsFetchTest {
  private HttpServer server;
  private String base;
  private final List<String> received = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        ex -> {
          byte[] body = ex.getRequestBody().readAllBytes();
          synchronized (received) {
            received.add(
                ex.getRequestMethod()
                    + " "
                    + ex.getRequestURI()
                    + " x-go="
                    + ex.getRequestHeaders().getFirst("X-Go")
                    + " body="
                    + new String(body, StandardCharsets.UTF_8));
          }
          if (ex.getRequestURI().getPath().equals("/redirect")) {
            ex.getResponseHeaders().add("Location", "/");
            ex.sendResponseHeaders(302, -1);
            ex.close();
            return;
          }
          byte[] out = new byte[100_000];
          Arrays.fill(out, (byte) 'a');
          out[0] = 'B';
          ex.getResponseHeaders().add("X-Test", "yes");
          ex.sendResponseHeaders(201, out.length);
          ex.getResponseBody().write(out);
          ex.close();
        });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static JsFunction fn(JsObject o, String name) {
    return (JsFunction) o.get(name);
  }

  private static Object call(JsObject o, String name, Object... args) {
    return fn(o, name).apply(o, Arrays.asList(args));
  }

  private static void runLoop(GoJsHost host) throws InterruptedException {
    Runnable r;
    while ((r = host.loop().next()) != null) {
      r.run();
    }
  }

  /** Waits for a promise's value, running the loop. */
  private static Object await(GoJsHost host, Object promise) throws InterruptedException {
    Object[] result = new Object[2];
    ((JsPromise) promise)
        .then(
            JsFunction.of("ok", (t, a) -> result[0] = a.get(0)),
            JsFunction.of("fail", (t, a) -> result[1] = a.get(0)));
    runLoop(host);
    if (result[1] != null) {
      throw new AssertionError("rejected: " + JsObject.describe(result[1]));
    }
    return result[0];
  }

  @Test
  void fetchIsAbsentUnlessEnabled() {
    GoJsHost host = new GoJsHost(ModuleConfig.create(), GoJsConfig.create());
    assertThat(host.global().get("fetch")).isSameAs(Undefined.INSTANCE);
    assertThat(host.global().get("Headers")).isSameAs(Undefined.INSTANCE);
  }

  @Test
  void postWithHeadersAndBodyThenStreamTheResponse() throws Exception {
    GoJsHost host = new GoJsHost(ModuleConfig.create(), GoJsConfig.create().withFetchEnabled(true));
    JsObject g = host.global();
    JsObject headers = (JsObject) ((JsFunction) g.get("Headers")).construct(List.of());
    call(headers, "append", "X-Go", "1");
    call(headers, "append", "Host", "ignored.example");
    JsObject opt = new JsObject();
    opt.set("method", "POST");
    opt.set("headers", headers);
    opt.set("body", new JsUint8Array("payload".getBytes(StandardCharsets.UTF_8)));
    Object promise = fn(g, "fetch").apply(Undefined.INSTANCE, List.of(base + "/p?q=1", opt));
    JsObject res = (JsObject) await(host, promise);
    assertThat(received).containsExactly("POST /p?q=1 x-go=1 body=payload");
    assertThat(res.get("status")).isEqualTo(201.0);

    JsObject it = (JsObject) call((JsObject) res.get("headers"), "entries");
    List<String> pairs = new ArrayList<>();
    while (true) {
      JsObject n = (JsObject) call(it, "next");
      if (n.get("done").equals(true)) {
        break;
      }
      JsArray pair = (JsArray) n.get("value");
      pairs.add(pair.getIndex(0) + "=" + pair.getIndex(1));
    }
    assertThat(pairs).contains("x-test=yes", "content-length=100000");

    JsObject reader = (JsObject) call((JsObject) res.get("body"), "getReader");
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    int chunks = 0;
    while (true) {
      JsObject chunk = (JsObject) await(host, call(reader, "read"));
      if (chunk.get("done").equals(true)) {
        break;
      }
      chunks++;
      body.write(((JsUint8Array) chunk.get("value")).toByteArray());
    }
    assertThat(chunks).as("at most 64 KiB a chunk").isGreaterThanOrEqualTo(2);
    assertThat(body.size()).isEqualTo(100_000);
    assertThat(body.toByteArray()[0]).isEqualTo((byte) 'B');

    // A body is read once, as in JavaScript: fetch again for arrayBuffer().
    JsObject again =
        (JsObject) await(host, fn(g, "fetch").apply(Undefined.INSTANCE, List.of(base + "/p")));
    Object buffer = await(host, call(again, "arrayBuffer"));
    JsUint8Array view =
        (JsUint8Array) ((JsFunction) g.get("Uint8Array")).construct(List.of(buffer));
    assertThat(view.length()).isEqualTo(100_000);
  }

  @Test
  void redirectModesAndFailures() throws Exception {
    GoJsHost host = new GoJsHost(ModuleConfig.create(), GoJsConfig.create().withFetchEnabled(true));
    JsObject g = host.global();
    JsObject manual = new JsObject();
    manual.set("redirect", "manual");
    JsObject res =
        (JsObject)
            await(
                host,
                fn(g, "fetch").apply(Undefined.INSTANCE, List.of(base + "/redirect", manual)));
    assertThat(res.get("status")).isEqualTo(302.0);
    JsObject followed =
        (JsObject)
            await(host, fn(g, "fetch").apply(Undefined.INSTANCE, List.of(base + "/redirect")));
    assertThat(followed.get("status")).isEqualTo(201.0);

    server.stop(0);
    Object[] error = new Object[1];
    ((JsPromise) fn(g, "fetch").apply(Undefined.INSTANCE, List.of(base + "/gone")))
        .then(Undefined.INSTANCE, JsFunction.of("fail", (t, a) -> error[0] = a.get(0)));
    runLoop(host);
    assertThat(JsObject.describe(error[0])).startsWith("TypeError: fetch failed");
    Object[] bad = new Object[1];
    ((JsPromise) fn(g, "fetch").apply(Undefined.INSTANCE, List.of("not a url")))
        .then(Undefined.INSTANCE, JsFunction.of("fail", (t, a) -> bad[0] = a.get(0)));
    runLoop(host);
    assertThat(JsObject.describe(bad[0])).startsWith("TypeError");
  }
}
