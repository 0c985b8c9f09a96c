// A text-statistics plugin for the sample application: a WASI *reactor* (no main; the host calls
// its exports on long-lived pooled instances). Rebuild with ../../../build-wasm.sh (needs clang and
// wasi-libc).
//
// Exports (the zerowasm Spring Boot starter's string convention, see docs/spring-boot.md):
//   allocate(len) -> ptr, deallocate(ptr, len)   malloc/free: the host copies arguments in and
//                                                 frees arguments and results after each call
//   stats(ptr, len) -> i64                        JSON statistics of UTF-8 text, packed ptr<<32|len
//   crc32(ptr, len) -> i32                        CRC-32 (IEEE, as java.util.zip.CRC32) of bytes
//   add_stop_word(ptr, len) -> i64                appends a word to the stop-word file: "" when
//                                                 done, else the C library's error message
//
// Configuration, all from the WASI settings in application.yml (wasm.modules.stats.wasi):
//   argv[1]            path of the stop-word file (one word per line, '#' starts a comment),
//                      read once per instance when it is created (_initialize)
//   STATS_TOP_WORDS    how many of the most frequent words stats reports (default 5, 1..100)
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

#define EXPORT(name) __attribute__((export_name(name)))

// ---- memory shared with the host -------------------------------------------------------------

EXPORT("allocate") void *allocate(uint32_t len) {
  // malloc(0) may return NULL, which the host would take for "no block"
  void *p = malloc(len == 0 ? 1 : len);
  if (p == NULL) abort();
  return p;
}

EXPORT("deallocate") void deallocate(void *ptr, uint32_t len) {
  (void)len;
  free(ptr);
}

/** Packs a malloc'd block as the host expects a String result: ptr << 32 | len. */
static uint64_t pack(const char *ptr, size_t len) {
  return ((uint64_t)(uintptr_t)ptr << 32) | (uint32_t)len;
}

// ---- a growable byte buffer for building results ---------------------------------------------

typedef struct {
  char *data;
  size_t len, cap;
} buf_t;

static void buf_put(buf_t *b, const char *s, size_t n) {
  if (b->len + n > b->cap) {
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + n) cap *= 2;
    b->data = realloc(b->data, cap);
    if (b->data == NULL) abort();
    b->cap = cap;
  }
  memcpy(b->data + b->len, s, n);
  b->len += n;
}

static void buf_str(buf_t *b, const char *s) { buf_put(b, s, strlen(s)); }

static void buf_num(buf_t *b, const char *key, unsigned long value) {
  char tmp[64];
  int n = snprintf(tmp, sizeof tmp, "\"%s\":%lu,", key, value);
  buf_put(b, tmp, (size_t)n);
}

// ---- words and a hash table counting them -----------------------------------------------------

/** Bytes that make up words: ASCII letters and digits, and every byte of a non-ASCII character. */
static int is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

