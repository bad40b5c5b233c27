import nunjucks from 'nunjucks';
import { viewPaths, configureNunjucks } from '../src/plugins/views.ts';
import { loadConfig } from '../src/config.ts';
import { layoutModel } from '../src/views/layout-view-model.ts';
const config = loadConfig({ NODE_ENV: 'test' });
const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(viewPaths), {
  autoescape: true,
  trimBlocks: true,
  lstripBlocks: true,
});
configureNunjucks(env, { config } as never);
const data = {
  pageTitle: 'x',
  cspNonce: 'abc',
  stylesheet: '/a.css',
  script: '/a.js',
  layout: layoutModel({ user: null, path: '/contact', config }),
  flash: null,
};
for (const t of ['pages/views/contact.njk', 'errors/error.njk']) {
  for (let i = 0; i < 300; i++) env.render(t, { ...data, error: { title: 'x', paragraphs: ['a'] } });
  const s = performance.now();
  const n = 3000;
  for (let i = 0; i < n; i++) env.render(t, { ...data, error: { title: 'x', paragraphs: ['a'] } });
  console.log(t, ((performance.now() - s) / n).toFixed(3), 'ms');
}
