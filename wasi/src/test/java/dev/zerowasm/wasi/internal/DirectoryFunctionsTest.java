package dev.zerowasm.wasi.internal;

import static dev.zerowasm.wasi.internal.WasiConstants.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.FsConfig;
import dev.zerowasm.ModuleConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Directories and links: create/remove, readdir, rename, unlink, link, symlink, readlink. */
class DirectoryFunctionsTest extends WasiTestBase {
  @TempDir Path tmp;
  Path root;

  @BeforeEach
  void setUp() throws IOException {
    root = Files.createDirectory(tmp.resolve("root"));
    start(ModuleConfig.create().withFsConfig(FsConfig.create().withDirMount(root, "/")));
  }

  int createDirectory(int fd, String path) {
    return pathCall((f, p, l) -> wasi.pathCreateDirectory(mem, f, p, l), fd, path);
  }

  int removeDirectory(int fd, String path) {
    return pathCall((f, p, l) -> wasi.pathRemoveDirectory(mem, f, p, l), fd, path);
  }

  int unlink(int fd, String path) {
    return pathCall((f, p, l) -> wasi.pathUnlinkFile(mem, f, p, l), fd, path);
  }

  int rename(String from, String to) {
    int l1 = put(PATH, from);
    int l2 = put(PATH2, to);
    return wasi.pathRename(mem, 3, PATH, l1, 3, PATH2, l2);
  }

  int symlink(String target, String link) {
    int l1 = put(PATH, target);
    int l2 = put(PATH2, link);
    return wasi.pathSymlink(mem, PATH, l1, 3, PATH2, l2);
  }

  int link(String from, String to, int flags) {
    int l1 = put(PATH, from);
    int l2 = put(PATH2, to);
    return wasi.pathLink(mem, 3, flags, PATH, l1, 3, PATH2, l2);
  }

  record Dirent(long next, long ino, String name, int type) {}

  /** Calls fd_readdir and decodes the complete entries in the buffer. */
  List<Dirent> readdir(int fd, long cookie, int bufLen) {
    assertErrno(wasi.fdReaddir(mem, fd, BUF, bufLen, cookie, OUT), Errno.SUCCESS);
    int used = outInt();
    assertThat(used).isLessThanOrEqualTo(bufLen);
    List<Dirent> out = new ArrayList<>();
    int p = 0;
    while (p + SIZEOF_DIRENT <= used) {
      long next = mem.readLongLe(BUF + p);
      long ino = mem.readLongLe(BUF + p + 8);
      int namlen = mem.readIntLe(BUF + p + 16);
      int type = mem.readByte(BUF + p + 20);
      if (p + SIZEOF_DIRENT + namlen > used) {
        break;
      }
      String name = new String(mem.read(BUF + p + SIZEOF_DIRENT, namlen), StandardCharsets.UTF_8);
      out.add(new Dirent(next, ino, name, type));
      p += SIZEOF_DIRENT + namlen;
    }
    return out;
  }

  @Test
  void createAndRemoveDirectories() {
    assertErrno(createDirectory(3, "a"), Errno.SUCCESS);
    assertErrno(createDirectory(3, "a/b/"), Errno.SUCCESS);
    assertThat(Files.isDirectory(root.resolve("a/b"))).isTrue();
    assertErrno(createDirectory(3, "a"), Errno.EEXIST);
    assertErrno(createDirectory(3, "."), Errno.EEXIST);
    assertErrno(createDirectory(3, "x/y"), Errno.ENOENT);
    assertErrno(removeDirectory(3, "a"), Errno.ENOTEMPTY);
    assertErrno(removeDirectory(3, "a/b/"), Errno.SUCCESS);
    assertErrno(removeDirectory(3, "a/b"), Errno.ENOENT);
    open(3, "a/file", OFLAGS_CREAT, RW);
    assertErrno(removeDirectory(3, "a/file"), Errno.ENOTDIR);
    assertErrno(removeDirectory(3, "."), Errno.EINVAL);
    assertErrno(unlink(3, "a/file"), Errno.SUCCESS);
    assertErrno(removeDirectory(3, "a"), Errno.SUCCESS);
    assertThat(Files.exists(root.resolve("a"))).isFalse();
  }

