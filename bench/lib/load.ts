/**
 * What the page-load benchmarks (bench:ehc-due, bench:performance-dashboard) share: signing in as a browser
 * without JavaScript does, percentiles of every response's latency, and the CPU a process spent (Linux /proc).
 */
import { readFileSync } from 'node:fs';
import type pg from 'pg';

/** The p-th percentile of latencies sorted ascending (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

function cookiesFrom(response: Response, jar: Map<string, string>) {
  for (const line of response.headers.getSetCookie()) {
    const [pair = ''] = line.split(';');
    const at = pair.indexOf('=');
    const name = pair.slice(0, at).trim();
    const value = pair.slice(at + 1).trim();
    if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) jar.delete(name);
    else jar.set(name, value);
  }
}
const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

/** Signs in through the form, as a browser without JavaScript does; returns the Cookie header. */
export async function signIn(
  url: string,
  user: { email: string; password: string },
  returnTo: string,
): Promise<string> {
  const jar = new Map<string, string>();
  const form = await fetch(`${url}/sign-in`, { redirect: 'manual' });
  cookiesFrom(form, jar);
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
  if (!token) throw new Error('the sign-in page had no CSRF token');
  const body = new URLSearchParams({ _csrf: token, email: user.email, password: user.password });
  const signedIn = await fetch(`${url}/sign-in?returnTo=${encodeURIComponent(returnTo)}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(jar) },
    body: body.toString(),
  });
  cookiesFrom(signedIn, jar);
  if (signedIn.status !== 303 || !jar.has('sid'))
    throw new Error(`sign-in answered ${signedIn.status} without a session`);
  return cookieHeader(jar);
}

/** CPU time (user + system) of a process in ms, from /proc (100 ticks a second); 0 when it has gone. */
export function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** The PostgreSQL backends serving the benchmark's database (PostgreSQL on this machine). */
export async function backends(admin: pg.Client, database: string): Promise<number[]> {
  const { rows } = await admin.query<{ pid: number }>(
    'select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
    [database],
  );
  return rows.map((r) => r.pid);
}
