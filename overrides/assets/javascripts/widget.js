// The help widget for the shop's own pages:
//   <script src="https://help.example.com/widget.js" data-lang="hr" data-topic="dostava" defer></script>
// A launcher and a small panel in an open shadow root (the shop's styles stay out, ours stay
// in): search of the help center in that language, suggested articles for the page's topic,
// and the contact channels. Only the help host is asked for anything, never with cookies; the
// search engine is loaded on the first search, so a page that never searches pays a few kB.
(() => {
  const script = document.currentScript;
  if (!script || !script.src || document.querySelector("[data-helpcenter-widget]")) return;
  const base = new URL(".", script.src);
  const lang = (script.dataset.lang || document.documentElement.lang || "").split("-")[0];
  const topic = (script.dataset.topic || "").trim().toLowerCase();
  const SETTLE_MS = 200;
  const RESULTS_SHOWN = 6;

  const STYLE = `
:host{all:initial}
*{box-sizing:border-box}
.hcw{font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b}
.hcw-launcher{position:fixed;right:1rem;bottom:1rem;z-index:2147483000;border:0;border-radius:2rem;
padding:.7rem 1.2rem;background:#1a4f8b;color:#fff;font:inherit;font-weight:600;cursor:pointer;
box-shadow:0 2px 8px rgba(0,0,0,.3)}
.hcw-launcher:hover{background:#143d6b}
.hcw-panel{position:fixed;right:1rem;bottom:4.5rem;z-index:2147483000;width:min(24rem,calc(100vw - 2rem));
max-height:min(36rem,calc(100vh - 6rem));overflow:auto;background:#fff;color:#1b1b1b;border:1px solid #767676;
border-radius:.5rem;box-shadow:0 4px 18px rgba(0,0,0,.3);padding:1rem}
.hcw-panel[hidden]{display:none}
.hcw-head{display:flex;align-items:flex-start;justify-content:space-between;gap:.5rem}
h2{font-size:1.15rem;margin:0 0 .6rem}h3{font-size:1rem;margin:1rem 0 .4rem}
.hcw-close{border:1px solid #767676;background:#fff;color:#1b1b1b;border-radius:.3rem;font:inherit;
min-width:2.75rem;min-height:2.75rem;cursor:pointer}
label{display:block;font-weight:600;margin-bottom:.3rem}
input{width:100%;font:inherit;padding:.5rem;border:1px solid #767676;border-radius:.3rem;color:#1b1b1b;background:#fff}
ul{list-style:none;margin:0;padding:0}li{margin:.3rem 0}
a{color:#0b4f9c;text-decoration:underline}a:visited{color:#5b2a86}
.hcw-result{display:block;padding:.35rem 0}
.hcw-meta{display:block;color:#4a4a4a;font-size:.875rem}
.hcw-status{margin:.4rem 0;color:#4a4a4a;font-size:.875rem;min-height:1.2em}
.hcw-channel span{display:block;color:#4a4a4a;font-size:.875rem}
:focus-visible{outline:3px solid #1a4f8b;outline-offset:2px}
.hcw-launcher:focus-visible{outline-color:#1b1b1b}
@media (prefers-reduced-motion:no-preference){.hcw-panel{transition:opacity .15s}}
`;

  function element(tag, attributes = {}, text = "") {
    const node = document.createElement(tag);
    Object.entries(attributes).forEach(([name, value]) => node.setAttribute(name, value));
    if (text) node.textContent = text;
    return node;
  }

  function articleList(links) {
    const list = element("ul");
    links.forEach((link) => {
      const item = element("li");
      item.appendChild(element("a", { href: new URL(link.url, base).href }, link.title));
      list.appendChild(item);
    });
    return list;
  }

  function mount(config) {
    const s = config.strings;
    const host = element("div", { "data-helpcenter-widget": "", lang: config.lang });
    const root = host.attachShadow({ mode: "open" });
    const style = element("style");
    style.textContent = STYLE;
    const frame = element("div", { class: "hcw" });
    const launcher = element("button", {
      type: "button", class: "hcw-launcher", "aria-expanded": "false", "aria-controls": "hcw-panel",
    }, s.launcher);
    const panel = element("section", {
      id: "hcw-panel", class: "hcw-panel", role: "dialog", "aria-labelledby": "hcw-title", hidden: "",
    });
    const head = element("div", { class: "hcw-head" });
    head.appendChild(element("h2", { id: "hcw-title" }, s.title));
    const close = element("button", { type: "button", class: "hcw-close", "aria-label": s.close }, "×");
    head.appendChild(close);
    panel.appendChild(head);

    const form = element("form", { role: "search", "aria-labelledby": "hcw-label" });
    form.appendChild(element("label", { id: "hcw-label", for: "hcw-query" }, s.search_label));
    const input = element("input", {
      id: "hcw-query", type: "search", autocomplete: "off", placeholder: s.placeholder,
      "aria-describedby": "hcw-status",
    });
    form.appendChild(input);
    const status = element("p", { id: "hcw-status", class: "hcw-status", role: "status" });
    form.appendChild(status);
    const results = element("ul", { "data-search-results": "" });
    form.appendChild(results);
    panel.appendChild(form);

    const suggested = topic && config.topics[topic] ? config.topics[topic] : config.promoted;
    if (suggested && suggested.length) {
      const section = element("div", { class: "hcw-suggested" });
      section.appendChild(element("h3", {}, topic && config.topics[topic] ? s.topic_title : s.promoted_title));
      section.appendChild(articleList(suggested));
      panel.appendChild(section);
    }
    if (config.contact.length) {
      const section = element("div", { class: "hcw-contact" });
      section.appendChild(element("h3", {}, s.contact_title));
      const list = element("ul");
      config.contact.forEach((channel) => {
        const item = element("li", { class: "hcw-channel" });
        item.appendChild(element("span", {}, channel.label));
        item.appendChild(element("a", { href: channel.href }, channel.text));
        list.appendChild(item);
      });
      if (s.hours) list.appendChild(element("li", { class: "hcw-channel" }, s.hours));
      section.appendChild(list);
      panel.appendChild(section);
    }
    const all = element("p");
    all.appendChild(element("a", { href: new URL(config.home, base).href }, s.all_articles));
    panel.appendChild(all);

    frame.append(launcher, panel);
    root.append(style, frame);
    document.body.appendChild(host);

    const setOpen = (open) => {
      panel.hidden = !open;
      launcher.setAttribute("aria-expanded", String(open));
      if (open) input.focus();
    };
    launcher.addEventListener("click", () => setOpen(panel.hidden));
    close.addEventListener("click", () => {
      setOpen(false);
      launcher.focus();
    });
    panel.addEventListener("keydown", (event) => {
      if (event.key !== "Escape") return;
      // Closing keeps what was typed (a search box would clear itself on Escape).
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
      launcher.focus();
    });

    // The search modules of the help site, on the first search: the engine and the result
    // texts (counts with plural forms, the "no results" message).
    let search = null;
    let sequence = 0;
    let timer = null;
    const searchModules = () => {
      if (!search) {
        const module = (name) => import(new URL(`assets/javascripts/search/${name}.js`, base).href);
        search = Promise.all([module("engine"), module("results")]).then(([{ Engine }, results]) => ({
          engine: new Engine({ bundle: new URL(config.bundle, base), language: config.language, root: base }),
          results,
        }));
      }
      return search;
    };
    const show = (query, found, { countText, format }) => {
      results.textContent = "";
      found.slice(0, RESULTS_SHOWN).forEach((result, index) => {
        const item = element("li");
        const link = element("a", { class: "hcw-result", href: result.url, "data-search-result": String(index + 1) });
        link.appendChild(document.createTextNode(result.title));
        if (result.collection) link.appendChild(element("span", { class: "hcw-meta" }, result.collection));
        item.appendChild(link);
        results.appendChild(item);
      });
      results.setAttribute("data-search-state", found.length ? "results" : "empty");
      results.setAttribute("data-search-query", query);
      status.textContent = found.length
        ? countText(Math.min(found.length, RESULTS_SHOWN), config.lang, s.results_count)
        : format(s.no_results, { query: query.trim() });
    };
    const run = () => {
      const query = input.value;
      const mine = ++sequence;
      if (query.trim().length < 2) {
        results.textContent = "";
        results.setAttribute("data-search-state", "idle");
        status.textContent = "";
        return;
      }
      results.setAttribute("data-search-state", "loading");
      searchModules()
        .then(({ engine, results: texts }) =>
          engine.search(query, { stale: () => mine !== sequence }).then((found) => {
            if (found && mine === sequence) show(query, found, texts);
          }),
        )
        .catch((error) => {
          console.warn("helpcenter widget: search unavailable", error);
          if (mine === sequence) status.textContent = s.unavailable;
        });
    };
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(run, SETTLE_MS);
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      clearTimeout(timer);
      const first = results.querySelector("a[data-search-result]");
      if (first && results.getAttribute("data-search-query") === input.value) first.click();
      else run();
    });
  }

  const start = () =>
    fetch(new URL(`widget/${lang}.json`, base), { credentials: "omit" })
      .then((response) => (response.ok ? response.json() : Promise.reject(new Error(String(response.status)))))
      .then(mount)
      .catch((error) => console.warn("helpcenter widget: not available", error));
  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start, { once: true });
})();