static unsigned char lower(unsigned char c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

typedef struct {
  const char *word;  // not NUL-terminated; points into the text being counted or into stop_text
  uint32_t len;
  uint32_t count;    // 0 marks an empty slot
} entry_t;

typedef struct {
  entry_t *slots;
  size_t cap, size;  // cap is a power of two, at most half full
} table_t;

static uint32_t hash(const char *s, size_t n) {  // FNV-1a
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
  return h;
}

static entry_t *table_find(const table_t *t, const char *w, size_t n) {
  if (t->cap == 0) return NULL;
  for (size_t i = hash(w, n) & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
    entry_t *e = &t->slots[i];
    if (e->count == 0) return NULL;
    if (e->len == n && memcmp(e->word, w, n) == 0) return e;
  }
}

static void table_add(table_t *t, const char *w, size_t n) {
  if (2 * (t->size + 1) > t->cap) {  // grow and rehash
    size_t cap = t->cap ? 2 * t->cap : 64;
    entry_t *slots = calloc(cap, sizeof *slots);
    if (slots == NULL) abort();
    for (size_t i = 0; i < t->cap; i++) {
      entry_t *e = &t->slots[i];
      if (e->count == 0) continue;
      size_t j = hash(e->word, e->len) & (cap - 1);
      while (slots[j].count != 0) j = (j + 1) & (cap - 1);
      slots[j] = *e;
    }
    free(t->slots);
    t->slots = slots;
    t->cap = cap;
  }
  size_t i = hash(w, n) & (t->cap - 1);
  while (t->slots[i].count != 0) {
    entry_t *e = &t->slots[i];
    if (e->len == n && memcmp(e->word, w, n) == 0) {
      e->count++;
      return;
    }
    i = (i + 1) & (t->cap - 1);
  }
  t->slots[i] = (entry_t){w, (uint32_t)n, 1};
  t->size++;
}

/** Calls add(table, word, len) for each word of text, which must already be in lower case. */
static void for_each_word(table_t *t, const char *text, size_t len,
                          void (*add)(table_t *, const char *, size_t), size_t *words) {
  size_t i = 0;
  while (i < len) {
    while (i < len && !is_word_byte((unsigned char)text[i])) i++;
    size_t start = i;
    // an apostrophe between word bytes stays in the word: "don't", "it's"
    while (i < len && (is_word_byte((unsigned char)text[i]) ||
                       (text[i] == '\'' && i > start && i + 1 < len &&
                        is_word_byte((unsigned char)text[i + 1]))))
      i++;
    if (i > start) {
      add(t, text + start, i - start);
      if (words) (*words)++;
    }
  }
}

// ---- configuration, read once per instance ----------------------------------------------------

static char *stop_path;   // argv[1]
static char *stop_text;   // the stop-word file, lower-cased; stop_words points into it
static table_t stop_words;
static size_t top_words = 5;

/** argv[1] through WASI directly: a reactor has no main(argc, argv). */
static char *first_argument(void) {
  size_t argc, size;
  if (__wasi_args_sizes_get(&argc, &size) != 0 || argc < 2) return NULL;
  char **argv = malloc(argc * sizeof *argv);
  char *data = malloc(size);
  if (argv == NULL || data == NULL || __wasi_args_get((uint8_t **)argv, (uint8_t *)data) != 0)
    abort();
  char *arg = strdup(argv[1]);
  free(argv);
  free(data);
  return arg;
}

/** Adds the words of text (lower-cased in place) to the stop words, skipping '#' comments. */
static void add_stop_words(char *text, size_t len) {
  for (size_t i = 0; i < len; i++) text[i] = (char)lower((unsigned char)text[i]);
  size_t line = 0;
  while (line < len) {
    char *nl = memchr(text + line, '\n', len - line);
    size_t end = nl ? (size_t)(nl - text) : len;
    char *hash_mark = memchr(text + line, '#', end - line);
    size_t stop = hash_mark ? (size_t)(hash_mark - text) : end;
    for_each_word(&stop_words, text + line, stop - line, table_add, NULL);
    line = end + 1;
  }
}

/** Runs in _initialize: a missing argument or file ends the instance with exit code 1. */
__attribute__((constructor)) static void configure(void) {
  const char *top = getenv("STATS_TOP_WORDS");
  if (top != NULL) {
    long n = strtol(top, NULL, 10);
    if (n < 1 || n > 100) {
      fprintf(stderr, "STATS_TOP_WORDS must be 1..100, was \"%s\"\n", top);
      exit(1);
    }
    top_words = (size_t)n;
  }
  stop_path = first_argument();
  if (stop_path == NULL) {
    fprintf(stderr, "usage: stats <stop-word file> (set wasm.modules.stats.wasi.args)\n");
    exit(1);
  }
  FILE *f = fopen(stop_path, "r");
  if (f == NULL) {
    fprintf(stderr, "cannot read stop words from %s: %s\n", stop_path, strerror(errno));
    exit(1);
  }
  buf_t b = {0};
  char chunk[4096];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_put(&b, chunk, n);
  fclose(f);
  stop_text = b.data;
  add_stop_words(stop_text, b.len);
}

// ---- the exports ------------------------------------------------------------------------------

static int by_count_then_word(const void *a, const void *b) {
  const entry_t *x = a, *y = b;
  if (x->count != y->count) return x->count > y->count ? -1 : 1;
  size_t n = x->len < y->len ? x->len : y->len;
  int c = memcmp(x->word, y->word, n);
  return c != 0 ? c : (int)x->len - (int)y->len;
}

EXPORT("stats") uint64_t stats(const char *text, size_t len) {
  size_t lines = 0, characters = 0, words = 0;
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)text[i];
    if ((c & 0xC0) != 0x80) characters++;  // not a UTF-8 continuation byte: a new character
    if (c == '\n') lines++;
  }
  if (len > 0 && text[len - 1] != '\n') lines++;  // a last line without its newline

  char *folded = malloc(len + 1);
  if (folded == NULL) abort();
  for (size_t i = 0; i < len; i++) folded[i] = (char)lower((unsigned char)text[i]);
  table_t counts = {0};
  for_each_word(&counts, folded, len, table_add, &words);

  // the distinct words that are not stop words, most frequent first
  entry_t *ranked = malloc((counts.size + 1) * sizeof *ranked);
  if (ranked == NULL) abort();
  size_t n = 0;
  for (size_t i = 0; i < counts.cap; i++) {
    entry_t *e = &counts.slots[i];
    if (e->count != 0 && table_find(&stop_words, e->word, e->len) == NULL) ranked[n++] = *e;
  }
  qsort(ranked, n, sizeof *ranked, by_count_then_word);

  buf_t out = {0};
  buf_str(&out, "{");
  buf_num(&out, "lines", lines);
  buf_num(&out, "words", words);
  buf_num(&out, "characters", characters);
  buf_num(&out, "bytes", len);
  buf_num(&out, "distinctWords", counts.size);
  buf_str(&out, "\"topWords\":[");
  for (size_t i = 0; i < n && i < top_words; i++) {
    // words hold only letters, digits, apostrophes and non-ASCII bytes: nothing to escape
    char tmp[32];
    buf_str(&out, i ? ",{\"word\":\"" : "{\"word\":\"");
    buf_put(&out, ranked[i].word, ranked[i].len);
    snprintf(tmp, sizeof tmp, "\",\"count\":%u}", (unsigned)ranked[i].count);
    buf_str(&out, tmp);
  }
  buf_str(&out, "]}");
  free(ranked);
  free(counts.slots);
  free(folded);
  return pack(out.data, out.len);
}

