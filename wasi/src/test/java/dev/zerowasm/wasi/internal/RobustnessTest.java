package dev.zerowasm.wasi.internal;

import static dev.zerowasm.wasi.internal.WasiConstants.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.FsConfig;
import dev.zerowasm.ModuleConfig;
import dev.zerowasm.api.ValueType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad pointers are EFAULT, bad bytes are EILSEQ, and random arguments never throw. */
class RobustnessTest extends WasiTestBase {
  @TempDir Path tmp;

  void startMounted() throws IOException {
    Path root = Files.createDirectory(tmp.resolve("root"));
    Files.writeString(root.resolve("f"), "data");
    start(
        ModuleConfig.create()
            .withArgs("p")
            .withEnv("k", "v")
            .withFsConfig(FsConfig.create().withDirMount(root, "/")));
  }

  @Test
  void pointersOutsideMemoryAreEfault() throws IOException {
    startMounted();
    int end = (int) mem.size();
    int fd = open(3, "f", 0, RW);
    assertErrno(wasi.pathOpen(mem, 3, 0, end - 1, 5, 0, RW, RW, 0, OUT), Errno.EFAULT);
    int len = put(PATH, "f");
    // The result pointer is checked before the file is opened: no descriptor leaks.
    assertErrno(wasi.pathOpen(mem, 3, 0, PATH, len, 0, RW, RW, 0, end), Errno.EFAULT);
    assertThat(wasi.isOpen(fd + 1)).isFalse();
    assertErrno(wasi.fdFdstatGet(mem, fd, end - 8), Errno.EFAULT);
    assertErrno(wasi.fdFilestatGet(mem, fd, end - 63), Errno.EFAULT);
    assertErrno(wasi.fdPrestatGet(mem, 3, end - 4), Errno.EFAULT);
    assertErrno(wasi.fdPrestatDirName(mem, 3, end, 1), Errno.EFAULT);
    assertErrno(wasi.fdSeek(mem, fd, 0, WHENCE_SET, end - 7), Errno.EFAULT);
    assertErrno(wasi.fdTell(mem, fd, -8), Errno.EFAULT);
    assertErrno(wasi.fdReaddir(mem, 3, end - 10, 100, 0, OUT), Errno.EFAULT);
    assertErrno(wasi.fdReaddir(mem, 3, BUF, 100, 0, end), Errno.EFAULT);
    assertErrno(wasi.pathFilestatGet(mem, 3, 0, PATH, len, end - 1), Errno.EFAULT);
    assertErrno(wasi.pathReadlink(mem, 3, PATH, len, end - 1, 10, OUT), Errno.EFAULT);
    mem.writeIntLe(IOVS, end - 2);
    mem.writeIntLe(IOVS + 4, 4);
    assertErrno(wasi.fdRead(mem, fd, IOVS, 1, OUT), Errno.EFAULT);
    assertErrno(wasi.fdPread(mem, fd, IOVS, 1, 0, OUT), Errno.EFAULT);
    assertErrno(wasi.fdWrite(mem, fd, IOVS, 1, OUT), Errno.EFAULT);
    assertErrno(wasi.fdPwrite(mem, fd, IOVS, 1, 0, OUT), Errno.EFAULT);
    // Nothing was read or written by the failed calls.
    assertThat(Files.readString(tmp.resolve("root/f"))).isEqualTo("data");
    assertThat(read(fd, 10)).isEqualTo("data");
    assertErrno(wasi.pathCreateDirectory(mem, 3, end - 2, 3), Errno.EFAULT);
    assertErrno(wasi.pathSymlink(mem, end, 1, 3, PATH, len), Errno.EFAULT);
  }

  @Test
  void pathsThatAreNotUtf8AreEilseq() throws IOException {
    startMounted();
    mem.write(PATH, new byte[] {'a', (byte) 0xff, 'b'});
    assertErrno(wasi.pathOpen(mem, 3, 0, PATH, 3, 0, RW, RW, 0, OUT), Errno.EILSEQ);
    assertErrno(wasi.pathCreateDirectory(mem, 3, PATH, 3), Errno.EILSEQ);
  }

  @Test
  void randomArgumentsNeverThrow() throws IOException {
    startMounted();
    Random r = new Random(1234);
    int end = (int) mem.size();
    for (int iter = 0; iter < 20_000; iter++) {
      WasiFunctionSignature sig = WasiFunctions.all().get(r.nextInt(WasiFunctions.all().size()));
      // proc_exit throws by design; poll_oneoff could be asked to sleep for ages.
      if (sig.name().equals("proc_exit") || sig.name().equals("poll_oneoff")) {
        continue;
      }
      long[] stack = new long[Math.max(1, sig.paramNames().size())];
      for (int k = 0; k < sig.paramNames().size(); k++) {
        String name = sig.paramNames().get(k);
        if (sig.paramTypes().get(k) == ValueType.I64) {
          // Small sizes and offsets: a huge fd_allocate would fill the disk.
          stack[k] = r.nextInt(3) == 0 ? -r.nextInt(100) : r.nextInt(1000);
        } else if (name.equals("fd") || name.endsWith("_fd") || name.equals("to")) {
          stack[k] = r.nextInt(8) - 1;
        } else {
          // pointers and lengths: inside, at the edge of and beyond memory
          switch (r.nextInt(4)) {
            case 0:
              stack[k] = r.nextInt(64);
              break;
            case 1:
              stack[k] = end - r.nextInt(16);
              break;
            case 2:
              stack[k] = r.nextInt();
              break;
            default:
              stack[k] = r.nextInt(end);
          }
        }
      }
      if (r.nextInt(4) == 0) {
        // Sometimes plant a short valid path so that path functions get further.
        put(PATH, "x" + r.nextInt(5));
        for (int k = 0; k < sig.paramNames().size(); k++) {
          if (sig.paramNames().get(k).endsWith("path")) {
            stack[k] = PATH;
            if (k + 1 < stack.length) {
              stack[k + 1] = 2;
            }
          }
        }
      }
      WasiStackFunctions.get(sig.name()).call(wasi, mem, stack);
      assertThat(stack[0]).as(sig.name()).isBetween(0L, 76L);
    }
  }
}
