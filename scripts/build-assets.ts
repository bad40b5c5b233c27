import { buildAssets } from '../src/assets/build.ts';
import { loadConfig } from '../src/config.ts';

const config = loadConfig();
const built = await buildAssets(config.area.brandColour);
console.log(`Built ${built.stylesheet} and ${built.script}`);
