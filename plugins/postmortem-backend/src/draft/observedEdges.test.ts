import { mergeObservedEdges } from './observedEdges';

const A = 'component:default/checkout-service';
const B = 'component:default/payments-service';
const C = 'component:default/fraud-service';

describe('mergeObservedEdges', () => {
  it('marks catalog edges that traces saw, adds the ones the catalog lacks, and sums calls per pair', () => {
    const edges = mergeObservedEdges(
      [
        { from: A, to: B },
        { from: B, to: C },
      ],
      [
        { from: A, to: B, count: 10, errors: 4, slow: 1 },
        // Another source (or entity) saw the same pair; refs in another case.
        { from: A.toUpperCase(), to: B, count: 5, errors: 1, slow: 0 },
        // Fraud calls checkout: the catalog does not know it.
        { from: C, to: A, count: 3, errors: 3, slow: 3 },
      ],
      [A, B, C],
    );
    expect(edges).toEqual([
      {
        from: A,
        to: B,
        observed: { count: 15, errors: 5, slow: 1 },
      },
      { from: B, to: C },
      {
        from: C,
        to: A,
        catalog: false,
        observed: { count: 3, errors: 3, slow: 3 },
      },
    ]);
  });

  it('leaves out calls to or from entities off the map, and calls of an entity to itself', () => {
    expect(
      mergeObservedEdges(
        [],
        [
          {
            from: A,
            to: 'component:default/elsewhere',
            count: 1,
            errors: 0,
            slow: 0,
          },
          { from: A, to: A, count: 1, errors: 1, slow: 0 },
        ],
        [A, B],
      ),
    ).toEqual([]);
  });
});
