/**
 * Changes to the public directory made by this process, counted, so that the public pages' cache
 * (see service.ts) drops what it holds at once. Changes made by other instances are seen through
 * the database's directory version, checked at most once a second.
 */
let changes = 0;

/** Called by the repository whenever it writes something a public page shows. */
export function noteDirectoryChange(): void {
  changes += 1;
}

export function directoryChangesInThisProcess(): number {
  return changes;
}
