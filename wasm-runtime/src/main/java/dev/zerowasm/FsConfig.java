package dev.zerowasm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Which host directories a guest sees, and under which guest paths; part of a {@link
 * ModuleConfig}. For WASI each mount becomes a preopened directory (file descriptors 3, 4, ... in
 * the order added) whose name is the guest path, e.g. {@code "/"} or {@code "/data"}; for a Go
 * {@code GOOS=js} program each guest path is an absolute path in its single file namespace.
 *
 * <p>Any {@link java.nio.file.Path} works as a host directory: the default file system, a zip file
 * system, or an in-memory one. No guest path can leave its mount: absolute paths, {@code ..} past
 * the starting directory and symbolic links that point outside are refused.
 *
 * <p>Immutable: every {@code withX} method returns a new copy.
 */
public final class FsConfig {
  private static final FsConfig EMPTY = new FsConfig(List.of());

  private final List<Mount> mounts;

  private FsConfig(List<Mount> mounts) {
    this.mounts = mounts;
  }

  /** A configuration with no mounts: the guest sees no file system. */
  public static FsConfig create() {
    return EMPTY;
  }

  /**
   * Returns a copy that also mounts {@code hostDir} read-write at {@code guestPath}.
   *
   * @param hostDir an existing directory on any file system
   * @param guestPath the preopen name the guest sees, e.g. {@code "/"}
   * @throws IllegalArgumentException if {@code hostDir} is not an existing directory
   */
  public FsConfig withDirMount(Path hostDir, String guestPath) {
    return with(new Mount(hostDir, guestPath, false));
  }

  /**
   * Returns a copy that also mounts {@code hostDir} read-only at {@code guestPath}: the guest can
   * read it, but every change (create, write, rename, delete, set times) fails with {@code EROFS}
   * or, for a write on a file opened for reading, {@code EBADF}.
   *
   * @throws IllegalArgumentException if {@code hostDir} is not an existing directory
   */
  public FsConfig withReadOnlyDirMount(Path hostDir, String guestPath) {
    return with(new Mount(hostDir, guestPath, true));
  }

  private FsConfig with(Mount mount) {
    // Checked here, when the configuration is made, so that a typo fails at start-up with the
    // path in the message rather than as an errno inside the guest.
    if (!Files.isDirectory(mount.hostDir())) {
      throw new IllegalArgumentException(
          "mount '" + mount.guestPath() + "': host path " + mount.hostDir().toUri()
              + " is not an existing directory");
    }
    List<Mount> copy = new ArrayList<>(mounts);
    copy.add(mount);
    return new FsConfig(Collections.unmodifiableList(copy));
  }

  /** The mounts, in the order they were added (which is the order of their preopen fds). */
  public List<Mount> mounts() {
    return mounts;
  }

  /**
   * One mounted directory.
   *
   * @param hostDir the host directory
   * @param guestPath the name the guest sees for it
   * @param readOnly whether the guest may only read
   */
  public record Mount(Path hostDir, String guestPath, boolean readOnly) {
    /** Checks that nothing is null. */
    public Mount {
      Objects.requireNonNull(hostDir, "hostDir");
      Objects.requireNonNull(guestPath, "guestPath");
    }
  }
}
