package dev.zerowasm.gojs.internal;

import static dev.zerowasm.gojs.internal.JsObject.arg;
import static dev.zerowasm.gojs.internal.JsTypes.num;

import dev.zerowasm.ModuleConfig;
import dev.zerowasm.gojs.GoJsConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Builds {@code globalThis} of the emulated JavaScript world: exactly the objects Go's standard
 * library reaches through syscall/js ({@code Object}, {@code Array}, {@code Uint8Array}, {@code
 * Error}, {@code Date}, {@code crypto}, {@code performance}, {@code process}, {@code fs}, {@code
 * console}, and with fetch enabled {@code fetch} and {@code Headers}).
 */
public final class JsGlobals {
  private final GoJsConfig config;
  private final ModuleConfig sys;
  private final EventLoop loop;
  private final GuestFs fs;
  private final IntConsumer exit;
  private final long startNanos;
  private final JsObject global = new JsObject();
  private JsFunction objectCtor;
  private JsFunction uint8ArrayCtor;
  private JsFunction dateCtor;
  private JsFetch fetch;

  /**
   * Builds the world: what the program sees of its host comes from {@code sys}, gojs specifics
   * from {@code config}.
   *
   * @param exit what {@code process.exit(code)} does (it must not return normally)
   */
  public JsGlobals(
      ModuleConfig sys, GoJsConfig config, EventLoop loop, GuestFs fs, IntConsumer exit) {
    this.sys = sys;
    this.config = config;
    this.loop = loop;
    this.fs = fs;
    this.exit = exit;
    this.startNanos = sys.nanotime().getAsLong();
    build();
  }

  /** {@code globalThis}. */
  public JsObject global() {
    return global;
  }

  /** The guest file system behind {@code fs}. */
  public GuestFs fs() {
    return fs;
  }

  /** Releases what the world holds outside the program: open HTTP response bodies. */
  public void close() {
    if (fetch != null) {
      fetch.close();
    }
  }

  /** The {@code Uint8Array} constructor. */
  public JsFunction uint8Array() {
    return uint8ArrayCtor;
  }

  private void build() {
    global.set("globalThis", global);
    objectCtor =
        new JsFunction("Object", (self, args) -> new JsObject(objectCtor), args -> new JsObject()) {
          @Override
          public boolean hasInstance(Object v) {
            return v instanceof JsObject;
          }
        };
    global.set("Object", objectCtor);
    JsFunction[] arrayCtor = new JsFunction[1];
    arrayCtor[0] =
        new JsFunction(
            "Array", (self, args) -> newArray(args, arrayCtor[0]), args -> newArray(args, null)) {
          @Override
          public boolean hasInstance(Object v) {
            return v instanceof JsArray;
          }
        };
    global.set("Array", arrayCtor[0]);
    uint8ArrayCtor =
        new JsFunction("Uint8Array", null, JsGlobals::newUint8Array) {
          @Override
          public boolean hasInstance(Object v) {
            return v instanceof JsUint8Array;
          }
        };
    global.set("Uint8Array", uint8ArrayCtor);
    global.set(
        "ArrayBuffer",
        new JsFunction(
            "ArrayBuffer",
            null,
            args -> new JsArrayBuffer(new byte[(int) JsTypes.toNumber(arg(args, 0))])) {
          @Override
          public boolean hasInstance(Object v) {
            return v instanceof JsArrayBuffer;
          }
        });
    global.set(
        "Error",
        new JsFunction(
            "Error",
            (self, args) -> JsObject.newError("Error", JsTypes.toJsString(arg(args, 0)), null),
            args -> JsObject.newError("Error", JsTypes.toJsString(arg(args, 0)), null)));
    buildDate();
    global.set(
        "crypto",
        new JsObject()
            .method(
                "getRandomValues",
                (self, args) -> {
                  Object a = arg(args, 0);
                  if (!(a instanceof JsUint8Array)) {
                    throw JsException.typeError(
                        "crypto.getRandomValues: argument is not a Uint8Array");
                  }
                  JsUint8Array u = (JsUint8Array) a;
                  byte[] bytes = new byte[u.length()];
                  sys.randSource().nextBytes(bytes);
                  System.arraycopy(bytes, 0, u.data(), u.offset(), bytes.length);
                  return u;
                }));
    global.set(
        "performance",
        new JsObject()
            .method("now", (self, args) -> (sys.nanotime().getAsLong() - startNanos) / 1e6));
    global.set("process", buildProcess());
    global.set("fs", buildFs());
    global.set("console", buildConsole());
    if (config.fetchEnabled()) {
      fetch = new JsFetch(config, loop);
      fetch.install(global);
    }
  }

