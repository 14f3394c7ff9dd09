// helpcenter search: the header box ("/") and the home page box, results as you type.

import { SearchBox } from "./box.js";
import { Engine } from "./engine.js";
import { createMissReporter, missSender } from "./misses.js";

const configElement = document.getElementById("hc-search-config");
if (configElement) start(configElement.dataset);

function start(data) {
  const lang = data.lang || document.documentElement.lang;
  const engine = new Engine({
    bundle: new URL(data.bundle, location.href),
    language: data.language || lang,
    root: new URL((data.root || ".").replace(/\/?$/, "/"), location.href),
  });
  const feedbackUrl = (data.feedbackUrl || "").replace(/\/+$/, "");
  const misses = createMissReporter(feedbackUrl ? missSender(feedbackUrl, lang) : () => {});
  window.addEventListener("pagehide", () => misses.flush());
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") misses.flush();
  });
  const context = { engine, misses, lang, strings: JSON.parse(data.strings || "{}") };
  const boxes = Array.from(document.querySelectorAll("form[data-hc-search]"), (form) => new SearchBox(form, context));
  const header = boxes.find((b) => b.name === "header");
  const hero = boxes.find((b) => b.name === "hero");

  // "/" focuses the header search, unless the visitor is typing somewhere.
  window.addEventListener(
    "keydown",
    (event) => {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || !header) return;
      const target = event.target;
      if (target && (target.isContentEditable || /^(input|textarea|select)$/i.test(target.tagName))) return;
      event.preventDefault();
      event.stopPropagation();
      header.input.focus();
      header.input.select();
    },
    true,
  );

  // `/?q=...` (the no-JavaScript form, or a shared link) runs the search on arrival.
  const initial = new URL(location.href).searchParams.get("q");
  const target = hero || header;
  if (initial && initial.trim() && target) {
    target.input.value = initial;
    target.update(true);
  }
}
