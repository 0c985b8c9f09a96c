package dev.zerowasm.wasi.internal;

import static dev.zerowasm.wasi.internal.WasiConstants.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerowasm.FsConfig;
import dev.zerowasm.ModuleConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Escape attempts: absolute paths, {@code ..} past the start, symbolic links (relative and
 * absolute, to files and directories, direct and in the middle of a path) pointing outside the
 * mount, and writes on read-only mounts. Every one must be refused and leave the outside alone.
 */
class SandboxTest extends WasiTestBase {
  @TempDir Path tmp;
  Path root;
  Path ro;
  Path secret;

  @BeforeEach
  void setUp() throws IOException {
    root = Files.createDirectory(tmp.resolve("root"));
    ro = Files.createDirectory(tmp.resolve("ro"));
    Files.writeString(ro.resolve("data.txt"), "read me");
    Files.createDirectory(ro.resolve("dir"));
    Path outside = Files.createDirectory(tmp.resolve("outside"));
    secret = Files.writeString(outside.resolve("secret"), "top secret");
    Files.createDirectories(root.resolve("a/b"));
    // Links pointing outside, planted by the host (a guest cannot create absolute ones).
    Files.createSymbolicLink(root.resolve("abs-file"), secret);
    Files.createSymbolicLink(root.resolve("abs-dir"), outside);
    Files.createSymbolicLink(root.resolve("rel-file"), Path.of("../outside/secret"));
    Files.createSymbolicLink(root.resolve("rel-dir"), Path.of("../outside"));
    Files.createSymbolicLink(root.resolve("a/b/up3"), Path.of("../../../outside/secret"));
    Files.createSymbolicLink(root.resolve("a/up-to-root"), Path.of(".."));
    start(
        ModuleConfig.create()
            .withFsConfig(
                FsConfig.create().withDirMount(root, "/").withReadOnlyDirMount(ro, "/ro")));
  }

  int openFollow(int dir, String path, int oflags, long rights) {
    return openErrno(dir, LOOKUPFLAGS_SYMLINK_FOLLOW, path, oflags, rights, 0);
  }

  @Test
  void absolutePathsAreRefused() {
    assertErrno(openFollow(3, "/a", OFLAGS_DIRECTORY, 0), Errno.EPERM);
    assertErrno(openFollow(3, secret.toString(), 0, RIGHT_FD_READ), Errno.EPERM);
    assertErrno(
        pathCall((f, p, l) -> wasi.pathCreateDirectory(mem, f, p, l), 3, "/x"), Errno.EPERM);
    assertErrno(
        pathCall((f, p, l) -> wasi.pathUnlinkFile(mem, f, p, l), 3, secret.toString()),
        Errno.EPERM);
    assertThat(secret).exists();
  }

  @Test
  void dotDotPastTheStartIsRefused() {
    assertErrno(openFollow(3, "..", OFLAGS_DIRECTORY, 0), Errno.EPERM);
    assertErrno(openFollow(3, "../outside/secret", 0, RIGHT_FD_READ), Errno.EPERM);
    assertErrno(openFollow(3, "a/../../outside/secret", 0, RIGHT_FD_READ), Errno.EPERM);
    assertErrno(openFollow(3, "a/b/../../..", OFLAGS_DIRECTORY, 0), Errno.EPERM);
    // A descriptor opened below the preopen cannot climb above itself either (as in wasmtime).
    int a = open(3, "a", OFLAGS_DIRECTORY, 0);
    assertErrno(openFollow(a, "..", OFLAGS_DIRECTORY, 0), Errno.EPERM);
    assertErrno(openFollow(a, "b/../..", OFLAGS_DIRECTORY, 0), Errno.EPERM);
    assertErrno(openFollow(a, "b/..", OFLAGS_DIRECTORY, 0), Errno.SUCCESS);
    int len = put(PATH, "../outside/secret");
    assertErrno(wasi.pathFilestatGet(mem, 3, 0, PATH, len, OUT), Errno.EPERM);
    int l2 = put(PATH2, "stolen");
    assertErrno(wasi.pathRename(mem, 3, PATH, len, 3, PATH2, l2), Errno.EPERM);
    assertErrno(wasi.pathLink(mem, 3, 0, PATH, len, 3, PATH2, l2), Errno.EPERM);
    assertThat(root.resolve("stolen")).doesNotExist();
  }

