// The search engine of one language: Pagefind (loaded from this site only) finds pages for
// each alternative of each concept; our rules decide what to ask and how to rank.

import { isCommon, lemmaOf, shardsFor, synonymEntries } from "./lexicon.js";
import { parseQuery, prepareRules, synonymTerms } from "./query.js";
import { answers, candidates, conceptWeights, rankChecked } from "./ranking.js";
import { present } from "./results.js";
import { corrections, prepareVocabulary, splitCompound } from "./vocabulary.js";
import { pageWords, words } from "./text.js";

export const RESULTS_SHOWN = 8;
// Pages whose texts are loaded and checked before showing results: a first screenful, and
// more only when too few of those turn out to answer (each text is a download).
export const CANDIDATES_FIRST = 8;
export const CANDIDATES_CHECKED = 12;
export const ENOUGH_ANSWERS = 3;
export const TYPO_WEIGHT = 0.9;
// A word the content does not have but is one typo from one it has is most likely that word:
// Pagefind's matches for it as typed are only prefix matches, and count this much.
export const TYPED_WHEN_CORRECTED = 0.6;
export const COMPOUND_WEIGHT = 0.8;
const ANSWERS_KEPT = 64;

function fetchJson(url) {
  return fetch(url, { credentials: "same-origin" }).then((response) => {
    if (!response.ok) throw new Error(url + ": HTTP " + response.status);
    return response.json();
  });
}

function decode(text) {
  if (text.indexOf("&") < 0) return text;
  const decoder = document.createElement("textarea");
  decoder.innerHTML = text;
  return decoder.value;
}

function contentWords(fragment) {
  if (!fragment.words) {
    fragment.words = pageWords(fragment.raw_content || fragment.content || "", decode);
  }
  return fragment.words;
}

export class Engine {
  // config: {bundle: URL, language (Pagefind's), root: URL}
  constructor(config) {
    this.config = config;
    this.ready = null;
    this.shards = new Map();
    this.shardLoads = new Map();
    this.answers = new Map();
    this.fragments = new Map();
    this.vocabulary = null;
  }

  load() {
    if (this.ready) return this.ready;
    const bundle = this.config.bundle;
    this.ready = Promise.all([
      import(new URL("pagefind.js", bundle).href).then((module) => {
        // Pagefind picks its index from <html lang> only, and a language may be indexed under
        // another code (search/languages.py), so the page names that index while it is made.
        const html = document.documentElement;
        const pageLang = html.getAttribute("lang");
        html.setAttribute("lang", this.config.language);
        let instance;
        try {
          instance = module.createInstance({ basePath: bundle.href, baseUrl: "/" });
        } finally {
          html.setAttribute("lang", pageLang);
        }
        return instance.init().then(() => instance);
      }),
      fetchJson(new URL("helpcenter-search.json", bundle)),
    ]).then(([pagefind, raw]) => {
      this.pagefind = pagefind;
      this.rules = prepareRules(raw);
      this.pages = raw.pages || 0;
      this.lexiconKeys = new Set(raw.lexicon || []);
      this.vocabularyFile = raw.vocabulary;
    });
    this.ready.catch(() => {
      this.ready = null;
    });
    return this.ready;
  }

  loadShards(queryWords) {
    return Promise.all(
      shardsFor(queryWords, this.lexiconKeys).map((key) => {
        if (!this.shardLoads.has(key)) {
          const loading = fetchJson(new URL(`lexicon/${key}.json`, this.config.bundle)).then(
            (shard) => this.shards.set(key, shard),
          );
          loading.catch(() => this.shardLoads.delete(key));
          this.shardLoads.set(key, loading);
        }
        return this.shardLoads.get(key);
      }),
    );
  }

  loadVocabulary() {
    if (!this.vocabulary) {
      this.vocabulary = fetchJson(new URL(this.vocabularyFile, this.config.bundle)).then(prepareVocabulary);
      this.vocabulary.catch(() => {
        this.vocabulary = null;
      });
    }
    return this.vocabulary;
  }

  // Pagefind's answers per searched text, kept across queries: while a visitor types
  // "tilaus toim", "tilaus toimi"..., only the last word is new to search.
  pagefindSearch(text) {
    const key = text.toLowerCase();
    let answer = this.answers.get(key);
    if (answer) {
      this.answers.delete(key);
    } else {
      answer = this.pagefind.search(text).then((result) => result || { results: [] });
      answer.catch(() => this.answers.delete(key));
    }
    this.answers.set(key, answer);
    if (this.answers.size > ANSWERS_KEPT) this.answers.delete(this.answers.keys().next().value);
    return answer;
  }

