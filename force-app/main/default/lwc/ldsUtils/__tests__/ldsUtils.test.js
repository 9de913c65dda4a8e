import { reduceErrors, errorMessage, percent } from 'c/ldsUtils';

describe('c/ldsUtils', () => {
  it('reduces an Apex AuraHandledException', () => {
    expect(reduceErrors({ body: { message: 'API down' } })).toEqual(['API down']);
  });

  it('reduces UI API, page, field, DML and JS errors', () => {
    const errors = [
      { body: [{ message: 'a' }, { message: 'b' }] },
      { body: { pageErrors: [{ message: 'c' }] } },
      { body: { fieldErrors: { Name: [{ message: 'd' }] } } },
      { body: { output: { errors: [{ message: 'e' }] } } },
      { body: { output: { fieldErrors: { X: [{ message: 'f' }] } } } },
      new Error('g'),
      { statusText: 'h' },
      null,
    ];
    expect(reduceErrors(errors)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
  });

  it('joins messages and falls back to a generic text', () => {
    expect(errorMessage([new Error('x'), new Error('y')])).toBe('x y');
    expect(errorMessage(undefined)).toBe('Unknown error');
  });

  it('formats confidence as a percentage', () => {
    expect(percent(0.973)).toBe('97%');
    expect(percent(1)).toBe('100%');
    expect(percent(null)).toBe('');
    expect(percent(undefined)).toBe('');
  });
});