  @Test
  void symlinksToOutsideFilesAreRefused() {
    for (String link : new String[] {"abs-file", "rel-file", "a/b/up3"}) {
      assertErrno(openFollow(3, link, 0, RIGHT_FD_READ), Errno.EPERM);
      int len = put(PATH, link);
      assertErrno(
          wasi.pathFilestatGet(mem, 3, LOOKUPFLAGS_SYMLINK_FOLLOW, PATH, len, OUT), Errno.EPERM);
      assertErrno(
          wasi.pathFilestatSetTimes(
              mem, 3, LOOKUPFLAGS_SYMLINK_FOLLOW, PATH, len, 0, 0, FSTFLAGS_MTIM_NOW),
          Errno.EPERM);
    }
    // O_CREAT|O_TRUNC through the link must not touch the target either.
    assertErrno(openFollow(3, "rel-file", OFLAGS_CREAT | OFLAGS_TRUNC, RW), Errno.EPERM);
    assertThat(secret).hasContent("top secret");
  }

  @Test
  void symlinksToOutsideDirectoriesAreRefused() {
    assertErrno(openFollow(3, "abs-dir", OFLAGS_DIRECTORY, 0), Errno.EPERM);
    assertErrno(openFollow(3, "rel-dir", OFLAGS_DIRECTORY, 0), Errno.EPERM);
    // In the middle of a path a link is always followed, whatever the lookup flags.
    assertErrno(openErrno(3, 0, "abs-dir/secret", 0, RIGHT_FD_READ, 0), Errno.EPERM);
    assertErrno(openErrno(3, 0, "rel-dir/secret", 0, RIGHT_FD_READ, 0), Errno.EPERM);
    assertErrno(openErrno(3, 0, "rel-dir/new", OFLAGS_CREAT, RW, 0), Errno.EPERM);
    assertErrno(
        pathCall((f, p, l) -> wasi.pathUnlinkFile(mem, f, p, l), 3, "rel-dir/secret"), Errno.EPERM);
    assertErrno(
        pathCall((f, p, l) -> wasi.pathCreateDirectory(mem, f, p, l), 3, "abs-dir/x"), Errno.EPERM);
    // A link to ".." from a directory just below the start stays inside...
    assertErrno(openFollow(3, "a/up-to-root/a/b", OFLAGS_DIRECTORY, 0), Errno.SUCCESS);
    // ...but from a descriptor on "a" it climbs above the start.
    int a = open(3, "a", OFLAGS_DIRECTORY, 0);
    assertErrno(openFollow(a, "up-to-root", OFLAGS_DIRECTORY, 0), Errno.EPERM);
    assertThat(secret).hasContent("top secret");
    assertThat(secret.getParent().resolve("new")).doesNotExist();
  }

  @Test
  void linksToOutsideCanBeInspectedAndRemovedWithoutFollowing() throws IOException {
    int len = put(PATH, "abs-file");
    assertErrno(wasi.pathFilestatGet(mem, 3, 0, PATH, len, OUT), Errno.SUCCESS);
    assertThat(mem.readByte(OUT + 16)).isEqualTo((byte) FILETYPE_SYMBOLIC_LINK);
    assertErrno(wasi.pathReadlink(mem, 3, PATH, len, BUF, 200, OUT), Errno.SUCCESS);
    assertErrno(
        pathCall((f, p, l) -> wasi.pathUnlinkFile(mem, f, p, l), 3, "abs-file"), Errno.SUCCESS);
    assertThat(secret).exists();
    assertThat(Files.exists(root.resolve("abs-file"), java.nio.file.LinkOption.NOFOLLOW_LINKS))
        .isFalse();
  }

  @Test
  void guestCannotCreateAbsoluteSymlinks() {
    int l1 = put(PATH, secret.toString());
    int l2 = put(PATH2, "mine");
    assertErrno(wasi.pathSymlink(mem, PATH, l1, 3, PATH2, l2), Errno.EPERM);
    // A relative one that climbs out can be created but never followed.
    l1 = put(PATH, "../outside/secret");
    assertErrno(wasi.pathSymlink(mem, PATH, l1, 3, PATH2, l2), Errno.SUCCESS);
    assertErrno(openFollow(3, "mine", 0, RIGHT_FD_READ), Errno.EPERM);
  }

