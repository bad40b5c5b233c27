/**
 * Grows a seeded Local Offer on PostgreSQL to a multiple of its size by copying every service with
 * everything related to it (venues shared, contacts and phones copied), in SQL: 50,000 services in
 * seconds rather than the generator's minutes. For the open data download benchmark only.
 *   DATABASE_URL=… node bench/grow-directory.ts <times>
 */
import pg from 'pg';

const times = Number(process.argv[2] ?? 10);
const url = process.env.DATABASE_URL;
if (!url || !(times >= 2)) {
  console.error('usage: DATABASE_URL=… node bench/grow-directory.ts <times ≥ 2>');
  process.exit(2);
}

const client = new pg.Client({ connectionString: url });
await client.connect();

async function columnsOf(table: string): Promise<string[]> {
  const result = await client.query<{ column_name: string }>(
    `select column_name from information_schema.columns
      where table_schema = 'public' and table_name = $1 and is_generated = 'NEVER'
      order by ordinal_position`,
    [table],
  );
  return result.rows.map((r) => r.column_name);
}

/** Copies a table's rows once per copy, with new ids and the named columns mapped through maps. */
async function copy(table: string, mapped: Record<string, string>, mapOwnId?: string) {
  const columns = (await columnsOf(table)).filter((c) => c !== 'id');
  const select = columns.map((c) => (mapped[c] ? `${mapped[c]}.new_id` : `t.${c}`));
  const joins = Object.entries(mapped)
    .map(([column, map]) => `join ${map} on ${map}.old_id = t.${column}`)
    .join(' ');
  // Every map is per copy: all joined maps must agree on which copy.
  const sameCopy = Object.values(mapped)
    .slice(1)
    .map((map) => `and ${map}.k = ${Object.values(mapped)[0]}.k`)
    .join(' ');
  if (mapOwnId) {
    await client.query(
      `create temp table ${mapOwnId} as select t.id as old_id, gen_random_uuid() as new_id, ${Object.values(mapped)[0]}.k
         from ${table} t ${joins} where true ${sameCopy}`,
    );
    await client.query(`create index on ${mapOwnId} (old_id, k)`);
    await client.query(
      `insert into ${table} (id, ${columns.join(', ')})
       select ${mapOwnId}.new_id, ${select.join(', ')}
         from ${table} t ${joins} join ${mapOwnId} on ${mapOwnId}.old_id = t.id and ${mapOwnId}.k = ${Object.values(mapped)[0]}.k
        where true ${sameCopy}`,
    );
    return;
  }
  await client.query(
    `insert into ${table} (id, ${columns.join(', ')})
     select gen_random_uuid(), ${select.join(', ')} from ${table} t ${joins} where true ${sameCopy}`,
  );
}

const started = performance.now();
await client.query('begin');
await client.query(
  `create temp table service_map as
     select s.id as old_id, gen_random_uuid() as new_id, k from services s, generate_series(2, $1::int) k`,
  [times],
);
await client.query('create index on service_map (old_id, k)');
const serviceColumns = (await columnsOf('services')).filter((c) => c !== 'id');
await client.query(
  `insert into services (id, ${serviceColumns.join(', ')})
   select m.new_id, ${serviceColumns.map((c) => (c === 'name' ? `t.name || ' ' || m.k` : `t.${c}`)).join(', ')}
     from services t join service_map m on m.old_id = t.id`,
);
for (const table of [
  'service_at_locations',
  'schedules',
  'cost_options',
  'service_languages',
  'service_areas',
  'service_attributes',
]) {
  await copy(table, { service_id: 'service_map' });
}
await copy('contacts', { service_id: 'service_map' }, 'contact_map');
await client.query(
  `insert into phones (id, ${(await columnsOf('phones')).filter((c) => c !== 'id' && c !== 'contact_id').join(', ')}, contact_id)
   select gen_random_uuid(), ${(await columnsOf('phones'))
     .filter((c) => c !== 'id' && c !== 'contact_id')
     .map((c) => `t.${c}`)
     .join(', ')}, m.new_id
     from phones t join contact_map m on m.old_id = t.contact_id`,
);
await client.query('commit');
await client.query('analyze');
const count = await client.query<{ n: string }>('select count(*) as n from services');
console.log(
  `grew the directory to ${count.rows[0]?.n} services in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
await client.end();
