// Compute kernels for the zerowasm benchmarks, built as a WebAssembly reactor with no imports:
//   clang --target=wasm32-wasi -O2 -nostartfiles -Wl,--no-entry ... (see build.sh)
// Each exported *_bench function takes a size, does the work, and returns a checksum that every
// engine must reproduce exactly. Nothing here calls libc beyond memcpy/memset (no WASI imports), so
// any engine can run it without host functions.
#include <stdint.h>
#include <string.h>

#define EXPORT(name) __attribute__((export_name(name)))

// ---------------------------------------------------------------------------------------------
// Deterministic PRNG (xorshift32), so every engine sees the same inputs.
static uint32_t rng_state;

static void rng_seed(uint32_t seed) { rng_state = seed ? seed : 0x9E3779B9u; }

static uint32_t rng_next(void) {
  uint32_t x = rng_state;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  return rng_state = x;
}

// ---------------------------------------------------------------------------------------------
// SHA-256 over a buffer of `size` bytes (at most 4 MiB), hashed `rounds` times in a chain.
#define SHA_MAX (4u << 20)
static uint8_t sha_input[SHA_MAX];

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

#define ROTR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void sha256_block(uint32_t h[8], const uint8_t *p) {
  uint32_t w[64];
  for (int i = 0; i < 16; i++) {
    w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 |
           p[4 * i + 3];
  }
  for (int i = 16; i < 64; i++) {
    uint32_t s0 = ROTR(w[i - 15], 7) ^ ROTR(w[i - 15], 18) ^ (w[i - 15] >> 3);
    uint32_t s1 = ROTR(w[i - 2], 17) ^ ROTR(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
  for (int i = 0; i < 64; i++) {
    uint32_t S1 = ROTR(e, 6) ^ ROTR(e, 11) ^ ROTR(e, 25);
    uint32_t ch = (e & f) ^ (~e & g);
    uint32_t t1 = hh + S1 + ch + K[i] + w[i];
    uint32_t S0 = ROTR(a, 2) ^ ROTR(a, 13) ^ ROTR(a, 22);
    uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
    uint32_t t2 = S0 + maj;
    hh = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
}

static void sha256(const uint8_t *data, uint32_t len, uint32_t out[8]) {
  uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  uint32_t full = len & ~63u;
  for (uint32_t i = 0; i < full; i += 64) sha256_block(h, data + i);
  uint8_t tail[128];
  uint32_t rest = len - full;
  memset(tail, 0, sizeof tail);
  memcpy(tail, data + full, rest);
  tail[rest] = 0x80;
  uint32_t tail_len = rest + 9 <= 64 ? 64 : 128;
  uint64_t bits = (uint64_t)len * 8;
  for (int i = 0; i < 8; i++) tail[tail_len - 1 - i] = (uint8_t)(bits >> (8 * i));
  sha256_block(h, tail);
  if (tail_len == 128) sha256_block(h, tail + 64);
  for (int i = 0; i < 8; i++) out[i] = h[i];
}

/** Hashes `size` pseudo-random bytes; returns the first word of the digest. */
EXPORT("sha256_bench") uint32_t sha256_bench(uint32_t size) {
  if (size > SHA_MAX) size = SHA_MAX;
  rng_seed(42);
  for (uint32_t i = 0; i < size; i++) sha_input[i] = (uint8_t)rng_next();
  uint32_t digest[8];
  sha256(sha_input, size, digest);
  return digest[0] ^ digest[7];
}

// ---------------------------------------------------------------------------------------------
// Dense n x n matrix multiply of doubles (n at most 512).
#define MAT_MAX 512
static double mat_a[MAT_MAX * MAT_MAX], mat_b[MAT_MAX * MAT_MAX], mat_c[MAT_MAX * MAT_MAX];

/** Multiplies two pseudo-random n x n matrices; returns the sum of the product's elements. */
EXPORT("matmul_bench") double matmul_bench(uint32_t n) {
  if (n > MAT_MAX) n = MAT_MAX;
  rng_seed(7);
  for (uint32_t i = 0; i < n * n; i++) {
    mat_a[i] = (double)(rng_next() % 1000) / 100.0;
    mat_b[i] = (double)(rng_next() % 1000) / 100.0;
  }
  for (uint32_t i = 0; i < n; i++) {
    for (uint32_t j = 0; j < n; j++) mat_c[i * n + j] = 0;
    for (uint32_t k = 0; k < n; k++) {
      double aik = mat_a[i * n + k];
      for (uint32_t j = 0; j < n; j++) mat_c[i * n + j] += aik * mat_b[k * n + j];
    }
  }
  double sum = 0;
  for (uint32_t i = 0; i < n * n; i++) sum += mat_c[i];
  return sum;
}

// ---------------------------------------------------------------------------------------------
// Quicksort of n pseudo-random ints (n at most 4M).
#define SORT_MAX (4u << 20)
static int32_t sort_data[SORT_MAX];

static void quicksort(int32_t *a, int32_t lo, int32_t hi) {
  while (lo < hi) {
    int32_t pivot = a[lo + (hi - lo) / 2];
    int32_t i = lo, j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        int32_t t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    // Recurse into the smaller half, loop on the larger: bounded stack depth.
    if (j - lo < hi - i) {
      quicksort(a, lo, j);
      lo = i;
    } else {
      quicksort(a, i, hi);
      hi = j;
    }
  }
}

/** Sorts n pseudo-random ints; returns a position-weighted checksum, or -1 if not sorted. */
EXPORT("quicksort_bench") int32_t quicksort_bench(uint32_t n) {
  if (n > SORT_MAX) n = SORT_MAX;
  rng_seed(1234);
  for (uint32_t i = 0; i < n; i++) sort_data[i] = (int32_t)rng_next();
  if (n > 0) quicksort(sort_data, 0, (int32_t)n - 1);
  uint32_t sum = 0;
  for (uint32_t i = 0; i < n; i++) {
    if (i > 0 && sort_data[i - 1] > sort_data[i]) return -1;
    sum = sum * 31 + (uint32_t)sort_data[i];
  }
  return (int32_t)sum;
}

// ---------------------------------------------------------------------------------------------
// A small bytecode VM: a register machine running a fixed program in a switch-dispatch loop.
enum { OP_LOADI, OP_ADD, OP_SUB, OP_MUL, OP_XOR, OP_SHR, OP_AND, OP_JNZ, OP_DEC, OP_MOV, OP_HALT };

typedef struct {
  uint8_t op, a, b, c;
  int32_t imm;
} Insn;

static const Insn program[] = {
    {OP_LOADI, 0, 0, 0, 0},            // r0 = n (patched)
    {OP_LOADI, 1, 0, 0, 1},            // r1 = 1
    {OP_LOADI, 2, 0, 0, 0x12345},      // r2 = acc
    {OP_LOADI, 3, 0, 0, 2654435761u},  // r3 = multiplier
    {OP_LOADI, 5, 0, 0, 0xFFFF},       // r5 = mask
    // loop (pc 5):
    {OP_MUL, 4, 2, 3, 0},  // r4 = r2 * r3
    {OP_SHR, 6, 4, 0, 7},  // r6 = r4 >> 7
    {OP_XOR, 2, 4, 6, 0},  // r2 = r4 ^ r6
    {OP_AND, 7, 2, 5, 0},  // r7 = r2 & r5
    {OP_ADD, 2, 2, 7, 0},  // r2 += r7
    {OP_ADD, 2, 2, 1, 0},  // r2 += 1
    {OP_DEC, 0, 0, 0, 0},  // r0--
    {OP_JNZ, 0, 0, 0, 5},  // if r0 goto 5
    {OP_MOV, 0, 2, 0, 0},  // r0 = r2
    {OP_HALT, 0, 0, 0, 0},
};

/** Runs the VM program for n loop iterations; returns the final accumulator. */
EXPORT("vm_bench") uint32_t vm_bench(uint32_t n) {
  uint32_t r[8] = {0};
  const Insn *code = program;
  uint32_t pc = 0;
  for (;;) {
    const Insn *in = &code[pc++];
    switch (in->op) {
      case OP_LOADI: r[in->a] = pc == 1 ? n : (uint32_t)in->imm; break;
      case OP_ADD: r[in->a] = r[in->b] + r[in->c]; break;
      case OP_SUB: r[in->a] = r[in->b] - r[in->c]; break;
      case OP_MUL: r[in->a] = r[in->b] * r[in->c]; break;
      case OP_XOR: r[in->a] = r[in->b] ^ r[in->c]; break;
      case OP_SHR: r[in->a] = r[in->b] >> in->imm; break;
      case OP_AND: r[in->a] = r[in->b] & r[in->c]; break;
      case OP_JNZ: if (r[in->a]) pc = (uint32_t)in->imm; break;
      case OP_DEC: r[in->a]--; break;
      case OP_MOV: r[in->a] = r[in->b]; break;
      case OP_HALT: return r[0];
    }
  }
}