  private static JsArray newArray(List<Object> args, JsFunction ctor) {
    JsArray a;
    if (args.size() == 1 && args.get(0) instanceof Double) {
      double n = (Double) args.get(0);
      if (n < 0 || n != Math.floor(n) || n > 1 << 24) {
        throw JsException.error("RangeError: Invalid array length");
      }
      a = new JsArray(new ArrayList<>(java.util.Collections.nCopies((int) n, Undefined.INSTANCE)));
    } else {
      a = new JsArray(args);
    }
    a.constructorFunction(ctor);
    return a;
  }

  private static Object newUint8Array(List<Object> args) {
    Object a = arg(args, 0);
    if (a instanceof JsArrayBuffer) {
      byte[] b = ((JsArrayBuffer) a).bytes();
      int off = args.size() > 1 ? (int) JsTypes.toNumber(args.get(1)) : 0;
      int len = args.size() > 2 ? (int) JsTypes.toNumber(args.get(2)) : b.length - off;
      return new JsUint8Array(b, off, len);
    }
    if (a instanceof JsUint8Array) {
      return new JsUint8Array(((JsUint8Array) a).toByteArray());
    }
    if (a instanceof JsArray) {
      List<Object> e = ((JsArray) a).elements();
      byte[] b = new byte[e.size()];
      for (int i = 0; i < b.length; i++) {
        b[i] = (byte) (long) JsTypes.toNumber(e.get(i));
      }
      return new JsUint8Array(b);
    }
    double n = a == Undefined.INSTANCE ? 0 : JsTypes.toNumber(a);
    if (Double.isNaN(n) || n < 0 || n > Integer.MAX_VALUE - 8) {
      throw JsException.error("RangeError: invalid typed array length: " + JsTypes.toJsString(a));
    }
    return new JsUint8Array(new byte[(int) n]);
  }

  private long nowMillis() {
    return Math.floorDiv(sys.walltime().getAsLong(), 1_000_000L);
  }

  private void buildDate() {
    dateCtor =
        new JsFunction(
            "Date",
            (self, args) -> Instant.ofEpochMilli(nowMillis()).toString(),
            args -> newDate(args.isEmpty() ? nowMillis() : (long) JsTypes.toNumber(args.get(0))));
    dateCtor.method("now", (self, args) -> num(nowMillis()));
    global.set("Date", dateCtor);
  }

  private JsObject newDate(long millis) {
    JsObject d = new JsObject(dateCtor);
    d.method("getTime", (self, args) -> num(millis));
    d.method("valueOf", (self, args) -> num(millis));
    d.method("toISOString", (self, args) -> Instant.ofEpochMilli(millis).toString());
    // JavaScript's offset is UTC minus local time, in minutes: -60 for UTC+1.
    d.method(
        "getTimezoneOffset",
        (self, args) ->
            num(
                -config
                        .timeZone()
                        .getRules()
                        .getOffset(Instant.ofEpochMilli(millis))
                        .getTotalSeconds()
                    / 60));
    return d;
  }

  private JsObject buildProcess() {
    JsObject p = new JsObject();
    List<Object> argv = new ArrayList<>(sys.args());
    p.set("argv", new JsArray(argv));
    JsObject env = new JsObject();
    for (Map.Entry<String, String> e : sys.env().entrySet()) {
      env.set(e.getKey(), e.getValue());
    }
    p.set("env", env);
    p.set("pid", num(1));
    p.set("ppid", num(0));
    p.set("platform", "linux");
    p.method("getuid", (self, args) -> num(0));
    p.method("getgid", (self, args) -> num(0));
    p.method("geteuid", (self, args) -> num(0));
    p.method("getegid", (self, args) -> num(0));
    p.method("getgroups", (self, args) -> new JsArray(List.of(num(0))));
    p.method(
        "umask",
        (self, args) -> {
          Object m = arg(args, 0);
          if (m == Undefined.INSTANCE) {
            int old = fs.umask(0);
            fs.umask(old);
            return num(old);
          }
          return num(fs.umask((int) JsTypes.toNumber(m)));
        });
    p.method("cwd", (self, args) -> fs.cwd());
    p.method(
        "chdir",
        (self, args) -> {
          fs.chdir(JsTypes.toJsString(arg(args, 0)));
          return Undefined.INSTANCE;
        });
    p.method(
        "exit",
        (self, args) -> {
          Object code = arg(args, 0);
          exit.accept(code == Undefined.INSTANCE ? 0 : (int) JsTypes.toNumber(code));
          return Undefined.INSTANCE;
        });
    return p;
  }

