/**
 * An entity reference as people read it: `component:default/checkout`
 * becomes `checkout`, other namespaces stay (`component:ops/checkout` →
 * `ops/checkout`).
 *
 * @public
 */
export const shortEntityRef = (ref: string): string =>
  ref.replace(/^[^:]+:(default\/)?/, '');

/**
 * A metric value with three significant digits (0.00412, 0.61, 12.3),
 * whole numbers from 100 on.
 *
 * @public
 */
export const formatMetricValue = (value: number): string =>
  Math.abs(value) >= 100
    ? value.toFixed(0)
    : String(Number(value.toPrecision(3)));
