// Unit tests of the search's pure modules: node --test tests/js
import assert from "node:assert/strict";
import { test } from "node:test";

import { distance, fold, sameWord, typoBudget, words } from "../../overrides/assets/javascripts/search/text.js";

test("folding matches the build's (text.py)", () => {
  assert.equal(fold("Plaćanje POUZEĆEM"), "placanje pouzecem");
  assert.equal(fold("Đurđevac"), "durdevac");
  assert.equal(fold("Đurđevac", true), "djurdjevac");
  assert.equal(fold("Ääliö Åland"), "aalio aland");
});

test("words keep hyphenated words whole", () => {
  assert.deepEqual(words("E-pošta, Apple Pay's 24h!"), ["e-pošta", "apple", "pay's", "24h"]);
});

test("typo distance counts a transposition as one edit and gives up above the limit", () => {
  assert.equal(distance("dostvaa", "dostava", 2), 1);
  assert.equal(distance("reklamcija", "reklamacija", 2), 1);
  assert.equal(distance("xqzvw", "dostava", 2), 3);
});

test("one typo from five letters, two from nine", () => {
  assert.deepEqual([typoBudget("pak"), typoBudget("paket"), typoBudget("reklamaci"), typoBudget("dostavaa")], [0, 1, 2, 1]);
});

test("a Pagefind fallback to a short prefix is not the same word", () => {
  assert.ok(sameWord("narudžbu", "narudžba"));
  assert.ok(sameWord("promjena", "promijeniti")); // Snowball's shared ijekavian stem
  assert.ok(!sameWord("asdf", "a"));
  assert.ok(!sameWord("kup", "kartica"));
});
