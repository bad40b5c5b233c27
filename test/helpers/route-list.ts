import type { FastifyInstance } from 'fastify';

export type ListedRoute = { method: string; url: string };

/**
 * Every route the app has, read back from Fastify's own route tree (`printRoutes({ commonPrefix: false })`,
 * where each line is one node of the tree with its methods, indented four characters a level). Tests that
 * must cover every route list them with this, so a route added later is not silently left out.
 */
export function listRoutes(app: FastifyInstance): ListedRoute[] {
  const tree = app.printRoutes({ commonPrefix: false });
  const routes: ListedRoute[] = [];
  const stack: string[] = [];
  let current = '';
  for (const line of tree.split('\n')) {
    if (line.trim() === '') continue;
    const node = /^(.*?)(?:├── |└── )(.*)$/u.exec(line);
    let rest: string;
    if (node) {
      const depth = Math.round([...(node[1] ?? '')].length / 4);
      const text = node[2] ?? '';
      const open = text.lastIndexOf(' (');
      const key = open >= 0 ? text.slice(0, open) : text;
      stack.length = depth;
      stack[depth] = key === '(empty root node)' ? '' : key;
      current = stack.join('');
      rest = open >= 0 ? text.slice(open) : '';
    } else {
      // A second line of the same node: the same path with other constraints.
      rest = line;
    }
    const methods = /\(([A-Z, ]+)\)/.exec(rest)?.[1];
    if (!methods) continue;
    for (const method of methods.split(',').map((m) => m.trim()))
      if (method) routes.push({ method, url: current });
  }
  return routes;
}