EXPORT("crc32") uint32_t crc32(const unsigned char *data, size_t len) {
  static uint32_t table[256];
  if (table[1] == 0) {  // entry 1 is never 0 once the table is built
    for (uint32_t i = 0; i < 256; i++) {
      uint32_t c = i;
      for (int k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      table[i] = c;
    }
  }
  uint32_t crc = 0xFFFFFFFFu;
  for (size_t i = 0; i < len; i++) crc = table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
  return crc ^ 0xFFFFFFFFu;
}

EXPORT("add_stop_word") uint64_t add_stop_word(const char *word, size_t len) {
  buf_t out = {0};
  FILE *f = fopen(stop_path, "a");
  if (f == NULL) {
    // on a read-only mount this is EROFS, "Read-only file system"
    buf_str(&out, "cannot open ");
    buf_str(&out, stop_path);
    buf_str(&out, " for writing: ");
    buf_str(&out, strerror(errno));
    return pack(out.data, out.len);
  }
  int failed = fwrite(word, 1, len, f) != len || fputc('\n', f) == EOF;
  int saved = errno;
  if (fclose(f) != 0 && !failed) {
    failed = 1;
    saved = errno;
  }
  if (failed) {
    buf_str(&out, "cannot write ");
    buf_str(&out, stop_path);
    buf_str(&out, ": ");
    buf_str(&out, strerror(saved));
    return pack(out.data, out.len);
  }
  // a writable mount: the word is a stop word of this instance from now on (the table keeps
  // pointers into its words, so it gets its own copy)
  char *copy = malloc(len + 1);
  if (copy == NULL) abort();
  memcpy(copy, word, len);
  add_stop_words(copy, len);
  return 0;  // ptr 0, len 0: the empty string, nothing for the host to free
}
