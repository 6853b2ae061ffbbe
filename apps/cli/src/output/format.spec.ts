import { filterLine } from './format';

describe('filterLine', () => {
  it('says what the validity filter refused, by reason, and the shortfall', () => {
    const reasons = { unfillable: 0, 'invalid-structure': 1, 'dsl-round-trip': 0, 'invalid-params': 2, 'render-failed': 0, 'over-card-limits': 0, duplicate: 14 };
    expect(filterLine({ rejected: { total: 17, reasons }, shortfall: 0 })).toBe('filter: 17 candidates refused (invalid-structure 1, invalid-params 2, duplicate 14)');
    expect(filterLine({ rejected: { total: 17, reasons }, shortfall: 2 })).toBe('filter: 17 candidates refused (invalid-structure 1, invalid-params 2, duplicate 14); 2 fewer than asked (no more distinct valid variations found)');
    expect(filterLine({ shortfall: 0 })).toBeUndefined();
    expect(filterLine({ rejected: { total: 0, reasons: { ...reasons, 'invalid-structure': 0, 'invalid-params': 0, duplicate: 0 } }, shortfall: 0 })).toBeUndefined();
  });
});