  @Test
  void unlinkFiles() throws IOException {
    Files.writeString(root.resolve("f"), "x");
    Files.createDirectory(root.resolve("d"));
    assertErrno(unlink(3, "d"), Errno.EISDIR);
    assertErrno(unlink(3, "f/"), Errno.ENOTDIR);
    assertErrno(unlink(3, "missing"), Errno.ENOENT);
    assertErrno(unlink(3, "f"), Errno.SUCCESS);
    assertThat(Files.exists(root.resolve("f"))).isFalse();
  }

  @Test
  void readdirListsDotDotDotAndEntriesWithInodes() throws IOException {
    Files.createDirectory(root.resolve("d"));
    int d = open(3, "d", OFLAGS_DIRECTORY, 0);
    List<Dirent> empty = readdir(d, 0, 256);
    assertThat(empty).extracting(Dirent::name).containsExactly(".", "..");
    assertThat(empty.get(0).type()).isEqualTo(FILETYPE_DIRECTORY);
    assertThat(empty.get(1).type()).isEqualTo(FILETYPE_DIRECTORY);
    assertErrno(wasi.fdFilestatGet(mem, d, OUT), Errno.SUCCESS);
    assertThat(empty.get(0).ino()).isEqualTo(mem.readLongLe(OUT + 8));
    assertErrno(wasi.fdFilestatGet(mem, 3, OUT), Errno.SUCCESS);
    assertThat(empty.get(1).ino()).isEqualTo(mem.readLongLe(OUT + 8));

    int f = open(d, "file", OFLAGS_CREAT, RW);
    assertErrno(wasi.fdFilestatGet(mem, f, OUT), Errno.SUCCESS);
    long fileIno = mem.readLongLe(OUT + 8);
    Files.createDirectory(root.resolve("d/sub"));
    List<Dirent> all = readdir(d, 0, 256);
    assertThat(all).extracting(Dirent::name).containsExactly(".", "..", "file", "sub");
    assertThat(all).extracting(Dirent::next).containsExactly(1L, 2L, 3L, 4L);
    assertThat(all.get(2).ino()).isEqualTo(fileIno);
    assertThat(all.get(2).type()).isEqualTo(FILETYPE_REGULAR_FILE);
    assertThat(all.get(3).type()).isEqualTo(FILETYPE_DIRECTORY);
    // Continue from a cookie.
    assertThat(readdir(d, all.get(2).next(), 256)).extracting(Dirent::name).containsExactly("sub");
    assertThat(readdir(d, 4, 256)).isEmpty();
    assertThat(readdir(d, 100, 256)).isEmpty();
    // readdir on a file is ENOTDIR
    assertErrno(wasi.fdReaddir(mem, f, BUF, 256, 0, OUT), Errno.ENOTDIR);
  }

  @Test
  void readdirTruncatesTheLastEntryWhenTheBufferIsShort() throws IOException {
    Files.writeString(root.resolve("abc"), "");
    // "." is 25 bytes, ".." 26, "abc" 27: 60 bytes would need 78.
    assertErrno(wasi.fdReaddir(mem, 3, BUF, 60, 0, OUT), Errno.SUCCESS);
    assertThat(outInt()).isEqualTo(60);
    // The third entry's header starts at 51 and is cut after 9 bytes: d_next=3 then 1 ino byte.
    assertThat(mem.readLongLe(BUF + 51)).isEqualTo(3);
    List<Dirent> first = readdir(3, 0, 60);
    assertThat(first).extracting(Dirent::name).containsExactly(".", "..");
    // Continue after the last complete entry.
    assertThat(readdir(3, first.get(1).next(), 60)).extracting(Dirent::name).containsExactly("abc");
    // A zero-length buffer returns nothing.
    assertErrno(wasi.fdReaddir(mem, 3, BUF, 0, 0, OUT), Errno.SUCCESS);
    assertThat(outInt()).isZero();
  }

  @Test
  void readdirPagesThroughManyEntries() throws IOException {
    for (int i = 0; i < 300; i++) {
      Files.writeString(root.resolve("file." + i), "");
    }
    int total = 0;
    long cookie = 0;
    while (true) {
      List<Dirent> page = readdir(3, cookie, 256);
      total += page.size();
      if (outInt() < 256) {
        break;
      }
      cookie = page.get(page.size() - 1).next();
    }
    assertThat(total).isEqualTo(302);
  }

