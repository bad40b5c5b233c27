import type { Kysely } from 'kysely';
import { runScript } from './run-script.ts';

/**
 * Published SEND statistics as the DfE, MoJ and the LAIT publish them (issue 6; ADR 18): every imported
 * file with its release and checksum, and every figure with the file and row it came from, its numerator
 * and denominator where published, and the marker printed instead of a number where there is none
 * (suppressed, not applicable, not available). Figures are never stored as a rounded rate alone when the
 * counts are published. Statistical-neighbour lists are kept by the date they came into force, so that a
 * comparison uses the list in force for the period shown.
 *
 * Areas are keyed as the published files join them: a local authority by its three-digit LA number
 * ("336"), a region by its GSS code ("E12000005"), England as "E92000001". Forward-only; the same SQL on
 * PGlite and PostgreSQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    create table published_statistics_files (
      id uuid primary key default gen_random_uuid(),
      source text not null check (source in (
        'ehc-plans-release', 'sen2-mi', 'send-tribunal-appeal-rate', 'lait', 'statistical-neighbours')),
      -- The release, as its publisher names it: "Education, health and care plans, reporting year 2025".
      release text not null check (length(release) between 1 and 300),
      -- The file as the user gave it, and the part of it read (the file inside a zip, or a sheet).
      file_name text not null check (length(file_name) between 1 and 300),
      part text not null check (length(part) between 1 and 300),
      sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
      size_bytes bigint not null check (size_bytes >= 0),
      rows_read integer not null check (rows_read >= 0),
      figures_stored integer not null check (figures_stored >= 0),
      imported_at timestamptz not null,
      imported_by text check (length(imported_by) <= 200),
      is_demo boolean not null default false,
      -- Importing the same part of the same release again replaces it.
      unique (source, release, part)
    );

    create table published_figures (
      file_id uuid not null references published_statistics_files (id) on delete cascade,
      -- The line of the file (the header is line 1) or the row of the data store the figure came from.
      source_row integer not null check (source_row >= 1),
      -- The platform's measure (src/modules/performance/domain/catalogue.ts).
      measure text not null check (length(measure) between 1 and 100),
      -- The period in the platform's terms: "2024" (calendar year 2024), "2025-01" (January 2025),
      -- "2024/25" (academic or financial year), as the measure's definition says.
      period text not null check (length(period) between 1 and 20),
      -- As published, so that a figure can be traced back.
      time_period text not null check (length(time_period) between 1 and 20),
      time_identifier text not null check (length(time_identifier) between 1 and 50),
      geographic_level text not null check (geographic_level in ('national', 'regional', 'local-authority')),
      area_code text not null check (length(area_code) between 1 and 20),
      gss_code text check (length(gss_code) <= 20),
      area_name text not null check (length(area_name) between 1 and 200),
      breakdown text not null default 'Total' check (length(breakdown) between 1 and 200),
      numerator numeric,
      denominator numeric,
      -- The published figure itself: a count, or a rate where only the rate is published.
      value numeric,
      -- What was printed where there is no number: x, z, c, .., -, *, low or empty.
      marker text check (length(marker) <= 20),
      check (value is not null or marker is not null),
      primary key (file_id, measure, period, area_code, breakdown)
    );
    create index published_figures_measure_idx on published_figures (measure, area_code, period);

    create table statistical_neighbour_lists (
      id uuid primary key default gen_random_uuid(),
      file_id uuid not null references published_statistics_files (id) on delete cascade,
      name text not null check (length(name) between 1 and 100),
      in_force_from date not null unique
    );

    create table statistical_neighbours (
      list_id uuid not null references statistical_neighbour_lists (id) on delete cascade,
      la_number text not null check (la_number ~ '^[0-9]{3}$'),
      la_name text not null check (length(la_name) between 1 and 200),
      rank smallint not null check (rank between 1 and 10),
      neighbour_la_number text not null check (neighbour_la_number ~ '^[0-9]{3}$'),
      neighbour_name text not null check (length(neighbour_name) between 1 and 200),
      primary key (list_id, la_number, rank)
    );
    `,
  );
}
