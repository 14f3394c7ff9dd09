// Query analysis: a query becomes concepts (a word, or a phrase of the synonyms file), each
// with weighted alternatives to search: its base form, spellings of "đ", synonyms.

import { fold, words } from "./text.js";

export const LEMMA_WEIGHT = 0.95;
export const SPELLING_WEIGHT = 0.9;
// A synonym is the customer's word for what the article calls otherwise ("storno", "refund"):
// it answers the question as well as the article's own word would. At 0.7 the page with the
// typed word in passing often beat the one that names the thing in its title with a synonym
// (tuning queries of both benchmark sets, bench/search_tuning.py).
export const SYNONYM_WEIGHT = 1;
// While typing, a last word shorter than this is not searched yet (unless it is the only
// one): "narudžba d" would fetch the index of every word starting with "d".
export const MIN_PARTIAL_WORD = 4;

// helpcenter-search.json as the query rules of one language; its synonym terms come with the
// lexicon files of the query's words (`synonymTerms`).
export function prepareRules(raw) {
  return { ending: raw.ending || 3, stopwords: new Set(raw.stopwords || []), synonyms: [] };
}

// Snowball's stems split some paradigms (Finnish "tilaus" / "tilauksen"); the word less its
// last letter (`base`) joins them again.
const BASE_MIN_LENGTH = 5;

function synonymWord(folded, stem) {
  return { f: folded, stem, base: folded.length >= BASE_MIN_LENGTH ? folded.slice(0, -1) : folded };
}

// Synonym terms as the lexicon lists them, `[token, text, stems]`: the index token of the
// term's group (`synonyms.py` indexes it wherever a term of the group stands), the term, and
// the Snowball stem of each of its words.
export function synonymTerms(entries) {
  return entries.map(([token, text, stems]) => ({
    token,
    text,
    words: words(text).map((w, k) => synonymWord(fold(w), stems[k])),
  }));
}

// A query word (folded, with its base form) is a form of a synonym's word (a base form): the
// same word, the same base form, or the word's stem (or the word less its last letter) plus a
// short ending.
export function isFormOf(token, word, ending) {
  if (token.folded === word.f || token.lemma === word.f) return true;
  return [word.stem, word.base].some(
    (prefix) =>
      prefix &&
      prefix.length >= 3 &&
      token.folded.startsWith(prefix) &&
      token.folded.length - prefix.length <= ending,
  );
}

function termMatchesAt(term, tokens, at, ending) {
  if (at + term.words.length > tokens.length) return false;
  return term.words.every((word, k) => isFormOf(tokens[at + k], word, ending));
}

export function hasShortTail(query) {
  const all = words(query);
  return all.length > 1 && /\S$/.test(query) && all[all.length - 1].length < MIN_PARTIAL_WORD;
}

// The words of a query as tokens: text, folded, base form, stop word or not.
export function tokenize(query, rules, lemmaOf = (w) => fold(w)) {
  return words(query).map((w) => {
    const folded = fold(w);
    return { text: w, folded, lemma: lemmaOf(w), stop: rules.stopwords.has(folded) };
  });
}

function longestPhrase(rules, tokens, at) {
  let phrase = null;
  rules.synonyms.forEach((term) => {
    if (term.words.length < 2 || !termMatchesAt(term, tokens, at, rules.ending)) return;
    if (!phrase || term.words.length > phrase.length) phrase = { token: term.token, length: term.words.length };
  });
  return phrase;
}

// The tokens of the synonym groups a single word belongs to.
function wordGroups(rules, token) {
  const found = rules.synonyms
    .filter((term) => term.words.length === 1 && isFormOf(token, term.words[0], rules.ending))
    .map((term) => term.token);
  return Array.from(new Set(found));
}

// The concepts of a query. Options: `typing` (the last word may be unfinished), `lemmaOf`
// (a word's base form, from the lexicon).
export function parseQuery(query, rules, options = {}) {
  const lemmaOf = options.lemmaOf || ((w) => fold(w));
  const tokens = tokenize(query, rules, lemmaOf);
  const last = tokens[tokens.length - 1];
  if (options.typing && last && !/\s$/.test(query) && last.text.length < MIN_PARTIAL_WORD) {
    const cut = query.toLowerCase().lastIndexOf(last.text);
    const rest = parseQuery(query.slice(0, cut), rules, { lemmaOf });
    if (rest.length) return rest;
  }
  const concepts = [];
  const seen = new Set();
  let i = 0;
  while (i < tokens.length) {
    const phrase = longestPhrase(rules, tokens, i);
    let text;
    let lemma = null;
    let groups = [];
    if (phrase) {
      text = tokens.slice(i, i + phrase.length).map((tk) => tk.text).join(" ");
      groups = [phrase.token];
      i += phrase.length;
    } else {
      const token = tokens[i++];
      if (token.stop) continue;
      text = token.text;
      lemma = token.lemma !== token.folded && !rules.stopwords.has(token.lemma) ? token.lemma : null;
      groups = wordGroups(rules, token);
    }
    const key = fold(text);
    if (seen.has(key)) continue;
    seen.add(key);
    const alternatives = [{ text, weight: 1, kind: "typed" }];
    const add = (alt) => {
      if (!alternatives.some((a) => fold(a.text) === fold(alt.text))) alternatives.push(alt);
    };
    if (lemma) add({ text: lemma, weight: LEMMA_WEIGHT, kind: "lemma" });
    // Pagefind folds other diacritics itself; "đ" and its spellings are ours to join.
    if (/đ/.test(text)) add({ text: text.replace(/đ/g, "dj"), weight: SPELLING_WEIGHT, kind: "spelling" });
    if (/dj/.test(text)) add({ text: text.replace(/dj/g, "đ"), weight: SPELLING_WEIGHT, kind: "spelling" });
    groups.forEach((group) => add({ text: group, weight: SYNONYM_WEIGHT, kind: "synonym" }));
    concepts.push({ text, phrase: Boolean(phrase), alternatives });
  }
  return concepts;
}
