// The zonesite editor: the site's pages and its fact sheet, edited through the JSON calls of
// `zonesite edit`. No library, no request to another site: this file and editor.css are all.
"use strict";

const WORDS = {
  en: {
    skip: "Skip to the editor", pages: "Pages", facts: "Fact sheet", loading: "Loading…",
    search: "Find a page by its title", newPage: "New page", newStory: "New story",
    newIndustry: "New industry", top: "Top of the site", draft: "draft",
    placeholder: "example text", untranslated: "not translated", problems: "problems",
    fileName: "File name (letters, digits and dashes)", create: "Create", cancel: "Cancel",
    title: "Title", description: "Description", date: "Date", weight: "Order (smaller first)",
    draftLabel: "Draft: not published yet", settings: "Settings", text: "Text",
    heading: "Heading", bold: "Bold", italic: "Italic", list: "List", link: "Link to a page",
    picture: "Picture", fact: "Fact", chart: "Chart", save: "Save", saved: "Saved",
    unsaved: "Not saved yet", preview: "Preview", history: "Earlier versions",
    restore: "Put this version back", show: "Show", noHistory: "No earlier version yet.",
    line: "Line", column: "column", inSettings: "in the settings", otherFiles: "Problems elsewhere in the site",
    noProblems: "No problems.", conflict: "This file was changed on disk since you opened it.",
    keepMine: "Keep my version", takeDisk: "Take the version on disk", yours: "Yours",
    onDisk: "On disk", choosePage: "Choose the page to link to", chooseFact: "Choose a fact",
    chooseChart: "Choose a chart", insert: "Insert", altText: "What the picture shows (read to people who cannot see it)",
    chooseFile: "Picture file (JPEG, PNG or WebP)", translations: "Translations",
    translate: "Translate into", open: "Open", wholeText: "The settings at the top of this page cannot be shown as a form: edit them in the text.",
    figures: "Figures", sources: "Sources", industries: "Industries", zone: "Zone",
    parks: "Parks", contact: "Contact", theme: "Theme", addFigure: "Add a figure",
    addSource: "Add a source", check: "Checked", saveFacts: "Save the fact sheet",
    value: "Value", unit: "Unit", period: "Period (year)", asOf: "As of (day)",
    asReported: "As reported (day)", kind: "Kind", source: "Source", approximate: "About",
    headline: "Key figure", id: "Id", label: "Label", publisher: "Publisher", name: "Name",
    slug: "Address name", palette: "Palette", primary: "Main colour", accent: "Accent colour",
    sectors: "Sectors", count: "Figure that counts them",
    errors: "The build found errors: nothing was saved.", back: "All pages",
    actual: "actual", target: "target", estimate: "estimate", none: "(none)",
    textLabel: "Text of the page (markdown)", original: "The page being translated", previewTitle: "Preview of the page",
    needsAlt: "Describe the picture first.", uploading: "Adding the picture…",
    office: "Office", address: "Address", phone: "Phone", email: "Email",
    enquiry: "Enquiry address (URL)", officialName: "Official name", location: "Location", yourChanges: "Your changes, not saved yet:",
    applyMine: "Apply my changes to the version on disk", siteProblems: "The site cannot be built until these are fixed",
    lose: "Your changes on this page are not saved and will be lost. Go on?", goals: "Goals (one per line)", perLanguage: "(in each language: see site.toml)", example: "Example (untick once replaced)",
    site: "Site", baseUrl: "Published address (base_url)", charts: "Charts", plans: "Plans",
  },
  zh: {
    skip: "跳到编辑区", pages: "页面", facts: "数据表", loading: "正在载入…",
    search: "按标题查找页面", newPage: "新建页面", newStory: "新建新闻",
    newIndustry: "新建产业", top: "网站首层", draft: "草稿",
    placeholder: "示例文字", untranslated: "未翻译", problems: "个问题",
    fileName: "文件名（字母、数字和短横线）", create: "创建", cancel: "取消",
    title: "标题", description: "简介", date: "日期", weight: "排序（小的在前）",
    draftLabel: "草稿：暂不发布", settings: "页面设置", text: "正文",
    heading: "标题行", bold: "粗体", italic: "斜体", list: "列表", link: "链接到页面",
    picture: "图片", fact: "数据", chart: "图表", save: "保存", saved: "已保存",
    unsaved: "尚未保存", preview: "预览", history: "历史版本",
    restore: "恢复这个版本", show: "查看", noHistory: "还没有历史版本。",
    line: "第", column: "列", inSettings: "在页面设置中", otherFiles: "网站其他位置的问题",
    noProblems: "没有问题。", conflict: "打开之后，这个文件在磁盘上被改动过。",
    keepMine: "保留我的版本", takeDisk: "采用磁盘上的版本", yours: "您的版本",
    onDisk: "磁盘上的版本", choosePage: "选择要链接的页面", chooseFact: "选择数据",
    chooseChart: "选择图表", insert: "插入", altText: "图片内容说明（读给看不到图片的读者）",
    chooseFile: "图片文件（JPEG、PNG 或 WebP）", translations: "译文",
    translate: "翻译成", open: "打开", wholeText: "本页顶部的设置无法显示为表单，请在正文中修改。",
    figures: "数据", sources: "来源", industries: "产业", zone: "园区",
    parks: "产业园区", contact: "联系方式", theme: "外观", addFigure: "添加数据",
    addSource: "添加来源", check: "已检查", saveFacts: "保存数据表",
    value: "数值", unit: "单位", period: "时期（年份）", asOf: "截至（日期）",
    asReported: "报道日期", kind: "类型", source: "来源", approximate: "约数",
    headline: "关键数据", id: "编号", label: "名称", publisher: "发布者", name: "名称",
    slug: "地址名", palette: "配色", primary: "主色", accent: "强调色",
    sectors: "涵盖领域", count: "计数的数据",
    errors: "构建发现错误：没有保存。", back: "全部页面",
    actual: "实际", target: "目标", estimate: "估计", none: "（无）",
    textLabel: "页面正文（markdown）", original: "原文", previewTitle: "页面预览",
    needsAlt: "请先说明图片内容。", uploading: "正在添加图片…",
    office: "办公室", address: "地址", phone: "电话", email: "电子邮件",
    enquiry: "咨询网址", officialName: "正式名称", location: "位置", yourChanges: "您尚未保存的修改：",
    applyMine: "把我的修改应用到磁盘上的版本", siteProblems: "修正以下问题后网站才能生成",
    lose: "本页的修改尚未保存，将会丢失。是否继续？", goals: "目标（每行一个）", perLanguage: "（分语言填写：见 site.toml）", example: "示例（替换后取消勾选）",
    site: "网站", baseUrl: "发布地址（base_url）", charts: "图表", plans: "规划",
  },
};
const LANG = (navigator.language || "en").toLowerCase().startsWith("zh") ? "zh" : "en";
const T = WORDS[LANG];
document.documentElement.lang = LANG === "zh" ? "zh-Hans" : "en";

