import assert from "node:assert/strict";
import { test } from "node:test";

import { languageOfPath, notFoundPageFor, wordsFromPath } from "../../overrides/assets/javascripts/search/not_found.js";

test("the words of a missing address, without its language, endings and numbers", () => {
  assert.equal(wordsFromPath("/narudzbe/otkazivanje-narudzbe/"), "narudzbe otkazivanje narudzbe");
  assert.equal(wordsFromPath("/fi/tilaukset/tilauksen_peruminen.html", "/fi/"), "tilaukset tilauksen peruminen");
  assert.equal(wordsFromPath("/povrat/2024/povrat-novca/index.html"), "povrat povrat novca");
  assert.equal(wordsFromPath("/pla%C4%87anje/"), "plaćanje");
  assert.equal(wordsFromPath("/"), "");
});

test("the language of an address is its longest home", () => {
  const homes = [{ lang: "hr", link: "/" }, { lang: "fi", link: "/fi/" }];
  assert.equal(languageOfPath("/fi/tilaukset/x/", homes).lang, "fi");
  assert.equal(languageOfPath("/finska/", homes).lang, "hr");
  assert.equal(languageOfPath("/narudzbe/", homes).lang, "hr");
});

test("only another language's address asks for its own 404 page", () => {
  const homes = ["/", "/fi/"];
  const langs = ["hr", "fi"];
  assert.equal(notFoundPageFor("/fi/vanha-sivu/", "hr", homes, langs), "/fi/404.html");
  assert.equal(notFoundPageFor("/stara-stranica/", "hr", homes, langs), null);
  assert.equal(notFoundPageFor("/fi/vanha-sivu/", "fi", homes, langs), null);
  assert.equal(notFoundPageFor("/x/", "hr", [], []), null);
});