  private JsObject buildConsole() {
    JsObject c = new JsObject();
    for (String name : new String[] {"log", "info", "debug", "error", "warn"}) {
      boolean err = name.equals("error") || name.equals("warn");
      c.method(
          name,
          (self, args) -> {
            StringBuilder sb = new StringBuilder();
            for (Object a : args) {
              if (sb.length() > 0) {
                sb.append(' ');
              }
              sb.append(JsObject.describe(a));
            }
            sb.append('\n');
            OutputStream out = err ? sys.stderr() : sys.stdout();
            try {
              out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
              out.flush();
            } catch (IOException e) {
              // console output is best effort, as in JavaScript
            }
            return Undefined.INSTANCE;
          });
    }
    return c;
  }

  // ---- fs ----

  /** Marks an fs callback that gets only the error argument. */
  private static final Object NO_RESULT = new Object();

  private static String str(List<Object> args, int i) {
    Object v = arg(args, i);
    if (!(v instanceof String)) {
      throw JsException.typeError(
          "argument " + i + " must be a string, got " + JsTypes.toJsString(v));
    }
    return (String) v;
  }

  private static int integer(List<Object> args, int i) {
    return (int) (long) JsTypes.toNumber(arg(args, i));
  }

  private static long int64(List<Object> args, int i) {
    return (long) JsTypes.toNumber(arg(args, i));
  }

  /**
   * Adds the Node.js-style asynchronous method {@code name}: the arguments before the callback are
   * passed to {@code op}; the callback runs later from the event loop with {@code (err)} or {@code
   * (null, result)}.
   */
  private void async(JsObject fsObj, String name, int nargs, Function<List<Object>, Object> op) {
    fsObj.method(
        name,
        (self, args) -> {
          Object cb = arg(args, nargs);
          if (!(cb instanceof JsFunction)) {
            throw JsException.typeError(
                "fs." + name + ": the callback argument must be a function");
          }
          JsFunction callback = (JsFunction) cb;
          Object result;
          try {
            result = op.apply(args);
          } catch (JsException e) {
            Object err = e.value();
            loop.post(() -> callback.apply(Undefined.INSTANCE, Arrays.asList(err)));
            return Undefined.INSTANCE;
          }
          List<Object> cbArgs =
              result == NO_RESULT ? Arrays.asList((Object) null) : Arrays.asList(null, result);
          loop.post(() -> callback.apply(Undefined.INSTANCE, cbArgs));
          return Undefined.INSTANCE;
        });
  }

  private static JsObject stats(GuestFs.Stat st) {
    JsObject o = new JsObject();
    o.set("dev", num(st.dev()));
    o.set("ino", num(st.ino()));
    o.set("mode", num(st.mode()));
    o.set("nlink", num(st.nlink()));
    o.set("uid", num(0));
    o.set("gid", num(0));
    o.set("rdev", num(0));
    o.set("size", num(st.size()));
    o.set("blksize", num(4096));
    o.set("blocks", num((st.size() + 511) / 512));
    o.set("atimeMs", st.atimeMs());
    o.set("mtimeMs", st.mtimeMs());
    o.set("ctimeMs", st.ctimeMs());
    o.set("birthtimeMs", st.ctimeMs());
    int type = st.mode() & GuestFs.S_IFMT;
    o.method("isDirectory", (self, args) -> type == GuestFs.S_IFDIR);
    o.method("isFile", (self, args) -> type == GuestFs.S_IFREG);
    o.method("isSymbolicLink", (self, args) -> type == GuestFs.S_IFLNK);
    return o;
  }

  private static Long position(Object p) {
    return p == null || p == Undefined.INSTANCE ? null : (long) JsTypes.toNumber(p);
  }

  private static JsUint8Array buffer(List<Object> args, int i) {
    Object b = arg(args, i);
    if (!(b instanceof JsUint8Array)) {
      throw JsException.typeError("the buffer argument must be a Uint8Array");
    }
    return (JsUint8Array) b;
  }

  /** Checks offset/length against the buffer as Node does, returning the absolute offset. */
  private static int range(JsUint8Array b, int offset, int length) {
    if (offset < 0 || length < 0 || (long) offset + length > b.length()) {
      throw JsException.errno(
          "ERANGE",
          "offset "
              + offset
              + " and length "
              + length
              + " out of range for a buffer of "
              + b.length());
    }
    return b.offset() + offset;
  }

