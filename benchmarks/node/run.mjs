// Runs the benchmark workloads in Node's V8 with the same inputs as the JMH suite and prints
// ms/op, to show how far the JVM engines are from a native-code JIT.
//   node benchmarks/node/run.mjs
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'main', 'resources', 'workloads');
const imports = { env: { tick: (x) => (x + 1) | 0 } };
const load = (name) => new WebAssembly.Instance(new WebAssembly.Module(readFileSync(join(dir, `${name}.wasm`))), imports).exports;

const workloads = [
  ['fib', 'fib', 'fib', 27],
  ['loop', 'loop', 'loop', 5_000_000],
  ['sha256', 'kernels', 'sha256_bench', 1 << 18],
  ['matmul', 'kernels', 'matmul_bench', 96],
  ['quicksort', 'kernels', 'quicksort_bench', 200_000],
  ['vm', 'kernels', 'vm_bench', 300_000],
  ['memoryBulk', 'memory', 'bulk', 16],
  ['memorySmall', 'memory', 'small', 4],
  ['matmulSimd', 'kernels-simd', 'matmul_bench', 96],
  ['sha256Simd', 'kernels-simd', 'sha256_bench', 1 << 18],
  ['hostCall', 'host-call', 'run', 1_000_000],
];

function time(fn, arg) {
  const warmupEnd = performance.now() + 2000;
  while (performance.now() < warmupEnd) fn(arg);
  let ops = 0;
  const start = performance.now();
  let now = start;
  while (now - start < 3000) { fn(arg); ops++; now = performance.now(); }
  return (now - start) / ops;
}

console.log(`${'workload'.padEnd(18)} ${'engine'.padEnd(22)} ${'score'.padStart(14)} unit`);
for (const [name, module, exp, arg] of workloads) {
  const fn = load(module)[exp];
  console.log(`${name.padEnd(18)} ${'node-v8'.padEnd(22)} ${time(fn, arg).toFixed(3).padStart(14)} ms/op`);
}
const large = readFileSync(join(dir, 'large.wasm'));
const t0 = performance.now();
const inst = new WebAssembly.Instance(new WebAssembly.Module(large), {});
inst.exports.call(7, 11);
console.log(`${'compileLarge'.padEnd(18)} ${'node-v8'.padEnd(22)} ${(performance.now() - t0).toFixed(3).padStart(14)} ms/op`);
