// AssemblyScript fixture for AssemblyScriptTest: calls env.abort, env.trace and env.seed.
// Rebuild with ./build.sh (needs node and the npm package assemblyscript).

export function add(a: i32, b: i32): i32 {
  return a + b;
}

export function checkPositive(x: i32): i32 {
  assert(x > 0, "x must be positive");
  return x;
}

export function fail(): void {
  throw new Error("thrown from AssemblyScript");
}

export function traceIt(): void {
  trace("hello trace");
  trace("with args", 3, 1.5, -2, 42);
  trace("utf-16: äß€😀", 1, 0.1);
}

export function random(): f64 {
  return Math.random();
}
