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
 * whole numbers from 100 on, with the decimal mark of `locale` (German
 * writes 0,61).
 *
 * @public
 */
export const formatMetricValue = (value: number, locale = 'en'): string =>
  new Intl.NumberFormat(
    locale,
    Math.abs(value) >= 100
      ? { maximumFractionDigits: 0, useGrouping: false }
      : { maximumSignificantDigits: 3, useGrouping: false },
  ).format(value);