// ---- small helpers -------------------------------------------------------------------------

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child !== null && child !== undefined && child !== false) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
}

async function call(method, path, body, raw) {
  const options = { method, headers: {} };
  if (body !== undefined) {
    options.body = raw ? body : JSON.stringify(body);
    options.headers["Content-Type"] = raw ? "application/octet-stream" : "application/json";
  }
  const response = await fetch(path, options);
  let data = {};
  try { data = await response.json(); } catch (_) { data = { error: response.statusText }; }
  return { status: response.status, data };
}

function say(text) { document.getElementById("status").textContent = text; }

function main(...children) {
  const node = document.getElementById("main");
  node.replaceChildren(...children.flat(Infinity).filter((child) => child !== null && child !== undefined));
  return node;
}

function field(label, input, hint) {
  const id = input.id || "f" + Math.random().toString(36).slice(2);
  input.id = id;
  return el("div", { class: "field" }, el("label", { for: id, text: label }), input,
    hint ? el("p", { class: "hint", text: hint }) : null);
}

function dialog(title, body, actions) {
  const box = el("dialog", { "aria-labelledby": "dialog-title" },
    el("h2", { id: "dialog-title", text: title }), body,
    el("div", { class: "actions" }, actions));
  document.body.append(box);
  box.addEventListener("close", () => box.remove());
  box.showModal();
  return box;
}

function problemList(problems, path, lineOffset, onJump) {
  const mine = problems.filter((p) => p.location && p.location.file === path);
  const others = problems.length - mine.length;
  const list = el("ul", { class: "problems" });
  for (const p of mine) {
    const line = p.location.line;
    const bodyLine = line ? line - lineOffset : null;
    const where = !line ? "" : bodyLine > 0
      ? `${T.line} ${bodyLine}${p.location.column ? `, ${T.column} ${p.location.column}` : ""}: `
      : `${T.inSettings}: `;
    const text = `${where}${p.message}${p.hint ? ` (${p.hint})` : ""}`;
    const item = el("li", { class: p.severity },
      bodyLine > 0 && onJump
        ? el("button", { type: "button", class: "link", onclick: () => onJump(bodyLine), text })
        : text);
    list.append(item);
  }
  const elsewhere = problems.filter((p) => !mine.includes(p));
  if (others > 0) {
    list.append(el("li", { class: "other" }, el("details", {},
      el("summary", { text: `${T.otherFiles}: ${others}` }),
      el("ul", {}, elsewhere.map((p) => el("li", { class: p.severity, text: `${p.location ? p.location.file + (p.location.line ? `:${p.location.line}` : "") + ": " : ""}${p.message}${p.hint ? ` (${p.hint})` : ""}` }))))));
  }
  if (!list.children.length) list.append(el("li", { class: "ok", text: T.noProblems }));
  return list;
}

// ---- the list of pages ---------------------------------------------------------------------

let site = { pages: [], problems: [] };

// Counts the views shown: a view whose data comes back after another was asked for is dropped.
let views = 0;

