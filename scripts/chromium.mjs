// Debian's Chromium (or $CHROMIUM) driven by playwright-core from MODULES_DIR: never a
// downloaded browser, always a fresh profile. Shared by scripts/axe.mjs, scripts/editor.mjs and
// scripts/screenshots.mjs.
import { createRequire } from "node:module";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// `require` resolving from MODULES_DIR, for the npm packages the scripts need.
export function modulesRequire(modules) {
  return createRequire(join(modules, "noop.js"));
}

// A headless browser with a fresh profile and the flags the project's browser runs use.
export async function launch(modules, extraArgs = []) {
  const { chromium } = modulesRequire(modules)("playwright-core");
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "zonesite-chromium-")), {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run", ...extraArgs],
  });
}

// A page of the given size and colour scheme. A persistent context ignores newPage's options,
// so both are set on the page.
export async function openPage(browser, width, height, colorScheme) {
  const page = await browser.newPage();
  await page.setViewportSize({ width, height });
  await page.emulateMedia({ colorScheme });
  return page;
}

// axe-core's WCAG 2.2 A and AA rules on what `page` shows, each violation as "id: help (where)".
// The source is evaluated rather than added as a script tag, which a page's policy may forbid.
export async function axeViolations(page, axeSource) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } }));
  return result.violations.map((v) =>
    `${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")})`);
}
