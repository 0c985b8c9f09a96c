package dev.zerowasm.gojs.internal;

import static dev.zerowasm.gojs.internal.JsObject.arg;
import static dev.zerowasm.gojs.internal.JsTypes.num;

import dev.zerowasm.gojs.GoJsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code fetch} and {@code Headers} over {@link java.net.http.HttpClient}, as far as Go's {@code
 * net/http} (roundtrip_js.go) uses them: method, headers, a byte body and the redirect mode in;
 * status, headers and the body as a stream reader (or {@code arrayBuffer()}) out.
 *
 * <p>The request runs on the client's threads; the promise settles on the event loop. The response
 * body is received whole before the promise resolves and then handed out in chunks. {@code
 * AbortController} is not provided, so Go cannot cancel a request in flight.
 */
final class JsFetch {
  /** Headers java.net.http sets itself and refuses from callers; dropped from requests. */
  private static final Set<String> RESTRICTED =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  private static final int CHUNK = 64 * 1024;

  private final List<InputStream> openBodies = new ArrayList<>();
  private ExecutorService executor;

  private final GoJsConfig config;
  private final EventLoop loop;
  private HttpClient following;
  private HttpClient notFollowing;
  private JsFunction headersCtor;

  JsFetch(GoJsConfig config, EventLoop loop) {
    this.config = config;
    this.loop = loop;
  }

  void install(JsObject global) {
    headersCtor = new JsFunction("Headers", null, args -> newHeaders(arg(args, 0)));
    global.set("Headers", headersCtor);
    global.set("fetch", JsFunction.of("fetch", (self, args) -> fetch(arg(args, 0), arg(args, 1))));
  }

  private HttpClient client(boolean follow) {
    if (config.httpClient() != null) {
      return config.httpClient();
    }
    if (follow) {
      if (following == null) {
        following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
      }
      return following;
    }
    if (notFollowing == null) {
      notFollowing = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    }
    return notFollowing;
  }

  /** A {@code Headers} object: a list of (lower-case name, value) pairs. */
  private Headers newHeaders(Object init) {
    List<String[]> list = new ArrayList<>();
    Headers h = new Headers(headersCtor, list);
    h.method(
        "append",
        (self, args) -> {
          list.add(new String[] {name(args), JsTypes.toJsString(arg(args, 1))});
          return Undefined.INSTANCE;
        });
    h.method(
        "set",
        (self, args) -> {
          String n = name(args);
          list.removeIf(p -> p[0].equals(n));
          list.add(new String[] {n, JsTypes.toJsString(arg(args, 1))});
          return Undefined.INSTANCE;
        });
    h.method(
        "delete",
        (self, args) -> {
          String n = name(args);
          list.removeIf(p -> p[0].equals(n));
          return Undefined.INSTANCE;
        });
    h.method(
        "has",
        (self, args) -> {
          String n = name(args);
          return list.stream().anyMatch(p -> p[0].equals(n));
        });
    h.method(
        "get",
        (self, args) -> {
          String n = name(args);
          List<String> values = new ArrayList<>();
          for (String[] p : list) {
            if (p[0].equals(n)) {
              values.add(p[1]);
            }
          }
          return values.isEmpty() ? null : String.join(", ", values);
        });
    h.method("entries", (self, args) -> iterator(list));
    if (init instanceof Headers) {
      list.addAll(((Headers) init).pairs);
    }
    return h;
  }

  /** A Headers object; Java code reads its pairs back directly. */
  private static final class Headers extends JsObject {
    final List<String[]> pairs;

    Headers(JsFunction constructor, List<String[]> pairs) {
      super(constructor);
      this.pairs = pairs;
    }
  }

  private static String name(List<Object> args) {
    return JsTypes.toJsString(arg(args, 0)).toLowerCase(Locale.ROOT);
  }

  /** An iterator over [name, value] pairs, sorted by name as the Fetch standard says. */
  private static JsObject iterator(List<String[]> list) {
    List<String[]> sorted = new ArrayList<>(list);
    sorted.sort((a, b) -> a[0].compareTo(b[0]));
    int[] next = {0};
    JsObject it = new JsObject();
    it.method(
        "next",
        (self, args) -> {
          JsObject r = new JsObject();
          if (next[0] >= sorted.size()) {
            r.set("done", true);
            r.set("value", Undefined.INSTANCE);
          } else {
            String[] p = sorted.get(next[0]++);
            r.set("done", false);
            r.set("value", new JsArray(List.of(p[0], p[1])));
          }
          return r;
        });
    return it;
  }

