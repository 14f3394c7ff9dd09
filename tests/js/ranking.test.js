import assert from "node:assert/strict";
import { test } from "node:test";

import { answers, checkHits, collectHits, conceptWeights, finalRanking, idf } from "../../overrides/assets/javascripts/search/ranking.js";

// A concept with one alternative whose Pagefind answer lists `pages` (id -> word locations).
function concept(text, pages, extra = {}) {
  const results = Object.entries(pages).map(([id, locations]) => ({ id, score: 1, words: locations, matchedMetaFields: [] }));
  return { text, phrase: false, alternatives: [{ text, weight: 1, kind: "typed", result: { results } }], ...extra };
}

function fragment(title, body, lead = "") {
  const text = [title, lead, body].filter(Boolean).join(" ").split(" ");
  return { text, meta: { title, hc_lead_words: String(lead ? lead.split(" ").length : 0) } };
}

function rank(concepts, fragments, total, isGeneric = () => false) {
  const weights = conceptWeights(concepts, total, isGeneric);
  const pages = collectHits(concepts);
  pages.forEach((page) => {
    const f = fragments[page.id];
    checkHits(page, f.text, f);
  });
  return { weights, ranked: finalRanking(pages, weights) };
}

test("rare words weigh more than common ones", () => {
  assert.ok(idf(1, 50) > idf(10, 50));
  assert.ok(idf(10, 50) > idf(45, 50));
});

test("the page with the distinctive word wins over the one with the generic word", () => {
  const fragments = {
    a: fragment("Narudžba i paket", "narudžba paket narudžba"),
    b: fragment("Madrac", "narudžba madrac"),
  };
  const pages = { a: [0, 2, 3], c1: [0], c2: [0], c3: [0] };
  ["c1", "c2", "c3"].forEach((id) => { fragments[id] = fragment("Narudžba", "tekst"); });
  const { ranked } = rank(
    [concept("narudžba", { ...pages, b: [1] }), concept("madrac", { b: [0] })],
    fragments,
    20,
  );
  assert.equal(ranked[0].id, "b");
});

test("the title counts more than the body", () => {
  const fragments = { t: fragment("Jamstvo proizvoda", "tekst"), b: fragment("Servis", "jamstvo vrijedi") };
  const { ranked } = rank([concept("jamstvo", { t: [0], b: [1] })], fragments, 20);
  assert.deepEqual(ranked.map((p) => p.id), ["t", "b"]);
});

test("a long question still finds its article when one word appears nowhere", () => {
  const fragments = { a: fragment("Povrat novca", "novac vraćamo") };
  const { ranked } = rank(
    [concept("povrat", { a: [0] }), concept("novca", { a: [1] }), concept("blender", {})],
    fragments,
    20,
    (w) => w === "blender",
  );
  assert.equal(answers(ranked)[0].id, "a");
});

test("nothing is shown when the best page covers too little of the question", () => {
  const fragments = { a: fragment("Program vjernosti", "klub bodovi") };
  const { ranked } = rank(
    [concept("sponzorstvo", {}), concept("nogometni", {}), concept("klub", { a: [2] }), concept("ugovor", {})],
    fragments,
    20,
  );
  assert.equal(ranked.length, 1);
  assert.deepEqual(answers(ranked), []);
});

test("a broad synonym group does not make the visitor's own word common", () => {
  const typed = concept("reklamacija", { a: [0] });
  typed.alternatives.push({ text: "prigovor", weight: 0.7, kind: "synonym", result: { results: "abcdefghij".split("").map((id) => ({ id, score: 1, words: [0], matchedMetaFields: [] })) } });
  const [weight] = conceptWeights([typed], 20, () => false);
  assert.equal(weight.found, idf(1, 20));
});

test("a word that only some page's body has is a detail, not what the question is about", () => {
  const fragments = { detail: fragment("Registracija", "korištenje aplikacije"), code: fragment("Kod za popust", "tekst") };
  const { ranked } = rank(
    [concept("korištenje", { detail: [1] }), concept("kod", { code: [0] })],
    fragments,
    20,
  );
  assert.equal(ranked[0].id, "code");
});

test("a word Pagefind found only by a shorter prefix counts as missing", () => {
  // "zapošljavanje" falls back to the 15 pages with "zaprimanje": no genuine hit anywhere.
  const fragments = {};
  const fallback = {};
  for (let i = 0; i < 15; i++) {
    fragments["p" + i] = fragment("Zaprimanje narudžbe", "tekst");
    fallback["p" + i] = [0];
  }
  const { ranked } = rank(
    [concept("zapošljavanje", fallback), concept("narudžbe", { p0: [1] })],
    fragments,
    20,
  );
  assert.equal(ranked[0].best[0], null);
  // It weighs as a word no page has, not as one every page has (which would hardly count).
  assert.ok(ranked[0].coverage < 0.75);
});
