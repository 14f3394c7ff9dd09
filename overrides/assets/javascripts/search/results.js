// What a result shows: title, collection, an excerpt with the matched words marked, and the
// sections that hold them. Pure: `present` works on data, `resultItem` builds the DOM.

import { words } from "./text.js";

export const EXCERPT_WORDS = 26;
export const SECTIONS_SHOWN = 3;

// The window of EXCERPT_WORDS words with the most matched words (after the title).
export function excerpt(text, marked, skip) {
  const start = Math.min(skip, Math.max(0, text.length - EXCERPT_WORDS));
  let bestStart = start;
  let bestCount = -1;
  for (let s = start; s < Math.max(start + 1, text.length - EXCERPT_WORDS + 1); s++) {
    let count = 0;
    for (let k = s; k < s + EXCERPT_WORDS && k < text.length; k++) if (marked.has(k)) count++;
    if (count > bestCount) {
      bestCount = count;
      bestStart = s;
    }
  }
  const parts = [];
  for (let i = bestStart; i < Math.min(text.length, bestStart + EXCERPT_WORDS); i++) {
    parts.push({ text: text[i], mark: marked.has(i) });
  }
  return { parts, before: bestStart > start, after: bestStart + EXCERPT_WORDS < text.length };
}

export function sections(fragment, marked, pageUrl) {
  const anchors = (fragment.anchors || [])
    .filter((a) => /^h[2-4]$/i.test(a.element) && a.id && a.text)
    .sort((a, b) => a.location - b.location);
  const counts = new Map();
  marked.forEach((at) => {
    let owner = null;
    anchors.forEach((a) => {
      if (a.location <= at) owner = a;
    });
    if (owner) counts.set(owner, (counts.get(owner) || 0) + 1);
  });
  return Array.from(counts.keys())
    .sort((a, b) => counts.get(b) - counts.get(a) || a.location - b.location)
    .slice(0, SECTIONS_SHOWN)
    .map((a) => {
      const url = new URL(pageUrl);
      url.hash = a.id;
      return { title: a.text, url: url.href };
    });
}

// A ranked page as a result. `text`: the page's words; `resolve`: its URL made absolute.
export function present(page, text, resolve) {
  const fragment = page.fragment;
  const marked = new Set();
  page.hits.forEach((list) => {
    list.forEach((hit) => {
      if (hit.genuine) hit.locations.forEach((at) => marked.add(at));
    });
  });
  const url = resolve(fragment.url);
  return {
    url,
    title: fragment.meta.title || fragment.url,
    collection: fragment.meta.collection || "",
    excerpt: excerpt(text, marked, words(fragment.meta.title || "").length),
    sections: sections(fragment, marked, url),
  };
}

export function format(template, values) {
  return template.replace(/\{(\w+)\}/g, (all, name) => (name in values ? values[name] : all));
}

export function countText(n, lang, forms) {
  let form = "other";
  try {
    form = new Intl.PluralRules(lang).select(n);
  } catch {
    // an unknown language keeps "other"
  }
  return format(forms[form] || forms.other || "{n}", { n });
}

function span(className, text) {
  const element = document.createElement("span");
  element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}

export function resultItem(result, index, sectionsLabel) {
  const item = document.createElement("li");
  item.className = "hc-search__item";
  const link = document.createElement("a");
  link.className = "hc-search__result";
  link.href = result.url;
  link.setAttribute("data-search-result", String(index + 1));
  link.appendChild(span("hc-search__title", result.title));
  if (result.collection) link.appendChild(span("hc-search__collection", result.collection));
  const text = span("hc-search__excerpt");
  if (result.excerpt.before) text.appendChild(document.createTextNode("… "));
  result.excerpt.parts.forEach((part, i) => {
    if (i) text.appendChild(document.createTextNode(" "));
    if (part.mark) {
      const mark = document.createElement("mark");
      mark.textContent = part.text;
      text.appendChild(mark);
    } else {
      text.appendChild(document.createTextNode(part.text));
    }
  });
  if (result.excerpt.after) text.appendChild(document.createTextNode(" …"));
  link.appendChild(text);
  item.appendChild(link);
  if (result.sections.length) {
    const list = document.createElement("ul");
    list.className = "hc-search__sections";
    if (sectionsLabel) list.setAttribute("aria-label", sectionsLabel);
    result.sections.forEach((section) => {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = section.url;
      a.setAttribute("data-search-section", "");
      a.textContent = section.title;
      li.appendChild(a);
      list.appendChild(li);
    });
    item.appendChild(list);
  }
  return item;
}
