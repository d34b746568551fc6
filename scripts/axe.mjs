// Runs axe-core (WCAG 2.2 A and AA rules) in Debian's Chromium on every page of a served site, at
// a phone's and a desktop's width, each in light and dark mode (prefers-color-scheme emulated),
// each as it is and in easy-reading mode (as the masthead's button leaves it), and reports any
// request to another site. A search page asked with ?q= is checked once its results are shown.
// Called by scripts/check-site with --axe; needs playwright-core and axe-core from npm (never a
// downloaded browser).
//
//   node scripts/axe.mjs MODULES_DIR BASE_URL PAGE...
import { axeViolations, launch, modulesRequire, openPage } from "./chromium.mjs";

const [modules, base, ...pages] = process.argv.slice(2);
const require = modulesRequire(modules);
const axeSource = require("fs").readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

let problems = 0;
const origin = new URL(base).origin;

// Every page in one mode (easy reading or not) at each width and colour scheme, in a browser of its
// own: the mode is remembered in the site's storage, which a browser's pages share.
async function check(easy) {
  const browser = await launch(modules);
  for (const [width, colorScheme] of [[360, "light"], [1280, "light"], [360, "dark"], [1280, "dark"]]) {
    const page = await openPage(browser, width, 800, colorScheme);
    await page.addInitScript((on) => {
      if (on) localStorage.setItem("zonesite-easy-reading", "on");
      else localStorage.removeItem("zonesite-easy-reading");
    }, easy);
    const mode = `${colorScheme}${easy ? ", easy reading" : ""}`;
    // Nothing may come from another site: no CDN, web font or analytics, even from inside CSS.
    let current = "";
    page.on("request", (request) => {
      const url = request.url();
      if (!/^(data|blob|about):/.test(url) && new URL(url).origin !== origin) {
        problems += 1;
        console.log(`${current} at ${width} px, ${mode}: requested ${url} from another site`);
      }
    });
    for (const path of pages) {
      current = path;
      await page.goto(base + path, { waitUntil: "load" });
      if (new URL(base + path).searchParams.has("q")) {
        const shown = await page.waitForSelector("#search-results li", { timeout: 20000 }).then(() => true, () => false);
        if (!shown) {
          problems += 1;
          console.log(`${path} at ${width} px, ${mode}: the search showed no results`);
        }
      }
      if (easy && !(await page.evaluate(() => document.documentElement.dataset.easy === "on"))) {
        problems += 1;
        console.log(`${path} at ${width} px, ${mode}: the page is not in easy-reading mode`);
      }
      for (const violation of await axeViolations(page, axeSource)) {
        problems += 1;
        console.log(`${path} at ${width} px, ${mode}: ${violation}`);
      }
    }
    await page.close();
  }
  await browser.close();
}

// The two modes side by side: for the example's 50 pages on a busy two-core machine, 100 s rather
// than 125 s one after the other (and 52 s for the first mode alone).
await Promise.all([check(false), check(true)]);
console.log(`axe: ${pages.length} pages at 360 and 1280 px, light and dark, as they are and in easy-reading mode: ${problems} violation${problems === 1 ? "" : "s"}`);
process.exit(problems ? 1 : 0);