  @Test
  void readOnlyMountAllowsReadingOnly() throws IOException {
    int ro4 = 4;
    assertErrno(wasi.fdPrestatGet(mem, ro4, OUT), Errno.SUCCESS);
    assertThat(mem.readIntLe(OUT + 4)).isEqualTo(3);
    assertErrno(wasi.fdPrestatDirName(mem, ro4, PATH, 3), Errno.SUCCESS);
    assertThat(getString(PATH, 3)).isEqualTo("/ro");
    int fd = open(ro4, "data.txt", 0, RIGHT_FD_READ);
    assertThat(read(fd, 100)).isEqualTo("read me");
    assertErrno(write(fd, "x"), Errno.EBADF);
    assertErrno(wasi.fdFilestatSetSize(mem, fd, 0), Errno.EROFS);
    assertErrno(wasi.fdFilestatSetTimes(mem, fd, 0, 0, FSTFLAGS_MTIM_NOW), Errno.EROFS);
    assertErrno(openErrno(ro4, 0, "data.txt", 0, RW, 0), Errno.EROFS);
    assertErrno(openErrno(ro4, 0, "data.txt", OFLAGS_TRUNC, RIGHT_FD_READ, 0), Errno.EROFS);
    assertErrno(openErrno(ro4, 0, "new.txt", OFLAGS_CREAT, RIGHT_FD_READ, 0), Errno.EROFS);
    // O_CREAT of an existing file creates nothing: allowed for reading.
    assertErrno(openErrno(ro4, 0, "data.txt", OFLAGS_CREAT, RIGHT_FD_READ, 0), Errno.SUCCESS);
    assertErrno(
        pathCall((f, p, l) -> wasi.pathCreateDirectory(mem, f, p, l), ro4, "x"), Errno.EROFS);
    assertErrno(
        pathCall((f, p, l) -> wasi.pathUnlinkFile(mem, f, p, l), ro4, "data.txt"), Errno.EROFS);
    assertErrno(
        pathCall((f, p, l) -> wasi.pathRemoveDirectory(mem, f, p, l), ro4, "dir"), Errno.EROFS);
    int l1 = put(PATH, "data.txt");
    int l2 = put(PATH2, "moved.txt");
    assertErrno(wasi.pathRename(mem, ro4, PATH, l1, ro4, PATH2, l2), Errno.EROFS);
    assertErrno(wasi.pathLink(mem, ro4, 0, PATH, l1, ro4, PATH2, l2), Errno.EROFS);
    // Moving a file out of the read-only mount into the writable one is refused too.
    assertErrno(wasi.pathRename(mem, ro4, PATH, l1, 3, PATH2, l2), Errno.EROFS);
    assertErrno(wasi.pathSymlink(mem, PATH, l1, ro4, PATH2, l2), Errno.EROFS);
    assertErrno(
        wasi.pathFilestatSetTimes(mem, ro4, 0, PATH, l1, 0, 0, FSTFLAGS_MTIM_NOW), Errno.EROFS);
    // Directories opened below a read-only mount stay read-only.
    int dir = open(ro4, "dir", OFLAGS_DIRECTORY, 0);
    assertErrno(openErrno(dir, 0, "y", OFLAGS_CREAT, RW, 0), Errno.EROFS);
    assertThat(ro.resolve("data.txt")).hasContent("read me");
    try (var s = Files.list(ro)) {
      assertThat(s).hasSize(2);
    }
  }

  @Test
  void noMountsMeansNoPreopens() {
    start(ModuleConfig.create());
    assertErrno(wasi.fdPrestatGet(mem, 3, OUT), Errno.EBADF);
    assertErrno(openErrno(3, 0, "file", 0, RIGHT_FD_READ, 0), Errno.EBADF);
  }

  @Test
  void mountMustStillBeAnExistingDirectoryWhenTheGuestStarts() throws Exception {
    // FsConfig checks when it is made; the directory can go away before the guest's first call.
    Path gone = Files.createDirectory(tmp.resolve("gone"));
    ModuleConfig c = ModuleConfig.create().withFsConfig(FsConfig.create().withDirMount(gone, "/"));
    Files.delete(gone);
    assertThatThrownBy(() -> new WasiPreview1(c))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an existing directory");
  }

  @Test
  void resolverUnitCases() throws Exception {
    assertThat(PathResolver.resolve(root, "a/./b/..", false).host()).isEqualTo(root.resolve("a"));
    assertThat(PathResolver.resolve(root, ".", false).isStart()).isTrue();
    assertThat(PathResolver.resolve(root, "a/", false).trailingSlash()).isTrue();
    assertThatThrownBy(() -> PathResolver.resolve(root, "", false))
        .isInstanceOf(WasiErrnoException.class);
    assertThat(errnoOf(() -> PathResolver.resolve(root, "a\0", false))).isEqualTo(Errno.EINVAL);
    assertThat(errnoOf(() -> PathResolver.resolve(root, "..", false))).isEqualTo(Errno.EPERM);
    assertThat(errnoOf(() -> PathResolver.resolve(root, "/", false))).isEqualTo(Errno.EPERM);
    // The final component is not followed unless asked: the link itself is the result.
    assertThat(PathResolver.resolve(root, "abs-file", false).host())
        .isEqualTo(root.resolve("abs-file"));
    assertThat(errnoOf(() -> PathResolver.resolve(root, "abs-file", true))).isEqualTo(Errno.EPERM);
    // A trailing slash forces following.
    assertThat(errnoOf(() -> PathResolver.resolve(root, "rel-dir/", false))).isEqualTo(Errno.EPERM);
  }

  interface ResolveCall {
    Object call() throws Exception;
  }

  static int errnoOf(ResolveCall c) throws Exception {
    try {
      c.call();
      return Errno.SUCCESS;
    } catch (WasiErrnoException e) {
      return e.errno;
    }
  }
}
