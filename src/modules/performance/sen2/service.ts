import type { Config } from '../../../config.ts';
import type { Repositories, Transactor } from '../../../db/repositories.ts';
import type { Clock } from '../../../lib/clock.ts';

/** The SEN2 return for a census date, from casework, and its validation report. */
export function createSen2Service(deps: {
  repos: Repositories;
  transaction: Transactor;
  clock: Clock;
  config: Config;
}) {
  void deps;
  return {};
}
