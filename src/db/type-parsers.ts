/**
 * Both engines return the same JavaScript types: 64-bit integers and numerics as strings (no silent
 * loss of precision) and calendar dates as 'YYYY-MM-DD' strings (statutory dates have no time zone).
 */
export const INT8_OID = 20;
export const NUMERIC_OID = 1700;
export const DATE_OID = 1082;

const identity = (value: string): string => value;

export const typeParsers: Record<number, (value: string) => unknown> = {
  [INT8_OID]: identity,
  [NUMERIC_OID]: identity,
  [DATE_OID]: identity,
};
