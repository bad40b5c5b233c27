import { describe, expect, it } from 'vitest';
import { splitSqlStatements } from './sql-script.ts';

describe('splitSqlStatements', () => {
  it('splits on top-level semicolons and drops comments', () => {
    expect(splitSqlStatements('create table a (x int); -- note; here\ncreate table b (y int);')).toEqual([
      'create table a (x int)',
      'create table b (y int)',
    ]);
  });

  it('keeps semicolons inside strings, identifiers and dollar-quoted bodies', () => {
    const script = `
      insert into t values ('a;b', 'it''s; fine');
      create table "odd;name" (x int);
      create function f() returns trigger language plpgsql as $$ begin raise exception 'no; way'; end; $$;
      create function g() returns int language sql as $body$ select 1; $body$;
    `;
    const out = splitSqlStatements(script);
    expect(out).toHaveLength(4);
    expect(out[0]).toBe("insert into t values ('a;b', 'it''s; fine')");
    expect(out[1]).toBe('create table "odd;name" (x int)');
    expect(out[2]).toContain("raise exception 'no; way'; end; $$");
    expect(out[3]).toContain('$body$ select 1; $body$');
  });

  it('ignores block comments and empty statements', () => {
    expect(splitSqlStatements('/* a; b */ select 1;;  ;')).toEqual(['select 1']);
  });
});
