package dev.zerowasm.wasi.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Resolves a guest path against a directory descriptor without ever leaving that directory: the
 * sandbox of the WASI file system.
 *
 * <p>Resolution works on path components and never asks the host to resolve more than one component
 * at a time:
 *
 * <ul>
 *   <li>An empty path is {@code ENOENT}; a path with a NUL byte is {@code EINVAL}; an absolute path
 *       ({@code /...}) is {@code EPERM}.
 *   <li>{@code .} and empty components are skipped. {@code ..} pops the last component; popping
 *       past the starting directory is {@code EPERM}. So, as in wasmtime (cap-std), a path can
 *       never climb above the descriptor it is resolved from, even inside the same mount.
 *   <li>After each normal component the resolver checks, without following it, whether the host
 *       entry is a symbolic link. If it is (and it is not the last component, or the caller follows
 *       the last one, or a trailing slash forces following), its target is read with {@code
 *       Files.readSymbolicLink} and spliced into the remaining components, relative to the link's
 *       directory. An absolute target, or one that climbs above the start, is {@code EPERM}; more
 *       than {@link #MAX_SYMLINKS} expansions is {@code ELOOP}.
 * </ul>
 *
 * <p>The resulting host path therefore contains no symbolic links except possibly the last
 * component when the caller did not ask to follow it; the caller then uses {@code
 * LinkOption.NOFOLLOW_LINKS}. We do not use {@code toRealPath()}: it follows links on the host
 * first and checks afterwards, which cannot tell a link pointing outside from a path that leaves
 * and re-enters, and which does not exist for dangling links. A concurrent host process that swaps
 * a directory for a symbolic link between our check and the operation (TOCTOU) is outside this
 * model; mount only directories the host controls.
 */
final class PathResolver {
  /** Symbolic link expansions allowed in one resolution, as Linux's MAXSYMLINKS. */
  static final int MAX_SYMLINKS = 40;

  private PathResolver() {}

  /**
   * A resolved path.
   *
   * @param host the host path (within the start directory)
   * @param trailingSlash whether the guest path ended in {@code /}, which requires a directory
   * @param isStart whether the path names the start directory itself (e.g. {@code "."})
   */
  record Resolved(Path host, boolean trailingSlash, boolean isStart) {}

  /**
   * Resolves {@code guestPath} from directory {@code start}.
   *
   * @param followFinal whether a symbolic link in the last component is followed
   */
  static Resolved resolve(Path start, String guestPath, boolean followFinal)
      throws WasiErrnoException {
    if (guestPath.isEmpty()) {
      throw new WasiErrnoException(Errno.ENOENT);
    }
    if (guestPath.indexOf('\0') >= 0) {
      throw new WasiErrnoException(Errno.EINVAL);
    }
    if (guestPath.charAt(0) == '/') {
      throw new WasiErrnoException(Errno.EPERM);
    }
    boolean trailingSlash = guestPath.endsWith("/");
    Deque<String> pending = new ArrayDeque<>();
    splitInto(guestPath, pending, false);
    List<String> stack = new ArrayList<>();
    int links = 0;
    while (!pending.isEmpty()) {
      String c = pending.pollFirst();
      if (c.isEmpty() || c.equals(".")) {
        continue;
      }
      if (c.equals("..")) {
        if (stack.isEmpty()) {
          throw new WasiErrnoException(Errno.EPERM);
        }
        stack.remove(stack.size() - 1);
        continue;
      }
      stack.add(c);
      boolean last = pending.stream().allMatch(p -> p.isEmpty() || p.equals("."));
      if (last && !followFinal && !trailingSlash) {
        continue;
      }
      Path host = toHost(start, stack);
      BasicFileAttributes attrs;
      try {
        attrs = Files.readAttributes(host, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (IOException | UnsupportedOperationException | SecurityException e) {
        // Missing (or unreadable) entries are left for the operation itself to report.
        continue;
      }
      if (!attrs.isSymbolicLink()) {
        continue;
      }
      if (++links > MAX_SYMLINKS) {
        throw new WasiErrnoException(Errno.ELOOP);
      }
      String target;
      try {
        target = Files.readSymbolicLink(host).toString();
      } catch (IOException | UnsupportedOperationException e) {
        throw new WasiErrnoException(HostFiles.errnoOf(e));
      }
      if (target.isEmpty()) {
        throw new WasiErrnoException(Errno.ENOENT);
      }
      if (target.charAt(0) == '/' || host.getFileSystem().getPath(target).isAbsolute()) {
        throw new WasiErrnoException(Errno.EPERM);
      }
      stack.remove(stack.size() - 1);
      splitInto(target, pending, true);
    }
    return new Resolved(toHost(start, stack), trailingSlash, stack.isEmpty());
  }

  /** Splits on '/' and adds the parts to {@code out}, at the front if {@code front}. */
  private static void splitInto(String path, Deque<String> out, boolean front) {
    String[] parts = path.split("/", -1);
    if (front) {
      for (int i = parts.length - 1; i >= 0; i--) {
        out.addFirst(parts[i]);
      }
    } else {
      for (String p : parts) {
        out.addLast(p);
      }
    }
  }

  private static Path toHost(Path start, List<String> components) throws WasiErrnoException {
    Path p = start;
    try {
      for (String c : components) {
        p = p.resolve(c);
      }
    } catch (InvalidPathException e) {
      throw new WasiErrnoException(Errno.EINVAL);
    }
    return p;
  }
}
