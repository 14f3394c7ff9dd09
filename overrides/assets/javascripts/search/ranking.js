// Ranking: every concept counts by how distinctive it is in this language's index (rare words
// outweigh common ones), by where a page has it (title, then lead and tags, then body), and a
// page's score is the share of the query's weight it covers, so a long question still finds
// its article when one of its words appears nowhere.

import { closeness, commonPrefix, fold, sameWord, words } from "./text.js";

// Every weight of the ranking, in one object so that `bench/search_tuning.mjs` can try others.
export const RANKING = Object.freeze({
  // Where a page has a word: title, lead and tags ("key"), body. A help article's title names
  // its question, so a word there counts three times a word of the body: with the title at
  // twice the body, neighbours that mention the word in passing often came first (tuning
  // queries of both benchmark sets, bench/search_tuning.py).
  title: 1.5,
  key: 0.8,
  body: 0.5,
  // A body that repeats the word counts up to this much more.
  bodyRepeat: 0.2,
  // Weight of a word no page has: a generic word of the language ("kupio", "prije") hardly
  // counts; any other counts as this share of a word only one page has, so a question about
  // something the help center never mentions covers too little to be answered, while a story
  // naming the product ("ormar", "blender") still finds the article about its problem.
  missingGeneric: 0.3,
  missingShare: 0.5,
  // A generic word counts at most this much, however few pages have it: that "korištenje"
  // stands on one page only says little about which page a question is about.
  genericMax: 1,
  // Pages holding every concept rank above those that hold most of them.
  complete: 0.25,
  // Concepts found next to each other (at most `near` words apart).
  proximity: 0.15,
  near: 3,
  // A page covering less of the query's weight than this is not an answer ("no results"
  // rather than weak matches); one ranked below this share of the best is not worth listing.
  minCoverage: 0.35,
  minShareOfBest: 0.25,
  // A word no checked page has in its title, lead or tags is a detail of some page's text,
  // not what the question is about ("korištenje" in "korištenje kodova za popust"): it
  // counts this share of its weight.
  bodyOnly: 0.3,
});

