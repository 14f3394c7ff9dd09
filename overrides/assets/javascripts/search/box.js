// A search box: the form, its input, its results panel and its live status.

import { hasShortTail } from "./query.js";
import { countText, format, resultItem } from "./results.js";
import { MIN_QUERY_LENGTH } from "./misses.js";

// A last word shorter than the minimum is searched once the visitor has stopped typing this long.
export const SETTLE_MS = 350;

export class SearchBox {
  // context: {engine, misses, strings, lang}
  constructor(form, context) {
    this.form = form;
    this.context = context;
    this.name = form.getAttribute("data-hc-search") || "search";
    this.input = form.querySelector("input[type=search]");
    this.panel = form.querySelector("[data-search-panel]");
    this.count = form.querySelector("[data-search-count]");
    this.list = form.querySelector("[data-search-results]");
    this.empty = form.querySelector("[data-search-empty]");
    this.status = form.querySelector("[data-search-status]");
    this.sequence = 0;
    this.current = null;
    this.bind();
  }

  bind() {
    this.input.addEventListener("focus", () => {
      this.context.engine.load().catch(() => {
        // reported when a search runs
      });
      if (this.input.value.trim() && this.list.dataset.searchQuery === this.input.value) this.open();
    });
    this.input.addEventListener("input", () => this.update());
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      const settled = this.list.dataset.searchQuery === this.input.value && !this.running;
      (settled ? Promise.resolve() : this.update(true)).then(() => {
        const first = this.list.querySelector("a[data-search-result]");
        if (first) {
          this.context.misses.flush();
          location.href = first.href;
        }
      });
    });
    this.form.addEventListener("keydown", (event) => this.onKey(event));
    // The header's results float over the page: a click elsewhere dismisses them.
    if (this.name === "header") {
      document.addEventListener("click", (event) => {
        if (!this.form.contains(event.target)) this.close();
      });
    }
  }

  links() {
    return Array.from(this.list.querySelectorAll("a[href]"));
  }

  onKey(event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const links = this.links();
    const at = links.indexOf(document.activeElement);
    if (event.key === "ArrowDown") {
      if (this.panel.hidden || !links.length) return;
      event.preventDefault();
      links[Math.min(at + 1, links.length - 1)].focus();
    } else if (event.key === "ArrowUp") {
      if (at < 0) return;
      event.preventDefault();
      if (at === 0) this.input.focus();
      else links[at - 1].focus();
    } else if (event.key === "Escape") {
      if (this.panel.hidden) return;
      event.preventDefault();
      this.close();
      this.input.focus();
    }
  }

  open() {
    this.panel.hidden = false;
    this.form.classList.add("hc-search--open");
  }

  close() {
    this.panel.hidden = true;
    this.form.classList.remove("hc-search--open");
  }

  setState(query, state) {
    this.list.dataset.searchQuery = query;
    this.list.dataset.searchState = state;
    this.form.dataset.searchState = state;
  }

  // One search at a time per box: keys typed meanwhile only mark the box dirty, and the
  // newest text is searched when the running search ends. Pagefind cannot cancel a search,
  // so queueing one per key would make the last key wait for all the others.
  update(final) {
    const query = this.input.value;
    const sequence = ++this.sequence;
    clearTimeout(this.settleTimer);
    if (query.trim().length < MIN_QUERY_LENGTH) {
      this.context.misses.cancel();
      this.clear();
      this.close();
      this.setState(query, "idle");
      this.status.textContent = "";
      return Promise.resolve();
    }
    this.setState(query, "loading");
    if (this.running) {
      this.dirty = true;
      this.dirtyFinal = this.dirtyFinal || Boolean(final);
      return this.current;
    }
    this.running = true;
    const stale = () => sequence !== this.sequence;
    this.current = this.context.engine
      .search(query, { typing: !final, stale })
      .then(
        (results) => {
          if (!results || stale()) return;
          this.render(query, results);
          if (!final && hasShortTail(query)) {
            // Not the answer yet: the short last word was left out while typing.
            this.setState(query, "partial");
            this.settleTimer = setTimeout(() => {
              if (!stale()) this.update(true);
            }, SETTLE_MS);
          }
        },
        (error) => {
          if (stale()) return;
          console.error("helpcenter search:", error);
          this.clear();
          this.count.textContent = this.context.strings.unavailable || "";
          this.status.textContent = this.context.strings.unavailable || "";
          this.setState(query, "error");
          this.open();
        },
      )
      .then(() => {
        this.running = false;
        if (this.dirty) {
          const rerunFinal = this.dirtyFinal;
          this.dirty = this.dirtyFinal = false;
          return this.update(rerunFinal);
        }
        return undefined;
      });
    return this.current;
  }

  clear() {
    this.list.textContent = "";
    this.empty.textContent = "";
    this.count.textContent = "";
  }

  render(query, results) {
    const { strings, lang, misses } = this.context;
    this.clear();
    if (!results.length) {
      this.renderEmpty(query);
      misses.schedule(query, false);
    } else {
      misses.schedule(query, true);
      results.forEach((result, i) => this.list.appendChild(resultItem(result, i, strings.sections || "")));
      const count = countText(results.length, lang, strings.results_count || {});
      this.count.textContent = count;
      this.status.textContent = count;
    }
    this.setState(query, results.length ? "results" : "empty");
    if (this.name === "hero") rememberQuery(query);
    this.open();
  }

  renderEmpty(query) {
    const message = format(this.context.strings.no_results || "", { query: query.trim() });
    this.status.textContent = message;
    const template = document.getElementById("hc-search-empty-template");
    if (!template) return;
    const content = template.content.cloneNode(true);
    const prefix = "hc-search-" + this.name + "-";
    // The template repeats the contact block, whose ids already exist on some pages.
    content.querySelectorAll("[id]").forEach((el) => { el.id = prefix + el.id; });
    content.querySelectorAll("[aria-labelledby]").forEach((el) => {
      const ids = el.getAttribute("aria-labelledby").split(/\s+/).map((id) => prefix + id);
      el.setAttribute("aria-labelledby", ids.join(" "));
    });
    const slot = content.querySelector("[data-search-message]");
    if (slot) slot.textContent = message;
    this.empty.appendChild(content);
  }
}

// The home page search can be linked: keep `?q=` in the address bar.
function rememberQuery(query) {
  const url = new URL(location.href);
  if (query.trim()) url.searchParams.set("q", query.trim());
  else url.searchParams.delete("q");
  history.replaceState(history.state, "", url.href);
}
