// The browser editor (`zonesite edit`) in Debian's Chromium: axe-core (WCAG 2.2 A and AA rules)
// on each of its views at a phone's and a desktop's width, light and dark, with any request to
// another site reported; and, with an OUT_DIR, the screenshots docs/editing.md shows (a page, the
// fact sheet, a problem at its line). Needs playwright-core and axe-core from npm (never a
// downloaded browser). Exits 1 on any violation.
//
//   node scripts/editor.mjs MODULES_DIR EDITOR_ADDRESS [OUT_DIR]
import { join } from "node:path";
import { axeViolations, launch, modulesRequire, openPage } from "./chromium.mjs";

const [modules, address, out] = process.argv.slice(2);
const require = modulesRequire(modules);
const axeSource = require("fs").readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const origin = new URL(address).origin;

// The views, and what each waits for before it is checked.
const views = [
  ["pages", "#/", "section.folder"],
  ["page", "#/page/" + encodeURIComponent("content/profile.md"), ".problems li"],
  ["facts", "#/facts", "table input"],
];

let problems = 0;
const browser = await launch(modules, ["--hide-scrollbars"]);
for (const [width, colorScheme] of [[360, "light"], [1280, "light"], [360, "dark"], [1280, "dark"]]) {
  const page = await openPage(browser, width, 900, colorScheme);
  page.on("request", (request) => {
    const url = request.url();
    if (!/^(data|blob|about):/.test(url) && new URL(url).origin !== origin) {
      problems += 1;
      console.log(`at ${width} px, ${colorScheme}: requested ${url} from another site`);
    }
  });
  for (const [name, hash, ready] of views) {
    await page.goto(address + hash, { waitUntil: "load" });
    await page.waitForSelector(ready, { timeout: 20000 });
    for (const violation of await axeViolations(page, axeSource)) {
      problems += 1;
      console.log(`${name} at ${width} px, ${colorScheme}: ${violation}`);
    }
    if (out && width === 1280 && colorScheme === "light") {
      await page.screenshot({ path: join(out, `editor-${name === "pages" ? "list" : name}.png`) });
    }
  }
  if (out && width === 1280 && colorScheme === "light") {
    // A fact misspelt in the text: the problem under it names its line and what was meant.
    await page.goto(address + views[1][1], { waitUntil: "load" });
    await page.waitForSelector("textarea");
    await page.locator("textarea").focus();
    await page.keyboard.press("Control+End");
    await page.keyboard.insertText("\nThe zone counts {{ fact research_insitutions }} institutions.\n");
    await page.waitForSelector(".problems li.error", { timeout: 20000 });
    await page.locator(".problems").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(out, "editor-problem.png") });
  }
  await page.close();
}
await browser.close();
console.log(`editor: ${views.length} views at 360 and 1280 px, light and dark: ${problems} violation${problems === 1 ? "" : "s"}`);
process.exit(problems ? 1 : 0);
