// helpcenter search: the header box ("/") and the home page box, results as you type.

import { SearchBox } from "./box.js";
import { Engine } from "./engine.js";
import { trackContactChoices } from "./contact_usage.js";
import { createSearchReporter, postToService, searchSender } from "./misses.js";
import { notFoundPageFor, suggest } from "./not_found.js";

const configElement = document.getElementById("hc-search-config");
if (!showNotFoundInItsLanguage() && configElement) start(configElement.dataset);

// On a 404 page of another language than the missing address's: that language's 404 page
// replaces this one, at the same address. True when it is on its way.
function showNotFoundInItsLanguage() {
  const page = document.querySelector("[data-hc-not-found]");
  if (!page) return false;
  const split = (name) => (page.getAttribute(name) || "").split(" ").filter(Boolean);
  const target = notFoundPageFor(location.pathname, document.documentElement.lang,
    split("data-hc-homes"), split("data-hc-langs"));
  if (!target) return false;
  fetch(target, { credentials: "same-origin" })
    .then((response) => (response.ok ? response.text() : Promise.reject(new Error(String(response.status)))))
    .then((html) => {
      document.open();
      document.write(html);
      document.close();
      // The page's window stays, so this module is not run again for the new page.
      const config = document.getElementById("hc-search-config");
      if (config) start(config.dataset);
    })
    .catch(() => configElement && start(configElement.dataset));
  return true;
}

function start(data) {
  const lang = data.lang || document.documentElement.lang;
  const engine = new Engine({
    bundle: new URL(data.bundle, location.href),
    language: data.language || lang,
    root: new URL((data.root || ".").replace(/\/?$/, "/"), location.href),
  });
  const feedbackUrl = (data.feedbackUrl || "").replace(/\/+$/, "");
  const misses = createSearchReporter(feedbackUrl ? searchSender(feedbackUrl, lang) : () => {});
  if (feedbackUrl) {
    trackContactChoices(document, tabStorage(), (event) =>
      postToService(feedbackUrl, "/api/v1/events", { event, lang }),
    );
  }
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

  // The 404 page suggests articles for the words of the missing address.
  const suggestions = document.querySelector("[data-hc-suggestions]");
  if (suggestions) {
    suggest(suggestions, engine, location.pathname, suggestions.dataset.hcHome || "/").catch((error) => {
      console.warn("helpcenter search: no suggestions", error);
    });
  }

  // `/?q=...` (the no-JavaScript form, or a shared link) runs the search on arrival.
  const initial = new URL(location.href).searchParams.get("q");
  const target = hero || header;
  if (initial && initial.trim() && target) {
    target.input.value = initial;
    target.update(true);
  }
}

// The tab's sessionStorage; reading it throws where the visitor's settings refuse storage.
function tabStorage() {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}