async function showPages() {
  const view = ++views;
  say(T.loading);
  const { data } = await call("GET", "api/pages");
  if (view !== views) return;
  site = data;
  say("");
  const languages = [...new Set(site.pages.map((p) => p.lang))];
  const search = el("input", { type: "search", autocomplete: "off" });
  const lists = el("div", {});
  const render = () => {
    const wanted = search.value.trim().toLowerCase();
    const folders = new Map();
    for (const page of site.pages) {
      if (wanted && !page.title.toLowerCase().includes(wanted)) continue;
      if (!folders.has(page.folder)) folders.set(page.folder, []);
      folders.get(page.folder).push(page);
    }
    lists.replaceChildren(...[...folders.entries()].map(([folder, pages]) =>
      el("section", { class: "folder" }, el("h2", { text: folder || T.top }),
        el("ul", {}, pages.map((page) => pageItem(page, languages))))));
  };
  search.addEventListener("input", render);
  render();
  main(
    el("h1", { text: T.pages }),
    el("div", { class: "toolbar" },
      el("button", { type: "button", onclick: () => newPage("page"), text: T.newPage }),
      el("button", { type: "button", onclick: () => newPage("story"), text: T.newStory }),
      el("button", { type: "button", onclick: () => newPage("industry"), text: T.newIndustry })),
    field(T.search, search),
    site.problems.some((p) => p.severity === "error")
      ? el("section", { class: "site-problems" }, el("h2", { text: T.siteProblems }), problemList(site.problems, "", 0, null))
      : null,
    lists);
}

function pageItem(page, languages) {
  const problems = site.problems.filter((p) => p.location && p.location.file === page.path).length;
  const translated = new Set(site.pages.filter((p) => p.translation_of === page.translation_of).map((p) => p.lang));
  const missing = page.path === page.translation_of && languages.some((l) => !translated.has(l));
  return el("li", {},
    el("a", { href: "#/page/" + encodeURIComponent(page.path), text: page.title }),
    " ", el("span", { class: "lang", text: page.lang }),
    page.draft ? el("span", { class: "badge", text: T.draft }) : null,
    page.placeholder ? el("span", { class: "badge", text: T.placeholder }) : null,
    missing ? el("span", { class: "badge", text: T.untranslated }) : null,
    problems ? el("span", { class: "badge bad", text: `${problems} ${T.problems}` }) : null,
    el("span", { class: "path", text: page.path }));
}

function newPage(kind) {
  const name = el("input", { type: "text", required: true, pattern: "[a-z0-9][a-z0-9-]*", autocomplete: "off" });
  const problems = el("div", { role: "alert" });
  const box = dialog({ page: T.newPage, story: T.newStory, industry: T.newIndustry }[kind],
    [field(T.fileName, name), problems],
    [el("button", { type: "button", onclick: async () => {
      const { status, data } = await call("POST", "api/create", { kind, name: name.value });
      if (status === 201) { box.close(); location.hash = "#/page/" + encodeURIComponent(data.path); }
      else problems.replaceChildren(el("p", { class: "error", text: (data.problems || []).map((p) => `${p.message}${p.hint ? ` (${p.hint})` : ""}`).join(" ") || data.error }));
    }, text: T.create }),
    el("button", { type: "button", onclick: () => box.close(), text: T.cancel })]);
  name.focus();
}

// ---- one page ------------------------------------------------------------------------------

const FRONT = [
  { key: "title", label: () => T.title, kind: "text" },
  { key: "description", label: () => T.description, kind: "text" },
  { key: "date", label: () => T.date, kind: "date" },
  { key: "weight", label: () => T.weight, kind: "number" },
  { key: "draft", label: () => T.draftLabel, kind: "bool" },
  { key: "placeholder", label: () => T.example, kind: "bool", onlyIfSet: true },
];

let editing = null;

