// Runs axe-core (WCAG 2.2 A and AA rules) in Debian's Chromium on every page of a served site, at
// a phone's and a desktop's width, each in light and dark mode (prefers-color-scheme emulated), and
// reports any request to another site.
// Called by scripts/check-site with --axe; needs playwright-core and axe-core from npm (never a
// downloaded browser).
//
//   node scripts/axe.mjs MODULES_DIR BASE_URL PAGE...
import { launch, modulesRequire, openPage } from "./chromium.mjs";

const [modules, base, ...pages] = process.argv.slice(2);
const require = modulesRequire(modules);
const axeSource = require("fs").readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const browser = await launch(modules);
let problems = 0;
const origin = new URL(base).origin;
for (const [width, colorScheme] of [[360, "light"], [1280, "light"], [360, "dark"], [1280, "dark"]]) {
  const page = await openPage(browser, width, 800, colorScheme);
  // Nothing may come from another site: no CDN, web font or analytics, even from inside CSS.
  let current = "";
  page.on("request", (request) => {
    const url = request.url();
    if (!/^(data|blob|about):/.test(url) && new URL(url).origin !== origin) {
      problems += 1;
      console.log(`${current} at ${width} px, ${colorScheme}: requested ${url} from another site`);
    }
  });
  for (const path of pages) {
    current = path;
    await page.goto(base + path, { waitUntil: "load" });
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(() =>
      axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } }));
    for (const v of result.violations) {
      problems += 1;
      const where = v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ");
      console.log(`${path} at ${width} px, ${colorScheme}: ${v.id}: ${v.help} (${where})`);
    }
  }
  await page.close();
}
await browser.close();
console.log(`axe: ${pages.length} pages at 360 and 1280 px, light and dark: ${problems} violation${problems === 1 ? "" : "s"}`);
process.exit(problems ? 1 : 0);
