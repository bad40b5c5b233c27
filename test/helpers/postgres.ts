/** Names for the per-run PostgreSQL template and the per-file copies made from it. */
export function templateDatabaseName(): string {
  return `send_test_${process.pid}`;
}

export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** The database named in TEST_DATABASE_URL is only used to create and drop the others. */
export function adminUrl(url: string): string {
  return url;
}
