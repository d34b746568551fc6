// What a visitor's first search downloads: opens each search address in Debian's Chromium with a
// fresh profile and the HTTP cache off, waits until the results list is filled and the network is
// quiet, and sums the bytes of every response as they came over the wire (CDP
// Network.loadingFinished encodedDataLength: headers included, compressed as the server sent it).
// Called by bench/search.py; needs playwright-core from npm (never a downloaded browser).
//
//   node bench/first_search.mjs MODULES_DIR BASE_URL PATH...     (PATH: search/?q=technology)
//
// Prints one JSON line: [{path, results, files: [{url, bytes}]}], in the order of the requests.
import { launch, openPage } from "../scripts/chromium.mjs";

const [modules, base, ...paths] = process.argv.slice(2);
const browser = await launch(modules);
const report = [];
for (const path of paths) {
  const page = await openPage(browser, 1280, 800, "light");
  const cdp = await browser.newCDPSession(page);
  await cdp.send("Network.enable");
  // Every visit is a first one: nothing may come from the previous query's downloads.
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const urls = new Map();
  const files = [];
  cdp.on("Network.requestWillBeSent", (e) => urls.set(e.requestId, e.request.url));
  cdp.on("Network.loadingFinished", (e) =>
    files.push({ url: urls.get(e.requestId), bytes: e.encodedDataLength }));
  await page.goto(base + path, { waitUntil: "load" });
  await page.waitForSelector("#search-results li", { timeout: 30000 });
  await page.waitForLoadState("networkidle");
  const results = await page.locator("#search-results li").count();
  report.push({ path, results, files });
  await page.close();
}
await browser.close();
console.log(JSON.stringify(report));
