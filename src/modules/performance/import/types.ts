/**
 * What every parser of a published file gives the importer (issue 6; migration 0011): the figures of one
 * part of one release, each traceable to its row, with its numerator and denominator where published and
 * the marker printed where there is no number. Nothing here is rounded or derived beyond what the file says.
 */
export type PublishedSource =
  'ehc-plans-release' | 'sen2-mi' | 'send-tribunal-appeal-rate' | 'lait' | 'statistical-neighbours';

export type GeographicLevel = 'national' | 'regional' | 'local-authority';

export type PublishedFigure = {
  /** The line of the file (the header is line 1) or the row of the data store. */
  sourceRow: number;
  /** A measure id of domain/catalogue.ts. */
  measure: string;
  /** The platform's period: "2024" calendar year, "2025-01" January 2025, "2024/25" academic or financial year. */
  period: string;
  /** As published. */
  timePeriod: string;
  timeIdentifier: string;
  geographicLevel: GeographicLevel;
  /** An LA by its three-digit number ("336"), a region by its GSS code ("E12000005"), England "E92000001". */
  areaCode: string;
  gssCode: string | null;
  areaName: string;
  /** "Total" unless the file breaks the measure down (by age, need, partner type …). */
  breakdown: string;
  numerator: number | null;
  denominator: number | null;
  /** The published figure: a count, or a rate where only the rate is published. */
  value: number | null;
  /** What was printed where there is no number (x, z, c, .., -, *, low, or '' for an empty cell). */
  marker: string | null;
};

/** One part of a published file (a CSV inside a release zip, a sheet, the whole file) as parsed. */
export type ParsedPart = {
  source: PublishedSource;
  release: string;
  /** The part read: 'data/timeliness_20_week.csv', 'LA SN Groups', or the file's own name. */
  part: string;
  rowsRead: number;
  figures: PublishedFigure[];
};

/** A statistical-neighbour list as published, with the date it came into force. */
export type NeighbourList = {
  name: string;
  inForceFrom: string;
  release: string;
  part: string;
  neighbours: {
    laNumber: string;
    laName: string;
    rank: number;
    neighbourLaNumber: string;
    neighbourName: string;
  }[];
};

/** A file refused before anything is stored: says what was expected. */
export class PublishedFileError extends Error {
  override name = 'PublishedFileError';
}
