package dev.zerowasm.wasi.internal;

import static dev.zerowasm.wasi.internal.WasiConstants.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.FsConfig;
import dev.zerowasm.ModuleConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Regular files on the default file system: open flags, read/write, seek, stat, sizes, times. */
class FileFunctionsTest extends WasiTestBase {
  @TempDir Path tmp;
  Path root;

  @BeforeEach
  void setUp() throws IOException {
    root = Files.createDirectory(tmp.resolve("root"));
    Files.writeString(root.resolve("hello.txt"), "Hello World!");
    Files.createDirectory(root.resolve("sub"));
    start(
        ModuleConfig.create()
            .withWalltime(() -> 1_600_000_000_000_000_000L, 1000)
            .withFsConfig(FsConfig.create().withDirMount(root, "/")));
  }

  @Test
  void preopenIsFd3NamedByItsGuestPath() {
    assertErrno(wasi.fdPrestatGet(mem, 3, OUT), Errno.SUCCESS);
    assertThat(mem.readByte(OUT)).isEqualTo((byte) PREOPENTYPE_DIR);
    assertThat(mem.readIntLe(OUT + 4)).isEqualTo(1);
    assertErrno(wasi.fdPrestatDirName(mem, 3, PATH, 0), Errno.ENAMETOOLONG);
    mem.write(PATH, new byte[] {9, 9});
    assertErrno(wasi.fdPrestatDirName(mem, 3, PATH, 2), Errno.SUCCESS);
    assertThat(mem.read(PATH, 2)).containsExactly('/', 9);
    assertErrno(wasi.fdPrestatGet(mem, 4, OUT), Errno.EBADF);
    assertErrno(wasi.fdFdstatGet(mem, 3, OUT), Errno.SUCCESS);
    assertThat(mem.readByte(OUT)).isEqualTo((byte) FILETYPE_DIRECTORY);
    assertThat(mem.readLongLe(OUT + 8) & RIGHT_PATH_OPEN).isNotZero();
    assertThat(mem.readLongLe(OUT + 8) & RIGHT_FD_FILESTAT_SET_SIZE).isZero();
  }

  @Test
  void readsAFileAndReportsEof() {
    int fd = open(3, "hello.txt", 0, RIGHT_FD_READ);
    assertThat(fd).isEqualTo(4);
    assertThat(read(fd, 5)).isEqualTo("Hello");
    assertThat(read(fd, 100)).isEqualTo(" World!");
    assertThat(read(fd, 100)).isEmpty();
    assertErrno(write(fd, "x"), Errno.EBADF);
    assertErrno(wasi.fdClose(mem, fd), Errno.SUCCESS);
    assertErrno(wasi.fdClose(mem, fd), Errno.EBADF);
  }

  @Test
  void createWriteSeekTell() throws IOException {
    int fd = open(3, "new.txt", OFLAGS_CREAT, RW);
    assertErrno(write(fd, "0123456789"), Errno.SUCCESS);
    assertThat(Files.readString(root.resolve("new.txt"))).isEqualTo("0123456789");
    assertErrno(wasi.fdTell(mem, fd, OUT), Errno.SUCCESS);
    assertThat(outLong()).isEqualTo(10);
    assertErrno(wasi.fdSeek(mem, fd, -4, WHENCE_END, OUT), Errno.SUCCESS);
    assertThat(outLong()).isEqualTo(6);
    assertThat(read(fd, 2)).isEqualTo("67");
    assertErrno(wasi.fdSeek(mem, fd, -5, WHENCE_CUR, OUT), Errno.SUCCESS);
    assertThat(outLong()).isEqualTo(3);
    assertErrno(wasi.fdSeek(mem, fd, 1, WHENCE_SET, OUT), Errno.SUCCESS);
    assertErrno(write(fd, "ab"), Errno.SUCCESS);
    assertThat(Files.readString(root.resolve("new.txt"))).isEqualTo("0ab3456789");
    assertErrno(wasi.fdSeek(mem, fd, -1, WHENCE_SET, OUT), Errno.EINVAL);
    assertErrno(wasi.fdSeek(mem, fd, 0, 3, OUT), Errno.EINVAL);
    // Seeking past the end is allowed; writing there fills the gap with zeros.
    assertErrno(wasi.fdSeek(mem, fd, 12, WHENCE_SET, OUT), Errno.SUCCESS);
    assertErrno(write(fd, "Z"), Errno.SUCCESS);
    assertThat(Files.readAllBytes(root.resolve("new.txt"))).hasSize(13).contains(0);
  }

