import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Transactor } from '../../../db/repositories.ts';
import type { Clock } from '../../../lib/clock.ts';
import { parseCsvRecords } from './csv.ts';
import { parseEhcPlansRelease } from './ees-release.ts';
import { parseLaitDataStore } from './lait.ts';
import { parseStatisticalNeighbours } from './neighbours.ts';
import { looksLikeSen2Mi, parseSen2Mi } from './sen2-mi.ts';
import { PublishedFileError, type NeighbourList, type ParsedPart, type PublishedSource } from './types.ts';
import { isZip, openZip } from './zip.ts';

/**
 * Imports one published file as a user downloads it (ADR 18): tells what it is from its content, parses
 * it completely, and only then stores it, all its parts in one transaction, each part replacing what an
 * earlier import of the same part of the same release stored. So a refused file stores nothing, a
 * failure half-way stores nothing, and importing a file twice leaves exactly the same rows.
 */

export type PublishedFileKind = 'ehc-plans-release' | 'sen2-mi' | 'lait' | 'statistical-neighbours';

export const KNOWN_FILES =
  'the DfE "Education, health and care plans" release zip (2025 layout), sen2_mi.csv, the LAIT data store (lait_bds_long_*.parquet) or a statistical neighbour workbook (sn_*.xlsx, sheet "LA SN Groups")';

export type ImportProgress = {
  step: 'reading' | 'parsing' | 'storing';
  done: number;
  total: number;
  /** What done and total count: "parts", "rows", "figures". */
  unit: string;
};

export type ImportDeps = { transaction: Transactor; clock: Clock };

export type ImportOptions = {
  onProgress?: (progress: ImportProgress) => void;
  importedBy?: string;
  isDemo?: boolean;
  /** For a statistical neighbour workbook that does not say when its list came into force. */
  inForceFrom?: string;
};

export type ImportedPart = {
  source: PublishedSource;
  release: string;
  part: string;
  rowsRead: number;
  figuresStored: number;
  /** Figures the same part held before this import (0 the first time). */
  figuresReplaced: number;
};

export type ImportResult = {
  fileName: string;
  kind: PublishedFileKind;
  sha256: string;
  sizeBytes: number;
  parts: ImportedPart[];
  neighbourLists: { name: string; inForceFrom: string; las: number; neighbours: number }[];
  /** What the file holds that was not stored, or stored under another code, and why. */
  warnings: string[];
};

/** What a file is, from its first bytes and, for a zip, its table of contents. */
export function detectKind(file: { name: string; bytes: Uint8Array }): PublishedFileKind {
  const { name, bytes } = file;
  if (bytes.length === 0) throw new PublishedFileError(`${name} is empty: expected ${KNOWN_FILES}`);
  if (bytes.length >= 4 && String.fromCharCode(...bytes.subarray(0, 4)) === 'PAR1') return 'lait';
  if (isZip(bytes)) {
    let entries: string[] | undefined;
    try {
      entries = openZip(bytes, name, KNOWN_FILES).entries.map((e) => e.name);
    } catch {
      // A zip without its table of contents: refused by the parser its name points to.
      return /\.xlsx$/i.test(name) ? 'statistical-neighbours' : 'ehc-plans-release';
    }
    if (entries.includes('xl/workbook.xml')) return 'statistical-neighbours';
    return 'ehc-plans-release';
  }
  // A CSV: tell it by its header (the first line, read leniently here; the parser checks the encoding).
  const head = new TextDecoder('latin1')
    .decode(bytes.subarray(0, 64 * 1024))
    .replace(/^\u00ef\u00bb\u00bf/, '');
  const firstLine = head.split(/\r?\n/)[0] ?? '';
  const header = parseCsvRecords(firstLine, name)[0]?.fields.map((h) => h.trim()) ?? [];
  if (looksLikeSen2Mi(header)) return 'sen2-mi';
  if (header.includes('Measure_code') && header.includes('Measure_short')) {
    throw new PublishedFileError(
      `${name} is the LAIT data dictionary (the definitions of its measures), not figures: import the LAIT data store, lait_bds_long_*.parquet, instead. Expected ${KNOWN_FILES}.`,
    );
  }
  if (header.includes('time_period') && header.includes('geographic_level')) {
    throw new PublishedFileError(
      `${name} is one data file of a release, not the release: import the whole "Education, health and care plans" release zip as downloaded (or sen2_mi.csv). Expected ${KNOWN_FILES}.`,
    );
  }
  throw new PublishedFileError(`${name} is not a file the importer knows: expected ${KNOWN_FILES}.`);
}

type Parsed = {
  kind: PublishedFileKind;
  parts: ParsedPart[];
  lists: { list: NeighbourList; lasListed: number }[];
  warnings: string[];
};

