// The 404 page: the language the missing address belongs to, and the best three articles for
// the words of that address ("/fi/tilaukset/tilauksen-peruminen/" -> "tilaukset tilauksen
// peruminen"), so a renamed or mistyped link still leads somewhere useful.

export const SUGGESTIONS = 3;

// The words of a missing address, without its language prefix, file endings and numbers.
export function wordsFromPath(path, homePath = "/") {
  let rest = decodeURIComponentSafe(path);
  if (homePath !== "/" && rest.startsWith(homePath)) rest = rest.slice(homePath.length);
  return rest
    .replace(/\.(html?|php|aspx?)$/i, "")
    .split(/[/\-_.+\s]+/)
    .filter((word) => word && !/^\d+$/.test(word) && !/^(index|tags?|amp)$/i.test(word))
    .join(" ");
}

// The home (of `homes`, `{lang, link}` with root paths) whose path starts the address.
export function languageOfPath(path, homes) {
  let best = null;
  homes.forEach((home) => {
    const link = home.link.endsWith("/") ? home.link : home.link + "/";
    if (path.startsWith(link) && (!best || link.length > best.link.length)) best = { ...home, link };
  });
  return best;
}

// The 404 page of the missing address's language, when this page is another language's (a
// host with one 404 page for the whole site sends the default language's for every address).
// `homes` and `langs` are the page's lists of language homes and their languages.
export function notFoundPageFor(path, pageLang, homes, langs) {
  const home = languageOfPath(path, homes.map((link, i) => ({ link, lang: langs[i] })));
  if (!home || !home.lang || home.lang === pageLang) return null;
  return home.link + "404.html";
}

function decodeURIComponentSafe(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

// Fill the suggestions section of the page (hidden until there is something to suggest).
export function suggest(section, engine, path, homePath) {
  const query = wordsFromPath(path, homePath);
  if (!query) return Promise.resolve([]);
  return engine.search(query, { typing: false }).then((results) => {
    const list = section.querySelector("[data-hc-suggestion-list]");
    (results || []).slice(0, SUGGESTIONS).forEach((result) => {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = result.url;
      link.textContent = result.title;
      item.appendChild(link);
      if (result.collection) {
        const collection = document.createElement("span");
        collection.className = "hc-not-found__collection";
        collection.textContent = " · " + result.collection;
        item.appendChild(collection);
      }
      list.appendChild(item);
    });
    section.hidden = !list.children.length;
    return results || [];
  });
}