  @Test
  void openFlags() throws IOException {
    assertErrno(openErrno(3, 0, "missing", 0, RW, 0), Errno.ENOENT);
    assertErrno(openErrno(3, 0, "hello.txt", OFLAGS_CREAT | OFLAGS_EXCL, RW, 0), Errno.EEXIST);
    assertErrno(openErrno(3, 0, "hello.txt", OFLAGS_DIRECTORY, RW, 0), Errno.ENOTDIR);
    assertErrno(openErrno(3, 0, "sub", 0, RIGHT_FD_WRITE, 0), Errno.EISDIR);
    assertErrno(openErrno(3, 0, "sub", OFLAGS_TRUNC, 0, 0), Errno.EISDIR);
    assertErrno(openErrno(3, 0, "nodir/x", OFLAGS_CREAT, RW, 0), Errno.ENOENT);
    assertErrno(openErrno(3, 0, "hello.txt/x", 0, RW, 0), Errno.ENOTDIR);
    // trunc empties the file
    int fd = open(3, "hello.txt", OFLAGS_TRUNC, RW);
    assertThat(Files.size(root.resolve("hello.txt"))).isZero();
    wasi.fdClose(mem, fd);
    // creat on an existing file keeps it
    Files.writeString(root.resolve("keep.txt"), "keep");
    fd = open(3, "keep.txt", OFLAGS_CREAT, RW);
    assertThat(read(fd, 10)).isEqualTo("keep");
    // a directory opens with OFLAGS_DIRECTORY and without
    int d1 = open(3, "sub", OFLAGS_DIRECTORY, 0);
    int d2 = open(3, "sub/", 0, 0);
    assertErrno(wasi.fdFdstatGet(mem, d1, OUT), Errno.SUCCESS);
    assertThat(mem.readByte(OUT)).isEqualTo((byte) FILETYPE_DIRECTORY);
    assertThat(d2).isNotEqualTo(d1);
    // "." opens the directory itself, also when asked with the directory's own rights
    int self = open(3, ".", OFLAGS_DIRECTORY, 0);
    assertThat(self).isGreaterThan(3);
    assertErrno(wasi.fdFdstatGet(mem, 3, OUT), Errno.SUCCESS);
    long base = mem.readLongLe(OUT + 8);
    long inheriting = mem.readLongLe(OUT + 16);
    int len = put(PATH, ".");
    assertErrno(wasi.pathOpen(mem, 3, 0, PATH, len, 0, base, inheriting, 0, OUT), Errno.SUCCESS);
    assertErrno(
        wasi.pathOpen(mem, 3, 0, PATH, len, OFLAGS_DIRECTORY, RIGHT_FD_READ, 0, 0, OUT),
        Errno.SUCCESS);
    assertErrno(
        wasi.pathOpen(
            mem, 3, 0, PATH, len, OFLAGS_DIRECTORY, RIGHT_FD_READ | RIGHT_FD_WRITE, 0, 0, OUT),
        Errno.EISDIR);
    // a trailing slash on a file is ENOTDIR
    assertErrno(openErrno(3, 0, "keep.txt/", 0, RW, 0), Errno.ENOTDIR);
    assertErrno(openErrno(3, 0, "keep.txt///", 0, RW, 0), Errno.ENOTDIR);
    // invalid flags, NUL in path, path_open on a file fd
    assertErrno(openErrno(3, 0, "x", 0x10, RW, 0), Errno.EINVAL);
    assertErrno(openErrno(3, 0, "keep.txt\0", 0, RW, 0), Errno.EINVAL);
    assertErrno(openErrno(fd, 0, "x", 0, RW, 0), Errno.ENOTDIR);
    assertErrno(openErrno(99, 0, "x", 0, RW, 0), Errno.EBADF);
    assertErrno(openErrno(3, 0, "", 0, RW, 0), Errno.ENOENT);
  }