  private JsPromise fetch(Object url, Object options) {
    JsPromise promise = new JsPromise(loop);
    HttpRequest request;
    boolean follow = true;
    boolean errorOnRedirect = false;
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(JsTypes.toJsString(url)));
      String method = "GET";
      HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
      if (options instanceof JsObject) {
        JsObject o = (JsObject) options;
        if (o.get("method") instanceof String) {
          method = ((String) o.get("method")).toUpperCase(Locale.ROOT);
        }
        Object headers = o.get("headers");
        if (headers instanceof Headers) {
          for (String[] p : ((Headers) headers).pairs) {
            if (!RESTRICTED.contains(p[0])) {
              b.header(p[0], p[1]);
            }
          }
        }
        Object bodyValue = o.get("body");
        if (bodyValue instanceof JsUint8Array) {
          body = HttpRequest.BodyPublishers.ofByteArray(((JsUint8Array) bodyValue).toByteArray());
        } else if (bodyValue instanceof String) {
          body = HttpRequest.BodyPublishers.ofString((String) bodyValue);
        }
        Object redirect = o.get("redirect");
        if ("manual".equals(redirect) || "error".equals(redirect)) {
          follow = false;
          errorOnRedirect = "error".equals(redirect);
        }
      }
      b.method(method, body);
      request = b.build();
    } catch (IllegalArgumentException e) {
      promise.reject(JsObject.newError("TypeError", "Failed to fetch: " + e.getMessage(), null));
      return promise;
    }
    boolean rejectRedirect = errorOnRedirect;
    EventLoop.External op = loop.beginExternal();
    client(follow)
        .sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
        .whenComplete(
            (response, failure) ->
                op.complete(
                    () -> {
                      if (failure != null) {
                        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                        promise.reject(
                            JsObject.newError("TypeError", "fetch failed: " + cause, null));
                      } else if (rejectRedirect && response.statusCode() / 100 == 3) {
                        promise.reject(
                            JsObject.newError(
                                "TypeError", "fetch failed: unexpected redirect", null));
                      } else {
                        promise.resolve(response(response));
                      }
                    }));
    return promise;
  }

  private JsObject response(HttpResponse<InputStream> r) {
    JsObject res = new JsObject();
    res.set("status", num(r.statusCode()));
    res.set("statusText", "");
    res.set("ok", r.statusCode() >= 200 && r.statusCode() < 300);
    res.set("url", r.uri().toString());
    Headers headers = newHeaders(Undefined.INSTANCE);
    List<String[]> pairs = headers.pairs;
    for (Map.Entry<String, List<String>> e : r.headers().map().entrySet()) {
      if (e.getKey().startsWith(":")) {
        continue; // HTTP/2 pseudo-headers are not headers
      }
      for (String v : e.getValue()) {
        pairs.add(new String[] {e.getKey().toLowerCase(Locale.ROOT), v});
      }
    }
    res.set("headers", headers);
    InputStream body = r.body() != null ? r.body() : InputStream.nullInputStream();
    synchronized (openBodies) {
      openBodies.add(body);
    }
    res.set("body", stream(body));
    res.method("arrayBuffer", (self, args) -> readAll(body, JsArrayBuffer::new));
    res.method("text", (self, args) -> readAll(body, b -> new String(b, StandardCharsets.UTF_8)));
    return res;
  }

  /** Runs {@code read} on a background thread and settles a promise with its result. */
  private JsPromise background(Callable<Object> read) {
    JsPromise p = new JsPromise(loop);
    EventLoop.External op = loop.beginExternal();
    executor()
        .execute(
            () -> {
              Object value;
              try {
                value = read.call();
              } catch (Exception e) {
                op.complete(
                    () -> p.reject(JsObject.newError("TypeError", "network error: " + e, null)));
                return;
              }
              op.complete(() -> p.resolve(value));
            });
    return p;
  }

  private JsPromise readAll(InputStream body, java.util.function.Function<byte[], Object> wrap) {
    return background(
        () -> {
          byte[] b;
          synchronized (body) {
            b = body.readAllBytes();
          }
          close(body);
          return wrap.apply(b);
        });
  }

  /** A ReadableStream over {@code body}; each read hands out what arrived, up to 64 KiB. */
  private JsObject stream(InputStream body) {
    JsObject stream = new JsObject();
    stream.method(
        "getReader",
        (self, args) -> {
          JsObject reader = new JsObject();
          reader.method(
              "read",
              (s, a) ->
                  background(
                      () -> {
                        byte[] buf = new byte[CHUNK];
                        int n;
                        synchronized (body) {
                          n = body.read(buf);
                        }
                        JsObject chunk = new JsObject();
                        if (n < 0) {
                          close(body);
                          chunk.set("done", true);
                          chunk.set("value", Undefined.INSTANCE);
                        } else {
                          chunk.set("done", false);
                          chunk.set("value", new JsUint8Array(Arrays.copyOf(buf, n)));
                        }
                        return chunk;
                      }));
          reader.method(
              "cancel",
              (s, a) -> {
                close(body);
                JsPromise p = new JsPromise(loop);
                p.resolve(Undefined.INSTANCE);
                return p;
              });
          reader.method("releaseLock", (s, a) -> Undefined.INSTANCE);
          return reader;
        });
    return stream;
  }

  private void close(InputStream body) {
    synchronized (openBodies) {
      openBodies.remove(body);
    }
    try {
      body.close();
    } catch (IOException e) {
      // closing a response body: nothing to report
    }
  }

  private synchronized ExecutorService executor() {
    if (executor == null) {
      executor =
          Executors.newCachedThreadPool(
              r -> {
                Thread t = new Thread(r, "gojs-fetch-body");
                t.setDaemon(true);
                return t;
              });
    }
    return executor;
  }

  /** Closes the bodies still open and stops the reader threads; called when the program ends. */
  void close() {
    List<InputStream> bodies;
    synchronized (openBodies) {
      bodies = new ArrayList<>(openBodies);
    }
    for (InputStream b : bodies) {
      close(b);
    }
    synchronized (this) {
      if (executor != null) {
        executor.shutdownNow();
      }
    }
  }
}
