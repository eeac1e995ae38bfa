/**
 * A "nice" axis: a step of 1, 2 or 5 times a power of ten giving about
 * `ticks` intervals up to at least `max`.
 *
 * @param max - the largest value to show (> 0)
 * @param ticks - the number of intervals wanted
 * @returns the step and the axis maximum (a multiple of the step)
 * @example
 * ```ts
 * niceAxis(0.043, 5); // { step: 0.01, max: 0.05 }
 * ```
 */
export function niceAxis(max: number, ticks: number): { step: number; max: number } {
  if (!(max > 0)) return { step: 1, max: 1 };
  const raw = max / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
  // Rounding keeps 0.1 + 0.2 style float noise out of the tick labels.
  return { step, max: Number((Math.ceil(max / step - 1e-9) * step).toPrecision(12)) };
}
