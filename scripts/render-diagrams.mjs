// Renders each BPMN model given on the command line to <outDir>/<name>.png with bpmn-js
// (NavigatedViewer) inside headless Chromium driven by playwright-core. No network access:
// the viewer bundle and its CSS are inlined into the page.
// Usage: node scripts/render-diagrams.mjs <outDir> <model.bpmn>...
import { readFileSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const [outDir, ...models] = process.argv.slice(2);
if (!outDir || models.length === 0) {
  console.error('usage: node scripts/render-diagrams.mjs <outDir> <model.bpmn>...');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });

const dist = (f) => readFileSync(require.resolve(`bpmn-js/dist/${f}`), 'utf8');
const MARGIN = 40;
const html = `<!doctype html><html><head><meta charset="utf-8">
<style>${dist('assets/diagram-js.css')}${dist('assets/bpmn-js.css')}
html, body, #canvas { margin: 0; padding: 0; width: 100%; height: 100%; background: #fff; overflow: hidden; }
.djs-container svg text { font-family: Arial, "Noto Sans CJK SC", "Noto Sans CJK", sans-serif; }
</style>
<script>${dist('bpmn-navigated-viewer.production.min.js')}</script>
</head><body><div id="canvas"></div></body></html>`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let failed = 0;
try {
  const page = await browser.newPage({ viewport: { width: 800, height: 600 } });
  await page.route('**/*', (route) => route.abort()); // nothing may leave the page
  await page.setContent(html);
  await page.evaluate(() => { window.viewer = new BpmnJS({ container: '#canvas' }); });

  for (const model of models) {
    const name = basename(model).replace(/\.bpmn$/, '');
    const xml = readFileSync(model, 'utf8');
    const res = await page.evaluate(async (xml) => {
      try {
        const { warnings } = await window.viewer.importXML(xml);
        const canvas = window.viewer.get('canvas');
        const box = canvas.getActiveLayer().getBBox(); // diagram units, incl. labels
        return { warnings: warnings.map((w) => w.message), box: { x: box.x, y: box.y, width: box.width, height: box.height } };
      } catch (e) {
        return { error: String(e && e.message || e) };
      }
    }, xml);
    if (res.error) { console.error(`${model}: ${res.error}`); failed++; continue; }
    for (const w of res.warnings) console.warn(`${model}: warning: ${w}`);

    // ~1 px per diagram unit: viewport = bounding box + margin, then fit the diagram into it.
    const width = Math.ceil(res.box.width + 2 * MARGIN);
    const height = Math.ceil(res.box.height + 2 * MARGIN);
    await page.setViewportSize({ width, height });
    await page.evaluate(() => {
      const canvas = window.viewer.get('canvas');
      canvas.resized();
      canvas.zoom('fit-viewport', 'auto');
    });
    await page.evaluate(() => document.fonts.ready);
    const out = join(outDir, `${name}.png`);
    await page.screenshot({ path: out, fullPage: false });
    console.log(`${model} -> ${out} (${width}x${height})`);
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
