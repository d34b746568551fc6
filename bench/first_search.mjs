// What a visitor's first search downloads: opens each search address in Debian's Chromium, each
// in a browser of its own with a fresh profile (an empty cache), waits until the results list is
// filled and the network is quiet, and sums the bytes of every response as they came over the
// wire, headers included and compressed as the server sent them. Those are Chromium's own counts
// (the DevTools protocol's Network.loadingFinished encodedDataLength) as Playwright reports them
// for the page and its workers: a CDP session of the page alone misses the requests of
// Pagefind's web worker.
// Called by bench/search.py; needs playwright-core from npm (never a downloaded browser).
//
//   node bench/first_search.mjs MODULES_DIR BASE_URL PATH...     (PATH: search/?q=technology)
//
// Prints one JSON line: [{path, results, files: [{url, bytes}]}], in the order the files arrived.
import { launch, openPage } from "../scripts/chromium.mjs";

const [modules, base, ...paths] = process.argv.slice(2);
const report = [];
for (const path of paths) {
  const browser = await launch(modules);
  const page = await openPage(browser, 1280, 800, "light");
  const files = [];
  page.on("requestfinished", (request) => files.push((async () => {
    const sizes = await request.sizes();
    // Chromium reports no body size for a worker's own script; its Content-Length is the same
    // count (the bytes as sent).
    const response = await request.response();
    const length = Number((await response?.headerValue("content-length")) || 0);
    const body = sizes.responseBodySize || length;
    return { url: request.url(), bytes: sizes.responseHeadersSize + body };
  })()));
  await page.goto(base + path, { waitUntil: "load" });
  await page.waitForSelector("#search-results li", { timeout: 30000 });
  await page.waitForLoadState("networkidle");
  const results = await page.locator("#search-results li").count();
  report.push({ path, results, files: await Promise.all(files) });
  await browser.close();
}
console.log(JSON.stringify(report));
