import type { Actor } from '../modules/access/policy.ts';

/** Who is asking, and the request that carries it: what every service call needs for access and audit. */
export type RequestContext = { actor: Actor | null; requestId: string };