  @Test
  void lowestFreeFdIsReused() {
    int a = open(3, "hello.txt", 0, RIGHT_FD_READ);
    int b = open(3, "hello.txt", 0, RIGHT_FD_READ);
    assertThat(b).isEqualTo(a + 1);
    wasi.fdClose(mem, a);
    assertThat(open(3, "hello.txt", 0, RIGHT_FD_READ)).isEqualTo(a);
  }

  @Test
  void openDescriptorsAreBounded() {
    // stdio and the preopen hold 4 of them
    for (int i = 4; i < WasiPreview1.MAX_OPEN_FDS; i++) {
      open(3, "sub", OFLAGS_DIRECTORY, 0);
    }
    assertErrno(openErrno(3, 0, "hello.txt", 0, RIGHT_FD_READ, 0), Errno.EMFILE);
    assertErrno(wasi.fdClose(mem, 10), Errno.SUCCESS);
    assertThat(open(3, "hello.txt", 0, RIGHT_FD_READ)).isEqualTo(10);
  }

  @Test
  void appendFlagWritesAtTheEndAndCanBeToggled() throws IOException {
    int e = openErrno(3, 0, "hello.txt", 0, RW, FDFLAGS_APPEND);
    assertErrno(e, Errno.SUCCESS);
    int fd = outInt();
    assertErrno(write(fd, "+1"), Errno.SUCCESS);
    assertErrno(wasi.fdSeek(mem, fd, 0, WHENCE_SET, OUT), Errno.SUCCESS);
    assertErrno(write(fd, "+2"), Errno.SUCCESS);
    assertThat(Files.readString(root.resolve("hello.txt"))).isEqualTo("Hello World!+1+2");
    assertErrno(wasi.fdFdstatGet(mem, fd, OUT), Errno.SUCCESS);
    assertThat(mem.readShortLe(OUT + 2)).isEqualTo((short) FDFLAGS_APPEND);
    assertErrno(wasi.fdFdstatSetFlags(mem, fd, 0), Errno.SUCCESS);
    assertErrno(wasi.fdSeek(mem, fd, 0, WHENCE_SET, OUT), Errno.SUCCESS);
    assertErrno(write(fd, "h"), Errno.SUCCESS);
    assertThat(Files.readString(root.resolve("hello.txt"))).isEqualTo("hello World!+1+2");
  }

  @Test
  void preadAndPwriteDoNotMoveThePosition() throws IOException {
    int fd = open(3, "hello.txt", 0, RW);
    assertThat(read(fd, 2)).isEqualTo("He");
    mem.writeIntLe(IOVS, BUF);
    mem.writeIntLe(IOVS + 4, 5);
    assertErrno(wasi.fdPread(mem, fd, IOVS, 1, 6, OUT), Errno.SUCCESS);
    assertThat(outInt()).isEqualTo(5);
    assertThat(getString(BUF, 5)).isEqualTo("World");
    assertErrno(wasi.fdPread(mem, fd, IOVS, 1, 100, OUT), Errno.SUCCESS);
    assertThat(outInt()).isZero();
    put(BUF, "WORLD");
    assertErrno(wasi.fdPwrite(mem, fd, IOVS, 1, 6, OUT), Errno.SUCCESS);
    assertThat(outInt()).isEqualTo(5);
    assertErrno(wasi.fdTell(mem, fd, OUT), Errno.SUCCESS);
    assertThat(outLong()).isEqualTo(2);
    assertThat(Files.readString(root.resolve("hello.txt"))).isEqualTo("Hello WORLD!");
    assertErrno(wasi.fdPread(mem, fd, IOVS, 1, -1, OUT), Errno.EINVAL);
  }

