// Replays recorded searches (bench/search_tuning.py) through the ranking with other weights.
//   node bench/search_tuning.mjs RECORDED.json [--grid]

import { readFileSync } from "node:fs";

import { RANKING, answers, candidates, conceptWeights, rankChecked } from "../overrides/assets/javascripts/search/ranking.js";
import { pageWords } from "../overrides/assets/javascripts/search/text.js";
import { CANDIDATES_CHECKED, CANDIDATES_FIRST, ENOUGH_ANSWERS } from "../overrides/assets/javascripts/search/engine.js";

const ENTITIES = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&#x27;": "'" };
const decode = (text) => text.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (e) => ENTITIES[e]);

function rankOne(record, params, limit) {
  const concepts = record.concepts.map((c) => ({
    ...c,
    alternatives: c.alternatives.map((a) => ({ ...a, result: { results: a.results } })),
  }));
  if (!concepts.length) return [];
  const weights = conceptWeights(concepts, record.total, (text) => concepts.find((c) => c.text === text).generic, params);
  // As Engine.rankCandidates: a first screenful, all candidates when too few answer.
  const all = candidates(concepts, weights, limit);
  all.forEach((page) => { page.fragment = record.fragments[page.id]; });
  const textOf = (page) => pageWords(page.fragment.content, decode);
  let ranked = rankChecked(all.slice(0, CANDIDATES_FIRST), weights, textOf, record.ending, params);
  if (answers(ranked, params).length < ENOUGH_ANSWERS && all.length > CANDIDATES_FIRST) {
    ranked = rankChecked(all, weights, textOf, record.ending, params);
  }
  return answers(ranked, params).map((p) => "/" + p.fragment.url.replace(/^\//, ""));
}

function score(records, params, limit = CANDIDATES_CHECKED) {
  let s1 = 0, s3 = 0, n = 0, empty = 0, unanswerable = 0;
  const misses = [];
  records.forEach((record) => {
    const urls = rankOne(record, params, limit);
    if (!record.expected.length) {
      unanswerable++;
      if (!urls.length) empty++;
      return;
    }
    n++;
    const rank = urls.findIndex((u) => record.expected.includes(u)) + 1;
    if (rank === 1) s1++;
    if (rank && rank <= 3) s3++;
    if (!rank || rank > 1) misses.push(`${record.lang} ${record.kind} ${JSON.stringify(record.query)}: ${rank || "-"}`);
  });
  return { s1: s1 / n, s3: s3 / n, noResults: unanswerable ? empty / unanswerable : 0, misses };
}

const [file, ...flags] = process.argv.slice(2);
const records = JSON.parse(readFileSync(file, "utf-8"));
// `name=value` arguments override single weights: node bench/search_tuning.mjs FILE body=0.4
const overrides = Object.fromEntries(
  flags.filter((f) => f.includes("=")).map((f) => [f.split("=")[0], Number(f.split("=")[1])]),
);
const base = score(records, { ...RANKING, ...overrides });
const show = (r) => `S@1 ${r.s1.toFixed(3)}  S@3 ${r.s3.toFixed(3)}  no-results on unanswerable ${r.noResults.toFixed(2)}`;
console.log(`current weights: ${show(base)}`);
if (flags.includes("--misses")) base.misses.forEach((m) => console.log("  " + m));
if (flags.includes("--grid")) {
  const grid = {
    body: [0.35, 0.5], key: [0.7, 0.8], missingShare: [0.5, 0.75, 1], genericMax: [0.6, 1, 1.5],
    complete: [0.1, 0.25, 0.5], minCoverage: [0.25, 0.35, 0.45],
  };
  let best = [];
  const keys = Object.keys(grid);
  const walk = (i, params) => {
    if (i === keys.length) {
      const r = score(records, params);
      best.push({ r, params });
      return;
    }
    grid[keys[i]].forEach((v) => walk(i + 1, { ...params, [keys[i]]: v }));
  };
  walk(0, { ...RANKING });
  best.sort((a, b) => b.r.s3 + b.r.s1 + 0.5 * b.r.noResults - (a.r.s3 + a.r.s1 + 0.5 * a.r.noResults));
  best.slice(0, 8).forEach(({ r, params }) => console.log(show(r), JSON.stringify(Object.fromEntries(keys.map((k) => [k, params[k]])))));
}
