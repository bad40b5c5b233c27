import type { Config } from '../../config.ts';
import type { Repositories, Transactor } from '../../db/repositories.ts';
import type { Clock } from '../../lib/clock.ts';

/** The performance dashboard: casework measures beside the published statistics. */
export function createPerformanceService(deps: {
  repos: Repositories;
  transaction: Transactor;
  clock: Clock;
  config: Config;
}) {
  void deps;
  return {};
}
