package dev.zerowasm.gojs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerowasm.FsConfig;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuestFsTest {
  @TempDir Path tmp;

  private static final int RDWR_CREAT = GuestFs.O_RDWR | GuestFs.O_CREAT;

  private GuestFs fs(FsConfig config, String cwd) {
    return new GuestFs(
        config,
        cwd,
        InputStream.nullInputStream(),
        OutputStream.nullOutputStream(),
        OutputStream.nullOutputStream());
  }

  private GuestFs data() throws Exception {
    Files.createDirectories(tmp.resolve("data"));
    return fs(FsConfig.create().withDirMount(tmp.resolve("data"), "/data"), "/data");
  }

  private static void assertCode(ThrowingCallable call, String code) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            JsException.class, e -> assertThat(((JsObject) e.value()).get("code")).isEqualTo(code));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void createWriteSeekReadAndPositionalIo() throws Exception {
    GuestFs fs = data();
    int fd = fs.open("a.txt", RDWR_CREAT, 0644);
    assertThat(fd).isEqualTo(3);
    assertThat(fs.write(fd, utf8("hello world"), 0, 11, null)).isEqualTo(11);
    byte[] buf = new byte[5];
    assertThat(fs.read(fd, buf, 0, 5, 6L)).isEqualTo(5);
    assertThat(new String(buf, StandardCharsets.UTF_8)).isEqualTo("world");
    fs.write(fd, utf8("HELLO"), 0, 5, 0L);
    // Positional I/O leaves the file position (at 11, the end) alone.
    assertThat(fs.read(fd, buf, 0, 5, null)).isZero();
    fs.close(fd);
    assertThat(Files.readString(tmp.resolve("data/a.txt"))).isEqualTo("HELLO world");
    assertThat(fs.stat("/data/a.txt").size()).isEqualTo(11);
    assertThat(fs.stat("a.txt").mode() & GuestFs.S_IFMT).isEqualTo(GuestFs.S_IFREG);
    assertThat(fs.openCount()).isZero();
  }

  @Test
  void openFlagsFollowPosix() throws Exception {
    GuestFs fs = data();
    assertCode(() -> fs.open("missing", GuestFs.O_RDONLY, 0), "ENOENT");
    int fd = fs.open("f", RDWR_CREAT | GuestFs.O_EXCL, 0600);
    fs.write(fd, utf8("abc"), 0, 3, null);
    fs.close(fd);
    assertCode(() -> fs.open("f", RDWR_CREAT | GuestFs.O_EXCL, 0600), "EEXIST");
    int ro = fs.open("f", GuestFs.O_RDONLY, 0);
    assertCode(() -> fs.write(ro, utf8("x"), 0, 1, null), "EBADF");
    fs.close(ro);
    int app = fs.open("f", GuestFs.O_WRONLY | GuestFs.O_APPEND, 0);
    fs.write(app, utf8("de"), 0, 2, 0L);
    assertCode(() -> fs.read(app, new byte[1], 0, 1, null), "EBADF");
    fs.close(app);
    assertThat(Files.readString(tmp.resolve("data/f"))).isEqualTo("abcde");
    int tr = fs.open("f", GuestFs.O_WRONLY | GuestFs.O_TRUNC, 0);
    fs.close(tr);
    assertThat(Files.size(tmp.resolve("data/f"))).isZero();
    assertCode(() -> fs.open("/data", GuestFs.O_WRONLY, 0), "EISDIR");
    assertCode(() -> fs.open("f/", GuestFs.O_RDONLY, 0), "ENOTDIR");
    assertCode(() -> fs.close(fd), "EBADF");
    assertCode(() -> fs.open("f", GuestFs.O_RDONLY | GuestFs.O_DIRECTORY, 0), "ENOTDIR");
    assertCode(() -> fs.open("nodir", GuestFs.O_RDONLY | GuestFs.O_DIRECTORY, 0), "ENOENT");
    fs.close(fs.open("/data", GuestFs.O_RDONLY | GuestFs.O_DIRECTORY, 0));
    if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
      assertThat(
              PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("data/f"))))
          .isEqualTo("rw-------");
    }
  }

  @Test
  void directoriesOpenReadAndList() throws Exception {
    GuestFs fs = data();
    fs.mkdir("d", 0755);
    fs.mkdir("/data/d/e", 0755);
    Files.writeString(tmp.resolve("data/d/b"), "x");
    assertCode(() -> fs.mkdir("d", 0755), "EEXIST");
    int fd = fs.open("d", GuestFs.O_RDONLY, 0);
    assertThat(fs.fstat(fd).isDirectory()).isTrue();
    assertCode(() -> fs.read(fd, new byte[1], 0, 1, null), "EISDIR");
    fs.close(fd);
    assertThat(fs.readdir("d")).containsExactly("b", "e");
    assertCode(() -> fs.readdir("d/b"), "ENOTDIR");
    assertCode(() -> fs.rmdir("d"), "ENOTEMPTY");
    assertCode(() -> fs.unlink("d"), "EISDIR");
    assertCode(() -> fs.rmdir("d/b"), "ENOTDIR");
    fs.unlink("d/b");
    fs.rmdir("d/e");
    fs.rmdir("d");
    assertThat(tmp.resolve("data/d")).doesNotExist();
  }

  @Test
  void renameTruncateUtimesChmodLinks() throws Exception {
    GuestFs fs = data();
    Files.writeString(tmp.resolve("data/a"), "12345");
    Files.writeString(tmp.resolve("data/b"), "old");
    fs.rename("a", "b");
    assertThat(Files.readString(tmp.resolve("data/b"))).isEqualTo("12345");
    assertCode(() -> fs.rename("a", "c"), "ENOENT");
    fs.mkdir("dir", 0755);
    assertCode(() -> fs.rename("b", "dir"), "EISDIR");
    assertCode(() -> fs.rename("dir", "b"), "ENOTDIR");
    assertCode(() -> fs.rename("dir", "dir/sub"), "EINVAL");

    fs.truncate("b", 2);
    assertThat(Files.readString(tmp.resolve("data/b"))).isEqualTo("12");
    fs.truncate("b", 4);
    assertThat(Files.readAllBytes(tmp.resolve("data/b"))).containsExactly('1', '2', 0, 0);
    int fd = fs.open("b", GuestFs.O_RDWR, 0);
    fs.ftruncate(fd, 1);
    fs.fsync(fd);
    fs.close(fd);
    assertThat(Files.size(tmp.resolve("data/b"))).isEqualTo(1);

    fs.utimes("b", 1000, 2000);
    assertThat(Files.getLastModifiedTime(tmp.resolve("data/b")))
        .isEqualTo(FileTime.fromMillis(2_000_000));
    assertThat(fs.stat("b").mtimeMs()).isEqualTo(2_000_000.0);

    if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
      fs.chmod("b", 0640);
      assertThat(fs.stat("b").mode() & 0777).isEqualTo(0640);
    }
    fs.chown("b", true);
    assertCode(() -> fs.chown("nope", true), "ENOENT");

    fs.symlink("b", "ln");
    assertThat(fs.readlink("ln")).isEqualTo("b");
    assertThat(fs.lstat("ln").mode() & GuestFs.S_IFMT).isEqualTo(GuestFs.S_IFLNK);
    assertThat(fs.stat("ln").mode() & GuestFs.S_IFMT).isEqualTo(GuestFs.S_IFREG);
    assertCode(() -> fs.readlink("b"), "EINVAL");
    assertCode(() -> fs.symlink("x", "ln"), "EEXIST");
    fs.link("b", "hard");
    assertThat(fs.stat("hard").ino()).isEqualTo(fs.stat("b").ino());
    assertCode(() -> fs.link("dir", "dirlink"), "EPERM");
  }

  @Test
  void noPathLeavesTheMounts() throws Exception {
    Files.writeString(tmp.resolve("secret"), "host file outside the mount");
    GuestFs fs = data();
    // .. never climbs above the guest root, and / is outside the mount: read-only, empty but
    // for the mount point.
    assertCode(() -> fs.stat("../secret"), "ENOENT");
    assertCode(() -> fs.stat("/data/../../../secret"), "ENOENT");
    assertThat(fs.readdir("/")).containsExactly("data");
    assertThat(fs.readdir("/data/../..")).containsExactly("data");
    // Absolute link targets are guest paths: this one names the guest's /secret, which does not
    // exist, not the host file.
    Files.createSymbolicLink(tmp.resolve("data/abs"), tmp.resolve("secret"));
    assertCode(() -> fs.open("abs", GuestFs.O_RDONLY, 0), "ENOENT");
    Files.createSymbolicLink(tmp.resolve("data/rel"), Path.of("../secret"));
    assertCode(() -> fs.stat("rel"), "ENOENT");
    Files.createSymbolicLink(tmp.resolve("data/loop"), Path.of("loop"));
    assertCode(() -> fs.stat("loop"), "ELOOP");
    // A link into the guest namespace works, absolute or relative.
    Files.writeString(tmp.resolve("data/t"), "target");
    Files.createSymbolicLink(tmp.resolve("data/toT"), Path.of("/data/t"));
    assertThat(fs.stat("toT").size()).isEqualTo(6);
    assertCode(() -> fs.mkdir("/elsewhere", 0755), "EROFS");
    assertCode(() -> fs.open("/new", RDWR_CREAT, 0644), "EROFS");
    assertCode(() -> fs.open("/new", GuestFs.O_RDONLY, 0), "ENOENT");
    assertCode(() -> fs.rmdir("/data"), "EBUSY");
    assertCode(() -> fs.stat("a\0b"), "EINVAL");
    assertCode(() -> fs.stat(""), "ENOENT");
  }

  @Test
  void readOnlyMountsRefuseChanges() throws Exception {
    Files.createDirectories(tmp.resolve("ro"));
    Files.writeString(tmp.resolve("ro/f"), "x");
    GuestFs fs = fs(FsConfig.create().withReadOnlyDirMount(tmp.resolve("ro"), "/ro"), "/ro");
    int fd = fs.open("f", GuestFs.O_RDONLY, 0);
    fs.close(fd);
    assertCode(() -> fs.open("f", GuestFs.O_RDWR, 0), "EROFS");
    assertCode(() -> fs.open("g", RDWR_CREAT, 0644), "EROFS");
    assertCode(() -> fs.unlink("f"), "EROFS");
    assertCode(() -> fs.mkdir("d", 0755), "EROFS");
    assertCode(() -> fs.rename("f", "g"), "EROFS");
    assertCode(() -> fs.chmod("f", 0777), "EROFS");
    assertCode(() -> fs.truncate("f", 0), "EROFS");
    assertCode(() -> fs.utimes("f", 1, 1), "EROFS");
    assertCode(() -> fs.symlink("f", "l"), "EROFS");
    assertThat(Files.readString(tmp.resolve("ro/f"))).isEqualTo("x");
  }

  @Test
  void severalMountsShareOneNamespaceAndRenameAcrossIsExdev() throws Exception {
    Files.createDirectories(tmp.resolve("root"));
    Files.createDirectories(tmp.resolve("other"));
    Files.writeString(tmp.resolve("root/r"), "r");
    Files.writeString(tmp.resolve("other/o"), "o");
    GuestFs fs =
        fs(
            FsConfig.create()
                .withDirMount(tmp.resolve("root"), "/")
                .withDirMount(tmp.resolve("other"), "/mnt/other"),
            null);
    assertThat(fs.readdir("/")).containsExactly("mnt", "r");
    assertThat(fs.readdir("/mnt/other")).containsExactly("o");
    assertThat(fs.stat("/mnt").isDirectory()).isTrue();
    assertCode(() -> fs.rename("/r", "/mnt/other/r"), "EXDEV");
    assertCode(() -> fs.link("/r", "/mnt/other/r"), "EXDEV");
    // The host working directory is not inside a mount here.
    assertThat(fs.cwd()).isEqualTo("/");
  }

  @Test
  void withoutMountsTheRootIsEmptyAndReadOnly() {
    GuestFs fs = fs(FsConfig.create(), null);
    assertThat(fs.cwd()).isEqualTo("/");
    assertThat(fs.readdir("/")).isEmpty();
    assertThat(fs.stat("/").isDirectory()).isTrue();
    assertCode(() -> fs.stat("/tmp"), "ENOENT");
    assertCode(() -> fs.open("/x", RDWR_CREAT, 0644), "EROFS");
    assertCode(() -> fs.chdir("/x"), "ENOENT");
  }

  @Test
  void cwdStartsAtTheHostWorkingDirectoryInsideAMount() {
    Path wd = Path.of("").toAbsolutePath();
    GuestFs fs = fs(FsConfig.create().withDirMount(wd.getParent(), "/host"), null);
    assertThat(fs.cwd()).isEqualTo("/host/" + wd.getFileName());
  }

  @Test
  void chdirChangesWhereRelativePathsStart() throws Exception {
    GuestFs fs = data();
    fs.mkdir("sub", 0755);
    Files.writeString(tmp.resolve("data/sub/x"), "x");
    fs.chdir("sub");
    assertThat(fs.cwd()).isEqualTo("/data/sub");
    assertThat(fs.stat("x").size()).isEqualTo(1);
    fs.chdir("..");
    assertThat(fs.cwd()).isEqualTo("/data");
    assertCode(() -> fs.chdir("sub/x"), "ENOTDIR");
  }

  @Test
  void stdioDescriptors() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    GuestFs fs =
        new GuestFs(
            FsConfig.create(),
            "/",
            new java.io.ByteArrayInputStream(utf8("in")),
            out,
            OutputStream.nullOutputStream());
    byte[] b = new byte[4];
    assertThat(fs.read(0, b, 0, 4, null)).isEqualTo(2);
    fs.write(1, utf8("out"), 0, 3, null);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("out");
    assertThat(fs.fstat(1).mode() & GuestFs.S_IFMT).isEqualTo(GuestFs.S_IFCHR);
    assertCode(() -> fs.write(0, b, 0, 1, null), "EBADF");
    fs.close(1);
  }

  @Test
  void tooManyOpenFilesIsEmfile() throws Exception {
    GuestFs fs = data();
    Files.writeString(tmp.resolve("data/f"), "");
    for (int i = 0; i < GuestFs.MAX_OPEN_FILES; i++) {
      fs.open("f", GuestFs.O_RDONLY, 0);
    }
    assertCode(() -> fs.open("f", GuestFs.O_RDONLY, 0), "EMFILE");
    fs.closeAll();
    assertThat(fs.openCount()).isZero();
  }

  @Test
  void zipMountsAreReadable() throws Exception {
    Path zip = tmp.resolve("a.zip");
    try (FileSystem z =
        FileSystems.newFileSystem(URI.create("jar:" + zip.toUri()), Map.of("create", "true"))) {
      Files.writeString(z.getPath("/hello.txt"), "zipped");
    }
    try (FileSystem z = FileSystems.newFileSystem(zip)) {
      GuestFs fs = fs(FsConfig.create().withReadOnlyDirMount(z.getPath("/"), "/z"), "/z");
      assertThat(fs.readdir("/z")).containsExactly("hello.txt");
      int fd = fs.open("hello.txt", GuestFs.O_RDONLY, 0);
      byte[] b = new byte[6];
      assertThat(fs.read(fd, b, 0, 6, null)).isEqualTo(6);
      assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("zipped");
      assertThat(fs.fstat(fd).size()).isEqualTo(6);
      fs.close(fd);
    }
  }
}