  @Test
  void renameFilesAndDirectories() throws IOException {
    Files.writeString(root.resolve("a"), "A");
    Files.writeString(root.resolve("b"), "B");
    Files.createDirectory(root.resolve("d"));
    Files.createDirectory(root.resolve("e"));
    Files.writeString(root.resolve("e/x"), "");
    assertErrno(rename("a", "b"), Errno.SUCCESS);
    assertThat(Files.readString(root.resolve("b"))).isEqualTo("A");
    assertThat(Files.exists(root.resolve("a"))).isFalse();
    assertErrno(rename("a", "c"), Errno.ENOENT);
    assertErrno(rename("b", "d"), Errno.EISDIR);
    assertErrno(rename("d", "b"), Errno.ENOTDIR);
    assertErrno(rename("d", "e"), Errno.ENOTEMPTY);
    assertErrno(rename("b/", "c"), Errno.ENOTDIR);
    assertErrno(rename("b", "c/"), Errno.ENOTDIR);
    assertErrno(rename("d/", "d2/"), Errno.SUCCESS);
    assertThat(Files.isDirectory(root.resolve("d2"))).isTrue();
    Files.createDirectory(root.resolve("empty"));
    assertErrno(rename("d2", "empty"), Errno.SUCCESS);
    assertThat(Files.exists(root.resolve("d2"))).isFalse();
    assertErrno(rename("b", "e/y"), Errno.SUCCESS);
    assertThat(Files.readString(root.resolve("e/y"))).isEqualTo("A");
    assertErrno(rename("e", "e/sub"), Errno.EINVAL);
  }

  @Test
  void symlinksAndReadlink() throws IOException {
    Files.writeString(root.resolve("target"), "T");
    assertErrno(symlink("target", "link"), Errno.SUCCESS);
    assertThat(Files.readSymbolicLink(root.resolve("link")).toString()).isEqualTo("target");
    assertErrno(symlink("target", "link"), Errno.EEXIST);
    assertErrno(symlink("target", "link2/"), Errno.ENOENT);
    int len = put(PATH, "link");
    mem.write(BUF, new byte[10]);
    assertErrno(wasi.pathReadlink(mem, 3, PATH, len, BUF, 10, OUT), Errno.SUCCESS);
    assertThat(outInt()).isEqualTo(6);
    assertThat(getString(BUF, 6)).isEqualTo("target");
    assertThat(mem.read(BUF + 6, 4)).containsExactly(0, 0, 0, 0);
    assertErrno(wasi.pathReadlink(mem, 3, PATH, len, BUF, 4, OUT), Errno.SUCCESS);
    assertThat(outInt()).isEqualTo(4);
    assertThat(getString(BUF, 4)).isEqualTo("targ");
    len = put(PATH, "target");
    assertErrno(wasi.pathReadlink(mem, 3, PATH, len, BUF, 10, OUT), Errno.EINVAL);
    // Opening follows only with SYMLINK_FOLLOW; without it a final link is ELOOP.
    assertErrno(
        openErrno(3, LOOKUPFLAGS_SYMLINK_FOLLOW, "link", 0, RIGHT_FD_READ, 0), Errno.SUCCESS);
    assertThat(read(outInt(), 10)).isEqualTo("T");
    assertErrno(openErrno(3, 0, "link", 0, RIGHT_FD_READ, 0), Errno.ELOOP);
    // filestat with and without following
    len = put(PATH, "link");
    assertErrno(wasi.pathFilestatGet(mem, 3, 0, PATH, len, OUT), Errno.SUCCESS);
    assertThat(mem.readByte(OUT + 16)).isEqualTo((byte) FILETYPE_SYMBOLIC_LINK);
    assertErrno(
        wasi.pathFilestatGet(mem, 3, LOOKUPFLAGS_SYMLINK_FOLLOW, PATH, len, OUT), Errno.SUCCESS);
    assertThat(mem.readByte(OUT + 16)).isEqualTo((byte) FILETYPE_REGULAR_FILE);
    // readdir reports the link as a link
    assertErrno(wasi.fdReaddir(mem, 3, BUF, 256, 0, OUT), Errno.SUCCESS);
    // unlink removes the link, not the target
    assertErrno(unlink(3, "link"), Errno.SUCCESS);
    assertThat(Files.exists(root.resolve("target"))).isTrue();
  }

