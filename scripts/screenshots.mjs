// Saves screenshots of a served site in Debian's Chromium: each page at a phone's (360 px) and a
// desktop's (1280 px) width, in light and dark mode. Called by scripts/screenshots; needs
// playwright-core from npm (never a downloaded browser).
//
//   node scripts/screenshots.mjs MODULES_DIR BASE_URL OUT_DIR NAME=PATH...
import { join } from "node:path";
import { launch, openPage } from "./chromium.mjs";

const [modules, base, out, ...shots] = process.argv.slice(2);
const browser = await launch(modules, ["--hide-scrollbars"]);
for (const [width, height] of [[360, 740], [1280, 800]]) {
  for (const colorScheme of ["light", "dark"]) {
    const page = await openPage(browser, width, height, colorScheme);
    for (const shot of shots) {
      const at = shot.indexOf("=");
      const [name, path] = [shot.slice(0, at), shot.slice(at + 1)];
      await page.goto(base + path, { waitUntil: "load" });
      const file = join(out, `${name}-${width}-${colorScheme}.png`);
      // Whole pages, cut at a height that keeps the repository small and still shows the figures.
      const full = await page.evaluate(() => document.documentElement.scrollHeight);
      await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width, height: Math.min(full, 2400) } });
      console.log(file);
    }
    await page.close();
  }
}
await browser.close();
