import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../../lib/csv.ts';
import { buildSen2Return } from './build.ts';
import { codeListsCsv } from './code-lists.ts';
import { issuesCsv, moduleCsv } from './csv.ts';
import { casework, CENSUS, child, request } from './test-fixtures.ts';
import { moduleSpec, MODULES, PERSON_COLUMNS } from './modules.ts';
import { CODE_LISTS_NAME, README_NAME, sen2FileName, sen2Zip } from './package.ts';
import { validateSen2Return } from './validate.ts';

describe('a module as CSV', () => {
  const person = moduleSpec('person');

  it('is UTF-8 text with a byte order mark, a header row and CRLF line ends', () => {
    const text = moduleCsv(person, []);
    expect(text).toBe(`\uFEFF${PERSON_COLUMNS.join(',')}\r\n`);
  });

  it('quotes what needs quoting, leaves empty cells empty and writes numbers as numbers', () => {
    const record = {
      PersonID: 'p1',
      Surname: 'O’Brien, "Jo"',
      Forename: 'Zoë\nAnn',
      PersonBirthDate: '2016-05-10',
      Sex: 'F',
      Ethnicity: null,
      PostCode: 'WV1 1AA',
      UPN: null,
      UniqueLearnerNumber: null,
      UPNunknown: 'not-yet-allocated',
    };
    const text = moduleCsv(person, [record]);
    expect(text.split('\r\n')[1]).toBe(
      'p1,"O’Brien, ""Jo""","Zoë\nAnn",2016-05-10,F,,WV1 1AA,,,not-yet-allocated',
    );
    expect(parseCsv(text)).toEqual([
      [...PERSON_COLUMNS],
      ['p1', 'O’Brien, "Jo"', 'Zoë\nAnn', '2016-05-10', 'F', '', 'WV1 1AA', '', '', 'not-yet-allocated'],
    ]);
    const sen = moduleCsv(moduleSpec('senNeed'), [{ RequestID: 'EHC-1', SENtype: 'ASD', SENtypeRank: 1 }]);
    expect(sen).toBe('\uFEFFRequestID,SENtype,SENtypeRank\r\nEHC-1,ASD,1\r\n');
  });

  it('defuses a cell a spreadsheet would run as a formula (CSV injection)', () => {
    const text = moduleCsv(person, [
      {
        PersonID: 'p1',
        Surname: '=HYPERLINK("http://example.com","x")',
        Forename: '+1',
        PostCode: '@SUM(A1)',
        Sex: '-2',
      },
    ]);
    const [, row] = parseCsv(text);
    expect(row?.slice(0, 5)).toEqual(['p1', '\'=HYPERLINK("http://example.com","x")', "'+1", '', "'-2"]);
    expect(row?.[6]).toBe("'@SUM(A1)");
  });
});

describe('the problems as CSV', () => {
  it('has a line for each, with an absolute link to its case', () => {
    const issues = validateSen2Return(buildSen2Return(casework(), CENSUS).modules);
    const rows = parseCsv(
      issuesCsv(issues, { baseUrl: 'https://send.example.org/', moduleTitle: (m) => moduleSpec(m).title }),
    );
    expect(rows[0]).toEqual(['Rule', 'Check', 'Problem', 'Module', 'Item', 'Case', 'Link']);
    expect(rows).toHaveLength(issues.length + 1);
    expect(rows[1]).toEqual([
      'active-plan-complete',
      'Every active plan at the census date has a named plan and placement detail',
      'The active plan has no placement detail – record the school, college or other setting the child or young person attends',
      'Active plans',
      '',
      'EHC-i1',
      'https://send.example.org/ehc/cases/case-i1',
    ]);
  });
});

describe('the return as a zip', () => {
  const ret = buildSen2Return(casework(), CENSUS);
  const zip = sen2Zip(ret, {
    laName: 'Demo area',
    councilName: 'Demo Council',
    softwareName: 'SEND Partnership Platform',
    issueCount: 3,
    modifiedAt: new Date('2026-01-20T09:30:00Z'),
  });
  const files = unzipSync(zip);

  it('holds a CSV file per module, the code lists and a README', () => {
    expect(Object.keys(files)).toEqual([README_NAME, ...MODULES.map((m) => m.fileName), CODE_LISTS_NAME]);
    expect(sen2FileName('999', '2026-01-15')).toBe('SEN2-999-2026-01-15.zip');
  });

  it('has each module’s header row and one line per record', () => {
    for (const spec of MODULES) {
      const rows = parseCsv(strFromU8(files[spec.fileName] as Uint8Array));
      expect(rows[0], spec.fileName).toEqual([...spec.columns]);
      expect(rows.length - 1, spec.fileName).toBe(ret.modules[spec.key].length);
    }
    const requests = parseCsv(strFromU8(files['03-requests.csv'] as Uint8Array));
    expect(requests.find((r) => r[1] === 'EHC-a1')).toEqual([
      'a',
      'EHC-a1',
      '2025-01-06',
      '1',
      '',
      '2025-02-10',
      'Y',
      '',
      '',
      '',
    ]);
  });

  it('names the collection, census date, local authority, software and when it was generated', () => {
    const readme = strFromU8(files[README_NAME] as Uint8Array);
    expect(readme).toContain('Collection:        SEN2 2026');
    expect(readme).toContain('Census date:       15 January 2026 (2026-01-15)');
    expect(readme).toContain('Collection year:   1 January to 31 December 2025');
    expect(readme).toContain('Local authority:   Demo area (999), Demo Council');
    expect(readme).toContain('Software:          SEND Partnership Platform 0.1.0');
    expect(readme).toContain('Generated at:      2026-01-20T09:30:00');
    expect(readme).toContain('02-person.csv              Person: 9 records');
    expect(readme).toContain('\r\n');
  });

  it('carries the code lists, each code with its meaning', () => {
    const rows = parseCsv(codeListsCsv());
    expect(rows[0]).toEqual(['Item', 'Source', 'Code', 'Meaning']);
    expect(rows).toContainEqual([
      'Requests: RequestOutcome',
      'SEN2',
      'W',
      'Withdrawn or ceased before the decision',
    ]);
    expect(rows).toContainEqual(['Assessment: Week20', 'SEN2', '1', '20-week exceptions apply']);
    expect(rows).toContainEqual(['SEN need: SENtype', 'SEN2', 'DS', 'Down syndrome']);
    expect(
      rows.filter((r) => r[0] === 'Plan detail and placement detail: SENsetting').map((r) => r[2]),
    ).toEqual(['OLA', 'OPA', 'EHE', 'EYP', 'OTH', 'NEET', 'NIEC', 'NIEO']);
    expect(parseCsv(strFromU8(files[CODE_LISTS_NAME] as Uint8Array))).toEqual(rows);
  });

  it('writes an empty return for a census date with no requests', () => {
    const none = buildSen2Return(
      {
        children: [child('x')],
        cases: [request('x1', 'x', { receivedOn: '2030-01-07' })],
        needs: [],
        excusals: [],
      },
      CENSUS,
    );
    expect(none.modules.person).toEqual([]);
    const unzipped = unzipSync(
      sen2Zip(none, {
        laName: 'A',
        councilName: 'B',
        softwareName: 'C',
        issueCount: 0,
        modifiedAt: new Date(),
      }),
    );
    expect(parseCsv(strFromU8(unzipped['02-person.csv'] as Uint8Array))).toEqual([[...PERSON_COLUMNS]]);
  });
});
