// A small WASI command used by zerowasm's tests (wasi and cli modules). Build with build.sh.
// usage: wasi_demo <command> [args...]; each command prints what it did and exits 0 on success,
// or prints "FAIL: ..." and exits 1.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define CHECK(cond)                                                                  \
  do {                                                                               \
    if (!(cond)) {                                                                   \
      printf("FAIL: %s (line %d, errno %d %s)\n", #cond, __LINE__, errno, strerror(errno)); \
      return 1;                                                                      \
    }                                                                                \
  } while (0)

static int write_file(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  if (!f) return -1;
  fputs(text, f);
  return fclose(f);
}

static int read_file(const char *path, char *buf, size_t n) {
  int fd = open(path, O_RDONLY);
  if (fd < 0) return -1;
  ssize_t r = read(fd, buf, n - 1);
  close(fd);
  if (r < 0) return -1;
  buf[r] = 0;
  return (int)r;
}

// Files: create, write, read back, seek, append, truncate, rename, unlink.
static int cmd_files(void) {
  char buf[64];
  CHECK(write_file("a.txt", "hello world") == 0);
  CHECK(read_file("a.txt", buf, sizeof buf) == 11);
  CHECK(strcmp(buf, "hello world") == 0);
  int fd = open("a.txt", O_RDWR);
  CHECK(fd >= 0);
  CHECK(lseek(fd, 6, SEEK_SET) == 6);
  CHECK(write(fd, "WASI!", 5) == 5);
  CHECK(lseek(fd, 0, SEEK_CUR) == 11);
  CHECK(lseek(fd, -5, SEEK_END) == 6);
  CHECK(read(fd, buf, 5) == 5 && memcmp(buf, "WASI!", 5) == 0);
  CHECK(pread(fd, buf, 5, 0) == 5 && memcmp(buf, "hello", 5) == 0);
  CHECK(ftruncate(fd, 5) == 0);
  struct stat st;
  CHECK(fstat(fd, &st) == 0 && st.st_size == 5 && S_ISREG(st.st_mode));
  CHECK(close(fd) == 0);
  fd = open("a.txt", O_WRONLY | O_APPEND);
  CHECK(fd >= 0);
  CHECK(write(fd, "+tail", 5) == 5);
  close(fd);
  CHECK(read_file("a.txt", buf, sizeof buf) == 10 && strcmp(buf, "hello+tail") == 0);
  CHECK(rename("a.txt", "b.txt") == 0);
  CHECK(access("a.txt", F_OK) == -1 && errno == ENOENT);
  CHECK(read_file("b.txt", buf, sizeof buf) == 10);
  CHECK(open("b.txt", O_CREAT | O_EXCL | O_WRONLY, 0644) == -1 && errno == EEXIST);
  CHECK(unlink("b.txt") == 0);
  CHECK(stat("b.txt", &st) == -1 && errno == ENOENT);
  printf("files ok: %s\n", "hello+tail");
  return 0;
}

static int cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

// Directories: mkdir, nested files, readdir (sorted output), rmdir of a non-empty and empty dir.
static int cmd_dirs(void) {
  CHECK(mkdir("d", 0755) == 0);
  CHECK(mkdir("d", 0755) == -1 && errno == EEXIST);
  CHECK(mkdir("d/sub", 0755) == 0);
  CHECK(write_file("d/one", "1") == 0);
  CHECK(write_file("d/two", "22") == 0);
  DIR *dir = opendir("d");
  CHECK(dir != NULL);
  char *names[16];
  int n = 0;
  struct dirent *e;
  while ((e = readdir(dir)) != NULL && n < 16) {
    names[n++] = strdup(e->d_name);
  }
  closedir(dir);
  qsort(names, n, sizeof names[0], cmp);
  printf("readdir d:");
  for (int i = 0; i < n; i++) printf(" %s", names[i]);
  printf("\n");
  CHECK(rmdir("d") == -1 && errno == ENOTEMPTY);
  CHECK(unlink("d/one") == 0 && unlink("d/two") == 0 && rmdir("d/sub") == 0);
  CHECK(rmdir("d") == 0);
  CHECK(opendir("d") == NULL && errno == ENOENT);
  printf("dirs ok\n");
  return 0;
}

// Clocks: realtime is after 2020, monotonic does not go back, resolutions are positive.
static int cmd_clocks(void) {
  struct timespec r, m1, m2, res;
  CHECK(clock_gettime(CLOCK_REALTIME, &r) == 0);
  CHECK(r.tv_sec > 1577836800);
  CHECK(clock_gettime(CLOCK_MONOTONIC, &m1) == 0);
  CHECK(clock_gettime(CLOCK_MONOTONIC, &m2) == 0);
  CHECK(m2.tv_sec > m1.tv_sec || (m2.tv_sec == m1.tv_sec && m2.tv_nsec >= m1.tv_nsec));
  CHECK(clock_getres(CLOCK_MONOTONIC, &res) == 0 && (res.tv_sec > 0 || res.tv_nsec > 0));
  printf("clocks ok\n");
  return 0;
}

// Random: 64 bytes are not all zero, and two draws differ.
static int cmd_random(void) {
  unsigned char a[64], b[64];
  memset(a, 0, sizeof a);
  memset(b, 0, sizeof b);
  CHECK(getentropy(a, sizeof a) == 0);
  CHECK(getentropy(b, sizeof b) == 0);
  int nonzero = 0;
  for (size_t i = 0; i < sizeof a; i++) nonzero |= a[i];
  CHECK(nonzero);
  CHECK(memcmp(a, b, sizeof a) != 0);
  printf("random ok\n");
  return 0;
}

static int cmd_args(int argc, char **argv) {
  printf("argc=%d\n", argc);
  for (int i = 1; i < argc; i++) printf("argv[%d]=%s\n", i, argv[i]);
  return 0;
}

static int cmd_env(void) {
  int n = 0;
  for (char **e = environ; *e; e++) {
    printf("env %s\n", *e);
    n++;
  }
  printf("envc=%d\n", n);
  return 0;
}

// stdin: copies it to stdout and reports the byte count on stderr.
static int cmd_stdin(void) {
  char buf[4096];
  size_t total = 0, r;
  while ((r = fread(buf, 1, sizeof buf, stdin)) > 0) {
    fwrite(buf, 1, r, stdout);
    total += r;
  }
  fprintf(stderr, "read %zu bytes\n", total);
  return 0;
}

// Tries to open each path and prints the result; exits 0 only if every attempt was refused.
static int cmd_escape(int argc, char **argv) {
  int leaked = 0;
  for (int i = 2; i < argc; i++) {
    int fd = open(argv[i], O_RDONLY);
    if (fd >= 0) {
      char buf[64] = {0};
      read(fd, buf, sizeof buf - 1);
      printf("OPENED %s: %s\n", argv[i], buf);
      leaked = 1;
      close(fd);
    } else {
      printf("refused %s: %s\n", argv[i], strerror(errno));
    }
  }
  return leaked;
}

// Tries to change each path (create a file, mkdir, unlink, rename); exits 0 only if all refused.
static int cmd_modify(int argc, char **argv) {
  int changed = 0;
  for (int i = 2; i < argc; i++) {
    const char *p = argv[i];
    int fd = open(p, O_WRONLY | O_CREAT, 0644);
    if (fd >= 0) {
      printf("WROTE %s\n", p);
      changed = 1;
      close(fd);
    } else {
      printf("write %s: %s\n", p, strerror(errno));
    }
    char other[256];
    snprintf(other, sizeof other, "%s.renamed", p);
    if (rename(p, other) == 0) {
      printf("RENAMED %s\n", p);
      changed = 1;
    } else {
      printf("rename %s: %s\n", p, strerror(errno));
    }
    if (unlink(p) == 0) {
      printf("UNLINKED %s\n", p);
      changed = 1;
    } else {
      printf("unlink %s: %s\n", p, strerror(errno));
    }
  }
  return changed;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: wasi_demo files|dirs|clocks|random|args|env|stdin|exit N|trap|"
                    "escape PATH...|modify PATH...\n");
    return 2;
  }
  const char *c = argv[1];
  if (!strcmp(c, "files")) return cmd_files();
  if (!strcmp(c, "dirs")) return cmd_dirs();
  if (!strcmp(c, "clocks")) return cmd_clocks();
  if (!strcmp(c, "random")) return cmd_random();
  if (!strcmp(c, "args")) return cmd_args(argc, argv);
  if (!strcmp(c, "env")) return cmd_env();
  if (!strcmp(c, "stdin")) return cmd_stdin();
  if (!strcmp(c, "exit")) exit(argc > 2 ? atoi(argv[2]) : 0);
  if (!strcmp(c, "trap")) __builtin_trap();
  if (!strcmp(c, "escape")) return cmd_escape(argc, argv);
  if (!strcmp(c, "modify")) return cmd_modify(argc, argv);
  fprintf(stderr, "wasi_demo: unknown command %s\n", c);
  return 2;
}
