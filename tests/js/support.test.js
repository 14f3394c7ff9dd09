import assert from "node:assert/strict";
import { test } from "node:test";

import { isCommon, lemmaOf, shardsFor } from "../../overrides/assets/javascripts/search/lexicon.js";
import { contactEvents } from "../../overrides/assets/javascripts/search/contact_usage.js";
import { createSearchReporter, normalizeMiss } from "../../overrides/assets/javascripts/search/misses.js";
import { countText, excerpt } from "../../overrides/assets/javascripts/search/results.js";
import { corrections, prepareVocabulary, splitCompound } from "../../overrides/assets/javascripts/search/vocabulary.js";

test("the lexicon gives base forms and generic words from the shard of each word", () => {
  const shards = new Map([["ti", { f: { tilauksen: "tilaus" }, c: ["tilanne"] }]]);
  assert.equal(lemmaOf("Tilauksen", shards), "tilaus");
  assert.equal(lemmaOf("tilaus", shards), "tilaus");
  assert.ok(isCommon("tilanne", shards));
  assert.ok(!isCommon("tilaus", shards));
  assert.deepEqual(shardsFor(["tilauksen", "tilaus", "ääni", "x"], new Set(["ti", "aa"])), ["ti", "aa"]);
});

test("typo corrections stay within the budget and prefer frequent words", () => {
  const vocabulary = prepareVocabulary({ words: ["dostava", "dostave", "reklamacija", "paket"] });
  assert.deepEqual(corrections(vocabulary, "dostvaa"), ["dostava"]);
  assert.deepEqual(corrections(vocabulary, "reklmaacija"), ["reklamacija"]);
  assert.deepEqual(corrections(vocabulary, "pakt"), []); // four letters: no typo allowed
  assert.deepEqual(corrections(vocabulary, "dostava"), []); // already a content word
});

test("a compound the content never uses whole splits into words it does use", () => {
  const vocabulary = prepareVocabulary({ words: ["posti", "kulut", "toimitus"] });
  assert.equal(splitCompound(vocabulary, "postikulut"), "posti kulut");
  assert.equal(splitCompound(vocabulary, "qwertyuiop"), null);
});

test("searches are normalized and reported once, after the visitor stops typing", () => {
  assert.equal(normalizeMiss("  Gdje  je MOJ\tpaket "), "gdje je moj paket");
  const sent = [];
  const timers = { pending: null, setTimeout(fn) { this.pending = fn; return 1; }, clearTimeout() { this.pending = null; } };
  const reporter = createSearchReporter((q, found) => sent.push([q, found]), timers);
  reporter.schedule("xyzzy", false);
  reporter.schedule("xyzzy plugh", false);
  timers.pending();
  reporter.schedule("xyzzy plugh", false);
  reporter.flush();
  reporter.schedule("dostava", true);
  reporter.schedule("d", true); // too short to report: the pending one stays
  reporter.flush();
  assert.deepEqual(sent, [["xyzzy plugh", false], ["dostava", true]]);
});

test("contact page clicks count suggestions, channels, and channels after a suggestion", () => {
  const link = (...inside) => ({ closest: (selector) => (inside.includes(selector) ? {} : null) });
  const suggestion = link('form[data-hc-search="contact"] [data-search-results]');
  const channel = link(".hc-contact__channel");
  const other = link();
  const fresh = { onContactPage: true, suggestionOpened: false };
  assert.deepEqual(contactEvents(suggestion, fresh), ["suggestion_opened"]);
  assert.deepEqual(contactEvents(channel, fresh), ["channel_chosen"]);
  assert.deepEqual(contactEvents(channel, { ...fresh, suggestionOpened: true }), [
    "channel_chosen",
    "channel_after_suggestion",
  ]);
  // an article's own contact block after the suggested article: only the "after" count
  assert.deepEqual(contactEvents(channel, { onContactPage: false, suggestionOpened: true }), [
    "channel_after_suggestion",
  ]);
  assert.deepEqual(contactEvents(channel, { onContactPage: false, suggestionOpened: false }), []);
  assert.deepEqual(contactEvents(other, fresh), []);
});

test("the excerpt is the window with the most marked words, and counts are plural-aware", () => {
  const text = "a b c d e f g h".split(" ");
  const shown = excerpt(text, new Set([6, 7]), 0);
  assert.ok(shown.parts.some((p) => p.mark && p.text === "g"));
  const forms = { one: "{n} rezultat", few: "{n} rezultata", other: "{n} rezultata" };
  assert.equal(countText(1, "hr", forms), "1 rezultat");
  assert.equal(countText(5, "hr", forms), "5 rezultata");
});