  @Test
  void filestatOfFdAndPath() throws IOException {
    int fd = open(3, "hello.txt", 0, RIGHT_FD_READ);
    assertErrno(wasi.fdFilestatGet(mem, fd, OUT), Errno.SUCCESS);
    long ino = mem.readLongLe(OUT + 8);
    assertThat(mem.readByte(OUT + 16)).isEqualTo((byte) FILETYPE_REGULAR_FILE);
    assertThat(mem.readLongLe(OUT + 24)).isEqualTo(1); // nlink
    assertThat(mem.readLongLe(OUT + 32)).isEqualTo(12); // size
    long mtim = mem.readLongLe(OUT + 48);
    assertThat(mtim)
        .isEqualTo(Files.getLastModifiedTime(root.resolve("hello.txt")).to(TimeUnit.NANOSECONDS));
    int len = put(PATH, "hello.txt");
    assertErrno(wasi.pathFilestatGet(mem, 3, 0, PATH, len, OUT), Errno.SUCCESS);
    assertThat(mem.readLongLe(OUT + 8)).isEqualTo(ino);
    len = put(PATH, "sub");
    assertErrno(wasi.pathFilestatGet(mem, 3, 0, PATH, len, OUT), Errno.SUCCESS);
    assertThat(mem.readByte(OUT + 16)).isEqualTo((byte) FILETYPE_DIRECTORY);
    assertThat(mem.readLongLe(OUT + 8)).isNotEqualTo(ino);
    len = put(PATH, "nope");
    assertErrno(wasi.pathFilestatGet(mem, 3, 0, PATH, len, OUT), Errno.ENOENT);
    len = put(PATH, "hello.txt/");
    assertErrno(wasi.pathFilestatGet(mem, 3, 0, PATH, len, OUT), Errno.ENOTDIR);
    assertErrno(wasi.fdFilestatGet(mem, 3, OUT), Errno.SUCCESS);
    assertThat(mem.readByte(OUT + 16)).isEqualTo((byte) FILETYPE_DIRECTORY);
  }

  @Test
  void setSizeTruncatesAndExtends() throws IOException {
    int fd = open(3, "hello.txt", 0, RW);
    assertErrno(wasi.fdSeek(mem, fd, 8, WHENCE_SET, OUT), Errno.SUCCESS);
    assertErrno(wasi.fdFilestatSetSize(mem, fd, 5), Errno.SUCCESS);
    assertThat(Files.readString(root.resolve("hello.txt"))).isEqualTo("Hello");
    assertErrno(wasi.fdTell(mem, fd, OUT), Errno.SUCCESS);
    assertThat(outLong()).isEqualTo(8);
    assertErrno(wasi.fdFilestatSetSize(mem, fd, 10), Errno.SUCCESS);
    assertThat(Files.readAllBytes(root.resolve("hello.txt")))
        .containsExactly('H', 'e', 'l', 'l', 'o', 0, 0, 0, 0, 0);
    assertErrno(wasi.fdAllocate(mem, fd, 10, 6), Errno.SUCCESS);
    assertThat(Files.size(root.resolve("hello.txt"))).isEqualTo(16);
    assertErrno(wasi.fdAllocate(mem, fd, 0, 1), Errno.SUCCESS);
    assertThat(Files.size(root.resolve("hello.txt"))).isEqualTo(16);
    assertErrno(wasi.fdFilestatSetSize(mem, fd, -1), Errno.EINVAL);
    int ro = open(3, "hello.txt", 0, RIGHT_FD_READ);
    assertErrno(wasi.fdFilestatSetSize(mem, ro, 0), Errno.EBADF);
    assertErrno(wasi.fdAllocate(mem, ro, 0, 100), Errno.EBADF);
  }