async function showPage(path) {
  const view = ++views;
  say(T.loading);
  const { status, data } = await call("GET", "api/page?path=" + encodeURIComponent(path));
  if (view !== views) return;
  if (status !== 200) { main(el("p", { role: "alert", text: data.error })); say(""); return; }
  say("");
  editing = { path, version: data.version, page: data.page, address: data.address, dirty: false, timer: null, run: 0 };
  const inputs = {};
  const form = data.page.front === null
    ? el("p", { class: "note", text: T.wholeText })
    : el("fieldset", { class: "front" }, el("legend", { text: T.settings }),
      FRONT.filter((f) => !f.onlyIfSet || data.page.form[f.key] !== undefined)
        .map((f) => { inputs[f.key] = frontInput(f, data.page.form[f.key]); return inputs[f.key].field; }));
  editing.inputs = inputs;
  const text = el("textarea", { spellcheck: "true", rows: "24" });
  text.value = data.page.text;
  editing.textarea = text;
  const problems = el("div", { class: "problem-box", "aria-live": "polite" });
  const frame = el("iframe", { title: T.previewTitle, sandbox: "allow-popups allow-popups-to-escape-sandbox", src: data.address ? "site" + data.address : "about:blank" });
  editing.frame = frame; editing.problems = problems;
  const changed = () => { editing.dirty = true; say(T.unsaved); schedulePreview(); };
  text.addEventListener("input", changed);
  for (const f of Object.values(inputs)) f.input.addEventListener(f.input.type === "checkbox" ? "change" : "input", changed);
  const saveButton = el("button", { type: "button", class: "primary", onclick: savePage, text: T.save });
  const history = el("details", { class: "history" }, el("summary", { text: T.history }));
  history.addEventListener("toggle", () => { if (history.open) showHistory(history); });
  main(
    el("p", {}, el("a", { href: "#/", text: "← " + T.back })),
    el("h1", { text: titleOf(data) }),
    el("p", { class: "path", text: path }),
    translationLinks(data),
    el("div", { class: "editor" },
      el("div", { class: "source" }, form,
        data.original === null || data.original === undefined ? null
          : el("details", { class: "original", open: true },
            el("summary", { text: `${T.original} (${(data.translations.find((p) => p.path === data.me.translation_of) || {}).lang || ""})` }),
            el("pre", { tabindex: "0", text: data.original })),
        el("div", { class: "toolbar", role: "toolbar", "aria-label": T.text }, toolbar(text)),
        field(T.textLabel, text), problems,
        el("div", { class: "actions" }, saveButton), history),
      el("div", { class: "preview" }, el("h2", { text: T.preview }), frame)));
  schedulePreview(0);
}

function titleOf(data) {
  const form = data.page.form;
  return (form && typeof form.title === "string" && form.title) || data.path;
}

function frontInput(spec, value) {
  let input;
  if (spec.kind === "bool") {
    input = el("input", { type: "checkbox" });
    input.checked = value === true;
    const id = "front-" + spec.key; input.id = id;
    return { input, spec, original: value, field: el("div", { class: "field check" }, input, el("label", { for: id, text: spec.label() })) };
  }
  input = el("input", { type: spec.kind === "date" ? "date" : spec.kind === "number" ? "number" : "text", id: "front-" + spec.key });
  if (spec.kind === "number") input.step = "1";
  input.value = value === undefined || value === null ? "" : spec.kind === "date" ? (value.date || "") : String(value);
  return { input, spec, original: value, field: field(spec.label(), input) };
}

// The form's changes as edits of the page's settings: only what differs from what was opened.
function frontEdits() {
  const edits = [];
  for (const f of Object.values(editing.inputs || {})) {
    const { key, kind } = f.spec;
    const had = f.original !== undefined && f.original !== null;
    let value = null;
    if (kind === "bool") value = f.input.checked ? { bool: true } : null;
    else if (f.input.value.trim() === "") value = null;
    else if (kind === "date") value = { date: f.input.value };
    else if (kind === "number") value = { number: f.input.value };
    else value = { text: f.input.value };
    const before = !had ? null : kind === "bool" ? (f.original ? { bool: true } : null)
      : kind === "date" ? { date: f.original.date } : kind === "number" ? { number: String(f.original) } : { text: String(f.original) };
    if (JSON.stringify(value) === JSON.stringify(before)) continue;
    if (value === null) { if (had) edits.push({ op: "remove", path: [key] }); }
    else edits.push({ op: "set", path: [key], value });
  }
  return edits;
}

function edited() {
  const page = { path: editing.path, text: editing.textarea.value };
  if (editing.page.front !== null) { page.front = editing.page.front; page.edits = frontEdits(); }
  return page;
}

// Lines before the text box's first line in the file: `+++`, the settings, `+++`.
function lineOffset() {
  if (editing.page.front === null) return 0;
  return 2 + (editing.page.front.match(/\n/g) || []).length;
}

function schedulePreview(delay) {
  clearTimeout(editing.timer);
  editing.timer = setTimeout(runPreview, delay === undefined ? 200 : delay);
}

// One preview at a time: keystrokes during a build ask for one more when it is done.
async function runPreview() {
  const page = editing;
  if (!page) return;
  if (page.busy) { page.again = true; return; }
  page.busy = true;
  const run = ++page.run;
  const { status, data } = await call("POST", "api/preview", edited());
  page.busy = false;
  if (page.again) { page.again = false; runPreview(); }
  if (page !== editing || run !== page.run) return;
  if (status !== 200) { editing.problems.replaceChildren(el("p", { role: "alert", text: data.error })); return; }
  showProblems(data.problems);
  if (data.address) editing.frame.src = "site" + data.address + "?v=" + run;
}

function showProblems(problems) {
  editing.problems.replaceChildren(problemList(problems, editing.path, lineOffset(), jumpTo));
}

function jumpTo(line) {
  const text = editing.textarea;
  const lines = text.value.split("\n");
  const at = lines.slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0);
  text.focus();
  text.setSelectionRange(at, at + (lines[line - 1] || "").length);
}

async function savePage(_, version) {
  const body = edited();
  body.version = version || editing.version;
  const { status, data } = await call("POST", "api/save", body);
  if (status === 409) return conflict(data, body);
  if (status !== 200) { say(data.error || T.errors); return; }
  reopen(data);
  say(T.saved);
}

