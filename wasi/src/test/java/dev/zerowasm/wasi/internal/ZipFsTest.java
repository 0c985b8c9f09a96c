package dev.zerowasm.wasi.internal;

import static dev.zerowasm.wasi.internal.WasiConstants.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.FsConfig;
import dev.zerowasm.ModuleConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A mount on a zip file system: proves nothing assumes the default file system. */
class ZipFsTest extends WasiTestBase {
  @TempDir Path tmp;
  FileSystem zip;

  @BeforeEach
  void setUp() throws IOException {
    URI uri = URI.create("jar:" + tmp.resolve("test.zip").toUri());
    zip = FileSystems.newFileSystem(uri, Map.of("create", "true"));
    Files.createDirectories(zip.getPath("/site/docs"));
    Files.writeString(zip.getPath("/site/index.html"), "<h1>hi</h1>");
    Files.writeString(zip.getPath("/site/docs/a.txt"), "A");
    Files.writeString(zip.getPath("/outside.txt"), "secret");
  }

  @AfterEach
  void closeZip() throws IOException {
    if (wasi != null) {
      wasi.close();
      wasi = null;
    }
    zip.close();
  }

  List<String> names(int fd) {
    assertErrno(wasi.fdReaddir(mem, fd, BUF, 4096, 0, OUT), Errno.SUCCESS);
    int used = outInt();
    List<String> out = new ArrayList<>();
    for (int p = 0; p + SIZEOF_DIRENT <= used; ) {
      int namlen = mem.readIntLe(BUF + p + 16);
      out.add(new String(mem.read(BUF + p + SIZEOF_DIRENT, namlen), StandardCharsets.UTF_8));
      p += SIZEOF_DIRENT + namlen;
    }
    return out;
  }

  @Test
  void readOnlyZipMount() {
    start(
        ModuleConfig.create()
            .withFsConfig(FsConfig.create().withReadOnlyDirMount(zip.getPath("/site"), "/")));
    int fd = open(3, "index.html", 0, RIGHT_FD_READ);
    assertThat(read(fd, 4)).isEqualTo("<h1>");
    assertErrno(wasi.fdSeek(mem, fd, -5, WHENCE_END, OUT), Errno.SUCCESS);
    assertThat(read(fd, 100)).isEqualTo("</h1>");
    // pread on a channel that is not a FileChannel restores the position
    mem.writeIntLe(IOVS, BUF);
    mem.writeIntLe(IOVS + 4, 2);
    assertErrno(wasi.fdPread(mem, fd, IOVS, 1, 1, OUT), Errno.SUCCESS);
    assertThat(getString(BUF, 2)).isEqualTo("h1");
    assertErrno(wasi.fdTell(mem, fd, OUT), Errno.SUCCESS);
    assertThat(outLong()).isEqualTo(11);
    assertThat(names(3)).containsExactly(".", "..", "docs", "index.html");
    int docs = open(3, "docs", OFLAGS_DIRECTORY, 0);
    assertThat(names(docs)).containsExactly(".", "..", "a.txt");
    assertThat(read(open(docs, "a.txt", 0, RIGHT_FD_READ), 10)).isEqualTo("A");
    // stat works, with stable inode numbers from the path
    int len = put(PATH, "docs/a.txt");
    assertErrno(wasi.pathFilestatGet(mem, 3, 0, PATH, len, OUT), Errno.SUCCESS);
    assertThat(mem.readByte(OUT + 16)).isEqualTo((byte) FILETYPE_REGULAR_FILE);
    assertThat(mem.readLongLe(OUT + 32)).isEqualTo(1);
    long ino = mem.readLongLe(OUT + 8);
    assertErrno(wasi.pathFilestatGet(mem, 3, 0, PATH, len, OUT), Errno.SUCCESS);
    assertThat(mem.readLongLe(OUT + 8)).isEqualTo(ino).isNotZero();
    // the sandbox holds on a zip too
    assertErrno(openErrno(3, 0, "../outside.txt", 0, RIGHT_FD_READ, 0), Errno.EPERM);
    assertErrno(openErrno(3, 0, "/outside.txt", 0, RIGHT_FD_READ, 0), Errno.EPERM);
    assertErrno(openErrno(3, 0, "new", OFLAGS_CREAT, RW, 0), Errno.EROFS);
  }

  @Test
  void writableZipMount() throws IOException {
    start(
        ModuleConfig.create()
            .withFsConfig(FsConfig.create().withDirMount(zip.getPath("/site"), "/")));
    int fd = open(3, "new.txt", OFLAGS_CREAT, RIGHT_FD_WRITE);
    assertErrno(write(fd, "written"), Errno.SUCCESS);
    assertErrno(wasi.fdClose(mem, fd), Errno.SUCCESS);
    assertThat(Files.readString(zip.getPath("/site/new.txt"))).isEqualTo("written");
    assertErrno(
        pathCall((f, p, l) -> wasi.pathCreateDirectory(mem, f, p, l), 3, "made"), Errno.SUCCESS);
    assertThat(Files.isDirectory(zip.getPath("/site/made"))).isTrue();
    int l1 = put(PATH, "new.txt");
    int l2 = put(PATH2, "made/moved.txt");
    assertErrno(wasi.pathRename(mem, 3, PATH, l1, 3, PATH2, l2), Errno.SUCCESS);
    assertThat(Files.readString(zip.getPath("/site/made/moved.txt"))).isEqualTo("written");
    assertErrno(
        pathCall((f, p, l) -> wasi.pathUnlinkFile(mem, f, p, l), 3, "made/moved.txt"),
        Errno.SUCCESS);
    assertErrno(
        pathCall((f, p, l) -> wasi.pathRemoveDirectory(mem, f, p, l), 3, "made"), Errno.SUCCESS);
    assertThat(Files.exists(zip.getPath("/site/made"))).isFalse();
    // zip has no symbolic links
    l1 = put(PATH, "index.html");
    l2 = put(PATH2, "link");
    assertErrno(wasi.pathSymlink(mem, PATH, l1, 3, PATH2, l2), Errno.ENOTSUP);
  }
}