  @Test
  void setTimesOnFdAndPath() throws IOException {
    int fd = open(3, "hello.txt", 0, RW);
    assertErrno(
        wasi.fdFilestatSetTimes(
            mem, fd, 5_000_000_000L, 7_000_000_000L, FSTFLAGS_ATIM | FSTFLAGS_MTIM),
        Errno.SUCCESS);
    assertThat(Files.getLastModifiedTime(root.resolve("hello.txt")))
        .isEqualTo(FileTime.fromMillis(7000));
    assertErrno(wasi.fdFilestatGet(mem, fd, OUT), Errno.SUCCESS);
    assertThat(mem.readLongLe(OUT + 40)).isEqualTo(5_000_000_000L);
    // MTIM_NOW uses the configured wall clock
    int len = put(PATH, "hello.txt");
    assertErrno(
        wasi.pathFilestatSetTimes(
            mem, 3, LOOKUPFLAGS_SYMLINK_FOLLOW, PATH, len, 0, 0, FSTFLAGS_MTIM_NOW),
        Errno.SUCCESS);
    assertThat(Files.getLastModifiedTime(root.resolve("hello.txt")).toMillis())
        .isEqualTo(1_600_000_000_000L);
    assertErrno(
        wasi.fdFilestatSetTimes(mem, fd, 0, 0, FSTFLAGS_ATIM | FSTFLAGS_ATIM_NOW), Errno.EINVAL);
    assertErrno(wasi.pathFilestatSetTimes(mem, 3, 0, PATH, len, 0, 0, 0x10), Errno.EINVAL);
    len = put(PATH, "missing");
    assertErrno(
        wasi.pathFilestatSetTimes(mem, 3, 0, PATH, len, 0, 0, FSTFLAGS_MTIM_NOW), Errno.ENOENT);
  }

  @Test
  void directoryFdRefusesFileOperations() {
    int d = open(3, "sub", OFLAGS_DIRECTORY, 0);
    mem.writeIntLe(IOVS, BUF);
    mem.writeIntLe(IOVS + 4, 16);
    assertErrno(wasi.fdRead(mem, d, IOVS, 1, OUT), Errno.EISDIR);
    assertErrno(wasi.fdPread(mem, d, IOVS, 1, 0, OUT), Errno.EISDIR);
    assertErrno(wasi.fdWrite(mem, d, IOVS, 1, OUT), Errno.EISDIR);
    assertErrno(wasi.fdPwrite(mem, d, IOVS, 1, 0, OUT), Errno.EISDIR);
    assertErrno(wasi.fdSeek(mem, d, 0, WHENCE_CUR, OUT), Errno.EBADF);
    assertErrno(wasi.fdTell(mem, d, OUT), Errno.EBADF);
    assertErrno(wasi.fdAllocate(mem, d, 0, 1), Errno.EISDIR);
    assertErrno(wasi.fdFilestatSetSize(mem, d, 0), Errno.EISDIR);
    assertErrno(wasi.fdSync(mem, d), Errno.SUCCESS);
  }

  @Test
  void adviseValidatesAndSyncs() {
    int fd = open(3, "hello.txt", 0, RW);
    assertErrno(wasi.fdAdvise(mem, fd, 0, 100, 2), Errno.SUCCESS);
    assertErrno(wasi.fdAdvise(mem, fd, 0, 100, 6), Errno.EINVAL);
    assertErrno(wasi.fdSync(mem, fd), Errno.SUCCESS);
    assertErrno(wasi.fdDatasync(mem, fd), Errno.SUCCESS);
  }

