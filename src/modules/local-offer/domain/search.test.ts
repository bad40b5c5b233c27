import { describe, expect, it } from 'vitest';
import { buildTsQuery, queryWords, searchWords } from './search.ts';

describe('search words', () => {
  it('lower-cases, removes accents and drops stop words', () => {
    expect(queryWords('The Café for AUTISM and ADHD')).toEqual(['cafe', 'autism', 'adhd']);
  });

  it('keeps at most eight distinct words', () => {
    expect(queryWords('one two three four five six seven eight nine ten one')).toHaveLength(8);
  });

  it('offers only words of three letters or more as corrections', () => {
    expect(searchWords('An OT clinic for 14 year-olds, 14 of them')).toEqual([
      'clinic',
      'year',
      'olds',
      'them',
    ]);
  });
});

describe('buildTsQuery', () => {
  it('ANDs words and ORs each with its close spellings', () => {
    expect(
      buildTsQuery([
        { word: 'autsim', alternatives: ['autism', 'autistic'] },
        { word: 'club', alternatives: [] },
      ]),
    ).toBe('(autsim:* | autism | autistic) & club:*');
  });

  it('lets nothing but letters and digits through', () => {
    expect(buildTsQuery([{ word: "a'|!(b", alternatives: ["x':*"] }])).toBe('(ab:* | x)');
    expect(buildTsQuery([{ word: '&|!', alternatives: [] }])).toBeUndefined();
  });

  it('is undefined with no words', () => {
    expect(buildTsQuery([])).toBeUndefined();
  });
});