function reopen(data) {
  editing.version = data.version;
  editing.page = data.page;
  editing.dirty = false;
  editing.textarea.value = data.page.text;
  for (const f of Object.values(editing.inputs || {})) f.original = data.page.form ? data.page.form[f.spec.key] : undefined;
  if (data.problems) showProblems(data.problems);
  schedulePreview(0);
}

function conflict(data, mine) {
  const box = dialog(T.conflict,
    el("div", { class: "two" },
      el("section", {}, el("h3", { text: T.yours }), el("pre", { tabindex: "0", text: mine.front !== undefined ? `+++\n${mine.front}+++\n${mine.text}` : mine.text })),
      el("section", {}, el("h3", { text: T.onDisk }), el("pre", { tabindex: "0", text: data.disk }))),
    [el("button", { type: "button", onclick: () => { box.close(); savePage(null, data.version); }, text: T.keepMine }),
      el("button", { type: "button", onclick: () => { if (!confirm(T.lose)) return; box.close(); editing.dirty = false; showPage(editing.path); }, text: T.takeDisk })]);
}

async function showHistory(panel) {
  const { data } = await call("GET", "api/history?path=" + encodeURIComponent(editing.path));
  const kept = data.kept || [];
  panel.replaceChildren(panel.firstChild, kept.length ? el("ol", {}, kept.map((k) => el("li", {},
    new Date(k.saved_at * 1000).toLocaleString(LANG === "zh" ? "zh-CN" : "en-GB"), " ",
    el("button", { type: "button", onclick: () => viewKept(k), text: T.show }), " ",
    el("button", { type: "button", onclick: () => restoreKept(k, panel), text: T.restore })))) : el("p", { text: T.noHistory }));
}

async function viewKept(kept) {
  const { data } = await call("GET", `api/kept?path=${encodeURIComponent(editing.path)}&id=${encodeURIComponent(kept.id)}`);
  const box = dialog(T.history, el("pre", { tabindex: "0", text: data.text || data.error }),
    [el("button", { type: "button", onclick: () => box.close(), text: T.cancel })]);
}

async function restoreKept(kept, panel) {
  if (editing.dirty && !confirm(T.lose)) return;
  const { status, data } = await call("POST", "api/restore", { path: editing.path, id: kept.id, version: editing.version });
  if (status === 409) return conflict(data, edited());
  if (status !== 200) { say(data.error); return; }
  reopen(data);
  say(T.saved);
  showHistory(panel);
}

function translationLinks(data) {
  const me = data.me;
  if (!me) return null;
  const others = data.translations.filter((p) => p.path !== me.path);
  const languages = data.languages.filter((l) => l !== me.lang && !others.some((o) => o.lang === l));
  return el("p", { class: "translations" }, T.translations + ": ",
    others.map((o) => [el("a", { href: "#/page/" + encodeURIComponent(o.path), text: `${o.lang}: ${o.title}` }), " "]),
    me.path === me.translation_of ? languages.map((l) => el("button", { type: "button", onclick: () => translate(me, l), text: `${T.translate} ${l}` })) : null);
}

