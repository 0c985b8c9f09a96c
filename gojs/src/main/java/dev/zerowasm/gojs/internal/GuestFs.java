package dev.zerowasm.gojs.internal;

import dev.zerowasm.FsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The file system a Go program sees through Node's {@code fs}: one absolute guest namespace built
 * from {@link FsConfig} mounts, a current directory, and a table of open file descriptors.
 *
 * <p><b>Sandbox.</b> Guest paths are resolved component by component in the guest namespace, never
 * by the host: {@code .} is skipped, {@code ..} pops one component (never above {@code /}), and
 * each component is looked up in the deepest mount that contains it. After a component is added,
 * its host entry is checked (without following) for a symbolic link; a link's target is read and
 * spliced into the remaining components, interpreted <i>in the guest namespace</i> (an absolute
 * target starts again from the guest root, a relative one from the link's directory). So the host
 * path of every operation is a mount's directory plus plain names, none a link except possibly the
 * last when the operation does not follow it; no guest path can reach a host file outside the
 * mounts. More than 40 link expansions is {@code ELOOP}. Directories that lead to mount points but
 * are not inside any mount (e.g. {@code /} when only {@code /data} is mounted) exist as empty
 * read-only directories listing the mount names; without mounts the guest sees an empty read-only
 * root.
 *
 * <p><b>Errors</b> are {@link JsException}s holding a Node.js system error with {@code code}.
 *
 * <p>Not thread-safe: used only from the thread running the Go program.
 */
public final class GuestFs {
  /** Node.js {@code fs.constants} open flags (Linux values). */
  public static final int O_RDONLY = 0;

  /** Write only. */
  public static final int O_WRONLY = 1;

  /** Read and write. */
  public static final int O_RDWR = 2;

  /** Create if missing. */
  public static final int O_CREAT = 0100;

  /** With O_CREAT: fail if it exists. */
  public static final int O_EXCL = 0200;

  /** Truncate to zero. */
  public static final int O_TRUNC = 01000;

  /** Every write goes to the end. */
  public static final int O_APPEND = 02000;

  /** Fail unless the path is a directory (Go 1.21+ passes it for os.Open of directories). */
  public static final int O_DIRECTORY = 0200000;

  /** File type bits of {@code mode}, as in POSIX and Go's syscall for js. */
  public static final int S_IFMT = 0170000;

  /** Directory. */
  public static final int S_IFDIR = 0040000;

  /** Regular file. */
  public static final int S_IFREG = 0100000;

  /** Symbolic link. */
  public static final int S_IFLNK = 0120000;

  /** Character device. */
  public static final int S_IFCHR = 0020000;

  /** The most descriptors open at once (beyond 0-2); more is {@code EMFILE}. */
  public static final int MAX_OPEN_FILES = 1024;

  private static final int MAX_SYMLINKS = 40;
  private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

  /**
   * What Node's {@code fs.Stats} reports.
   *
   * @param dev device id
   * @param ino inode number
   * @param mode file type and permission bits
   * @param nlink hard links
   * @param size size in bytes
   * @param atimeMs last access, ms since the epoch
   * @param mtimeMs last modification, ms since the epoch
   * @param ctimeMs last status change, ms since the epoch
   */
  public record Stat(
      long dev,
      long ino,
      int mode,
      long nlink,
      long size,
      double atimeMs,
      double mtimeMs,
      double ctimeMs) {
    /** Whether this is a directory. */
    public boolean isDirectory() {
      return (mode & S_IFMT) == S_IFDIR;
    }
  }

  private record MountPoint(List<String> components, Path hostDir, boolean readOnly) {}

  /**
   * Where a guest path leads.
   *
   * @param components the normalized guest components
   * @param mount the mount holding it, or null if it is outside all mounts
   * @param host the host path (null if outside all mounts)
   * @param trailingSlash whether the guest path ended in a slash (or {@code /.})
   */
  private record Location(
      List<String> components, MountPoint mount, Path host, boolean trailingSlash) {
    boolean isMountRoot() {
      return mount != null && mount.components.size() == components.size();
    }

    String guestPath() {
      return "/" + String.join("/", components);
    }
  }

  private static final class OpenFile {
    final Location location;
    final SeekableByteChannel channel; // null for directories
    final boolean readable;
    final boolean writable;
    final boolean append;

    OpenFile(
        Location location,
        SeekableByteChannel channel,
        boolean readable,
        boolean writable,
        boolean append) {
      this.location = location;
      this.channel = channel;
      this.readable = readable;
      this.writable = writable;
      this.append = append;
    }
  }

  private final List<MountPoint> mounts = new ArrayList<>();
  private final Map<Integer, OpenFile> files = new HashMap<>();
  private final InputStream stdin;
  private final OutputStream stdout;
  private final OutputStream stderr;
  private String cwd;
  private int umask = 022;

  /**
   * A file system over {@code config}'s mounts with the given standard streams.
   *
   * @param cwd the initial working directory (a guest path), or null to use the host working
   *     directory when it lies inside a mount and {@code /} otherwise
   */
  public GuestFs(
      FsConfig config, String cwd, InputStream stdin, OutputStream stdout, OutputStream stderr) {
    for (FsConfig.Mount m : config.mounts()) {
      List<String> comps = new ArrayList<>();
      for (String c : m.guestPath().split("/")) {
        if (c.equals("..")) {
          throw new IllegalArgumentException("mount path must not contain '..': " + m.guestPath());
        }
        if (!c.isEmpty() && !c.equals(".")) {
          comps.add(c);
        }
      }
      mounts.add(new MountPoint(List.copyOf(comps), m.hostDir(), m.readOnly()));
    }
    this.stdin = stdin;
    this.stdout = stdout;
    this.stderr = stderr;
    this.cwd = cwd != null ? normalize(cwd) : hostWorkingDirectory();
  }

  private static String normalize(String guestPath) {
    List<String> stack = new ArrayList<>();
    for (String c : guestPath.split("/")) {
      if (c.isEmpty() || c.equals(".")) {
        continue;
      }
      if (c.equals("..")) {
        if (!stack.isEmpty()) {
          stack.remove(stack.size() - 1);
        }
      } else {
        stack.add(c);
      }
    }
    return "/" + String.join("/", stack);
  }

  /** The guest path of the host working directory if a mount contains it, else "/". */
  private String hostWorkingDirectory() {
    Path wd;
    try {
      wd = FileSystems.getDefault().getPath("").toAbsolutePath().normalize();
    } catch (SecurityException | InvalidPathException e) {
      return "/";
    }
    MountPoint best = null;
    Path bestHost = null;
    for (MountPoint m : mounts) {
      if (m.hostDir.getFileSystem() != wd.getFileSystem()) {
        continue;
      }
      Path host = m.hostDir.toAbsolutePath().normalize();
      if (wd.startsWith(host)
          && (bestHost == null || host.getNameCount() > bestHost.getNameCount())) {
        best = m;
        bestHost = host;
      }
    }
    if (best == null) {
      return "/";
    }
    List<String> comps = new ArrayList<>(best.components);
    for (Path p : bestHost.relativize(wd)) {
      if (!p.toString().isEmpty()) {
        comps.add(p.toString());
      }
    }
    return "/" + String.join("/", comps);
  }

  // ---- process.cwd / chdir / umask ----

  /** {@code process.cwd()}. */
  public String cwd() {
    return cwd;
  }

  /** {@code process.chdir(path)}. */
  public void chdir(String path) {
    Location loc = resolve(path, true, "chdir");
    Stat st = statOf(loc, true, "chdir", path);
    if (!st.isDirectory()) {
      throw error("ENOTDIR", "chdir", path);
    }
    cwd = loc.guestPath();
  }

  /** {@code process.umask(mask)}: sets the mask, returns the previous one. */
  public int umask(int mask) {
    int old = umask;
    umask = mask & 0777;
    return old;
  }

  // ---- resolution ----

  private static JsException error(String code, String op, String path) {
    return JsException.errno(code, op + " '" + path + "'");
  }

  /** The deepest mount containing {@code components}, or null. */
  private MountPoint mountOf(List<String> components) {
    MountPoint best = null;
    for (MountPoint m : mounts) {
      int n = m.components.size();
      if (n <= components.size()
          && components.subList(0, n).equals(m.components)
          && (best == null || n > best.components.size())) {
        best = m;
      }
    }
    return best;
  }

  private Location locate(List<String> components, boolean trailingSlash, String op, String path) {
    List<String> comps = List.copyOf(components);
    MountPoint m = mountOf(comps);
    if (m == null) {
      return new Location(comps, null, null, trailingSlash);
    }
    Path host = m.hostDir;
    try {
      for (String c : comps.subList(m.components.size(), comps.size())) {
        Path next = host.resolve(c);
        // A name the host file system reads as more than one plain name (a separator of its
        // own, a drive or root) could leave the mount: refuse it.
        if (!host.equals(next.getParent())
            || next.getFileName() == null
            || !next.getFileName().toString().equals(c)) {
          throw error("EINVAL", op, path);
        }
        host = next;
      }
    } catch (InvalidPathException e) {
      throw error("EINVAL", op, path);
    }
    return new Location(comps, m, host, trailingSlash);
  }

  /** Resolves {@code path} (relative to the working directory) in the guest namespace. */
  private Location resolve(String path, boolean followFinal, String op) {
    if (path.isEmpty()) {
      throw error("ENOENT", op, path);
    }
    if (path.indexOf('\0') >= 0) {
      throw error("EINVAL", op, path);
    }
    String full = path.charAt(0) == '/' ? path : cwd + "/" + path;
    boolean trailingSlash = full.endsWith("/") || full.endsWith("/.");
    Deque<String> pending = new ArrayDeque<>();
    Collections.addAll(pending, full.split("/"));
    List<String> stack = new ArrayList<>();
    int links = 0;
    while (!pending.isEmpty()) {
      String c = pending.pollFirst();
      if (c.isEmpty() || c.equals(".")) {
        continue;
      }
      if (c.equals("..")) {
        if (!stack.isEmpty()) {
          stack.remove(stack.size() - 1);
        }
        continue;
      }
      stack.add(c);
      boolean last = pending.stream().allMatch(p -> p.isEmpty() || p.equals("."));
      if (last && !followFinal && !trailingSlash) {
        continue;
      }
      Location loc = locate(stack, false, op, path);
      if (loc.mount == null || loc.isMountRoot()) {
        continue;
      }
      BasicFileAttributes attrs;
      try {
        attrs = Files.readAttributes(loc.host, BasicFileAttributes.class, NOFOLLOW);
      } catch (IOException | UnsupportedOperationException | SecurityException e) {
        continue; // missing entries are for the operation itself to report
      }
      if (!attrs.isSymbolicLink()) {
        continue;
      }
      if (++links > MAX_SYMLINKS) {
        throw error("ELOOP", op, path);
      }
      String target;
      try {
        target = Files.readSymbolicLink(loc.host).toString();
      } catch (IOException | UnsupportedOperationException e) {
        throw error(FsErrors.codeOf(e), op, path);
      }
      if (target.isEmpty()) {
        throw error("ENOENT", op, path);
      }
      stack.remove(stack.size() - 1);
      if (target.charAt(0) == '/') {
        stack.clear();
      }
      String[] parts = target.split("/");
      for (int i = parts.length - 1; i >= 0; i--) {
        pending.addFirst(parts[i]);
      }
    }
    return locate(stack, trailingSlash, op, path);
  }

  /** The names of mount points directly under {@code components}. */
  private Set<String> mountChildren(List<String> components) {
    Set<String> names = new TreeSet<>();
    for (MountPoint m : mounts) {
      int n = components.size();
      if (m.components.size() > n && m.components.subList(0, n).equals(components)) {
        names.add(m.components.get(n));
      }
    }
    return names;
  }

  /**
   * Whether a location is a virtual directory: outside all mounts and the root or an ancestor of a
   * mount point, or inside a mount but missing on the host while a nested mount lies below it.
   */
  private boolean isVirtualDir(Location loc) {
    if (loc.mount == null) {
      return loc.components.isEmpty() || !mountChildren(loc.components).isEmpty();
    }
    return !loc.isMountRoot() && !mountChildren(loc.components).isEmpty() && !exists(loc.host);
  }

  private void checkWritable(Location loc, String op, String path) {
    if (loc.mount == null || loc.mount.readOnly) {
      throw error("EROFS", op, path);
    }
  }

  private static boolean exists(Path p) {
    return Files.exists(p, NOFOLLOW);
  }

  // ---- stat ----

  private Stat statOf(Location loc, boolean follow, String op, String path) {
    if (loc.mount == null || isVirtualDir(loc)) {
      if (!isVirtualDir(loc)) {
        throw error("ENOENT", op, path);
      }
      return new Stat(0, virtualIno(loc.guestPath()), S_IFDIR | 0555, 2, 0, 0, 0, 0);
    }
    try {
      Stat st = hostStat(loc.host, follow && !loc.isMountRoot());
      if (loc.trailingSlash && !st.isDirectory()) {
        throw error("ENOTDIR", op, path);
      }
      return st;
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      throw error(e instanceof SecurityException ? "EACCES" : FsErrors.codeOf(e), op, path);
    }
  }

  private static long virtualIno(String guestPath) {
    return fnv(guestPath);
  }

  /** A 52-bit FNV-1a hash: exact as a JavaScript number, never 0. */
  private static long fnv(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    h &= (1L << 52) - 1;
    return h == 0 ? 1 : h;
  }

  private static Stat hostStat(Path path, boolean follow) throws IOException {
    LinkOption[] opts = follow ? new LinkOption[0] : NOFOLLOW;
    if (path.getFileSystem().supportedFileAttributeViews().contains("unix")) {
      Map<String, Object> a =
          Files.readAttributes(
              path, "unix:mode,ino,dev,nlink,size,lastAccessTime,lastModifiedTime,ctime", opts);
      return new Stat(
          ((Number) a.get("dev")).longValue(),
          ((Number) a.get("ino")).longValue(),
          (Integer) a.get("mode"),
          ((Number) a.get("nlink")).longValue(),
          ((Number) a.get("size")).longValue(),
          millis((FileTime) a.get("lastAccessTime")),
          millis((FileTime) a.get("lastModifiedTime")),
          millis((FileTime) a.get("ctime")));
    }
    BasicFileAttributes b = Files.readAttributes(path, BasicFileAttributes.class, opts);
    int type = b.isSymbolicLink() ? S_IFLNK : b.isDirectory() ? S_IFDIR : S_IFREG;
    int perm = b.isDirectory() ? 0755 : 0644;
    if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      try {
        perm = permBits(Files.getPosixFilePermissions(path, opts));
      } catch (IOException | UnsupportedOperationException e) {
        // keep the default
      }
    }
    Object key = b.fileKey();
    long ino = fnv(key != null ? key.toString() : path.toAbsolutePath().normalize().toString());
    return new Stat(
        0,
        ino,
        type | perm,
        1,
        b.size(),
        millis(b.lastAccessTime()),
        millis(b.lastModifiedTime()),
        millis(b.lastModifiedTime()));
  }

  private static double millis(FileTime t) {
    return t == null ? 0 : t.to(TimeUnit.MICROSECONDS) / 1000.0;
  }

  private static int permBits(Set<PosixFilePermission> perms) {
    int bits = 0;
    for (PosixFilePermission p : perms) {
      bits |= 0400 >> p.ordinal();
    }
    return bits;
  }

  private static Set<PosixFilePermission> perms(int bits) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    for (PosixFilePermission p : PosixFilePermission.values()) {
      if ((bits & (0400 >> p.ordinal())) != 0) {
        set.add(p);
      }
    }
    return set;
  }

  private static boolean posix(Path p) {
    FileSystem fs = p.getFileSystem();
    return fs.supportedFileAttributeViews().contains("posix");
  }

  /** {@code fs.stat(path)}. */
  public Stat stat(String path) {
    return statOf(resolve(path, true, "stat"), true, "stat", path);
  }

  /** {@code fs.lstat(path)}. */
  public Stat lstat(String path) {
    return statOf(resolve(path, false, "lstat"), false, "lstat", path);
  }

  /** {@code fs.fstat(fd)}. */
  public Stat fstat(int fd) {
    if (fd >= 0 && fd <= 2) {
      return new Stat(0, fd + 1, S_IFCHR | 0620, 1, 0, 0, 0, 0);
    }
    OpenFile f = file(fd, "fstat");
    return statOf(f.location, true, "fstat", f.location.guestPath());
  }

  // ---- descriptors ----

  private OpenFile file(int fd, String op) {
    OpenFile f = files.get(fd);
    if (f == null) {
      throw JsException.errno("EBADF", "bad file descriptor, " + op);
    }
    return f;
  }

  private int allocateFd(String op, String path) {
    if (files.size() >= MAX_OPEN_FILES) {
      throw error("EMFILE", op, path);
    }
    int fd = 3;
    while (files.containsKey(fd)) {
      fd++;
    }
    return fd;
  }

  /** {@code fs.open(path, flags, mode)}: returns the new descriptor. */
  public int open(String path, int flags, int mode) {
    int access = flags & 3;
    boolean create = (flags & O_CREAT) != 0;
    boolean excl = create && (flags & O_EXCL) != 0;
    boolean trunc = (flags & O_TRUNC) != 0;
    boolean readable = access == O_RDONLY || access == O_RDWR;
    boolean writable = access == O_WRONLY || access == O_RDWR;
    // With O_CREAT|O_EXCL a final symbolic link is not followed: it counts as existing.
    Location loc = resolve(path, !excl, "open");
    if (loc.mount == null) {
      if (isVirtualDir(loc)) {
        if (excl) {
          throw error("EEXIST", "open", path);
        }
        if (writable || trunc) {
          throw error("EISDIR", "open", path);
        }
        return register(new OpenFile(loc, null, true, false, false), path);
      }
      throw error(create ? "EROFS" : "ENOENT", "open", path);
    }
    BasicFileAttributes attrs = null;
    try {
      attrs =
          Files.readAttributes(
              loc.host,
              BasicFileAttributes.class,
              loc.isMountRoot() ? new LinkOption[0] : NOFOLLOW);
    } catch (IOException | UnsupportedOperationException e) {
      // does not exist (or is unreadable): handled below
    }
    if (attrs != null) {
      if (excl) {
        throw error("EEXIST", "open", path);
      }
      if (attrs.isDirectory()) {
        if (writable || trunc) {
          throw error("EISDIR", "open", path);
        }
        return register(new OpenFile(loc, null, true, false, false), path);
      }
      if (loc.trailingSlash || (flags & O_DIRECTORY) != 0) {
        throw error("ENOTDIR", "open", path);
      }
      if ((writable || trunc) && loc.mount.readOnly) {
        throw error("EROFS", "open", path);
      }
    } else if (isVirtualDir(loc)) {
      if (writable || trunc) {
        throw error("EISDIR", "open", path);
      }
      return register(new OpenFile(loc, null, true, false, false), path);
    } else {
      if (!create || (flags & O_DIRECTORY) != 0) {
        throw error("ENOENT", "open", path);
      }
      if (loc.trailingSlash) {
        throw error("EISDIR", "open", path);
      }
      checkWritable(loc, "open", path);
    }
    Set<OpenOption> opts = new HashSet<>();
    if (readable) {
      opts.add(StandardOpenOption.READ);
    }
    // Java creates files only for writing channels; our own flags still forbid writes to a
    // descriptor opened read-only.
    if (writable || trunc || (attrs == null && create)) {
      opts.add(StandardOpenOption.WRITE);
    }
    if (trunc) {
      opts.add(StandardOpenOption.TRUNCATE_EXISTING);
    }
    if (excl) {
      opts.add(StandardOpenOption.CREATE_NEW);
    } else if (create) {
      opts.add(StandardOpenOption.CREATE);
    }
    if (opts.isEmpty()) {
      // access mode 3 is not valid in POSIX; Linux opens for neither reading nor writing
      opts.add(StandardOpenOption.READ);
    }
    int fd = allocateFd("open", path);
    SeekableByteChannel ch;
    try {
      ch = Files.newByteChannel(loc.host, opts);
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      throw error(FsErrors.codeOf(e), "open", path);
    }
    if (attrs == null && posix(loc.host)) {
      try {
        Files.setPosixFilePermissions(loc.host, perms(mode & ~umask & 0777));
      } catch (IOException | UnsupportedOperationException e) {
        // best effort, as the file exists now
      }
    }
    files.put(fd, new OpenFile(loc, ch, readable, writable, (flags & O_APPEND) != 0));
    return fd;
  }

  private int register(OpenFile f, String path) {
    int fd = allocateFd("open", path);
    files.put(fd, f);
    return fd;
  }

  /** {@code fs.close(fd)}. Closing 0, 1 or 2 is accepted and does nothing. */
  public void close(int fd) {
    if (fd >= 0 && fd <= 2) {
      return;
    }
    OpenFile f = file(fd, "close");
    files.remove(fd);
    if (f.channel != null) {
      try {
        f.channel.close();
      } catch (IOException e) {
        throw JsException.errno(FsErrors.codeOf(e), "close");
      }
    }
  }

  /** The number of open descriptors beyond 0-2; for tests. */
  public int openCount() {
    return files.size();
  }

  /**
   * {@code fs.read(fd, buffer, offset, length, position)}: reads into {@code buf[off, off+len)} at
   * {@code position}, or at the file position (advancing it) if {@code position} is null.
   *
   * @return the bytes read, 0 at the end
   */
  public int read(int fd, byte[] buf, int off, int len, Long position) {
    if (fd == 0) {
      try {
        int n = stdin.read(buf, off, len);
        return Math.max(n, 0);
      } catch (IOException e) {
        throw JsException.errno("EIO", "read");
      }
    }
    if (fd == 1 || fd == 2) {
      throw JsException.errno("EBADF", "bad file descriptor, read");
    }
    OpenFile f = file(fd, "read");
    if (f.channel == null) {
      throw JsException.errno("EISDIR", "illegal operation on a directory, read");
    }
    if (!f.readable) {
      throw JsException.errno("EBADF", "bad file descriptor, read");
    }
    try {
      ByteBuffer bb = ByteBuffer.wrap(buf, off, len);
      if (position != null) {
        return Math.max(readAt(f.channel, bb, position), 0);
      }
      int total = 0;
      while (bb.hasRemaining()) {
        int n = f.channel.read(bb);
        if (n <= 0) {
          break;
        }
        total += n;
      }
      return total;
    } catch (IOException e) {
      throw JsException.errno(FsErrors.codeOf(e), "read");
    }
  }

  private static int readAt(SeekableByteChannel ch, ByteBuffer bb, long position)
      throws IOException {
    if (ch instanceof FileChannel) {
      int total = 0;
      while (bb.hasRemaining()) {
        int n = ((FileChannel) ch).read(bb, position + total);
        if (n <= 0) {
          break;
        }
        total += n;
      }
      return total;
    }
    long saved = ch.position();
    try {
      ch.position(position);
      int total = 0;
      while (bb.hasRemaining()) {
        int n = ch.read(bb);
        if (n <= 0) {
          break;
        }
        total += n;
      }
      return total;
    } finally {
      ch.position(saved);
    }
  }

  /**
   * {@code fs.write(fd, buffer, offset, length, position)}: writes {@code buf[off, off+len)} at
   * {@code position}, or at the file position (advancing it) if null. Descriptors 1 and 2 are the
   * configured stdout and stderr; a file opened with {@code O_APPEND} is always written at its end.
   *
   * @return the bytes written
   */
  public int write(int fd, byte[] buf, int off, int len, Long position) {
    if (fd == 1 || fd == 2) {
      OutputStream out = fd == 1 ? stdout : stderr;
      try {
        out.write(buf, off, len);
        out.flush();
      } catch (IOException e) {
        throw JsException.errno("EIO", "write");
      }
      return len;
    }
    if (fd == 0) {
      throw JsException.errno("EBADF", "bad file descriptor, write");
    }
    OpenFile f = file(fd, "write");
    if (f.channel == null) {
      throw JsException.errno("EISDIR", "illegal operation on a directory, write");
    }
    if (!f.writable) {
      throw JsException.errno("EBADF", "bad file descriptor, write");
    }
    try {
      ByteBuffer bb = ByteBuffer.wrap(buf, off, len);
      SeekableByteChannel ch = f.channel;
      if (f.append) {
        // As Linux: with O_APPEND every write, positional or not, goes to the end.
        ch.position(ch.size());
        position = null;
      }
      if (position != null) {
        long saved = ch.position();
        try {
          ch.position(position);
          writeFully(ch, bb);
        } finally {
          ch.position(saved);
        }
      } else {
        writeFully(ch, bb);
      }
      return len;
    } catch (IOException e) {
      throw JsException.errno(FsErrors.codeOf(e), "write");
    }
  }

  private static void writeFully(SeekableByteChannel ch, ByteBuffer bb) throws IOException {
    while (bb.hasRemaining()) {
      ch.write(bb);
    }
  }

  /** {@code fs.fsync(fd)}. */
  public void fsync(int fd) {
    if (fd >= 0 && fd <= 2) {
      try {
        (fd == 2 ? stderr : stdout).flush();
      } catch (IOException e) {
        throw JsException.errno("EIO", "fsync");
      }
      return;
    }
    OpenFile f = file(fd, "fsync");
    if (f.channel instanceof FileChannel) {
      try {
        ((FileChannel) f.channel).force(true);
      } catch (IOException e) {
        throw JsException.errno(FsErrors.codeOf(e), "fsync");
      }
    }
  }

  /** {@code fs.ftruncate(fd, length)}. */
  public void ftruncate(int fd, long length) {
    OpenFile f = file(fd, "ftruncate");
    if (f.channel == null) {
      throw JsException.errno("EISDIR", "illegal operation on a directory, ftruncate");
    }
    if (!f.writable) {
      throw JsException.errno("EINVAL", "invalid argument, ftruncate");
    }
    try {
      setLength(f.channel, length);
    } catch (IOException e) {
      throw JsException.errno(FsErrors.codeOf(e), "ftruncate");
    }
  }

  private static void setLength(SeekableByteChannel ch, long length) throws IOException {
    if (length < 0) {
      throw new IllegalArgumentException("negative length");
    }
    long size = ch.size();
    if (length < size) {
      ch.truncate(length);
    } else if (length > size) {
      long saved = ch.position();
      ch.position(length - 1);
      ch.write(ByteBuffer.wrap(new byte[1]));
      ch.position(saved);
    }
  }

  // ---- path operations ----

  /** {@code fs.readdir(path)}: the entry names, sorted, without {@code .} and {@code ..}. */
  public List<String> readdir(String path) {
    Location loc = resolve(path, true, "scandir");
    Set<String> names = new TreeSet<>(mountChildren(loc.components));
    if (loc.mount == null || isVirtualDir(loc)) {
      if (!isVirtualDir(loc)) {
        throw error("ENOENT", "scandir", path);
      }
      return new ArrayList<>(names);
    }
    try (Stream<Path> s = Files.list(loc.host)) {
      s.forEach(p -> names.add(p.getFileName().toString().replace("/", "")));
    } catch (IOException | UnsupportedOperationException e) {
      throw error(FsErrors.codeOf(e), "scandir", path);
    } catch (java.io.UncheckedIOException e) {
      throw error(FsErrors.codeOf(e.getCause()), "scandir", path);
    }
    return new ArrayList<>(names);
  }

  /** {@code fs.mkdir(path, mode)}. */
  public void mkdir(String path, int mode) {
    Location loc = resolve(path, false, "mkdir");
    if (loc.mount == null) {
      throw error(isVirtualDir(loc) ? "EEXIST" : "EROFS", "mkdir", path);
    }
    if (loc.isMountRoot() || exists(loc.host)) {
      throw error("EEXIST", "mkdir", path);
    }
    checkWritable(loc, "mkdir", path);
    try {
      Files.createDirectory(loc.host);
      if (posix(loc.host)) {
        Files.setPosixFilePermissions(loc.host, perms(mode & ~umask & 0777));
      }
    } catch (IOException | UnsupportedOperationException e) {
      throw error(FsErrors.codeOf(e), "mkdir", path);
    }
  }

  private Location existingHost(String path, boolean follow, String op) {
    Location loc = resolve(path, follow, op);
    if (loc.mount == null) {
      throw error(isVirtualDir(loc) ? "EROFS" : "ENOENT", op, path);
    }
    if (!loc.isMountRoot() && !exists(loc.host)) {
      throw error("ENOENT", op, path);
    }
    return loc;
  }

  /** {@code fs.rmdir(path)}. */
  public void rmdir(String path) {
    Location loc = existingHost(path, false, "rmdir");
    if (loc.isMountRoot()) {
      throw error("EBUSY", "rmdir", path);
    }
    if (!Files.isDirectory(loc.host, NOFOLLOW)) {
      throw error("ENOTDIR", "rmdir", path);
    }
    if (!mountChildren(loc.components).isEmpty()) {
      throw error("EBUSY", "rmdir", path);
    }
    checkWritable(loc, "rmdir", path);
    try {
      Files.delete(loc.host);
    } catch (IOException | UnsupportedOperationException e) {
      throw error(FsErrors.codeOf(e), "rmdir", path);
    }
  }

  /** {@code fs.unlink(path)}. */
  public void unlink(String path) {
    Location loc = existingHost(path, false, "unlink");
    if (loc.isMountRoot() || Files.isDirectory(loc.host, NOFOLLOW)) {
      throw error("EISDIR", "unlink", path);
    }
    if (loc.trailingSlash) {
      throw error("ENOTDIR", "unlink", path);
    }
    checkWritable(loc, "unlink", path);
    try {
      Files.delete(loc.host);
    } catch (IOException | UnsupportedOperationException e) {
      throw error(FsErrors.codeOf(e), "unlink", path);
    }
  }

  /** {@code fs.rename(from, to)}: POSIX rename within one mount ({@code EXDEV} across). */
  public void rename(String from, String to) {
    Location src = existingHost(from, false, "rename");
    Location dst = resolve(to, false, "rename");
    if (dst.mount == null) {
      throw error("EROFS", "rename", to);
    }
    if (src.isMountRoot() || dst.isMountRoot()) {
      throw error("EBUSY", "rename", from);
    }
    if (src.mount != dst.mount) {
      throw error("EXDEV", "rename", from);
    }
    checkWritable(src, "rename", from);
    if (dst.components.size() > src.components.size()
        && dst.components.subList(0, src.components.size()).equals(src.components)) {
      throw error("EINVAL", "rename", from);
    }
    boolean srcDir = Files.isDirectory(src.host, NOFOLLOW);
    if (exists(dst.host)) {
      boolean dstDir = Files.isDirectory(dst.host, NOFOLLOW);
      if (srcDir && !dstDir) {
        throw error("ENOTDIR", "rename", to);
      }
      if (!srcDir && dstDir) {
        throw error("EISDIR", "rename", to);
      }
    }
    try {
      try {
        Files.move(src.host, dst.host, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(src.host, dst.host, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | UnsupportedOperationException e) {
      throw error(FsErrors.codeOf(e), "rename", from);
    }
  }

  /** {@code fs.chmod(path, mode)}; a no-op on file systems without POSIX permissions. */
  public void chmod(String path, int mode) {
    Location loc = existingHost(path, true, "chmod");
    checkWritable(loc, "chmod", path);
    setMode(loc.host, mode, "chmod", path);
  }

  /** {@code fs.fchmod(fd, mode)}. */
  public void fchmod(int fd, int mode) {
    OpenFile f = file(fd, "fchmod");
    checkWritable(f.location, "fchmod", f.location.guestPath());
    setMode(f.location.host, mode, "fchmod", f.location.guestPath());
  }

  private static void setMode(Path host, int mode, String op, String path) {
    if (!posix(host)) {
      return;
    }
    try {
      Files.setPosixFilePermissions(host, perms(mode & 0777));
    } catch (IOException | UnsupportedOperationException e) {
      throw error(FsErrors.codeOf(e), op, path);
    }
  }

  /**
   * {@code fs.chown}, {@code fs.lchown}: the guest runs as uid 0 with no real users, so this only
   * checks that the file exists and may be changed.
   */
  public void chown(String path, boolean follow) {
    String op = follow ? "chown" : "lchown";
    Location loc = existingHost(path, follow, op);
    checkWritable(loc, op, path);
  }

  /** {@code fs.fchown(fd, ...)}: see {@link #chown}. */
  public void fchown(int fd) {
    OpenFile f = file(fd, "fchown");
    checkWritable(f.location, "fchown", f.location.guestPath());
  }

  /** {@code fs.truncate(path, length)}. */
  public void truncate(String path, long length) {
    Location loc = existingHost(path, true, "truncate");
    if (loc.isMountRoot() || Files.isDirectory(loc.host)) {
      throw error("EISDIR", "truncate", path);
    }
    checkWritable(loc, "truncate", path);
    try (SeekableByteChannel ch = Files.newByteChannel(loc.host, StandardOpenOption.WRITE)) {
      setLength(ch, length);
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      throw error(FsErrors.codeOf(e), "truncate", path);
    }
  }

  /** {@code fs.utimes(path, atime, mtime)} with times in seconds since the epoch. */
  public void utimes(String path, double atimeSec, double mtimeSec) {
    Location loc = existingHost(path, true, "utime");
    checkWritable(loc, "utime", path);
    try {
      Files.getFileAttributeView(loc.host, BasicFileAttributeView.class)
          .setTimes(fileTime(mtimeSec), fileTime(atimeSec), null);
    } catch (IOException | UnsupportedOperationException e) {
      throw error(FsErrors.codeOf(e), "utime", path);
    }
  }

  private static FileTime fileTime(double seconds) {
    return FileTime.from((long) (seconds * 1_000_000), TimeUnit.MICROSECONDS);
  }

  /** {@code fs.readlink(path)}: the link's target text. */
  public String readlink(String path) {
    Location loc = existingHost(path, false, "readlink");
    if (loc.isMountRoot() || !Files.isSymbolicLink(loc.host)) {
      throw error("EINVAL", "readlink", path);
    }
    try {
      return Files.readSymbolicLink(loc.host).toString();
    } catch (IOException | UnsupportedOperationException e) {
      throw error(FsErrors.codeOf(e), "readlink", path);
    }
  }

  /**
   * {@code fs.symlink(target, path)}: the target text is stored as given and interpreted in the
   * guest namespace when the link is followed.
   */
  public void symlink(String target, String path) {
    if (target.isEmpty() || target.indexOf('\0') >= 0) {
      throw error(target.isEmpty() ? "ENOENT" : "EINVAL", "symlink", path);
    }
    Location loc = resolve(path, false, "symlink");
    if (loc.mount == null) {
      throw error(isVirtualDir(loc) ? "EEXIST" : "EROFS", "symlink", path);
    }
    if (loc.isMountRoot() || exists(loc.host)) {
      throw error("EEXIST", "symlink", path);
    }
    checkWritable(loc, "symlink", path);
    try {
      Files.createSymbolicLink(loc.host, loc.host.getFileSystem().getPath(target));
    } catch (IOException | UnsupportedOperationException | InvalidPathException e) {
      throw error(FsErrors.codeOf(e), "symlink", path);
    }
  }

  /** {@code fs.link(existing, path)}: a hard link within one mount. */
  public void link(String existing, String path) {
    Location src = existingHost(existing, false, "link");
    Location dst = resolve(path, false, "link");
    if (dst.mount == null) {
      throw error(isVirtualDir(dst) ? "EEXIST" : "EROFS", "link", path);
    }
    if (src.mount != dst.mount) {
      throw error("EXDEV", "link", existing);
    }
    if (src.isMountRoot() || Files.isDirectory(src.host, NOFOLLOW)) {
      throw error("EPERM", "link", existing);
    }
    if (dst.isMountRoot() || exists(dst.host)) {
      throw error("EEXIST", "link", path);
    }
    checkWritable(dst, "link", path);
    try {
      Files.createLink(dst.host, src.host);
    } catch (IOException | UnsupportedOperationException e) {
      throw error(FsErrors.codeOf(e), "link", existing);
    }
  }

  /** Closes every open descriptor; used when the program ends. */
  public void closeAll() {
    for (OpenFile f : files.values()) {
      if (f.channel != null) {
        try {
          f.channel.close();
        } catch (IOException e) {
          // closing at the end: nothing to report to
        }
      }
    }
    files.clear();
  }
}