  searchAlternatives(concepts) {
    const jobs = [];
    concepts.forEach((concept) => {
      concept.alternatives.forEach((alt) => {
        if (alt.result) return;
        jobs.push(this.pagefindSearch(alt.text).then((result) => { alt.result = result; }));
      });
    });
    return Promise.all(jobs);
  }

  loadFragments(pages) {
    return Promise.all(
      pages.map((page) => {
        if (page.fragment) return null;
        if (!this.fragments.has(page.id)) {
          const loading = page.result.data();
          loading.catch(() => this.fragments.delete(page.id));
          this.fragments.set(page.id, loading);
        }
        return this.fragments.get(page.id).then((fragment) => { page.fragment = fragment; });
      }),
    );
  }

  async rankCandidates(concepts, weights) {
    const all = candidates(concepts, weights, CANDIDATES_CHECKED);
    const textOf = (page) => contentWords(page.fragment);
    let checked = all.slice(0, CANDIDATES_FIRST);
    await this.loadFragments(checked);
    let ranked = rankChecked(checked, weights, textOf, this.rules.ending);
    if (answers(ranked).length < ENOUGH_ANSWERS && all.length > checked.length) {
      checked = all;
      await this.loadFragments(checked);
      ranked = rankChecked(checked, weights, textOf, this.rules.ending);
    }
    return ranked;
  }

  // Options: `typing` (the last word may be unfinished), `stale()` (true once a newer query
  // exists: stop early), `trace` (an object that receives the final concepts, for
  // bench/search_tuning.py). Resolves to the results, or null when stale.
  async search(query, options = {}) {
    const stale = options.stale || (() => false);
    await this.shardLoadsFor(query);
    const lemma = (w) => lemmaOf(w, this.shards);
    const rules = { ...this.rules, synonyms: this.synonymTerms() };
    const concepts = parseQuery(query, rules, { typing: options.typing, lemmaOf: lemma });
    if (!concepts.length) return [];
    await this.searchAlternatives(concepts);
    if (stale()) return null;
    const generic = (text) => isCommon(text, this.shards);
    let weights = conceptWeights(concepts, this.pages, generic);
    let ranked = await this.rankCandidates(concepts, weights);
    if (stale()) return null;

    // Typos and unknown compounds, for concepts no checked page has (nearly) as typed. A
    // synonym group does not count: its terms match by stem and a short ending, so a typo
    // ("maksutvat") can pass for a form of a group's word and hide the real correction.
    const missing = concepts.filter(
      (concept, c) =>
        !concept.phrase &&
        !ranked.some((page) => page.hits[c].some((hit) => hit.strong && hit.alt.kind !== "synonym")),
    );
    if (missing.length) {
      const vocabulary = await this.loadVocabulary();
      let added = false;
      missing.forEach((concept) => {
        const fixes = corrections(vocabulary, concept.text).map((text) => ({ text, weight: TYPO_WEIGHT, kind: "typo" }));
        if (fixes.length) concept.alternatives[0].weight = TYPED_WHEN_CORRECTED;
        if (!fixes.length) {
          const parts = splitCompound(vocabulary, concept.text, this.rules.ending);
          if (parts) fixes.push({ text: parts, weight: COMPOUND_WEIGHT, kind: "compound" });
        }
        fixes.forEach((alt) => {
          concept.alternatives.push(alt);
          added = true;
        });
      });
      if (added) {
        await this.searchAlternatives(concepts);
        if (stale()) return null;
        weights = conceptWeights(concepts, this.pages, generic);
        ranked = await this.rankCandidates(concepts, weights);
      }
    }
    if (stale()) return null;
    if (options.trace) options.trace.concepts = concepts;
    const resolve = (url) => new URL(url.replace(/^\//, ""), this.config.root).href;
    return answers(ranked)
      .slice(0, RESULTS_SHOWN)
      .map((page) => present(page, contentWords(page.fragment), resolve));
  }

  // The synonym terms of the shards loaded so far (those of every query word among them).
  synonymTerms() {
    if (this.synonymsFrom !== this.shards.size) {
      this.synonymsCache = synonymTerms(synonymEntries(this.shards));
      this.synonymsFrom = this.shards.size;
    }
    return this.synonymsCache;
  }

  shardLoadsFor(query) {
    // The rules (and the list of shards) come with load(); shards follow once it is there.
    return this.load().then(() => this.loadShards(words(query)));
  }
}