async function parse(
  file: { name: string; bytes: Uint8Array },
  kind: PublishedFileKind,
  options: ImportOptions,
): Promise<Parsed> {
  const progress = (done: number, total: number, unit: string) =>
    options.onProgress?.({ step: 'parsing', done, total, unit });
  switch (kind) {
    case 'ehc-plans-release': {
      const release = parseEhcPlansRelease(file, { onProgress: (d, t) => progress(d, t, 'parts') });
      return { kind, parts: release.parts, lists: [], warnings: release.warnings };
    }
    case 'sen2-mi': {
      progress(0, 1, 'parts');
      const part = parseSen2Mi(file);
      progress(1, 1, 'parts');
      return { kind, parts: [part], lists: [], warnings: [] };
    }
    case 'lait': {
      const { report, ...part } = await parseLaitDataStore(file, {
        onProgress: (d, t) => progress(d, t, 'rows'),
      });
      const warnings = [
        ...report.unknownAreas.map(
          (u) =>
            `${file.name}: "${u.name}"${u.laNumber ? ` (LA number ${u.laNumber})` : ''} is not England, a region or an LA with a three-digit number; its ${u.rows} figures are kept under their own code.`,
        ),
        ...report.unreadPeriods.map(
          (u) =>
            `${file.name}: ${u.rows} rows of ${u.shortDesc} for "${u.years}", not a year, were not stored.`,
        ),
      ];
      return { kind, parts: [part], lists: [], warnings };
    }
    case 'statistical-neighbours': {
      progress(0, 1, 'parts');
      const { report, ...list } = parseStatisticalNeighbours(
        file,
        options.inForceFrom ? { inForceFrom: options.inForceFrom } : {},
      );
      progress(1, 1, 'parts');
      const warnings = report.withoutNeighbours.map(
        (w) => `${file.name} row ${w.sheetRow}: ${w.laName} (${w.laNumber}) has no neighbours in this list.`,
      );
      return { kind, parts: [], lists: [{ list, lasListed: report.lasListed }], warnings };
    }
  }
}

/** Two figures of one part with the same key would be two answers to one question: refuse the file. */
function checkUnique(fileName: string, part: ParsedPart): void {
  const seen = new Map<string, number>();
  for (const f of part.figures) {
    const key = `${f.measure}|${f.period}|${f.areaCode}|${f.breakdown}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw new PublishedFileError(
        `${fileName}: ${part.part} gives ${f.measure} for ${f.areaName} (${f.areaCode}) in ${f.period} twice, at rows ${earlier} and ${f.sourceRow}`,
      );
    }
    seen.set(key, f.sourceRow);
  }
}

export async function importPublishedFile(
  input: string | { name: string; bytes: Uint8Array },
  deps: ImportDeps,
  options: ImportOptions = {},
): Promise<ImportResult> {
  let file: { name: string; bytes: Uint8Array };
  if (typeof input === 'string') {
    let size: number;
    try {
      size = statSync(input).size;
    } catch {
      throw new PublishedFileError(`There is no file ${input}.`);
    }
    options.onProgress?.({ step: 'reading', done: 0, total: size, unit: 'bytes' });
    file = { name: path.basename(input), bytes: new Uint8Array(readFileSync(input)) };
    options.onProgress?.({ step: 'reading', done: size, total: size, unit: 'bytes' });
  } else {
    file = input;
  }
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const kind = detectKind(file);
  const parsed = await parse(file, kind, options);
  for (const part of parsed.parts) checkUnique(file.name, part);

  const importedAt = deps.clock.now();
  const common = {
    fileName: file.name,
    sha256,
    sizeBytes: file.bytes.length,
    importedAt,
    importedBy: options.importedBy ?? null,
    isDemo: options.isDemo ?? false,
  };
  const totalFigures =
    parsed.parts.reduce((n, p) => n + p.figures.length, 0) +
    parsed.lists.reduce((n, l) => n + l.list.neighbours.length, 0);
  let stored = 0;
  const unit = parsed.lists.length > 0 ? 'neighbours' : 'figures';
  options.onProgress?.({ step: 'storing', done: 0, total: totalFigures, unit });
  const { parts, neighbourLists } = await deps.transaction(async (repos) => {
    const parts: ImportedPart[] = [];
    for (const part of parsed.parts) {
      const result = await repos.publishedStatistics.replacePart(
        { ...common, source: part.source, release: part.release, part: part.part, rowsRead: part.rowsRead },
        part.figures,
      );
      parts.push({
        source: part.source,
        release: part.release,
        part: part.part,
        rowsRead: part.rowsRead,
        figuresStored: result.figuresStored,
        figuresReplaced: result.figuresReplaced,
      });
      stored += part.figures.length;
      options.onProgress?.({ step: 'storing', done: stored, total: totalFigures, unit });
    }
    const neighbourLists: ImportResult['neighbourLists'] = [];
    for (const { list, lasListed } of parsed.lists) {
      const las = new Set(list.neighbours.map((n) => n.laNumber)).size;
      const result = await repos.publishedStatistics.replaceNeighbourList(
        { ...common, rowsRead: lasListed },
        list,
      );
      parts.push({
        source: 'statistical-neighbours',
        release: list.release,
        part: list.part,
        rowsRead: lasListed,
        figuresStored: result.neighbours,
        figuresReplaced: result.figuresReplaced,
      });
      neighbourLists.push({
        name: list.name,
        inForceFrom: list.inForceFrom,
        las,
        neighbours: result.neighbours,
      });
      stored += list.neighbours.length;
      options.onProgress?.({ step: 'storing', done: stored, total: totalFigures, unit });
    }
    return { parts, neighbourLists };
  });
  return {
    fileName: file.name,
    kind,
    sha256,
    sizeBytes: file.bytes.length,
    parts,
    neighbourLists,
    warnings: parsed.warnings,
  };
}
