import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import type { GeographicLevel, NeighbourList, PublishedFigure, PublishedSource } from '../import/types.ts';

/** Where a part came from: stored on its files row (migration 0011) beside every figure of it. */
export type PublishedPartMeta = {
  source: PublishedSource;
  release: string;
  /** The file as the user gave it. */
  fileName: string;
  part: string;
  sha256: string;
  sizeBytes: number;
  rowsRead: number;
  importedAt: Date;
  importedBy?: string | null;
  isDemo?: boolean;
};

export type PublishedFigureRow = PublishedFigure & {
  source: PublishedSource;
  release: string;
  fileName: string;
  part: string;
  importedAt: Date;
  isDemo: boolean;
};

export type PublishedFileRow = {
  id: string;
  source: PublishedSource;
  release: string;
  fileName: string;
  part: string;
  sha256: string;
  sizeBytes: number;
  rowsRead: number;
  figuresStored: number;
  importedAt: Date;
  isDemo: boolean;
};

export type NeighbourListRow = NeighbourList & { isDemo: boolean };

/** Rows per insert: one statement of unnested arrays each, far under any parameter limit. */
const CHUNK = 5_000;

const num = (v: string | null): number | null => (v === null ? null : Number(v));

/** Published statistics (migration 0011): imported files, their figures, statistical-neighbour lists. */
export function createPublishedStatisticsRepository(db: Kysely<Database>) {
  /**
   * Replaces the files row of (source, release, part), and with it (on delete cascade) whatever was
   * stored from it before. Run inside the caller's transaction, so a re-import replaces or keeps all.
   */
  async function replaceFileRow(
    meta: PublishedPartMeta,
    figuresStored: number,
  ): Promise<{ fileId: string; figuresReplaced: number }> {
    const replaced = await db
      .deleteFrom('published_statistics_files')
      .where('source', '=', meta.source)
      .where('release', '=', meta.release)
      .where('part', '=', meta.part)
      .returning('figures_stored')
      .execute();
    const row = await db
      .insertInto('published_statistics_files')
      .values({
        source: meta.source,
        release: meta.release,
        file_name: meta.fileName,
        part: meta.part,
        sha256: meta.sha256,
        size_bytes: meta.sizeBytes,
        rows_read: meta.rowsRead,
        figures_stored: figuresStored,
        imported_at: meta.importedAt,
        imported_by: meta.importedBy ?? null,
        is_demo: meta.isDemo ?? false,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { fileId: row.id, figuresReplaced: replaced.reduce((n, r) => n + r.figures_stored, 0) };
  }

  return {
    /** Deletes the same (source, release, part), then inserts its figures in bulk. */
    async replacePart(
      meta: PublishedPartMeta,
      figures: readonly PublishedFigure[],
    ): Promise<{ fileId: string; figuresStored: number; figuresReplaced: number }> {
      const { fileId, figuresReplaced } = await replaceFileRow(meta, figures.length);
      for (let start = 0; start < figures.length; start += CHUNK) {
        const chunk = figures.slice(start, start + CHUNK);
        const text = (v: number | null) => (v === null ? null : String(v));
        await sql`
          insert into published_figures (
            file_id, source_row, measure, period, time_period, time_identifier, geographic_level,
            area_code, gss_code, area_name, breakdown, numerator, denominator, value, marker)
          select ${fileId}::uuid, t.* from unnest(
            ${chunk.map((f) => f.sourceRow)}::int[],
            ${chunk.map((f) => f.measure)}::text[],
            ${chunk.map((f) => f.period)}::text[],
            ${chunk.map((f) => f.timePeriod)}::text[],
            ${chunk.map((f) => f.timeIdentifier)}::text[],
            ${chunk.map((f) => f.geographicLevel)}::text[],
            ${chunk.map((f) => f.areaCode)}::text[],
            ${chunk.map((f) => f.gssCode)}::text[],
            ${chunk.map((f) => f.areaName)}::text[],
            ${chunk.map((f) => f.breakdown)}::text[],
            ${chunk.map((f) => text(f.numerator))}::numeric[],
            ${chunk.map((f) => text(f.denominator))}::numeric[],
            ${chunk.map((f) => text(f.value))}::numeric[],
            ${chunk.map((f) => f.marker)}::text[]
          ) as t`.execute(db);
      }
      return { fileId, figuresStored: figures.length, figuresReplaced };
    },

    /**
     * Replaces a statistical-neighbour list: the same (source, release, part), and any list in force
     * from the same date (only one list can come into force on a day).
     */
    async replaceNeighbourList(
      meta: Omit<PublishedPartMeta, 'source' | 'release' | 'part'>,
      list: NeighbourList,
    ): Promise<{ fileId: string; listId: string; neighbours: number; figuresReplaced: number }> {
      const sameDay = await db
        .selectFrom('statistical_neighbour_lists')
        .select('file_id')
        .where('in_force_from', '=', list.inForceFrom)
        .execute();
      let sameDayReplaced = 0;
      if (sameDay.length > 0) {
        const gone = await db
          .deleteFrom('published_statistics_files')
          .where('source', '=', 'statistical-neighbours')
          .where(
            'id',
            'in',
            sameDay.map((r) => r.file_id),
          )
          .returning('figures_stored')
          .execute();
        sameDayReplaced = gone.reduce((n, r) => n + r.figures_stored, 0);
      }
      const { fileId, figuresReplaced } = await replaceFileRow(
        { ...meta, source: 'statistical-neighbours', release: list.release, part: list.part },
        list.neighbours.length,
      );
      const { id: listId } = await db
        .insertInto('statistical_neighbour_lists')
        .values({ file_id: fileId, name: list.name, in_force_from: list.inForceFrom })
        .returning('id')
        .executeTakeFirstOrThrow();
      const rows = list.neighbours;
      for (let start = 0; start < rows.length; start += CHUNK) {
        const chunk = rows.slice(start, start + CHUNK);
        await sql`
          insert into statistical_neighbours (list_id, la_number, la_name, rank, neighbour_la_number, neighbour_name)
          select ${listId}::uuid, t.* from unnest(
            ${chunk.map((n) => n.laNumber)}::text[],
            ${chunk.map((n) => n.laName)}::text[],
            ${chunk.map((n) => n.rank)}::smallint[],
            ${chunk.map((n) => n.neighbourLaNumber)}::text[],
            ${chunk.map((n) => n.neighbourName)}::text[]
          ) as t`.execute(db);
      }
      return { fileId, listId, neighbours: rows.length, figuresReplaced: figuresReplaced + sameDayReplaced };
    },

    /** The figures of some measures, optionally for some areas and levels, with where each came from. */
    async figures(filter: {
      measures: readonly string[];
      areaCodes?: readonly string[];
      geographicLevels?: readonly GeographicLevel[];
    }): Promise<PublishedFigureRow[]> {
      if (filter.measures.length === 0) return [];
      if (filter.areaCodes && filter.areaCodes.length === 0) return [];
      if (filter.geographicLevels && filter.geographicLevels.length === 0) return [];
      let query = db
        .selectFrom('published_figures as g')
        .innerJoin('published_statistics_files as f', 'f.id', 'g.file_id')
        .select([
          'g.source_row',
          'g.measure',
          'g.period',
          'g.time_period',
          'g.time_identifier',
          'g.geographic_level',
          'g.area_code',
          'g.gss_code',
          'g.area_name',
          'g.breakdown',
          'g.numerator',
          'g.denominator',
          'g.value',
          'g.marker',
          'f.source',
          'f.release',
          'f.file_name',
          'f.part',
          'f.imported_at',
          'f.is_demo',
        ])
        .where('g.measure', 'in', [...filter.measures]);
      if (filter.areaCodes) query = query.where('g.area_code', 'in', [...filter.areaCodes]);
      if (filter.geographicLevels)
        query = query.where('g.geographic_level', 'in', [...filter.geographicLevels]);
      const rows = await query
        .orderBy('g.measure')
        .orderBy('g.area_code')
        .orderBy('g.period')
        .orderBy('f.source')
        .orderBy('f.release')
        .orderBy('g.breakdown')
        .execute();
      return rows.map((r) => ({
        sourceRow: r.source_row,
        measure: r.measure,
        period: r.period,
        timePeriod: r.time_period,
        timeIdentifier: r.time_identifier,
        geographicLevel: r.geographic_level,
        areaCode: r.area_code,
        gssCode: r.gss_code,
        areaName: r.area_name,
        breakdown: r.breakdown,
        numerator: num(r.numerator),
        denominator: num(r.denominator),
        value: num(r.value),
        marker: r.marker,
        source: r.source,
        release: r.release,
        fileName: r.file_name,
        part: r.part,
        importedAt: r.imported_at,
        isDemo: r.is_demo,
      }));
    },

    /** Every statistical-neighbour list, oldest first, with its neighbours by LA and rank. */
    async neighbourLists(): Promise<NeighbourListRow[]> {
      const lists = await db
        .selectFrom('statistical_neighbour_lists as l')
        .innerJoin('published_statistics_files as f', 'f.id', 'l.file_id')
        .select(['l.id', 'l.name', 'l.in_force_from', 'f.release', 'f.part', 'f.is_demo'])
        .orderBy('l.in_force_from')
        .execute();
      if (lists.length === 0) return [];
      const neighbours = await db
        .selectFrom('statistical_neighbours')
        .selectAll()
        .where(
          'list_id',
          'in',
          lists.map((l) => l.id),
        )
        .orderBy('la_number')
        .orderBy('rank')
        .execute();
      return lists.map((l) => ({
        name: l.name,
        inForceFrom: l.in_force_from,
        release: l.release,
        part: l.part,
        isDemo: l.is_demo,
        neighbours: neighbours
          .filter((n) => n.list_id === l.id)
          .map((n) => ({
            laNumber: n.la_number,
            laName: n.la_name,
            rank: n.rank,
            neighbourLaNumber: n.neighbour_la_number,
            neighbourName: n.neighbour_name,
          })),
      }));
    },

    /** Every imported part, by source, release and part. */
    async files(): Promise<PublishedFileRow[]> {
      const rows = await db
        .selectFrom('published_statistics_files')
        .select([
          'id',
          'source',
          'release',
          'file_name',
          'part',
          'sha256',
          'size_bytes',
          'rows_read',
          'figures_stored',
          'imported_at',
          'is_demo',
        ])
        .orderBy('source')
        .orderBy('release')
        .orderBy('part')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        source: r.source,
        release: r.release,
        fileName: r.file_name,
        part: r.part,
        sha256: r.sha256,
        sizeBytes: Number(r.size_bytes),
        rowsRead: r.rows_read,
        figuresStored: r.figures_stored,
        importedAt: r.imported_at,
        isDemo: r.is_demo,
      }));
    },
  };
}