  @Test
  void rightsCanOnlyBeDroppedAndAreEnforced() {
    int fd = open(3, "hello.txt", 0, RW);
    assertErrno(wasi.fdFdstatGet(mem, fd, OUT), Errno.SUCCESS);
    long rights = mem.readLongLe(OUT + 8);
    assertThat(rights & RIGHT_FD_READ).isNotZero();
    assertThat(rights & RIGHT_FD_WRITE).isNotZero();
    assertErrno(wasi.fdFdstatSetRights(mem, fd, rights & ~RIGHT_FD_READ, 0), Errno.SUCCESS);
    mem.writeIntLe(IOVS, BUF);
    mem.writeIntLe(IOVS + 4, 4);
    assertErrno(wasi.fdRead(mem, fd, IOVS, 1, OUT), Errno.ENOTCAPABLE);
    assertErrno(wasi.fdFdstatSetRights(mem, fd, rights, 0), Errno.ENOTCAPABLE);
    // A read-only open reports no write rights.
    int ro = open(3, "hello.txt", 0, RIGHT_FD_READ);
    assertErrno(wasi.fdFdstatGet(mem, ro, OUT), Errno.SUCCESS);
    assertThat(mem.readLongLe(OUT + 8) & RIGHT_FD_WRITE).isZero();
    // Dropping path_filestat_set_size on the directory makes O_TRUNC fail with EPERM.
    assertErrno(wasi.fdFdstatGet(mem, 3, OUT), Errno.SUCCESS);
    long dirRights = mem.readLongLe(OUT + 8);
    long dirInh = mem.readLongLe(OUT + 16);
    assertErrno(
        wasi.fdFdstatSetRights(mem, 3, dirRights & ~RIGHT_PATH_FILESTAT_SET_SIZE, dirInh),
        Errno.SUCCESS);
    assertErrno(openErrno(3, 0, "hello.txt", OFLAGS_TRUNC, RW, 0), Errno.EPERM);
    // Re-adding a dropped right is refused.
    assertErrno(wasi.fdFdstatSetRights(mem, 3, dirRights, dirInh), Errno.ENOTCAPABLE);
    assertErrno(
        wasi.fdFdstatSetRights(
            mem, 3, dirRights & ~RIGHT_PATH_FILESTAT_SET_SIZE & ~RIGHT_PATH_OPEN, dirInh),
        Errno.SUCCESS);
    assertErrno(openErrno(3, 0, "hello.txt", 0, RW, 0), Errno.ENOTCAPABLE);
  }

  @Test
  void renumberOverAFileAndCloseThePreopen() {
    int a = open(3, "hello.txt", 0, RIGHT_FD_READ);
    int b = open(3, "sub", OFLAGS_DIRECTORY, 0);
    assertErrno(wasi.fdRenumber(mem, a, b), Errno.SUCCESS);
    assertThat(wasi.isOpen(a)).isFalse();
    assertThat(read(b, 5)).isEqualTo("Hello");
    assertErrno(wasi.fdClose(mem, 3), Errno.SUCCESS);
    assertErrno(wasi.fdPrestatGet(mem, 3, OUT), Errno.EBADF);
  }

  @Test
  void fstatOfAnUnlinkedOpenFileStillWorks() throws IOException {
    int fd = open(3, "hello.txt", 0, RW);
    Files.delete(root.resolve("hello.txt"));
    assertErrno(wasi.fdFilestatGet(mem, fd, OUT), Errno.SUCCESS);
    assertThat(mem.readLongLe(OUT + 32)).isEqualTo(12);
    assertThat(read(fd, 5)).isEqualTo("Hello");
  }

  @Test
  void scatterReadOverTwoIovecsFromAFile() {
    int fd = open(3, "hello.txt", 0, RIGHT_FD_READ);
    mem.writeIntLe(IOVS, BUF);
    mem.writeIntLe(IOVS + 4, 6);
    mem.writeIntLe(IOVS + 8, BUF + 100);
    mem.writeIntLe(IOVS + 12, 100);
    assertErrno(wasi.fdRead(mem, fd, IOVS, 2, OUT), Errno.SUCCESS);
    assertThat(outInt()).isEqualTo(12);
    assertThat(getString(BUF, 6)).isEqualTo("Hello ");
    assertThat(getString(BUF + 100, 6)).isEqualTo("World!");
    byte[] utf8 = "x".getBytes(StandardCharsets.UTF_8);
    assertThat(utf8).hasSize(1);
  }
}
