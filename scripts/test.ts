/**
 * `npm test`: every check, in order, each step named, then one closing line with the totals.
 * lint → typecheck → unit → integration on PGlite → integration on PostgreSQL (when
 * TEST_DATABASE_URL is set) → end-to-end (skipped with a message when no Chromium, unless REQUIRE_E2E=1).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

type Step = { name: string; command: string[]; env?: Record<string, string | undefined>; vitest?: boolean };

const bin = (name: string) => path.join('node_modules', '.bin', name);
const reportDir = mkdtempSync(path.join(tmpdir(), 'send-test-report-'));
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const postgresUrl = process.env.TEST_DATABASE_URL;

const steps: Step[] = [
  { name: 'format', command: [bin('prettier'), '--check', '.', '--log-level', 'warn'] },
  { name: 'lint', command: [bin('eslint'), '.', '--max-warnings', '0'] },
  { name: 'typecheck', command: [bin('tsc'), '--noEmit'] },
  { name: 'unit', command: [bin('vitest'), 'run', '--project', 'unit'], vitest: true },
  {
    name: 'integration (PGlite)',
    command: [bin('vitest'), 'run', '--project', 'integration'],
    env: { TEST_DATABASE_URL: undefined },
    vitest: true,
  },
];
if (postgresUrl) {
  steps.push({
    name: 'integration (PostgreSQL)',
    command: [bin('vitest'), 'run', '--project', 'integration'],
    env: { TEST_DATABASE_URL: postgresUrl },
    vitest: true,
  });
} else {
  console.log(
    '\n>> SKIPPING integration (PostgreSQL): set TEST_DATABASE_URL to run the suite on PostgreSQL too.',
  );
}
if (existsSync(chromium) || process.env.REQUIRE_E2E === '1') {
  steps.push({
    name: 'end-to-end (Chromium)',
    command: [bin('vitest'), 'run', '--project', 'e2e'],
    vitest: true,
  });
  if (postgresUrl) {
    steps.push({
      name: 'end-to-end (Chromium, PostgreSQL)',
      command: [bin('vitest'), 'run', '--project', 'e2e'],
      env: { E2E_DATABASE_URL: postgresUrl },
      vitest: true,
    });
  }
} else {
  console.log(
    `\n>> SKIPPING end-to-end: no Chromium at ${chromium} (set CHROMIUM_PATH, or REQUIRE_E2E=1 to insist).`,
  );
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const failedSteps: string[] = [];

for (const [index, step] of steps.entries()) {
  console.log(`\n>> [${index + 1}/${steps.length}] ${step.name}`);
  const overrides = step.env ?? {};
  const env = Object.fromEntries(
    Object.entries({ ...process.env, ...overrides }).filter(([, v]) => v !== undefined),
  ) as NodeJS.ProcessEnv;
  const report = path.join(reportDir, `step-${index}.json`);
  const args = step.vitest
    ? [...step.command.slice(1), '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]
    : step.command.slice(1);
  const started = Date.now();
  const result = spawnSync(step.command[0] as string, args, { stdio: 'inherit', env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (step.vitest && existsSync(report)) {
    const json = JSON.parse(readFileSync(report, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      numTodoTests: number;
    };
    totals.passed += json.numPassedTests;
    totals.failed += json.numFailedTests;
    totals.skipped += json.numPendingTests + json.numTodoTests;
  }
  if (result.status !== 0) {
    failedSteps.push(step.name);
    console.log(`>> ${step.name}: FAILED after ${seconds}s`);
    if (!step.vitest) totals.failed += 1;
  } else {
    console.log(`>> ${step.name}: ok (${seconds}s)`);
    if (!step.vitest) totals.passed += 1;
  }
}

rmSync(reportDir, { recursive: true, force: true });
if (failedSteps.length > 0) console.log(`\nFailed steps: ${failedSteps.join(', ')}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedSteps.length > 0 ? 1 : 0);