  @Test
  void symlinkToDirectoryIsFollowedInTheMiddleOfAPath() throws IOException {
    Files.createDirectories(root.resolve("real/inner"));
    Files.writeString(root.resolve("real/inner/f"), "deep");
    assertErrno(symlink("real/inner", "short"), Errno.SUCCESS);
    assertThat(read(open(3, "short/f", 0, RIGHT_FD_READ), 10)).isEqualTo("deep");
    // a link whose target climbs with .. but stays inside
    Files.createDirectory(root.resolve("other"));
    Files.createSymbolicLink(root.resolve("other/up"), Path.of("../real"));
    assertThat(read(open(3, "other/up/inner/f", 0, RIGHT_FD_READ), 10)).isEqualTo("deep");
    // a directory link opens as a directory when followed, and with a trailing slash
    assertErrno(
        openErrno(3, LOOKUPFLAGS_SYMLINK_FOLLOW, "short", OFLAGS_DIRECTORY, 0, 0), Errno.SUCCESS);
    assertErrno(openErrno(3, 0, "short/", OFLAGS_DIRECTORY, 0, 0), Errno.SUCCESS);
    // remove_directory does not follow: a link to a directory is not a directory
    assertErrno(removeDirectory(3, "short"), Errno.ENOTDIR);
  }

  @Test
  void danglingAndLoopingSymlinks() throws IOException {
    assertErrno(symlink("nowhere", "dangling"), Errno.SUCCESS);
    assertErrno(openErrno(3, 0, "dangling", OFLAGS_DIRECTORY, 0, 0), Errno.ELOOP);
    assertErrno(openErrno(3, 0, "dangling", 0, 0, 0), Errno.ELOOP);
    assertErrno(openErrno(3, LOOKUPFLAGS_SYMLINK_FOLLOW, "dangling", 0, 0, 0), Errno.ENOENT);
    assertErrno(symlink("loop", "loop"), Errno.SUCCESS);
    assertErrno(openErrno(3, LOOKUPFLAGS_SYMLINK_FOLLOW, "loop", 0, 0, 0), Errno.ELOOP);
    assertErrno(openErrno(3, 0, "loop/x", 0, 0, 0), Errno.ELOOP);
    // creating through a dangling link with O_CREAT|O_EXCL refuses
    assertErrno(openErrno(3, 0, "dangling", OFLAGS_CREAT | OFLAGS_EXCL, RW, 0), Errno.EEXIST);
    assertErrno(unlink(3, "dangling"), Errno.SUCCESS);
    assertErrno(unlink(3, "loop"), Errno.SUCCESS);
  }

  @Test
  void hardLinks() throws IOException {
    Files.writeString(root.resolve("f"), "F");
    Files.createDirectory(root.resolve("d"));
    assertErrno(link("f", "g", 0), Errno.SUCCESS);
    assertThat(Files.isSameFile(root.resolve("f"), root.resolve("g"))).isTrue();
    int len = put(PATH, "f");
    assertErrno(wasi.pathFilestatGet(mem, 3, 0, PATH, len, OUT), Errno.SUCCESS);
    assertThat(mem.readLongLe(OUT + 24)).isEqualTo(2);
    assertErrno(link("f", "g", 0), Errno.EEXIST);
    assertErrno(link("missing", "h", 0), Errno.ENOENT);
    assertErrno(link("d", "h", 0), Errno.EPERM);
    assertErrno(link("f/", "h", 0), Errno.ENOTDIR);
    // with SYMLINK_FOLLOW the link's target is linked
    Files.createSymbolicLink(root.resolve("sl"), Path.of("f"));
    assertErrno(link("sl", "viafollow", LOOKUPFLAGS_SYMLINK_FOLLOW), Errno.SUCCESS);
    assertThat(Files.isSymbolicLink(root.resolve("viafollow"))).isFalse();
    assertThat(Files.isSameFile(root.resolve("f"), root.resolve("viafollow"))).isTrue();
  }

  @Test
  void pathsWithDotsAndSlashesResolveInside() throws IOException {
    Files.createDirectories(root.resolve("dir/nested"));
    Files.writeString(root.resolve("dir/nested/file"), "ok");
    int fd = open(3, "dir/.//nested/../../dir/nested/../nested///./file", 0, RIGHT_FD_READ);
    assertThat(read(fd, 10)).isEqualTo("ok");
    assertErrno(openErrno(3, 0, "dir/nested/", 0, 0, 0), Errno.SUCCESS);
    assertErrno(openErrno(3, 0, "dir/nested///", 0, 0, 0), Errno.SUCCESS);
  }
}
