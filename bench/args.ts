// The benchmarks' numeric options: a whole number within bounds, or an error
// that names the option and the bounds (an empty value is not 0).
export function wholeNumber(name: string, value: string | undefined, min: number, max: number): number {
  const n = Number(value);
  if (value === undefined || value.trim() === '' || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new Error(`--${name} must be a whole number from ${min} to ${max}`);
  }
  return n;
}
