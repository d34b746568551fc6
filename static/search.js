// The search page of a zonesite site: searches Pagefind's index of the site (written beside this
// file, in pagefind/) as the reader types, and lists the pages found. The page's own form works
// without this script: it reloads the page with ?q=, which this script reads.
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const input = document.getElementById("search-query");
const form = input && input.form;
const words = status ? status.dataset : {};
// How many results are shown; Pagefind ranks them, and a reader rarely goes further.
const SHOWN = 20;
// Typing waits this long for the next key before searching.
const PAUSE_MS = 150;

let pagefind = null;
let latest = 0;

function say(text) {
  status.textContent = text;
}

function fill(template, query, count) {
  return template.replace("{query}", query).replace("{count}", String(count));
}

// The page's address as a reader would type it: decoded, without the origin.
function shown(url) {
  try {
    return decodeURI(url);
  } catch (e) {
    return url;
  }
}

function result(data) {
  const item = document.createElement("li");
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = (data.meta && data.meta.title) || shown(data.url);
  heading.append(link);
  item.append(heading);
  if (data.meta && data.meta.section) {
    const section = document.createElement("p");
    section.className = "search-section";
    section.textContent = data.meta.section;
    item.append(section);
  }
  const excerpt = document.createElement("p");
  excerpt.className = "search-excerpt";
  // Pagefind escapes the page's text and adds only <mark> around the words found.
  excerpt.innerHTML = data.excerpt;
  const address = document.createElement("p");
  address.className = "search-url";
  address.textContent = shown(data.url);
  item.append(excerpt, address);
  return item;
}

async function search(query) {
  const mine = ++latest;
  query = query.trim();
  if (!query) {
    list.replaceChildren();
    say(status.getAttribute("data-hint") || "");
    return;
  }
  say(words.searching);
  const found = await pagefind.search(query);
  const data = await Promise.all(found.results.slice(0, SHOWN).map((r) => r.data()));
  // A slower, older search must not overwrite a newer one.
  if (mine !== latest) return;
  list.replaceChildren(...data.map(result));
  const count = found.results.length;
  say(fill(count === 0 ? words.none : count === 1 ? words.one : words.many, query, count));
}

function remember(query) {
  const url = new URL(location.href);
  if (query.trim()) url.searchParams.set("q", query);
  else url.searchParams.delete("q");
  history.replaceState(null, "", url);
}

async function start() {
  if (!status || !list || !input) return;
  status.setAttribute("data-hint", status.textContent);
  const query = new URLSearchParams(location.search).get("q") || "";
  input.value = query;
  try {
    pagefind = await import(new URL("pagefind/pagefind.js", import.meta.url).href);
    await pagefind.options({ excerptLength: 24 });
  } catch (e) {
    // Opened from disk, or the index is missing: say so, and lead to the sitemap.
    say("");
    document.getElementById("search-unavailable").hidden = false;
    return;
  }
  let timer = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      remember(input.value);
      search(input.value);
    }, PAUSE_MS);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    remember(input.value);
    search(input.value);
  });
  if (query) search(query);
}

start();