  private JsObject buildFs() {
    JsObject f = new JsObject();
    JsObject constants = new JsObject();
    constants.set("O_RDONLY", num(GuestFs.O_RDONLY));
    constants.set("O_WRONLY", num(GuestFs.O_WRONLY));
    constants.set("O_RDWR", num(GuestFs.O_RDWR));
    constants.set("O_CREAT", num(GuestFs.O_CREAT));
    constants.set("O_EXCL", num(GuestFs.O_EXCL));
    constants.set("O_TRUNC", num(GuestFs.O_TRUNC));
    constants.set("O_APPEND", num(GuestFs.O_APPEND));
    constants.set("O_DIRECTORY", num(GuestFs.O_DIRECTORY));
    constants.set("S_IFMT", num(GuestFs.S_IFMT));
    constants.set("S_IFDIR", num(GuestFs.S_IFDIR));
    constants.set("S_IFREG", num(GuestFs.S_IFREG));
    constants.set("S_IFLNK", num(GuestFs.S_IFLNK));
    f.set("constants", constants);

    f.method(
        "writeSync",
        (self, args) -> {
          JsUint8Array b = buffer(args, 1);
          return num(fs.write(integer(args, 0), b.data(), b.offset(), b.length(), null));
        });
    async(f, "open", 3, a -> num(fs.open(str(a, 0), integer(a, 1), integer(a, 2))));
    async(
        f,
        "close",
        1,
        a -> {
          fs.close(integer(a, 0));
          return NO_RESULT;
        });
    async(
        f,
        "read",
        5,
        a -> {
          JsUint8Array b = buffer(a, 1);
          int len = integer(a, 3);
          int off = range(b, integer(a, 2), len);
          return num(fs.read(integer(a, 0), b.data(), off, len, position(arg(a, 4))));
        });
    async(
        f,
        "write",
        5,
        a -> {
          JsUint8Array b = buffer(a, 1);
          int len = integer(a, 3);
          int off = range(b, integer(a, 2), len);
          return num(fs.write(integer(a, 0), b.data(), off, len, position(arg(a, 4))));
        });
    async(f, "fstat", 1, a -> stats(fs.fstat(integer(a, 0))));
    async(f, "stat", 1, a -> stats(fs.stat(str(a, 0))));
    async(f, "lstat", 1, a -> stats(fs.lstat(str(a, 0))));
    async(f, "readdir", 1, a -> new JsArray(fs.readdir(str(a, 0))));
    async(
        f,
        "mkdir",
        2,
        a -> {
          Object mode = arg(a, 1);
          fs.mkdir(str(a, 0), mode instanceof Double ? (int) (double) (Double) mode : 0777);
          return NO_RESULT;
        });
    async(
        f,
        "rmdir",
        1,
        a -> {
          fs.rmdir(str(a, 0));
          return NO_RESULT;
        });
    async(
        f,
        "unlink",
        1,
        a -> {
          fs.unlink(str(a, 0));
          return NO_RESULT;
        });
    async(
        f,
        "rename",
        2,
        a -> {
          fs.rename(str(a, 0), str(a, 1));
          return NO_RESULT;
        });
    async(
        f,
        "chmod",
        2,
        a -> {
          fs.chmod(str(a, 0), integer(a, 1));
          return NO_RESULT;
        });
    async(
        f,
        "fchmod",
        2,
        a -> {
          fs.fchmod(integer(a, 0), integer(a, 1));
          return NO_RESULT;
        });
    async(
        f,
        "chown",
        3,
        a -> {
          fs.chown(str(a, 0), true);
          return NO_RESULT;
        });
    async(
        f,
        "lchown",
        3,
        a -> {
          fs.chown(str(a, 0), false);
          return NO_RESULT;
        });
    async(
        f,
        "fchown",
        3,
        a -> {
          fs.fchown(integer(a, 0));
          return NO_RESULT;
        });
    async(
        f,
        "truncate",
        2,
        a -> {
          fs.truncate(str(a, 0), int64(a, 1));
          return NO_RESULT;
        });
    async(
        f,
        "ftruncate",
        2,
        a -> {
          fs.ftruncate(integer(a, 0), int64(a, 1));
          return NO_RESULT;
        });
    async(
        f,
        "utimes",
        3,
        a -> {
          fs.utimes(str(a, 0), JsTypes.toNumber(arg(a, 1)), JsTypes.toNumber(arg(a, 2)));
          return NO_RESULT;
        });
    async(f, "readlink", 1, a -> fs.readlink(str(a, 0)));
    async(
        f,
        "symlink",
        2,
        a -> {
          fs.symlink(str(a, 0), str(a, 1));
          return NO_RESULT;
        });
    async(
        f,
        "link",
        2,
        a -> {
          fs.link(str(a, 0), str(a, 1));
          return NO_RESULT;
        });
    async(
        f,
        "fsync",
        1,
        a -> {
          fs.fsync(integer(a, 0));
          return NO_RESULT;
        });
    return f;
  }
}
