package dev.zerowasm.wasi.internal;

import static dev.zerowasm.wasi.internal.WasiConstants.*;

import dev.zerowasm.FsConfig;
import dev.zerowasm.ModuleConfig;
import dev.zerowasm.api.ExitException;
import dev.zerowasm.api.Memory;
import dev.zerowasm.api.TrapException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The wasi_snapshot_preview1 implementation: one instance per guest module instance, holding its
 * file descriptor table.
 *
 * <p>Every WASI function is a Java method taking the guest's {@link Memory} and the raw i32/i64
 * arguments (pointers are unsigned 32-bit values passed as {@code int}) and returning the errno,
 * with results written through memory exactly as the witx layouts say. A host-function adapter only
 * has to unpack the {@code long[]} stack into these parameters.
 *
 * <p>Errors never escape as JVM exceptions: a guest pointer outside memory is {@code EFAULT} (the
 * memory's {@link TrapException} is caught here), host I/O errors map to the matching errno. The
 * one exception is {@link #procExit}, which throws {@link ExitException} by design.
 *
 * <p>File descriptors: 0, 1, 2 are stdin, stdout, stderr; the mounts of {@link FsConfig} are
 * preopened from 3 in order. New descriptors take the lowest free number from 3 upwards.
 *
 * <p>Not thread-safe, like the module instance it serves.
 */
public final class WasiPreview1 implements AutoCloseable {
  private static final int MAX_IOVS = 1024;

  /**
   * The most descriptors a guest may hold open at once (stdio and preopens included). Each open
   * file holds a host file handle, so a sandbox must bound them; beyond it path_open is EMFILE.
   */
  static final int MAX_OPEN_FDS = 4096;

  private final ModuleConfig config;
  private final List<FdEntry> fds = new ArrayList<>();
  private final byte[][] args;
  private final byte[][] env;
  private final ThreadMXBean threads;

  /**
   * Creates the WASI state for one guest: stdio and one preopen per mount.
   *
   * @throws IllegalArgumentException if a mount's host path is not an existing directory
   */
  public WasiPreview1(ModuleConfig config) {
    this.config = config;
    this.args = encodeAll(config.args());
    List<String> envStrings = new ArrayList<>();
    for (Map.Entry<String, String> e : config.env().entrySet()) {
      envStrings.add(e.getKey() + "=" + e.getValue());
    }
    this.env = encodeAll(envStrings);
    FdEntry stdin = new FdEntry(FdEntry.Kind.STDIN, null, false);
    stdin.in = config.stdin();
    stdin.readable = true;
    stdin.rightsBase = RIGHTS_STDIO | RIGHT_FD_READ;
    FdEntry stdout = new FdEntry(FdEntry.Kind.STDOUT, null, false);
    stdout.out = config.stdout();
    stdout.writable = true;
    stdout.rightsBase = RIGHTS_STDIO | RIGHT_FD_WRITE;
    FdEntry stderr = new FdEntry(FdEntry.Kind.STDERR, null, false);
    stderr.out = config.stderr();
    stderr.writable = true;
    stderr.rightsBase = RIGHTS_STDIO | RIGHT_FD_WRITE;
    fds.add(stdin);
    fds.add(stdout);
    fds.add(stderr);
    for (FsConfig.Mount m : config.fsConfig().mounts()) {
      if (!Files.isDirectory(m.hostDir())) {
        throw new IllegalArgumentException(
            "WASI mount '"
                + m.guestPath()
                + "': host path "
                + m.hostDir().toUri()
                + " is not an existing directory");
      }
      FdEntry dir = new FdEntry(FdEntry.Kind.DIRECTORY, m.hostDir(), m.readOnly());
      dir.preopenName = m.guestPath();
      dir.rightsBase = RIGHTS_DIRECTORY;
      dir.rightsInheriting = RIGHTS_DIRECTORY | RIGHTS_FILE;
      fds.add(dir);
    }
    ThreadMXBean t = ManagementFactory.getThreadMXBean();
    this.threads = t.isCurrentThreadCpuTimeSupported() ? t : null;
  }

  private static byte[][] encodeAll(List<String> strings) {
    byte[][] out = new byte[strings.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = strings.get(i).getBytes(StandardCharsets.UTF_8);
    }
    return out;
  }

  /** Closes every open file (not the configured standard streams, which the caller owns). */
  @Override
  public void close() {
    for (int i = 0; i < fds.size(); i++) {
      closeEntry(fds.get(i));
      fds.set(i, null);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Plumbing

  /** The body of a WASI function: returns an errno, may throw what {@link #run} maps. */
  @FunctionalInterface
  private interface Body {
    int apply() throws WasiErrnoException, IOException;
  }

  /**
   * Runs a function body and turns every failure into an errno: out-of-bounds memory is EFAULT, I/O
   * errors map through {@link HostFiles#errnoOf}. ExitException and programming errors pass.
   */
  private static int run(Body body) {
    try {
      return body.apply();
    } catch (WasiErrnoException e) {
      return e.errno;
    } catch (TrapException e) {
      return Errno.EFAULT;
    } catch (IOException e) {
      return HostFiles.errnoOf(e);
    } catch (UncheckedIOException e) {
      return HostFiles.errnoOf(e.getCause());
    } catch (UnsupportedOperationException
        | IllegalArgumentException
        | IllegalStateException
        | SecurityException e) {
      // ReadOnlyFileSystemException, NonReadableChannelException and InvalidPathException are
      // subclasses of these.
      return e instanceof SecurityException ? Errno.EACCES : HostFiles.errnoOf(e);
    }
  }

  private static long u32(int v) {
    return Integer.toUnsignedLong(v);
  }

  /** Fails with EFAULT unless {@code [ptr, ptr + len)} lies inside memory. */
  private static void checkRange(Memory mem, long ptr, long len) throws WasiErrnoException {
    if (ptr + len > mem.size()) {
      throw new WasiErrnoException(Errno.EFAULT);
    }
  }

  private static String readString(Memory mem, int ptr, int len) throws WasiErrnoException {
    long p = u32(ptr);
    long l = u32(len);
    checkRange(mem, p, l);
    byte[] bytes = mem.read(p, (int) l);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new WasiErrnoException(Errno.EILSEQ);
    }
  }

  private FdEntry entry(int fd) throws WasiErrnoException {
    if (fd < 0 || fd >= fds.size() || fds.get(fd) == null) {
      throw new WasiErrnoException(Errno.EBADF);
    }
    return fds.get(fd);
  }

  /** The directory behind {@code fd}, which must hold {@code right} (else ENOTCAPABLE). */
  private FdEntry dir(int fd, long right) throws WasiErrnoException {
    FdEntry e = entry(fd);
    if (!e.isDirectory()) {
      throw new WasiErrnoException(Errno.ENOTDIR);
    }
    if ((e.rightsBase & right) != right) {
      throw new WasiErrnoException(Errno.ENOTCAPABLE);
    }
    return e;
  }

  private static void require(FdEntry e, long right) throws WasiErrnoException {
    if ((e.rightsBase & right) != right) {
      throw new WasiErrnoException(Errno.ENOTCAPABLE);
    }
  }

  private static void notReadOnly(FdEntry dir) throws WasiErrnoException {
    if (dir.readOnlyMount) {
      throw new WasiErrnoException(Errno.EROFS);
    }
  }

  private int openCount() {
    int n = 0;
    for (FdEntry e : fds) {
      if (e != null) {
        n++;
      }
    }
    return n;
  }

  private int allocate(FdEntry e) {
    for (int i = 3; i < fds.size(); i++) {
      if (fds.get(i) == null) {
        fds.set(i, e);
        return i;
      }
    }
    fds.add(e);
    return fds.size() - 1;
  }

  private static void closeEntry(FdEntry e) {
    if (e != null && e.channel != null) {
      try {
        e.channel.close();
      } catch (IOException ignored) {
        // Nothing useful to report on close: the guest's data was written already.
      }
    }
  }

  /** The iovec array at {@code iovs}: pairs of (pointer, length), each checked against memory. */
  private static long[] iovecs(Memory mem, int iovs, int iovsLen) throws WasiErrnoException {
    long n = u32(iovsLen);
    if (n > MAX_IOVS) {
      throw new WasiErrnoException(Errno.EINVAL);
    }
    long base = u32(iovs);
    checkRange(mem, base, n * SIZEOF_IOVEC);
    long[] out = new long[(int) n * 2];
    long total = 0;
    for (int i = 0; i < n; i++) {
      long buf = u32(mem.readIntLe(base + i * SIZEOF_IOVEC));
      long len = u32(mem.readIntLe(base + i * SIZEOF_IOVEC + 4));
      checkRange(mem, buf, len);
      total += len;
      out[2 * i] = buf;
      out[2 * i + 1] = len;
    }
    if (total > Integer.MAX_VALUE) {
      throw new WasiErrnoException(Errno.EINVAL);
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // args and environment

  /** {@code args_get(argv, argv_buf)}: writes argument pointers and NUL-terminated strings. */
  public int argsGet(Memory mem, int argv, int argvBuf) {
    return run(() -> writeStrings(mem, args, argv, argvBuf));
  }

  /** {@code args_sizes_get(result.argc, result.argv_len)}. */
  public int argsSizesGet(Memory mem, int resultArgc, int resultArgvLen) {
    return run(() -> writeSizes(mem, args, resultArgc, resultArgvLen));
  }

  /** {@code environ_get(environ, environ_buf)}: writes {@code KEY=value} strings. */
  public int environGet(Memory mem, int environ, int environBuf) {
    return run(() -> writeStrings(mem, env, environ, environBuf));
  }

  /** {@code environ_sizes_get(result.environc, result.environv_len)}. */
  public int environSizesGet(Memory mem, int resultEnvironc, int resultEnvironvLen) {
    return run(() -> writeSizes(mem, env, resultEnvironc, resultEnvironvLen));
  }

  private static int writeStrings(Memory mem, byte[][] strings, int ptrs, int buf)
      throws WasiErrnoException {
    long p = u32(ptrs);
    long b = u32(buf);
    long total = 0;
    for (byte[] s : strings) {
      total += s.length + 1;
    }
    checkRange(mem, p, 4L * strings.length);
    checkRange(mem, b, total);
    for (int i = 0; i < strings.length; i++) {
      mem.writeIntLe(p + 4L * i, (int) b);
      mem.write(b, strings[i]);
      mem.writeByte(b + strings[i].length, (byte) 0);
      b += strings[i].length + 1;
    }
    return Errno.SUCCESS;
  }

  private static int writeSizes(Memory mem, byte[][] strings, int countPtr, int sizePtr)
      throws WasiErrnoException {
    long total = 0;
    for (byte[] s : strings) {
      total += s.length + 1;
    }
    checkRange(mem, u32(countPtr), 4);
    checkRange(mem, u32(sizePtr), 4);
    mem.writeIntLe(u32(countPtr), strings.length);
    mem.writeIntLe(u32(sizePtr), (int) total);
    return Errno.SUCCESS;
  }

  // ---------------------------------------------------------------------------------------------
  // clocks, random, scheduling, process

  /**
   * {@code clock_res_get(id, result.resolution)}. Realtime and monotonic report the configured
   * resolutions; the CPU-time clocks report 1 µs.
   */
  public int clockResGet(Memory mem, int id, int resultResolution) {
    return run(
        () -> {
          long res;
          switch (id) {
            case CLOCK_REALTIME:
              res = config.walltimeResolution();
              break;
            case CLOCK_MONOTONIC:
              res = config.nanotimeResolution();
              break;
            case CLOCK_PROCESS_CPUTIME_ID:
            case CLOCK_THREAD_CPUTIME_ID:
              res = 1000;
              break;
            default:
              return Errno.EINVAL;
          }
          checkRange(mem, u32(resultResolution), 8);
          mem.writeLongLe(u32(resultResolution), res);
          return Errno.SUCCESS;
        });
  }

  /**
   * {@code clock_time_get(id, precision, result.timestamp)}. The precision hint is ignored. The JVM
   * cannot measure a process's CPU time portably, so both CPU-time clocks read the current thread's
   * CPU time (or the monotonic clock when the JVM cannot measure that either).
   */
  public int clockTimeGet(Memory mem, int id, long precision, int resultTimestamp) {
    return run(
        () -> {
          long t;
          switch (id) {
            case CLOCK_REALTIME:
              t = config.walltime().getAsLong();
              break;
            case CLOCK_MONOTONIC:
              t = config.nanotime().getAsLong();
              break;
            case CLOCK_PROCESS_CPUTIME_ID:
            case CLOCK_THREAD_CPUTIME_ID:
              t =
                  threads != null
                      ? threads.getCurrentThreadCpuTime()
                      : config.nanotime().getAsLong();
              break;
            default:
              return Errno.EINVAL;
          }
          checkRange(mem, u32(resultTimestamp), 8);
          mem.writeLongLe(u32(resultTimestamp), t);
          return Errno.SUCCESS;
        });
  }

  /** {@code random_get(buf, buf_len)}: fills the buffer from the configured random source. */
  public int randomGet(Memory mem, int buf, int bufLen) {
    return run(
        () -> {
          long b = u32(buf);
          long len = u32(bufLen);
          checkRange(mem, b, len);
          // Fill in chunks so a large request does not need one huge array.
          byte[] chunk = new byte[(int) Math.min(len, 65536)];
          long done = 0;
          while (done < len) {
            int n = (int) Math.min(chunk.length, len - done);
            byte[] part = n == chunk.length ? chunk : new byte[n];
            config.randSource().nextBytes(part);
            mem.write(b + done, part);
            done += n;
          }
          return Errno.SUCCESS;
        });
  }

  /** {@code sched_yield()}: yields the current thread. */
  public int schedYield(Memory mem) {
    Thread.yield();
    return Errno.SUCCESS;
  }

  /** {@code proc_exit(rval)}: ends the guest; always throws {@link ExitException}. */
  public void procExit(Memory mem, int rval) {
    throw new ExitException(rval);
  }

  /**
   * {@code proc_raise(sig)}: signals are not supported (they were removed from later WASI
   * versions), so this always returns {@code ENOSYS}.
   */
  public int procRaise(Memory mem, int sig) {
    return Errno.ENOSYS;
  }

  // ---------------------------------------------------------------------------------------------
  // sockets: no socket is ever open (WASI preview 1 cannot create one and no socket is
  // preopened), so every call fails: EBADF for a closed fd, ENOTSOCK for any other descriptor,
  // as the wasi-testsuite's sock_shutdown tests expect.

  private int notSocket(int fd) {
    return run(
        () -> {
          entry(fd);
          return Errno.ENOTSOCK;
        });
  }

  /** {@code sock_accept(fd, flags, result.fd)}: EBADF or ENOTSOCK (no sockets). */
  public int sockAccept(Memory mem, int fd, int flags, int resultFd) {
    return notSocket(fd);
  }

  /** {@code sock_recv(...)}: EBADF or ENOTSOCK (no sockets). */
  public int sockRecv(
      Memory mem,
      int fd,
      int riData,
      int riDataLen,
      int riFlags,
      int resultRoDatalen,
      int resultRoFlags) {
    return notSocket(fd);
  }

  /** {@code sock_send(...)}: EBADF or ENOTSOCK (no sockets). */
  public int sockSend(
      Memory mem, int fd, int siData, int siDataLen, int siFlags, int resultSoDatalen) {
    return notSocket(fd);
  }

  /** {@code sock_shutdown(fd, how)}: EBADF or ENOTSOCK (no sockets). */
  public int sockShutdown(Memory mem, int fd, int how) {
    return notSocket(fd);
  }

  // ---------------------------------------------------------------------------------------------
  // descriptors

  /** {@code fd_prestat_get(fd, result.prestat)}: only preopened directories have one. */
  public int fdPrestatGet(Memory mem, int fd, int resultPrestat) {
    return run(
        () -> {
          FdEntry e = entry(fd);
          if (e.preopenName == null) {
            return Errno.EBADF;
          }
          long p = u32(resultPrestat);
          checkRange(mem, p, SIZEOF_PRESTAT);
          mem.writeIntLe(p, PREOPENTYPE_DIR); // tag u8 + 3 bytes padding
          mem.writeIntLe(p + 4, e.preopenName.getBytes(StandardCharsets.UTF_8).length);
          return Errno.SUCCESS;
        });
  }

  /**
   * {@code fd_prestat_dir_name(fd, path, path_len)}: copies the preopen name (no NUL). A buffer
   * shorter than the name is {@code ENAMETOOLONG}; a longer one is fine.
   */
  public int fdPrestatDirName(Memory mem, int fd, int path, int pathLen) {
    return run(
        () -> {
          FdEntry e = entry(fd);
          if (e.preopenName == null) {
            return Errno.EBADF;
          }
          byte[] name = e.preopenName.getBytes(StandardCharsets.UTF_8);
          if (u32(pathLen) < name.length) {
            return Errno.ENAMETOOLONG;
          }
          checkRange(mem, u32(path), name.length);
          mem.write(u32(path), name);
          return Errno.SUCCESS;
        });
  }

  /**
   * {@code fd_close(fd)}. Preopens can be closed too. Closing a standard stream frees its number
   * but leaves the configured Java stream open (its owner closes it).
   */
  public int fdClose(Memory mem, int fd) {
    return run(
        () -> {
          FdEntry e = entry(fd);
          fds.set(fd, null);
          closeEntry(e);
          return Errno.SUCCESS;
        });
  }

  /** {@code fd_renumber(fd, to)}: moves {@code fd} to {@code to}, closing what was there. */
  public int fdRenumber(Memory mem, int fd, int to) {
    return run(
        () -> {
          FdEntry from = entry(fd);
          FdEntry target = entry(to);
          if (fd == to) {
            return Errno.SUCCESS;
          }
          closeEntry(target);
          fds.set(to, from);
          fds.set(fd, null);
          return Errno.SUCCESS;
        });
  }

  private static int filetypeOf(FdEntry e) {
    switch (e.kind) {
      case DIRECTORY:
        return FILETYPE_DIRECTORY;
      case FILE:
        return FILETYPE_REGULAR_FILE;
      default:
        // The standard streams behave like character devices: no seek, no tell.
        return FILETYPE_CHARACTER_DEVICE;
    }
  }

  /** {@code fd_fdstat_get(fd, result.stat)}: filetype, fdflags and rights (24-byte fdstat). */
  public int fdFdstatGet(Memory mem, int fd, int resultStat) {
    return run(
        () -> {
          FdEntry e = entry(fd);
          long p = u32(resultStat);
          checkRange(mem, p, SIZEOF_FDSTAT);
          mem.writeLongLe(p, 0); // clear padding
          mem.writeByte(p, (byte) filetypeOf(e));
          mem.writeShortLe(p + 2, (short) e.fdflags);
          mem.writeLongLe(p + 8, e.rightsBase);
          mem.writeLongLe(p + 16, e.rightsInheriting);
          return Errno.SUCCESS;
        });
  }

  /**
   * {@code fd_fdstat_set_flags(fd, flags)}: sets APPEND and NONBLOCK (and records DSYNC, RSYNC,
   * SYNC, which need no action since every write goes straight to the channel).
   */
  public int fdFdstatSetFlags(Memory mem, int fd, int flags) {
    return run(
        () -> {
          FdEntry e = entry(fd);
          require(e, RIGHT_FD_FDSTAT_SET_FLAGS);
          if ((flags & ~0x1f) != 0) {
            return Errno.EINVAL;
          }
          e.fdflags = flags & 0xffff;
          return Errno.SUCCESS;
        });
  }

  /** {@code fd_fdstat_set_rights(fd, base, inheriting)}: rights can only be dropped. */
  public int fdFdstatSetRights(Memory mem, int fd, long rightsBase, long rightsInheriting) {
    return run(
        () -> {
          FdEntry e = entry(fd);
          if ((rightsBase & ~e.rightsBase) != 0 || (rightsInheriting & ~e.rightsInheriting) != 0) {
            return Errno.ENOTCAPABLE;
          }
          e.rightsBase = rightsBase;
          e.rightsInheriting = rightsInheriting;
          return Errno.SUCCESS;
        });
  }

  private static void writeFilestat(Memory mem, long p, HostFiles.Stat s)
      throws WasiErrnoException {
    checkRange(mem, p, SIZEOF_FILESTAT);
    mem.writeLongLe(p, s.dev());
    mem.writeLongLe(p + 8, s.ino());
    mem.writeLongLe(p + 16, s.filetype()); // filetype u8 + 7 bytes padding
    mem.writeLongLe(p + 24, s.nlink());
    mem.writeLongLe(p + 32, s.size());
    mem.writeLongLe(p + 40, s.atim());
    mem.writeLongLe(p + 48, s.mtim());
    mem.writeLongLe(p + 56, s.ctim());
  }

  private static HostFiles.Stat statOf(FdEntry e) throws IOException {
    if (e.isStdio()) {
      return new HostFiles.Stat(0, 0, FILETYPE_CHARACTER_DEVICE, 1, 0, 0, 0, 0);
    }
    try {
      return HostFiles.stat(e.path, true);
    } catch (IOException ex) {
      if (e.channel == null) {
        throw ex;
      }
      // The file was unlinked or renamed while open: report what the channel still knows.
      return new HostFiles.Stat(0, 0, FILETYPE_REGULAR_FILE, 0, e.channel.size(), 0, 0, 0);
    }
  }

  /** {@code fd_filestat_get(fd, result.buf)}: the 64-byte filestat of an open descriptor. */
  public int fdFilestatGet(Memory mem, int fd, int resultBuf) {
    return run(
        () -> {
          FdEntry e = entry(fd);
          require(e, RIGHT_FD_FILESTAT_GET);
          writeFilestat(mem, u32(resultBuf), statOf(e));
          return Errno.SUCCESS;
        });
  }

  /** A regular file behind {@code fd}: EISDIR for a directory, EBADF for a stream. */
  private FdEntry file(int fd) throws WasiErrnoException {
    FdEntry e = entry(fd);
    if (e.isDirectory()) {
      throw new WasiErrnoException(Errno.EISDIR);
    }
    if (e.kind != FdEntry.Kind.FILE) {
      throw new WasiErrnoException(Errno.EBADF);
    }
    return e;
  }

  private FdEntry writableFile(int fd, long right) throws WasiErrnoException {
    FdEntry e = file(fd);
    if (!e.writable) {
      throw new WasiErrnoException(e.readOnlyMount ? Errno.EROFS : Errno.EBADF);
    }
    require(e, right);
    return e;
  }

  /** Grows a file to {@code size} bytes by writing one zero byte at its new end. */
  private static void extendTo(SeekableByteChannel ch, long size) throws IOException {
    if (size <= ch.size()) {
      return;
    }
    ByteBuffer zero = ByteBuffer.wrap(new byte[1]);
    if (ch instanceof FileChannel) {
      ((FileChannel) ch).write(zero, size - 1);
    } else {
      long pos = ch.position();
      ch.position(size - 1);
      ch.write(zero);
      ch.position(pos);
    }
  }

  /** {@code fd_filestat_set_size(fd, size)}: truncates or extends (with zeros) a file. */
  public int fdFilestatSetSize(Memory mem, int fd, long size) {
    return run(
        () -> {
          FdEntry e = writableFile(fd, RIGHT_FD_FILESTAT_SET_SIZE);
          if (size < 0) {
            return Errno.EINVAL;
          }
          if (size < e.channel.size()) {
            // truncate() moves the position back to the new size when it was beyond; POSIX leaves
            // it alone, so restore it.
            long pos = e.channel.position();
            e.channel.truncate(size);
            e.channel.position(pos);
          } else {
            extendTo(e.channel, size);
          }
          return Errno.SUCCESS;
        });
  }

  /** {@code fd_allocate(fd, offset, len)}: makes the file at least {@code offset+len} long. */
  public int fdAllocate(Memory mem, int fd, long offset, long len) {
    return run(
        () -> {
          FdEntry e = writableFile(fd, RIGHT_FD_ALLOCATE);
          if (offset < 0 || len < 0 || offset + len < 0) {
            return Errno.EINVAL;
          }
          extendTo(e.channel, offset + len);
          return Errno.SUCCESS;
        });
  }

  /** {@code fd_advise(fd, offset, len, advice)}: validated, then ignored (advice is a hint). */
  public int fdAdvise(Memory mem, int fd, long offset, long len, int advice) {
    return run(
        () -> {
          FdEntry e = file(fd);
          require(e, RIGHT_FD_ADVISE);
          if (advice < 0 || advice > ADVICE_NOREUSE || offset < 0 || len < 0) {
            return Errno.EINVAL;
          }
          return Errno.SUCCESS;
        });
  }

  /** {@code fd_sync(fd)}: forces file data and metadata to storage. */
  public int fdSync(Memory mem, int fd) {
    return run(() -> sync(fd, true));
  }

  /** {@code fd_datasync(fd)}: forces file data to storage. */
  public int fdDatasync(Memory mem, int fd) {
    return run(() -> sync(fd, false));
  }

  private int sync(int fd, boolean metadata) throws WasiErrnoException, IOException {
    FdEntry e = entry(fd);
    if (e.out != null) {
      e.out.flush();
    } else if (e.channel instanceof FileChannel && e.writable) {
      ((FileChannel) e.channel).force(metadata);
    }
    return Errno.SUCCESS;
  }

  private static FileTime fileTime(long nanos) {
    return FileTime.from(nanos, TimeUnit.NANOSECONDS);
  }

  /** Validates fstflags and sets the times of {@code path} (null leaves a time unchanged). */
  private void setTimes(Path path, boolean follow, long atim, long mtim, int fstFlags)
      throws WasiErrnoException, IOException {
    if ((fstFlags & ~0xf) != 0
        || (fstFlags & (FSTFLAGS_ATIM | FSTFLAGS_ATIM_NOW)) == (FSTFLAGS_ATIM | FSTFLAGS_ATIM_NOW)
        || (fstFlags & (FSTFLAGS_MTIM | FSTFLAGS_MTIM_NOW))
            == (FSTFLAGS_MTIM | FSTFLAGS_MTIM_NOW)) {
      throw new WasiErrnoException(Errno.EINVAL);
    }
    long now = config.walltime().getAsLong();
    FileTime a =
        (fstFlags & FSTFLAGS_ATIM) != 0
            ? fileTime(atim)
            : (fstFlags & FSTFLAGS_ATIM_NOW) != 0 ? fileTime(now) : null;
    FileTime m =
        (fstFlags & FSTFLAGS_MTIM) != 0
            ? fileTime(mtim)
            : (fstFlags & FSTFLAGS_MTIM_NOW) != 0 ? fileTime(now) : null;
    if (a == null && m == null) {
      return;
    }
    BasicFileAttributeView view =
        Files.getFileAttributeView(
            path, BasicFileAttributeView.class, HostFiles.linkOptions(follow));
    if (view == null) {
      throw new WasiErrnoException(Errno.ENOTSUP);
    }
    view.setTimes(m, a, null);
  }

  /** {@code fd_filestat_set_times(fd, atim, mtim, fst_flags)}. */
  public int fdFilestatSetTimes(Memory mem, int fd, long atim, long mtim, int fstFlags) {
    return run(
        () -> {
          FdEntry e = entry(fd);
          require(e, RIGHT_FD_FILESTAT_SET_TIMES);
          if (e.isStdio()) {
            // Validate the flags, then ignore: a stream has no times to keep.
            setTimesCheckOnly(fstFlags);
            return Errno.SUCCESS;
          }
          if (e.readOnlyMount) {
            setTimesCheckOnly(fstFlags);
            return Errno.EROFS;
          }
          setTimes(e.path, true, atim, mtim, fstFlags);
          return Errno.SUCCESS;
        });
  }

  private static void setTimesCheckOnly(int fstFlags) throws WasiErrnoException {
    if ((fstFlags & ~0xf) != 0 || (fstFlags & 3) == 3 || (fstFlags & 12) == 12) {
      throw new WasiErrnoException(Errno.EINVAL);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // read, write, seek

  /** {@code fd_read(fd, iovs, iovs_len, result.nread)}: scatter read at the current position. */
  public int fdRead(Memory mem, int fd, int iovs, int iovsLen, int resultNread) {
    return run(
        () -> {
          FdEntry e = readable(fd);
          long[] v = iovecs(mem, iovs, iovsLen);
          checkRange(mem, u32(resultNread), 4);
          long total;
          if (e.kind == FdEntry.Kind.STDIN) {
            total = readStream(mem, e.in, v);
          } else {
            total = readChannel(mem, e.channel, v, -1);
          }
          mem.writeIntLe(u32(resultNread), (int) total);
          return Errno.SUCCESS;
        });
  }

  /** {@code fd_pread(fd, iovs, iovs_len, offset, result.nread)}: read at an offset. */
  public int fdPread(Memory mem, int fd, int iovs, int iovsLen, long offset, int resultNread) {
    return run(
        () -> {
          FdEntry e = readable(fd);
          if (e.kind != FdEntry.Kind.FILE) {
            return Errno.ESPIPE;
          }
          require(e, RIGHT_FD_SEEK);
          if (offset < 0) {
            return Errno.EINVAL;
          }
          long[] v = iovecs(mem, iovs, iovsLen);
          checkRange(mem, u32(resultNread), 4);
          long total = readChannel(mem, e.channel, v, offset);
          mem.writeIntLe(u32(resultNread), (int) total);
          return Errno.SUCCESS;
        });
  }

  private FdEntry readable(int fd) throws WasiErrnoException {
    FdEntry e = entry(fd);
    if (e.isDirectory()) {
      throw new WasiErrnoException(Errno.EISDIR);
    }
    if (!e.readable) {
      throw new WasiErrnoException(Errno.EBADF);
    }
    require(e, RIGHT_FD_READ);
    return e;
  }

  /**
   * Reads from a stream: blocks for the first iovec only; later iovecs are filled only with what is
   * available without blocking, like a read(2) on a pipe.
   */
  private static long readStream(Memory mem, InputStream in, long[] v) throws IOException {
    long total = 0;
    for (int i = 0; i < v.length; i += 2) {
      int len = (int) v[i + 1];
      if (len == 0) {
        continue;
      }
      if (total > 0 && in.available() <= 0) {
        break;
      }
      byte[] buf = new byte[len];
      int n = in.read(buf, 0, len);
      if (n <= 0) {
        break;
      }
      mem.write(v[i], n == len ? buf : Arrays.copyOf(buf, n));
      total += n;
      if (n < len) {
        break;
      }
    }
    return total;
  }

  /** Reads from a channel at its position ({@code offset < 0}) or at {@code offset}. */
  private static long readChannel(Memory mem, SeekableByteChannel ch, long[] v, long offset)
      throws IOException {
    long saved = -1;
    if (offset >= 0 && !(ch instanceof FileChannel)) {
      saved = ch.position();
      ch.position(offset);
    }
    long total = 0;
    try {
      for (int i = 0; i < v.length; i += 2) {
        int len = (int) v[i + 1];
        if (len == 0) {
          continue;
        }
        ByteBuffer bb = ByteBuffer.allocate(len);
        while (bb.hasRemaining()) {
          int n =
              offset >= 0 && ch instanceof FileChannel
                  ? ((FileChannel) ch).read(bb, offset + total + bb.position())
                  : ch.read(bb);
          if (n <= 0) {
            break;
          }
        }
        int n = bb.position();
        if (n > 0) {
          mem.write(v[i], n == len ? bb.array() : Arrays.copyOf(bb.array(), n));
        }
        total += n;
        if (n < len) {
          break;
        }
      }
    } finally {
      if (saved >= 0) {
        ch.position(saved);
      }
    }
    return total;
  }

  /** {@code fd_write(fd, iovs, iovs_len, result.nwritten)}: gather write (append honoured). */
  public int fdWrite(Memory mem, int fd, int iovs, int iovsLen, int resultNwritten) {
    return run(
        () -> {
          FdEntry e = writable(fd);
          long[] v = iovecs(mem, iovs, iovsLen);
          checkRange(mem, u32(resultNwritten), 4);
          long total;
          if (e.out != null) {
            total = 0;
            for (int i = 0; i < v.length; i += 2) {
              if (v[i + 1] > 0) {
                e.out.write(mem.read(v[i], (int) v[i + 1]));
                total += v[i + 1];
              }
            }
            e.out.flush();
          } else {
            if ((e.fdflags & FDFLAGS_APPEND) != 0) {
              e.channel.position(e.channel.size());
            }
            total = writeChannel(mem, e.channel, v, -1);
          }
          mem.writeIntLe(u32(resultNwritten), (int) total);
          return Errno.SUCCESS;
        });
  }

  /**
   * {@code fd_pwrite(fd, iovs, iovs_len, offset, result.nwritten)}: writes at {@code offset}
   * without moving the position; as POSIX says, even with APPEND the data goes to the offset.
   */
  public int fdPwrite(Memory mem, int fd, int iovs, int iovsLen, long offset, int resultNwritten) {
    return run(
        () -> {
          FdEntry e = writable(fd);
          if (e.kind != FdEntry.Kind.FILE) {
            return Errno.ESPIPE;
          }
          require(e, RIGHT_FD_SEEK);
          if (offset < 0) {
            return Errno.EINVAL;
          }
          long[] v = iovecs(mem, iovs, iovsLen);
          checkRange(mem, u32(resultNwritten), 4);
          long total = writeChannel(mem, e.channel, v, offset);
          mem.writeIntLe(u32(resultNwritten), (int) total);
          return Errno.SUCCESS;
        });
  }

  private FdEntry writable(int fd) throws WasiErrnoException {
    FdEntry e = entry(fd);
    if (e.isDirectory()) {
      throw new WasiErrnoException(Errno.EISDIR);
    }
    if (!e.writable) {
      throw new WasiErrnoException(Errno.EBADF);
    }
    require(e, RIGHT_FD_WRITE);
    return e;
  }

  private static long writeChannel(Memory mem, SeekableByteChannel ch, long[] v, long offset)
      throws IOException {
    long saved = -1;
    if (offset >= 0 && !(ch instanceof FileChannel)) {
      saved = ch.position();
      ch.position(offset);
    }
    long total = 0;
    try {
      for (int i = 0; i < v.length; i += 2) {
        int len = (int) v[i + 1];
        if (len == 0) {
          continue;
        }
        ByteBuffer bb = ByteBuffer.wrap(mem.read(v[i], len));
        while (bb.hasRemaining()) {
          if (offset >= 0 && ch instanceof FileChannel) {
            ((FileChannel) ch).write(bb, offset + total + bb.position());
          } else {
            ch.write(bb);
          }
        }
        total += len;
      }
    } finally {
      if (saved >= 0) {
        ch.position(saved);
      }
    }
    return total;
  }

  /** {@code fd_seek(fd, offset, whence, result.newoffset)}. */
  public int fdSeek(Memory mem, int fd, long offset, int whence, int resultNewoffset) {
    return run(
        () -> {
          FdEntry e = entry(fd);
          if (e.isDirectory()) {
            return Errno.EBADF;
          }
          if (e.kind != FdEntry.Kind.FILE) {
            return Errno.ESPIPE;
          }
          require(e, whence == WHENCE_CUR && offset == 0 ? RIGHT_FD_TELL : RIGHT_FD_SEEK);
          long base;
          switch (whence) {
            case WHENCE_SET:
              base = 0;
              break;
            case WHENCE_CUR:
              base = e.channel.position();
              break;
            case WHENCE_END:
              base = e.channel.size();
              break;
            default:
              return Errno.EINVAL;
          }
          long pos = base + offset;
          if (pos < 0 || (offset > 0 && pos < base)) {
            return Errno.EINVAL;
          }
          checkRange(mem, u32(resultNewoffset), 8);
          e.channel.position(pos);
          mem.writeLongLe(u32(resultNewoffset), pos);
          return Errno.SUCCESS;
        });
  }

  /** {@code fd_tell(fd, result.offset)}: the current position. */
  public int fdTell(Memory mem, int fd, int resultOffset) {
    return run(
        () -> {
          FdEntry e = entry(fd);
          if (e.isDirectory()) {
            return Errno.EBADF;
          }
          if (e.kind != FdEntry.Kind.FILE) {
            return Errno.ESPIPE;
          }
          require(e, RIGHT_FD_TELL);
          checkRange(mem, u32(resultOffset), 8);
          mem.writeLongLe(u32(resultOffset), e.channel.position());
          return Errno.SUCCESS;
        });
  }

  // ---------------------------------------------------------------------------------------------
  // directories

  /**
   * {@code fd_readdir(fd, buf, buf_len, cookie, result.bufused)}.
   *
   * <p>Entries are {@code .}, {@code ..}, then the directory's names sorted by their UTF-8 string
   * order (so that the order is stable). Each dirent is 24 bytes (d_next u64, d_ino u64, d_namlen
   * u32, d_type u8, padding) followed by the name without NUL. The cookie of an entry is its index
   * + 1, which is the {@code d_next} of the previous one. Cookie 0 takes a fresh snapshot of the
   * directory; other cookies continue in the snapshot, so a reader paging through a directory sees
   * a consistent listing. When the buffer is too small, the last entry is truncated and {@code
   * bufused == buf_len}, which tells the guest to call again from that entry's cookie.
   */
  public int fdReaddir(Memory mem, int fd, int buf, int bufLen, long cookie, int resultBufused) {
    return run(
        () -> {
          FdEntry e = entry(fd);
          if (!e.isDirectory()) {
            return Errno.ENOTDIR;
          }
          require(e, RIGHT_FD_READDIR);
          if (cookie < 0) {
            return Errno.EINVAL;
          }
          long b = u32(buf);
          long len = u32(bufLen);
          checkRange(mem, b, len);
          checkRange(mem, u32(resultBufused), 4);
          if (cookie == 0 || e.listing == null) {
            e.listing = listDirectory(e.path);
          }
          List<FdEntry.DirEntry> list = e.listing;
          long used = 0;
          for (long i = cookie; i < list.size() && used < len; i++) {
            FdEntry.DirEntry d = list.get((int) i);
            byte[] name = d.name().getBytes(StandardCharsets.UTF_8);
            ByteBuffer rec =
                ByteBuffer.allocate(SIZEOF_DIRENT + name.length)
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN);
            rec.putLong(0, i + 1);
            rec.putLong(8, d.ino());
            rec.putInt(16, name.length);
            rec.put(20, (byte) d.filetype());
            rec.position(SIZEOF_DIRENT);
            rec.put(name);
            int n = (int) Math.min(rec.capacity(), len - used);
            mem.write(b + used, n == rec.capacity() ? rec.array() : Arrays.copyOf(rec.array(), n));
            used += n;
          }
          mem.writeIntLe(u32(resultBufused), (int) used);
          return Errno.SUCCESS;
        });
  }

  private static List<FdEntry.DirEntry> listDirectory(Path dir) throws IOException {
    List<FdEntry.DirEntry> out = new ArrayList<>();
    HostFiles.Stat self = HostFiles.stat(dir, true);
    out.add(new FdEntry.DirEntry(".", self.ino(), FILETYPE_DIRECTORY));
    long parentIno = self.ino();
    Path parent = dir.getParent();
    if (parent != null) {
      try {
        parentIno = HostFiles.stat(parent, true).ino();
      } catch (IOException ignored) {
        // The mount root's parent may be out of reach; report the directory itself.
      }
    }
    out.add(new FdEntry.DirEntry("..", parentIno, FILETYPE_DIRECTORY));
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      for (Path p : s) {
        children.add(p);
      }
    }
    children.sort((x, y) -> fileName(x).compareTo(fileName(y)));
    for (Path p : children) {
      String name = fileName(p);
      try {
        HostFiles.Stat st = HostFiles.stat(p, false);
        out.add(new FdEntry.DirEntry(name, st.ino(), st.filetype()));
      } catch (IOException ex) {
        // Deleted between listing and stat: skip it, as if listed a moment later.
      }
    }
    return out;
  }

  private static String fileName(Path p) {
    String s = p.getFileName().toString();
    // Zip file systems report directory names with a trailing slash.
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  // ---------------------------------------------------------------------------------------------
  // paths

  private static boolean follow(int lookupFlags) {
    return (lookupFlags & LOOKUPFLAGS_SYMLINK_FOLLOW) != 0;
  }

  /**
   * The attributes of {@code p}, or null if it does not exist. Other failures (a file used as a
   * directory, a symbolic link loop, ...) are thrown as their errno.
   */
  private static BasicFileAttributes attrsOrNull(Path p, boolean follow) throws WasiErrnoException {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, HostFiles.linkOptions(follow));
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException | UnsupportedOperationException e) {
      throw new WasiErrnoException(HostFiles.errnoOf(e));
    }
  }

  /** A trailing slash requires a directory: ENOTDIR if {@code attrs} is something else. */
  private static void checkTrailingSlash(PathResolver.Resolved r, BasicFileAttributes attrs)
      throws WasiErrnoException {
    if (r.trailingSlash() && attrs != null && !attrs.isDirectory()) {
      throw new WasiErrnoException(Errno.ENOTDIR);
    }
  }

  /** {@code path_create_directory(fd, path, path_len)}. */
  public int pathCreateDirectory(Memory mem, int fd, int path, int pathLen) {
    return run(
        () -> {
          FdEntry d = dir(fd, RIGHT_PATH_CREATE_DIRECTORY);
          PathResolver.Resolved r =
              PathResolver.resolve(d.path, readString(mem, path, pathLen), false);
          notReadOnly(d);
          if (r.isStart() || HostFiles.existsNoFollow(r.host())) {
            return Errno.EEXIST;
          }
          Files.createDirectory(r.host());
          return Errno.SUCCESS;
        });
  }

  /** {@code path_filestat_get(fd, flags, path, path_len, result.buf)}. */
  public int pathFilestatGet(Memory mem, int fd, int flags, int path, int pathLen, int resultBuf) {
    return run(
        () -> {
          FdEntry d = dir(fd, RIGHT_PATH_FILESTAT_GET);
          PathResolver.Resolved r =
              PathResolver.resolve(d.path, readString(mem, path, pathLen), follow(flags));
          checkRange(mem, u32(resultBuf), SIZEOF_FILESTAT);
          HostFiles.Stat s = HostFiles.stat(r.host(), follow(flags));
          if (r.trailingSlash() && s.filetype() != FILETYPE_DIRECTORY) {
            return Errno.ENOTDIR;
          }
          writeFilestat(mem, u32(resultBuf), s);
          return Errno.SUCCESS;
        });
  }

  /** {@code path_filestat_set_times(fd, flags, path, path_len, atim, mtim, fst_flags)}. */
  public int pathFilestatSetTimes(
      Memory mem, int fd, int flags, int path, int pathLen, long atim, long mtim, int fstFlags) {
    return run(
        () -> {
          FdEntry d = dir(fd, RIGHT_PATH_FILESTAT_SET_TIMES);
          PathResolver.Resolved r =
              PathResolver.resolve(d.path, readString(mem, path, pathLen), follow(flags));
          setTimesCheckOnly(fstFlags);
          BasicFileAttributes a = attrsOrNull(r.host(), follow(flags));
          if (a == null) {
            return Errno.ENOENT;
          }
          checkTrailingSlash(r, a);
          notReadOnly(d);
          setTimes(r.host(), follow(flags), atim, mtim, fstFlags);
          return Errno.SUCCESS;
        });
  }

  /**
   * {@code path_link(old_fd, old_flags, old_path, old_path_len, new_fd, new_path, new_path_len)}: a
   * hard link; both paths stay inside their directories.
   */
  public int pathLink(
      Memory mem,
      int oldFd,
      int oldFlags,
      int oldPath,
      int oldPathLen,
      int newFd,
      int newPath,
      int newPathLen) {
    return run(
        () -> {
          FdEntry od = dir(oldFd, RIGHT_PATH_LINK_SOURCE);
          FdEntry nd = dir(newFd, RIGHT_PATH_LINK_TARGET);
          PathResolver.Resolved src =
              PathResolver.resolve(od.path, readString(mem, oldPath, oldPathLen), follow(oldFlags));
          PathResolver.Resolved dst =
              PathResolver.resolve(nd.path, readString(mem, newPath, newPathLen), false);
          BasicFileAttributes a = attrsOrNull(src.host(), follow(oldFlags));
          if (a == null) {
            return Errno.ENOENT;
          }
          if (a.isDirectory()) {
            return Errno.EPERM;
          }
          checkTrailingSlash(src, a);
          if (dst.isStart() || HostFiles.existsNoFollow(dst.host())) {
            return Errno.EEXIST;
          }
          if (dst.trailingSlash()) {
            return Errno.ENOENT;
          }
          notReadOnly(od);
          notReadOnly(nd);
          Files.createLink(dst.host(), src.host());
          return Errno.SUCCESS;
        });
  }

  /**
   * {@code path_open(fd, dirflags, path, path_len, oflags, fs_rights_base, fs_rights_inheriting,
   * fdflags, result.opened_fd)}.
   *
   * <p>The file is opened for reading when the requested rights include FD_READ or FD_READDIR (or
   * include nothing for writing), for writing when they include FD_WRITE, FD_ALLOCATE, FD_DATASYNC
   * or FD_FILESTAT_SET_SIZE. The new descriptor's rights are what its kind and open mode allow,
   * limited by the directory's inheriting rights. A final symbolic link without
   * LOOKUPFLAGS_SYMLINK_FOLLOW is ELOOP, like O_NOFOLLOW. On a read-only mount, opening for
   * writing, creating or truncating is EROFS.
   */
  public int pathOpen(
      Memory mem,
      int fd,
      int dirflags,
      int path,
      int pathLen,
      int oflags,
      long rightsBase,
      long rightsInheriting,
      int fdflags,
      int resultOpenedFd) {
    return run(
        () -> {
          FdEntry d = dir(fd, RIGHT_PATH_OPEN);
          if (openCount() >= MAX_OPEN_FDS) {
            return Errno.EMFILE;
          }
          boolean follow = follow(dirflags);
          PathResolver.Resolved r =
              PathResolver.resolve(d.path, readString(mem, path, pathLen), follow);
          checkRange(mem, u32(resultOpenedFd), 4);
          boolean creat = (oflags & OFLAGS_CREAT) != 0;
          boolean directory = (oflags & OFLAGS_DIRECTORY) != 0;
          boolean excl = (oflags & OFLAGS_EXCL) != 0;
          boolean trunc = (oflags & OFLAGS_TRUNC) != 0;
          if ((oflags & ~0xf) != 0 || (fdflags & ~0x1f) != 0) {
            return Errno.EINVAL;
          }
          if (creat) {
            require(d, RIGHT_PATH_CREATE_FILE);
          }
          if (trunc && (d.rightsBase & RIGHT_PATH_FILESTAT_SET_SIZE) == 0) {
            return Errno.EPERM;
          }
          boolean write = (rightsBase & RIGHTS_WRITING) != 0;
          boolean read = (rightsBase & RIGHTS_READING) != 0 || !write;
          BasicFileAttributes a = attrsOrNull(r.host(), false);
          if (a != null && creat && excl) {
            return Errno.EEXIST;
          }
          if (a != null && a.isSymbolicLink()) {
            // Only possible without SYMLINK_FOLLOW: the resolver follows every other link.
            return Errno.ELOOP;
          }
          if (a != null && a.isDirectory()) {
            // Only an explicit FD_WRITE (or O_TRUNC) means "open this directory for writing": a
            // guest that passes a directory's own rights (which include FD_DATASYNC) opens it fine.
            if ((rightsBase & RIGHT_FD_WRITE) != 0 || trunc) {
              return Errno.EISDIR;
            }
            FdEntry e = new FdEntry(FdEntry.Kind.DIRECTORY, r.host(), d.readOnlyMount);
            e.rightsBase = RIGHTS_DIRECTORY & d.rightsInheriting;
            e.rightsInheriting = d.rightsInheriting;
            e.fdflags = fdflags;
            e.readable = true;
            mem.writeIntLe(u32(resultOpenedFd), allocate(e));
            return Errno.SUCCESS;
          }
          if (a != null && (directory || r.trailingSlash())) {
            return Errno.ENOTDIR;
          }
          if (a == null) {
            if (!creat) {
              return Errno.ENOENT;
            }
            if (directory || r.trailingSlash() || r.isStart()) {
              return r.trailingSlash() ? Errno.EISDIR : Errno.EINVAL;
            }
          }
          // O_CREAT of a file that exists creates nothing, so it is fine on a read-only mount.
          if (d.readOnlyMount && (write || trunc || (creat && a == null))) {
            return Errno.EROFS;
          }
          Set<OpenOption> opts = new HashSet<>();
          if (read) {
            opts.add(StandardOpenOption.READ);
          }
          if (write || trunc || (creat && a == null)) {
            // Java needs WRITE to create or truncate; the descriptor's rights still say read-only
            // when the guest did not ask for writing.
            opts.add(StandardOpenOption.WRITE);
          }
          if (creat) {
            opts.add(excl ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE);
          }
          if (trunc) {
            opts.add(StandardOpenOption.TRUNCATE_EXISTING);
          }
          if (!follow && r.host().getFileSystem() == FileSystems.getDefault()) {
            // The check above already refused a final link; O_NOFOLLOW also closes the window in
            // which one could appear. Other providers (zip) have no links and reject the option.
            opts.add(LinkOption.NOFOLLOW_LINKS);
          }
          SeekableByteChannel ch = Files.newByteChannel(r.host(), opts);
          FdEntry e = new FdEntry(FdEntry.Kind.FILE, r.host(), d.readOnlyMount);
          e.channel = ch;
          e.readable = read;
          e.writable = write;
          long rights = RIGHTS_FILE;
          if (!read) {
            rights &= ~RIGHTS_READING;
          }
          if (!write) {
            rights &= ~RIGHTS_WRITING;
          }
          e.rightsBase = rights & d.rightsInheriting;
          e.rightsInheriting = 0;
          e.fdflags = fdflags;
          mem.writeIntLe(u32(resultOpenedFd), allocate(e));
          return Errno.SUCCESS;
        });
  }

  /**
   * {@code path_readlink(fd, path, path_len, buf, buf_len, result.bufused)}: copies the link's
   * target, truncated to {@code buf_len}, without a NUL.
   */
  public int pathReadlink(
      Memory mem, int fd, int path, int pathLen, int buf, int bufLen, int resultBufused) {
    return run(
        () -> {
          FdEntry d = dir(fd, RIGHT_PATH_READLINK);
          PathResolver.Resolved r =
              PathResolver.resolve(d.path, readString(mem, path, pathLen), false);
          checkRange(mem, u32(buf), u32(bufLen));
          checkRange(mem, u32(resultBufused), 4);
          BasicFileAttributes a = attrsOrNull(r.host(), false);
          if (a == null) {
            return Errno.ENOENT;
          }
          if (!a.isSymbolicLink()) {
            return Errno.EINVAL;
          }
          byte[] target =
              Files.readSymbolicLink(r.host()).toString().getBytes(StandardCharsets.UTF_8);
          int n = (int) Math.min(target.length, u32(bufLen));
          mem.write(u32(buf), n == target.length ? target : Arrays.copyOf(target, n));
          mem.writeIntLe(u32(resultBufused), n);
          return Errno.SUCCESS;
        });
  }

  /** {@code path_remove_directory(fd, path, path_len)}: removes an empty directory. */
  public int pathRemoveDirectory(Memory mem, int fd, int path, int pathLen) {
    return run(
        () -> {
          FdEntry d = dir(fd, RIGHT_PATH_REMOVE_DIRECTORY);
          PathResolver.Resolved r =
              PathResolver.resolve(d.path, readString(mem, path, pathLen), false);
          if (r.isStart()) {
            return Errno.EINVAL;
          }
          BasicFileAttributes a = attrsOrNull(r.host(), false);
          if (a == null) {
            return Errno.ENOENT;
          }
          if (!a.isDirectory()) {
            return Errno.ENOTDIR;
          }
          notReadOnly(d);
          Files.delete(r.host());
          return Errno.SUCCESS;
        });
  }

  /**
   * {@code path_rename(fd, old_path, old_path_len, new_fd, new_path, new_path_len)}: POSIX rename
   * semantics (replaces a file, or an empty directory with a directory).
   */
  public int pathRename(
      Memory mem, int fd, int oldPath, int oldPathLen, int newFd, int newPath, int newPathLen) {
    return run(
        () -> {
          FdEntry od = dir(fd, RIGHT_PATH_RENAME_SOURCE);
          FdEntry nd = dir(newFd, RIGHT_PATH_RENAME_TARGET);
          PathResolver.Resolved src =
              PathResolver.resolve(od.path, readString(mem, oldPath, oldPathLen), false);
          PathResolver.Resolved dst =
              PathResolver.resolve(nd.path, readString(mem, newPath, newPathLen), false);
          if (src.isStart() || dst.isStart()) {
            return Errno.EBUSY;
          }
          BasicFileAttributes sa = attrsOrNull(src.host(), false);
          if (sa == null) {
            return Errno.ENOENT;
          }
          BasicFileAttributes da = attrsOrNull(dst.host(), false);
          if (!sa.isDirectory() && (src.trailingSlash() || dst.trailingSlash())) {
            return Errno.ENOTDIR;
          }
          if (da != null) {
            if (sa.isDirectory() && !da.isDirectory()) {
              return Errno.ENOTDIR;
            }
            if (!sa.isDirectory() && da.isDirectory()) {
              return Errno.EISDIR;
            }
          }
          notReadOnly(od);
          notReadOnly(nd);
          if (src.host().equals(dst.host())) {
            return Errno.SUCCESS;
          }
          try {
            Files.move(src.host(), dst.host(), StandardCopyOption.ATOMIC_MOVE);
          } catch (AtomicMoveNotSupportedException e) {
            Files.move(src.host(), dst.host(), StandardCopyOption.REPLACE_EXISTING);
          }
          return Errno.SUCCESS;
        });
  }

  /**
   * {@code path_symlink(old_path, old_path_len, fd, new_path, new_path_len)}: creates a symbolic
   * link at {@code new_path} holding {@code old_path}. Absolute targets are refused with EPERM:
   * they could never be followed inside the sandbox. Relative targets that climb out are created
   * (the host may need them) but following them is refused.
   */
  public int pathSymlink(
      Memory mem, int oldPath, int oldPathLen, int fd, int newPath, int newPathLen) {
    return run(
        () -> {
          FdEntry d = dir(fd, RIGHT_PATH_SYMLINK);
          String target = readString(mem, oldPath, oldPathLen);
          PathResolver.Resolved r =
              PathResolver.resolve(d.path, readString(mem, newPath, newPathLen), false);
          if (target.isEmpty()) {
            return Errno.ENOENT;
          }
          if (target.indexOf('\0') >= 0) {
            return Errno.EINVAL;
          }
          if (target.startsWith("/")) {
            return Errno.EPERM;
          }
          if (r.isStart() || HostFiles.existsNoFollow(r.host())) {
            return Errno.EEXIST;
          }
          if (r.trailingSlash()) {
            return Errno.ENOENT;
          }
          notReadOnly(d);
          Files.createSymbolicLink(r.host(), r.host().getFileSystem().getPath(target));
          return Errno.SUCCESS;
        });
  }

  /** {@code path_unlink_file(fd, path, path_len)}: removes a file or symbolic link. */
  public int pathUnlinkFile(Memory mem, int fd, int path, int pathLen) {
    return run(
        () -> {
          FdEntry d = dir(fd, RIGHT_PATH_UNLINK_FILE);
          PathResolver.Resolved r =
              PathResolver.resolve(d.path, readString(mem, path, pathLen), false);
          if (r.isStart()) {
            return Errno.EISDIR;
          }
          BasicFileAttributes a = attrsOrNull(r.host(), false);
          if (a == null) {
            return Errno.ENOENT;
          }
          if (a.isDirectory()) {
            return Errno.EISDIR;
          }
          checkTrailingSlash(r, a);
          notReadOnly(d);
          Files.delete(r.host());
          return Errno.SUCCESS;
        });
  }

  // ---------------------------------------------------------------------------------------------
  // poll_oneoff

  /**
   * {@code poll_oneoff(in, out, nsubscriptions, result.nevents)}.
   *
   * <p>Regular files are always ready (read: nbytes is what remains after the position); stdout and
   * stderr are always ready for writing. Stdin is ready when {@code InputStream.available()} says
   * so. If nothing is ready, the call waits for the earliest clock subscription, checking stdin
   * every millisecond meanwhile; with stdin subscriptions but no clock it reports stdin as ready
   * rather than block forever (Java cannot wait for a stream without reading it), so the following
   * read blocks instead. A bad fd gives an event with error EBADF; a bad clock id one with EINVAL.
   * {@code nsubscriptions == 0} is EINVAL.
   */
  public int pollOneoff(Memory mem, int in, int out, int nsubscriptions, int resultNevents) {
    return run(
        () -> {
          long n = u32(nsubscriptions);
          if (n == 0) {
            return Errno.EINVAL;
          }
          long inPtr = u32(in);
          long outPtr = u32(out);
          checkRange(mem, inPtr, n * SIZEOF_SUBSCRIPTION);
          checkRange(mem, outPtr, n * SIZEOF_EVENT);
          checkRange(mem, u32(resultNevents), 4);
          int count = (int) n;
          long[] userdata = new long[count];
          int[] type = new int[count];
          long[] deadline = new long[count]; // monotonic-clock deadline of clock subscriptions
          boolean[] isClock = new boolean[count]; // a valid clock subscription
          int[] fdOf = new int[count];
          long now = config.nanotime().getAsLong();
          long earliest = Long.MAX_VALUE;
          List<long[]> events = new ArrayList<>(); // {index, errno, nbytes, flags}
          List<Integer> stdinWaits = new ArrayList<>();
          for (int i = 0; i < count; i++) {
            long s = inPtr + (long) i * SIZEOF_SUBSCRIPTION;
            userdata[i] = mem.readLongLe(s);
            type[i] = mem.readByte(s + 8) & 0xff;
            switch (type[i]) {
              case EVENTTYPE_CLOCK:
                {
                  int clockId = mem.readIntLe(s + 16);
                  long timeout = mem.readLongLe(s + 24);
                  int flags = mem.readShortLe(s + 40) & 0xffff;
                  long rel;
                  if (clockId == CLOCK_MONOTONIC) {
                    rel = (flags & SUBCLOCKFLAGS_ABSTIME) != 0 ? timeout - now : timeout;
                  } else if (clockId == CLOCK_REALTIME) {
                    rel =
                        (flags & SUBCLOCKFLAGS_ABSTIME) != 0
                            ? timeout - config.walltime().getAsLong()
                            : timeout;
                  } else if (clockId == CLOCK_PROCESS_CPUTIME_ID
                      || clockId == CLOCK_THREAD_CPUTIME_ID) {
                    rel = (flags & SUBCLOCKFLAGS_ABSTIME) != 0 ? 0 : timeout;
                  } else {
                    events.add(new long[] {i, Errno.EINVAL, 0, 0});
                    continue;
                  }
                  // Unsigned timeouts beyond Long.MAX_VALUE are "forever".
                  if (rel < 0 && (flags & SUBCLOCKFLAGS_ABSTIME) == 0) {
                    rel = Long.MAX_VALUE / 2;
                  }
                  deadline[i] = now + Math.max(0, Math.min(rel, Long.MAX_VALUE / 2));
                  isClock[i] = true;
                  earliest = Math.min(earliest, deadline[i]);
                  break;
                }
              case EVENTTYPE_FD_READ:
              case EVENTTYPE_FD_WRITE:
                {
                  fdOf[i] = mem.readIntLe(s + 16);
                  FdEntry e = fdOf[i] >= 0 && fdOf[i] < fds.size() ? fds.get(fdOf[i]) : null;
                  if (e == null) {
                    events.add(new long[] {i, Errno.EBADF, 0, 0});
                  } else if ((e.rightsBase & RIGHT_POLL_FD_READWRITE) == 0 && !e.isDirectory()) {
                    events.add(new long[] {i, Errno.ENOTCAPABLE, 0, 0});
                  } else if (type[i] == EVENTTYPE_FD_READ) {
                    if (e.kind == FdEntry.Kind.STDIN) {
                      int avail = available(e.in);
                      if (avail > 0) {
                        events.add(new long[] {i, 0, avail, 0});
                      } else {
                        stdinWaits.add(i);
                      }
                    } else if (e.kind == FdEntry.Kind.FILE && e.readable) {
                      long left = Math.max(0, e.channel.size() - e.channel.position());
                      events.add(new long[] {i, 0, left, 0});
                    } else {
                      events.add(new long[] {i, Errno.EBADF, 0, 0});
                    }
                  } else {
                    if (e.writable) {
                      events.add(new long[] {i, 0, 0, 0});
                    } else {
                      events.add(new long[] {i, Errno.EBADF, 0, 0});
                    }
                  }
                  break;
                }
              default:
                return Errno.EINVAL;
            }
          }
          if (events.isEmpty()) {
            // Wait for the earliest clock, or for stdin.
            if (earliest == Long.MAX_VALUE) {
              for (int i : stdinWaits) {
                events.add(new long[] {i, 0, 0, 0});
              }
            } else {
              while (events.isEmpty()) {
                long t = config.nanotime().getAsLong();
                if (t >= earliest) {
                  break;
                }
                for (int i : stdinWaits) {
                  int avail = available(fds.get(fdOf[i]).in);
                  if (avail > 0) {
                    events.add(new long[] {i, 0, avail, 0});
                  }
                }
                if (!events.isEmpty()) {
                  break;
                }
                long waitNs = earliest - t;
                if (!stdinWaits.isEmpty()) {
                  waitNs = Math.min(waitNs, 1_000_000);
                }
                try {
                  TimeUnit.NANOSECONDS.sleep(waitNs);
                } catch (InterruptedException ie) {
                  Thread.currentThread().interrupt();
                  return Errno.EINTR;
                }
              }
            }
          }
          // Clocks fire when their deadline has passed (checked again after any wait).
          long t = config.nanotime().getAsLong();
          for (int i = 0; i < count; i++) {
            if (isClock[i] && deadline[i] <= t) {
              boolean already = false;
              for (long[] ev : events) {
                if (ev[0] == i) {
                  already = true;
                  break;
                }
              }
              if (!already) {
                events.add(new long[] {i, 0, 0, 0});
              }
            }
          }
          for (int k = 0; k < events.size(); k++) {
            long[] ev = events.get(k);
            int i = (int) ev[0];
            long p = outPtr + (long) k * SIZEOF_EVENT;
            mem.writeLongLe(p, userdata[i]);
            mem.writeShortLe(p + 8, (short) ev[1]);
            mem.writeByte(p + 10, (byte) type[i]);
            mem.writeByte(p + 11, (byte) 0);
            mem.writeIntLe(p + 12, 0);
            mem.writeLongLe(p + 16, ev[2]);
            mem.writeLongLe(p + 24, ev[3]);
          }
          mem.writeIntLe(u32(resultNevents), events.size());
          return Errno.SUCCESS;
        });
  }

  private static int available(InputStream in) {
    try {
      return in.available();
    } catch (IOException e) {
      // A closed or broken stream reads as end-of-file: readable.
      return 1;
    }
  }

  /** For tests and adapters: whether {@code fd} is open. */
  public boolean isOpen(int fd) {
    return fd >= 0 && fd < fds.size() && fds.get(fd) != null;
  }

  /** The standard output stream, so an adapter can flush it when the guest exits. */
  public OutputStream stdout() {
    return config.stdout();
  }
}
