import assert from "node:assert/strict";
import { test } from "node:test";

import { fold } from "../../overrides/assets/javascripts/search/text.js";
import { parseQuery, prepareRules, synonymTerms } from "../../overrides/assets/javascripts/search/query.js";

// As the build writes them into the lexicon: [token, term, the Snowball stems of its words].
const group = (token, terms) => terms.map((t) => [token, t, t.split(" ").map((w) => fold(w).slice(0, -1))]);

const rules = {
  ...prepareRules({ ending: 3, stopwords: ["kako", "mogu", "li", "je", "to", "sto", "ako", "nije"] }),
  synonyms: synonymTerms([
    ...group("hcsyn0000", ["paket", "pošiljka"]),
    ...group("hcsyn0001", ["refundacija", "povrat novca"]),
  ]),
};
const lemmas = { posiljke: "posiljka", otkazem: "otkazati" };
const lemmaOf = (w) => lemmas[fold(w)] || fold(w);
const texts = (q, options = {}) => parseQuery(q, rules, { lemmaOf, ...options }).map((c) => c.text);
const alternatives = (q) => parseQuery(q, rules, { lemmaOf }).map((c) => c.alternatives.slice(1).map((a) => a.text));

test("a question keeps its content words; stop words match without diacritics", () => {
  assert.deepEqual(texts("Kako mogu promijeniti adresu dostave?"), ["promijeniti", "adresu", "dostave"]);
  assert.deepEqual(texts("što ako paket nije stigao"), ["paket", "stigao"]);
  assert.deepEqual(texts("kako je li to"), []);
});

test("a word's base form from the lexicon becomes an alternative", () => {
  assert.deepEqual(alternatives("otkažem"), [["otkazati"]]);
});

test("a synonym in any form searches its group's index token", () => {
  assert.deepEqual(alternatives("pošiljke"), [["posiljka", "hcsyn0000"]]);
  assert.deepEqual(alternatives("paket"), [["hcsyn0000"]]);
});

test("multi-word synonyms are one concept, with their group's token", () => {
  assert.deepEqual(alternatives("refundacija"), [["hcsyn0001"]]);
  const [phrase, rest] = parseQuery("povrat novca pouzećem", rules, { lemmaOf });
  assert.equal(phrase.text, "povrat novca");
  assert.ok(phrase.phrase);
  assert.deepEqual(phrase.alternatives.slice(1).map((a) => a.text), ["hcsyn0001"]);
  assert.equal(rest.text, "pouzećem");
});

test("đ and its spellings are alternatives of each other", () => {
  assert.deepEqual(alternatives("dogadjaj"), [["događaj"]]);
  assert.deepEqual(alternatives("događaj"), [["dogadjaj"]]);
});

test("an unfinished short last word waits while typing", () => {
  assert.deepEqual(texts("narudžba d", { typing: true }), ["narudžba"]);
  assert.deepEqual(texts("narudžba d", { typing: false }), ["narudžba", "d"]);
});