async function translate(page, lang) {
  const name = page.path.replace(/^content\//, "").replace(/\.md$/, "");
  const { status, data } = await call("POST", "api/create", { kind: "page", name, lang });
  if (status === 201) location.hash = "#/page/" + encodeURIComponent(data.path);
  else say((data.problems && data.problems[0].message) || data.error);
}

// ---- the text box's toolbar ----------------------------------------------------------------

function toolbar(text) {
  // Where the cursor was when the text box last had it: a dialog takes the focus away, and a
  // browser may forget the selection meanwhile.
  let range = [text.value.length, text.value.length];
  const remember = () => { range = [text.selectionStart, text.selectionEnd]; };
  for (const event of ["blur", "select", "keyup", "mouseup", "input"]) text.addEventListener(event, remember);
  const put = (words, start, end) => {
    text.focus();
    text.setRangeText(words, start, end, "end");
    text.dispatchEvent(new Event("input"));
  };
  const wrap = (before, after) => () => {
    const [s, e] = range;
    put(before + text.value.slice(s, e) + after, s, e);
  };
  const linePrefix = (prefix) => () => {
    const start = text.value.lastIndexOf("\n", range[0] - 1) + 1;
    put(prefix, start, start);
  };
  const insert = (words) => put(words, range[0], range[1]);
  return [
    el("button", { type: "button", onclick: linePrefix("## "), text: T.heading }),
    el("button", { type: "button", onclick: wrap("**", "**"), text: T.bold }),
    el("button", { type: "button", onclick: wrap("*", "*"), text: T.italic }),
    el("button", { type: "button", onclick: linePrefix("- "), text: T.list }),
    el("button", { type: "button", onclick: () => chooseLink(text, insert), text: T.link }),
    el("button", { type: "button", onclick: () => choosePicture(insert), text: T.picture }),
    el("button", { type: "button", onclick: () => chooseFact(insert, "figures", "fact"), text: T.fact }),
    el("button", { type: "button", onclick: () => chooseFact(insert, "charts", "chart"), text: T.chart }),
  ];
}

function choose(title, options, onPick) {
  const select = el("select", {}, options.map(([value, label]) => el("option", { value, text: label })));
  const box = dialog(title, field(title, select),
    [el("button", { type: "button", class: "primary", onclick: () => { box.close(); onPick(select.value); }, text: T.insert }),
      el("button", { type: "button", onclick: () => box.close(), text: T.cancel })]);
  select.focus();
}

// A link names the other page's file from this page's folder, as the build resolves it.
function relativeLink(from, to) {
  const a = from.split("/").slice(0, -1);
  const b = to.split("/");
  let same = 0;
  while (same < a.length && same < b.length - 1 && a[same] === b[same]) same++;
  return "../".repeat(a.length - same) + b.slice(same).join("/");
}

async function chooseLink(text, insert) {
  if (!site.pages.some((p) => p.path === editing.path)) site = (await call("GET", "api/pages")).data;
  const here = site.pages.find((p) => p.path === editing.path);
  const pages = site.pages.filter((p) => !here || p.lang === here.lang);
  choose(T.choosePage, pages.map((p) => [p.path, `${p.title} (${p.path})`]), (path) => {
    const page = site.pages.find((p) => p.path === path);
    const words = text.value.slice(text.selectionStart, text.selectionEnd) || page.title;
    insert(`[${words}](${relativeLink(editing.path, path)})`);
  });
}

async function chooseFact(insert, table, word) {
  const { data } = await call("GET", "api/facts");
  const records = (data.form && data.form[table]) || [];
  const label = (r) => {
    const l = r.label || r.title;
    return typeof l === "string" ? l : l ? Object.values(l).join(" / ") : r.id;
  };
  choose(word === "fact" ? T.chooseFact : T.chooseChart, records.map((r) => [r.id, `${label(r)} (${r.id})`]),
    (id) => insert(word === "chart" ? `\n{{ chart ${id} }}\n` : `{{ fact ${id} }}`));
}

function choosePicture(insert) {
  const file = el("input", { type: "file", accept: "image/jpeg,image/png,image/webp" });
  const alt = el("input", { type: "text", required: true });
  const problems = el("p", { role: "alert" });
  const box = dialog(T.picture, [field(T.chooseFile, file), field(T.altText, alt), problems],
    [el("button", { type: "button", class: "primary", onclick: async () => {
      if (!alt.value.trim()) { problems.textContent = T.needsAlt; alt.focus(); return; }
      if (!file.files.length) { file.focus(); return; }
      problems.textContent = T.uploading;
      const chosen = file.files[0];
      const { status, data } = await call("POST", `api/picture?page=${encodeURIComponent(editing.path)}&name=${encodeURIComponent(chosen.name)}`, chosen, true);
      if (status !== 201) { problems.textContent = data.error; return; }
      box.close();
      insert(`![${alt.value.trim().replace(/[[\]]/g, "")}](${data.path})`);
    }, text: T.insert }),
    el("button", { type: "button", onclick: () => box.close(), text: T.cancel })]);
  file.focus();
}

// ---- the fact sheet ------------------------------------------------------------------------

const TABLES = {
  figures: [
    { key: "id", label: "id", kind: "fixed" }, { key: "label", label: "label", kind: "texts" },
    { key: "value", label: "value", kind: "number" }, { key: "unit", label: "unit", kind: "texts" },
    { key: "period", label: "period", kind: "text" }, { key: "as_of", label: "asOf", kind: "date" },
    { key: "as_reported", label: "asReported", kind: "date" },
    { key: "kind", label: "kind", kind: "choice", options: ["actual", "target", "estimate"] },
    { key: "source", label: "source", kind: "source" }, { key: "approximate", label: "approximate", kind: "bool" },
    { key: "headline", label: "headline", kind: "bool" },
    { key: "placeholder", label: "example", kind: "bool" },
  ],
  sources: [
    { key: "id", label: "id", kind: "fixed" }, { key: "publisher", label: "publisher", kind: "texts" },
    { key: "title", label: "title", kind: "texts" }, { key: "date", label: "date", kind: "date" },
    { key: "placeholder", label: "example", kind: "bool" },
  ],
  industries: [
    { key: "slug", label: "slug", kind: "fixed" }, { key: "name", label: "name", kind: "texts" },
    { key: "placeholder", label: "example", kind: "bool" },
  ],
  charts: [
    { key: "id", label: "id", kind: "fixed" }, { key: "title", label: "title", kind: "texts" },
    { key: "placeholder", label: "example", kind: "bool" },
  ],
  plans: [
    { key: "id", label: "id", kind: "fixed" }, { key: "name", label: "name", kind: "texts" },
    { key: "period", label: "period", kind: "text" }, { key: "goals", label: "goals", kind: "lines" },
    { key: "placeholder", label: "example", kind: "bool" },
  ],
};
const SINGLE = {
  site: [
    { key: "title", label: "title", kind: "texts" }, { key: "description", label: "description", kind: "texts" },
    { key: "base_url", label: "baseUrl", kind: "text" },
  ],
  zone: [
    { key: "name", label: "name", kind: "texts" }, { key: "official_name", label: "officialName", kind: "texts" },
    { key: "location", label: "location", kind: "texts" }, { key: "placeholder", label: "example", kind: "bool" },
  ],
  contact: [
    { key: "office", label: "office", kind: "texts" }, { key: "address", label: "address", kind: "texts" },
    { key: "phone", label: "phone", kind: "text" }, { key: "email", label: "email", kind: "text" },
    { key: "enquiry_url", label: "enquiry", kind: "text" },
    { key: "placeholder", label: "example", kind: "bool" },
  ],
  parks: [{ key: "count", label: "count", kind: "figure" }],
  theme: [
    { key: "palette", label: "palette", kind: "choice", options: ["harbour", "forest"] },
    { key: "primary", label: "primary", kind: "colour" }, { key: "accent", label: "accent", kind: "colour" },
  ],
};

let facts = null;

async function showFacts() {
  const view = ++views;
  say(T.loading);
  const { status, data } = await call("GET", "api/facts");
  if (view !== views) return;
  if (status !== 200) { main(el("p", { role: "alert", text: data.error })); return; }
  say("");
  facts = { version: data.version, form: data.form, edits: new Map(), timer: null };
  const languages = site.languages || guessLanguages(data.form);
  facts.problems = el("div", { class: "problem-box", "aria-live": "polite" });
  const sections = [];
  for (const [table, columns] of Object.entries(TABLES)) {
    const rows = data.form[table] || [];
    sections.push(el("section", {}, el("h2", { text: T[table] }),
      el("div", { class: "scroll", tabindex: "0", role: "region", "aria-label": T[table] },
        el("table", {}, el("thead", {}, el("tr", {}, columns.flatMap((c) => c.kind === "texts"
          ? languages.map((l) => el("th", { scope: "col", text: `${T[c.label]} (${l})` }))
          : [el("th", { scope: "col", text: T[c.label] })]))),
        el("tbody", {}, rows.map((row, i) => el("tr", {}, columns.flatMap((c) =>
          cells(table, i, row, c, languages))))))),
      table === "figures" ? el("button", { type: "button", onclick: () => addFigure(languages), text: T.addFigure }) : null));
  }
  for (const [table, columns] of Object.entries(SINGLE)) {
    if (!data.form[table]) continue;
    sections.push(el("section", {}, el("h2", { text: T[table] }), el("div", { class: "grid" },
      columns.flatMap((c) => singleFields(table, data.form[table], c, languages)))));
  }
  main(el("h1", { text: T.facts }), facts.problems,
    el("div", { class: "actions" }, el("button", { type: "button", class: "primary", onclick: () => sendFacts(true), text: T.saveFacts })),
    sections);
}

function guessLanguages(form) {
  const label = (form.figures || []).map((f) => f.label).find((l) => l && typeof l === "object");
  return label ? Object.keys(label) : ["en"];
}

function rowName(table, row) { return row.id || row.slug || table; }

function cells(table, index, row, column, languages) {
  const name = `${rowName(table, row)}: ${T[column.label]}`;
  if (column.kind === "fixed") return [el("th", { scope: "row", text: row[column.key] || "" })];
  if (column.kind === "texts") {
    const value = row[column.key];
    if (typeof value === "string") {
      return [el("td", { colspan: String(languages.length) }, input(table, [table, index, column.key], value, "text", name))];
    }
    return languages.map((l) => el("td", {}, input(table, [table, index, column.key, l], value && value[l], "text", `${name} (${l})`)));
  }
  return [el("td", {}, input(table, [table, index, column.key], row[column.key], column.kind, name, column.options))];
}

function singleFields(table, record, column, languages) {
  const value = record[column.key];
  if (column.kind === "texts" && value && typeof value === "object") {
    return languages.map((l) => field(`${T[column.label]} (${l})`, input(table, [table, column.key, l], value[l], "text")));
  }
  return [field(T[column.label], input(table, [table, column.key], value, column.kind === "texts" ? "text" : column.kind, null, column.options))];
}

function input(table, path, value, kind, name, options) {
  let node;
  if (kind === "lines" && Array.isArray(value) && value.some((item) => typeof item !== "string")) {
    // Goals written per language are a list of tables: the form shows them, site.toml edits them.
    return el("span", { text: `${value.map((item) => item[LANG] || Object.values(item)[0]).join("; ")} ${T.perLanguage}` });
  }
  if (kind === "lines") {
    node = el("textarea", { rows: "3" });
    node.value = (value || []).join("\n");
  } else if (kind === "bool") {
    node = el("input", { type: "checkbox" });
    node.checked = value === true;
  } else if (kind === "choice" || kind === "source" || kind === "figure") {
    const records = kind === "source" ? facts.form.sources : kind === "figure" ? facts.form.figures : null;
    const choices = records ? (records || []).map((r) => r.id) : options;
    node = el("select", {}, el("option", { value: "", text: T.none }), choices.map((c) => el("option", { value: c, text: T[c] || c })));
    node.value = value || "";
  } else {
    node = el("input", { type: kind === "date" ? "date" : kind === "colour" ? "text" : "text" });
    if (kind === "number") node.inputMode = "decimal";
    node.value = value === undefined || value === null ? "" : kind === "date" ? (value.date || "") : String(value);
  }
  if (name) node.setAttribute("aria-label", name);
  const had = value !== undefined && value !== null;
  node.addEventListener("change", () => {
    let edit;
    if (kind === "bool") edit = node.checked ? { op: "set", path, value: { bool: true } } : had ? { op: "remove", path } : null;
    else if (node.value.trim() === "") edit = had ? { op: "remove", path } : null;
    else if (kind === "number") edit = { op: "set", path, value: { number: node.value.trim() } };
    else if (kind === "lines") edit = { op: "set", path, value: { list: node.value.split("\n").map((l) => l.trim()).filter(Boolean).map((text) => ({ text })) } };
    else if (kind === "date") edit = { op: "set", path, value: { date: node.value } };
    else edit = { op: "set", path, value: { text: node.value } };
    const key = JSON.stringify(path);
    if (edit) facts.edits.set(key, edit); else facts.edits.delete(key);
    say(T.unsaved);
    clearTimeout(facts.timer);
    facts.timer = setTimeout(() => sendFacts(false), 150);
  });
  return node;
}

async function sendFacts(save) {
  const { status, data } = await call("POST", "api/facts", { version: facts.version, edits: [...facts.edits.values()], save });
  if (status === 409) {
    // The form's changes are single values: they apply as well to the version on disk.
    const changes = [...facts.edits.values()].map((e) => `${e.path.join(" › ")}: ${e.value ? Object.values(e.value)[0] : "—"}`);
    const box = dialog(T.conflict, [el("p", { text: T.yourChanges }), el("ul", {}, changes.map((c) => el("li", { text: c })))],
      [el("button", { type: "button", class: "primary", onclick: () => { box.close(); facts.version = data.version; sendFacts(save); }, text: T.applyMine }),
        el("button", { type: "button", onclick: () => { if (!confirm(T.lose)) return; box.close(); showFacts(); }, text: T.takeDisk })]);
    return;
  }
  if (data.error) { facts.problems.replaceChildren(el("p", { role: "alert", class: "error", text: data.error })); return; }
  facts.problems.replaceChildren(problemList(data.problems || [], "site.toml", 0, null));
  if (data.saved) { await showFacts(); say(T.saved); } else if (save) say(T.errors); else say(T.check);
}

function addFigure(languages) {
  const id = el("input", { type: "text", pattern: "[a-z0-9_]+" });
  const labels = languages.map(() => el("input", { type: "text" }));
  const value = el("input", { type: "text", inputmode: "decimal" });
  const period = el("input", { type: "text" });
  const problems = el("div", { role: "alert" });
  const box = dialog(T.addFigure, [field(T.id, id), languages.map((l, i) => field(`${T.label} (${l})`, labels[i])),
    field(T.value, value), field(T.period, period), problems],
  [el("button", { type: "button", class: "primary", onclick: async () => {
    const record = { id: { text: id.value.trim() }, label: { texts: Object.fromEntries(languages.map((l, i) => [l, labels[i].value])) },
      value: { number: value.value.trim() }, period: { text: period.value.trim() } };
    const edits = [...facts.edits.values(), { op: "append", table: "figures", record }];
    const { status, data } = await call("POST", "api/facts", { version: facts.version, edits, save: true });
    if (data.saved) { box.close(); await showFacts(); say(T.saved); return; }
    problems.replaceChildren(data.error ? el("p", { text: data.error }) : problemList(data.problems || [], "site.toml", 0, null));
    if (status === 409) say(T.conflict);
  }, text: T.create }),
  el("button", { type: "button", onclick: () => box.close(), text: T.cancel })]);
  id.focus();
}

// ---- routes --------------------------------------------------------------------------------

function route() {
  const hash = location.hash || "#/";
  document.getElementById("nav").replaceChildren(
    el("a", { href: "#/", "aria-current": hash === "#/" ? "page" : null, text: T.pages }),
    el("a", { href: "#/facts", "aria-current": hash === "#/facts" ? "page" : null, text: T.facts }));
  if (hash.startsWith("#/page/")) showPage(decodeURIComponent(hash.slice(7)));
  else if (hash === "#/facts") showFacts();
  else showPages();
  document.getElementById("main").focus();
}

document.getElementById("skip").textContent = T.skip;
window.addEventListener("hashchange", () => {
  if (editing && editing.dirty && !confirm(T.lose)) { history.replaceState(null, "", "#/page/" + encodeURIComponent(editing.path)); return; }
  editing = null;
  route();
});
window.addEventListener("beforeunload", (event) => { if (editing && editing.dirty) event.preventDefault(); });
route();