// BM25's inverse document frequency of a word `df` of `total` pages contain.
export function idf(df, total) {
  const n = Math.max(total, df, 1);
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

// Per concept: its weight if pages have it (`found`, from how many pages match any of its
// alternatives) and if none does (`missing`). Pagefind's answer for a word may be only its
// fallback to a shorter prefix, so which one applies is settled once the hits are checked.
export function conceptWeights(concepts, total, isGeneric, params = RANKING) {
  return concepts.map((concept) => {
    // The visitor's own word (in any spelling or form) says how specific the question is;
    // synonyms only when it is nowhere: a broad synonym group would make every word common.
    const pageSet = (alternatives) => {
      const pages = new Set();
      alternatives.forEach((alt) => {
        if (alt.result) alt.result.results.forEach((r) => pages.add(r.id));
      });
      return pages;
    };
    const own = pageSet(concept.alternatives.filter((alt) => alt.kind !== "synonym"));
    const pages = own.size ? own : pageSet(concept.alternatives);
    const generic = !concept.phrase && isGeneric(concept.text);
    const missing = generic ? params.missingGeneric : params.missingShare * idf(1, total);
    if (!pages.size) return { found: 0, missing };
    const found = idf(pages.size, total);
    return { found: generic ? Math.min(params.genericMax, found) : found, missing };
  });
}

// Per page: per concept, its hits (alternative, Pagefind's score, word locations, meta fields).
export function collectHits(concepts) {
  const pages = new Map();
  concepts.forEach((concept, c) => {
    concept.alternatives.forEach((alt) => {
      if (!alt.result) return;
      alt.result.results.forEach((r) => {
        let page = pages.get(r.id);
        if (!page) {
          page = { id: r.id, result: r, hits: concepts.map(() => []) };
          pages.set(r.id, page);
        }
        page.hits[c].push({ alt, score: r.score, locations: r.words || [], meta: r.matchedMetaFields || [] });
      });
    });
  });
  return Array.from(pages.values());
}

// Before the pages' texts are loaded: Pagefind's score relative to the best page of the concept
// stands in for where the page has the word.
export function firstStage(pages, conceptWeight) {
  const weights = conceptWeight.map((w) => w.found || w.missing);
  const best = weights.map((_, c) =>
    Math.max(0, ...pages.map((p) => Math.max(0, ...p.hits[c].map((h) => h.score)))),
  );
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  pages.forEach((page) => {
    let sum = 0;
    page.hits.forEach((list, c) => {
      let top = 0;
      list.forEach((hit) => {
        const field = hit.meta.some(isTitleField) ? 1 : 0.5 + 0.5 * (best[c] ? hit.score / best[c] : 0);
        top = Math.max(top, hit.alt.weight * field);
      });
      sum += weights[c] * top;
    });
    page.rank = sum / total;
  });
  return pages.filter((p) => p.rank > 0).sort((a, b) => b.rank - a.rank);
}

function isTitleField(name) {
  return name === "title" || name === "hc_title";
}

function metaField(name) {
  if (isTitleField(name)) return "title";
  if (name === "hc_key") return "key";
  return "body";
}

// Once a page's text is loaded: which hits are genuine (the words found are forms of the query
// words), how close they are, and in which field they stand. `text`: the page's words.
export function checkHits(page, text, fragment, ending = 3) {
  const meta = fragment.meta || {};
  const titleLength = words(meta.title || "").length;
  const leadLength = parseInt(meta.hc_lead_words, 10) || 0;
  const metaWords = {};
  ["title", "hc_title", "hc_key", "hc_terms"].forEach((name) => {
    metaWords[name] = words(meta[name] || "").map((w) => fold(w));
  });
  page.hits.forEach((list) => {
    list.forEach((hit) => {
      const queryWords = words(hit.alt.text).map((w) => fold(w));
      const located = hit.locations.map((at) => ({ word: fold(words(text[at] || "")[0] || ""), at }));
      const fields = new Set();
      let genuine = true;
      let close = 0;
      let count = 0;
      queryWords.forEach((q) => {
        let ok = false;
        let best = 0;
        located.forEach((found) => {
          if (!found.word || !sameWord(q, found.word, ending)) return;
          ok = true;
          count++;
          best = Math.max(best, closeness(q, found.word));
          fields.add(found.at < titleLength ? "title" : found.at < titleLength + leadLength ? "key" : "body");
        });
        hit.meta.forEach((name) => {
          (metaWords[name] || []).forEach((w) => {
            if (!sameWord(q, w, ending)) return;
            ok = true;
            best = Math.max(best, commonPrefix(q, w) >= q.length - 1 ? 1 : closeness(q, w));
            fields.add(metaField(name));
          });
        });
        genuine = genuine && ok;
        close += best;
      });
      hit.genuine = genuine;
      hit.closeness = queryWords.length ? close / queryWords.length : 0;
      hit.strong = genuine && hit.closeness >= 0.75;
      hit.field = fields.has("title") ? "title" : fields.has("key") ? "key" : "body";
      hit.count = count;
    });
  });
}

function hitScore(hit, params) {
  let field = params[hit.field];
  if (hit.field === "body") field += params.bodyRepeat * Math.min(1, Math.max(0, hit.count - 1) / 3);
  return hit.alt.weight * field * (0.8 + 0.2 * hit.closeness);
}

// How many consecutive pairs of matched concepts occur close together somewhere.
function nearPairs(best, near) {
  const matched = best.filter(Boolean);
  let pairs = 0;
  for (let i = 1; i < matched.length; i++) {
    const a = matched[i - 1].locations;
    const b = matched[i].locations;
    if (a.some((x) => b.some((y) => x !== y && Math.abs(x - y) <= near))) pairs++;
  }
  return pairs;
}

// The checked pages, best first, each with `rank` (share of the query's weight covered, plus
// bonuses) and `best` (its best genuine hit per concept).
export function finalRanking(pages, conceptWeight, params = RANKING) {
  const weights = conceptWeight.map((w, c) => {
    const hits = pages.flatMap((page) => page.hits[c].filter((hit) => hit.genuine));
    if (!hits.length) return w.missing;
    return hits.some((hit) => hit.field !== "body") ? w.found : w.found * params.bodyOnly;
  });
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  pages.forEach((page) => {
    let sum = 0;
    let covered = 0;
    let matched = 0;
    page.best = page.hits.map((list, c) => {
      let best = null;
      let bestScore = 0;
      list.forEach((hit) => {
        if (!hit.genuine) return;
        const score = hitScore(hit, params);
        if (score > bestScore) {
          best = hit;
          bestScore = score;
        }
      });
      if (best) {
        matched++;
        sum += weights[c] * bestScore;
        covered += weights[c] * best.alt.weight;
      }
      return best;
    });
    page.matched = matched;
    page.coverage = covered / total;
    let rank = sum / total;
    if (matched && matched === weights.length) rank *= 1 + params.complete;
    if (weights.length > 1) {
      rank *= 1 + (params.proximity * nearPairs(page.best, params.near)) / (weights.length - 1);
    }
    // Pagefind's own score only breaks ties.
    page.rank = matched ? rank + 1e-4 * page.hits.reduce((s, l) => s + (l[0] ? l[0].score : 0), 0) : 0;
  });
  return pages.filter((p) => p.rank > 0).sort((a, b) => b.rank - a.rank);
}

// The pages worth showing: none when the best covers too little of the query.
export function answers(ranked, params = RANKING) {
  const floor = ranked.length ? ranked[0].rank * params.minShareOfBest : 0;
  return ranked.filter((p) => p.coverage >= params.minCoverage && p.rank >= floor);
}

// The pages worth loading the texts of: the best by Pagefind's answers alone.
export function candidates(concepts, weights, limit) {
  return firstStage(collectHits(concepts), weights).slice(0, limit);
}

// Candidates ranked once their texts are there (`page.fragment`, and `textOf(page)` its words).
export function rankChecked(pages, weights, textOf, ending, params = RANKING) {
  pages.forEach((page) => checkHits(page, textOf(page), page.fragment, ending));
  return finalRanking(pages, weights, params);
}
