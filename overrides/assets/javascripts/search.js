// helpcenter search: the header box ("/") and the home page box, results as you type.
//
// Pagefind (one index per language, loaded from this site only) finds pages; this file decides
// what to ask it. A query is split into concepts (a word, or a phrase from the synonyms file),
// stop words are dropped, every concept is searched on its own with its alternatives (synonyms,
// spellings of "đ", typo corrections), and pages are ranked by how many concepts they match and
// how well. So a whole question still finds its article although Pagefind alone requires every
// word to match.
(function () {
  "use strict";

  var configElement = document.getElementById("hc-search-config");
  if (!configElement || !("fetch" in window) || !("URL" in window)) return;

  var RESULTS_SHOWN = 8;
  // Pages whose matched words are checked (and fragments loaded) before showing results.
  var CANDIDATES_CHECKED = 12;
  var SYNONYM_WEIGHT = 0.6;
  var SPELLING_WEIGHT = 0.9;
  var TYPO_WEIGHT = 0.7;
  // Pages matching more of the query's concepts rank higher (score times the share matched).
  var COVERAGE_EXPONENT = 1;
  // Help-center titles name the question: a page whose title holds all concepts counts
  // (1 + TITLE_BONUS) times, one holding half of them (1 + TITLE_BONUS / 2) times.
  var TITLE_BONUS = 1;
  // The lead (the article's one-sentence summary) counts half as much as the title.
  var LEAD_BONUS = 0.5;
  // Query concepts found next to each other (at most NEAR words apart) suggest the page says
  // what the visitor asked: up to (1 + PROXIMITY_BONUS) times.
  var PROXIMITY_BONUS = 0.5;
  var NEAR = 3;
  var EXCERPT_WORDS = 26;
  var SECTIONS_SHOWN = 3;
  var MIN_QUERY_LENGTH = 2;
  // While typing, a last word shorter than this is not searched yet (unless it is the only
  // one): "narudžba d" would fetch the index of every word starting with "d".
  var MIN_PARTIAL_WORD = 4;
  // ...and is searched once the visitor has stopped typing this long.
  var SETTLE_MS = 350;
  // A search that found nothing is reported once the visitor stops typing.
  var MISS_REPORT_DELAY_MS = 1500;
  var MISS_MAX_LENGTH = 100;

  var data = configElement.dataset;
  var config = {
    lang: data.lang || document.documentElement.lang,
    language: data.language || data.lang,
    bundle: new URL(data.bundle, location.href),
    root: new URL((data.root || ".").replace(/\/?$/, "/"), location.href),
    feedbackUrl: (data.feedbackUrl || "").replace(/\/+$/, ""),
    strings: JSON.parse(data.strings || "{}"),
  };

  // ---------------------------------------------------------------------------------------
  // Text: the same folding as src/helpcenter/search/text.py.

  var WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
  var MARKS = /\p{M}/gu;

  // Lowercase without diacritics; "đ" has no decomposition, so it becomes "d" (or "dj").
  function fold(text, dj) {
    return text
      .toLowerCase()
      .replace(/đ/g, dj ? "dj" : "d")
      .normalize("NFD")
      .replace(MARKS, "")
      .normalize("NFC");
  }

  function words(text) {
    return (text.match(WORD) || []).map(function (w) { return w.toLowerCase(); });
  }

  function commonPrefix(a, b) {
    var n = Math.min(a.length, b.length);
    var i = 0;
    while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
    return i;
  }

  // Pagefind matches a query word by its stem as a prefix, and when nothing starts with it,
  // falls back to the longest indexed word the query starts with ("asdf" -> "a"). Only the first
  // kind is a real match.
  function sameWord(query, found) {
    var c = commonPrefix(query, found);
    return c === query.length || c >= 4 || (c >= 3 && found.length > c && query.length > c);
  }

  // Optimal string alignment distance, giving up above `max`.
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev2 = null;
    var prev = [];
    for (var j = 0; j <= b.length; j++) prev[j] = j;
    for (var i = 1; i <= a.length; i++) {
      var row = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
        var v = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          v = Math.min(v, prev2[j - 2] + 1);
        }
        row[j] = v;
        if (v < best) best = v;
      }
      if (best > max) return max + 1;
      prev2 = prev;
      prev = row;
    }
    return prev[b.length];
  }

  // ---------------------------------------------------------------------------------------
  // Query rules: stop words and synonyms of this language (helpcenter-search.json).

  function prepareRules(raw) {
    return {
      ending: raw.ending || 3,
      stopwords: new Set(raw.stopwords || []),
      synonyms: (raw.synonyms || []).map(function (group) {
        return group.map(function (term) { return { text: term.text, words: term.words }; });
      }),
    };
  }

  // A query word (folded) is a form of a synonym's word: the same, a form seen in the content
  // with the same stem, or its stem (or the word less its last letter) plus a short ending.
  function isFormOf(folded, word, ending) {
    if (folded === word.f || word.forms.indexOf(folded) >= 0) return true;
    return [word.stem, word.base].some(function (prefix) {
      return prefix && prefix.length >= 3 && folded.lastIndexOf(prefix, 0) === 0 &&
        folded.length - prefix.length <= ending;
    });
  }

  function termMatchesAt(term, tokens, at, ending) {
    if (at + term.words.length > tokens.length) return false;
    for (var k = 0; k < term.words.length; k++) {
      if (!isFormOf(tokens[at + k].folded, term.words[k], ending)) return false;
    }
    return true;
  }

  // The concepts of a query: each with the text to search and weighted alternatives.
  // `typing`: the last word may be unfinished.
  function parseQuery(query, rules, typing) {
    var tokens = words(query).map(function (w) {
      var folded = fold(w);
      return { text: w, folded: folded, stop: rules.stopwords.has(folded) };
    });
    var last = tokens[tokens.length - 1];
    if (typing && last && !/\s$/.test(query) && last.text.length < MIN_PARTIAL_WORD) {
      var rest = parseQuery(query.slice(0, query.toLowerCase().lastIndexOf(last.text)), rules, false);
      if (rest.length) return rest;
    }
    var concepts = [];
    var seen = new Set();
    var i = 0;
    while (i < tokens.length) {
      var phrase = null;
      rules.synonyms.forEach(function (group, g) {
        group.forEach(function (term, t) {
          if (term.words.length < 2 || !termMatchesAt(term, tokens, i, rules.ending)) return;
          if (!phrase || term.words.length > phrase.length) phrase = { group: g, term: t, length: term.words.length };
        });
      });
      var text;
      var synonyms = [];
      if (phrase) {
        text = tokens.slice(i, i + phrase.length).map(function (tk) { return tk.text; }).join(" ");
        rules.synonyms[phrase.group].forEach(function (term, t) { if (t !== phrase.term) synonyms.push(term.text); });
        i += phrase.length;
      } else {
        var token = tokens[i++];
        if (token.stop) continue;
        text = token.text;
        rules.synonyms.forEach(function (group) {
          var hit = group.findIndex(function (term) {
            return term.words.length === 1 && isFormOf(token.folded, term.words[0], rules.ending);
          });
          if (hit < 0) return;
          group.forEach(function (term, t) { if (t !== hit) synonyms.push(term.text); });
        });
      }
      var key = fold(text);
      if (seen.has(key)) continue;
      seen.add(key);
      var alternatives = [{ text: text, weight: 1 }];
      // Pagefind folds other diacritics itself; "đ" and its spellings are ours to join.
      if (/đ/.test(text)) alternatives.push({ text: text.replace(/đ/g, "dj"), weight: SPELLING_WEIGHT });
      if (/dj/.test(text)) alternatives.push({ text: text.replace(/dj/g, "đ"), weight: SPELLING_WEIGHT });
      synonyms.forEach(function (s) {
        if (!alternatives.some(function (a) { return fold(a.text) === fold(s); })) {
          alternatives.push({ text: s, weight: SYNONYM_WEIGHT });
        }
      });
      concepts.push({ text: text, alternatives: alternatives });
    }
    return concepts;
  }

  // ---------------------------------------------------------------------------------------
  // Engine: Pagefind plus our rules, loaded on first use.

  var engine = null;

  function fetchJson(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error(url + ": HTTP " + response.status);
      return response.json();
    });
  }

  function loadEngine() {
    if (engine) return engine;
    var pagefindUrl = new URL("pagefind.js", config.bundle).href;
    engine = Promise.all([
      import(pagefindUrl).then(function (module) {
        // Pagefind picks its index from <html lang> only; Croatian pages are indexed as "sr"
        // (Snowball's Serbian stemmer), so the page names that index while the instance is made.
        var html = document.documentElement;
        var pageLang = html.getAttribute("lang");
        html.setAttribute("lang", config.language);
        var instance;
        try {
          instance = module.createInstance({ basePath: config.bundle.href, baseUrl: "/" });
        } finally {
          html.setAttribute("lang", pageLang);
        }
        return instance.init().then(function () { return instance; });
      }),
      fetchJson(new URL("helpcenter-search.json", config.bundle)),
    ]).then(function (loaded) {
      return { pagefind: loaded[0], rules: prepareRules(loaded[1]), vocabulary: null, vocabularyFile: loaded[1].vocabulary };
    });
    engine.catch(function () { engine = null; });
    return engine;
  }

  function loadVocabulary(e) {
    if (!e.vocabulary) {
      e.vocabulary = fetchJson(new URL(e.vocabularyFile, config.bundle)).then(function (raw) {
        return { words: raw.words, folded: raw.words.map(function (w) { return fold(w); }) };
      });
    }
    return e.vocabulary;
  }

  // The most frequent content words within one edit (two for long words) of `word`.
  function corrections(vocabulary, word) {
    var folded = fold(word);
    if (folded.length < 5 || /\d/.test(folded)) return [];
    var max = folded.length >= 9 ? 2 : 1;
    var best = max + 1;
    var found = [];
    for (var i = 0; i < vocabulary.folded.length; i++) {
      var candidate = vocabulary.folded[i];
      if (candidate === folded) return [];
      var d = distance(folded, candidate, Math.min(max, best));
      if (d < best) {
        best = d;
        found = [vocabulary.words[i]];
      } else if (d === best && d <= max && found.length < 2) {
        found.push(vocabulary.words[i]);
      }
    }
    return best <= max ? found : [];
  }

  // A compound the content never uses whole ("takuuasia") as two words it does use ("takuu
  // asia"): the longest first part that begins some content word, and a second part likewise.
  function splitCompound(vocabulary, word) {
    var folded = fold(word);
    if (folded.length < 7) return null;
    var starts = function (part) {
      return vocabulary.folded.some(function (v) { return v.lastIndexOf(part, 0) === 0; });
    };
    for (var at = folded.length - 3; at >= 4; at--) {
      var left = folded.slice(0, at);
      var right = folded.slice(at);
      if (starts(left) && starts(right)) return left + " " + right;
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------
  // Search: every alternative of every concept on its own, then rank pages by coverage.

  // Pagefind's answers per searched text, kept across queries: while a visitor types
  // "tilaus toim", "tilaus toimi"..., only the last word is new to search.
  var answers = new Map();
  var ANSWERS_KEPT = 64;

  function pagefindSearch(e, text) {
    var key = text.toLowerCase();
    var answer = answers.get(key);
    if (answer) {
      answers.delete(key);
    } else {
      answer = e.pagefind.search(text).then(function (result) { return result || { results: [] }; });
      answer.catch(function () { answers.delete(key); });
    }
    answers.set(key, answer);
    if (answers.size > ANSWERS_KEPT) answers.delete(answers.keys().next().value);
    return answer;
  }

  function searchAlternatives(e, concepts) {
    var jobs = [];
    concepts.forEach(function (concept) {
      concept.alternatives.forEach(function (alt) {
        if (alt.result) return;
        jobs.push(pagefindSearch(e, alt.text).then(function (result) { alt.result = result; }));
      });
    });
    return Promise.all(jobs);
  }

  // Per page: per concept, its hits (alternative, score, word locations), best first.
  function collectHits(concepts) {
    var pages = new Map();
    concepts.forEach(function (concept, c) {
      concept.alternatives.forEach(function (alt) {
        alt.result.results.forEach(function (r) {
          var page = pages.get(r.id);
          if (!page) {
            page = { id: r.id, result: r, hits: concepts.map(function () { return []; }) };
            pages.set(r.id, page);
          }
          page.hits[c].push({ alt: alt, score: r.score * alt.weight, locations: r.words || [], meta: r.matchedMetaFields || [] });
        });
      });
    });
    pages.forEach(function (page) {
      page.hits.forEach(function (list) { list.sort(function (a, b) { return b.score - a.score; }); });
    });
    return Array.from(pages.values());
  }

  // Pagefind's score, once checked adjusted for how close the found word is to the query word
  // and for a match in the title, times the share of concepts the page matches.
  function rank(pages, conceptCount, useChecked) {
    pages.forEach(function (page) {
      var matched = 0;
      var sum = 0;
      page.best = page.hits.map(function (list) {
        var best = null;
        var bestScore = 0;
        list.forEach(function (hit) {
          if (useChecked && !hit.genuine) return;
          var score = useChecked ? hit.score * (0.8 + 0.2 * hit.closeness) : hit.score;
          if (score > bestScore) { best = hit; bestScore = score; }
        });
        if (best) { matched++; sum += bestScore; }
        return best;
      });
      var inTitle = page.best.filter(function (hit) { return hit && hit.inTitle; }).length;
      var inLead = page.best.filter(function (hit) { return hit && !hit.inTitle && hit.inLead; }).length;
      page.matched = matched;
      page.rank = matched ? sum * Math.pow(matched / conceptCount, COVERAGE_EXPONENT) : 0;
      if (useChecked) {
        page.rank *= 1 + (TITLE_BONUS * inTitle + LEAD_BONUS * inLead) / conceptCount;
        if (conceptCount > 1) page.rank *= 1 + PROXIMITY_BONUS * nearPairs(page.best) / (conceptCount - 1);
      }
    });
    return pages
      .filter(function (p) { return p.rank > 0; })
      .sort(function (a, b) { return b.rank - a.rank; });
  }

  // How many consecutive pairs of matched concepts occur close together somewhere.
  function nearPairs(best) {
    var matched = best.filter(Boolean);
    var pairs = 0;
    for (var i = 1; i < matched.length; i++) {
      var a = matched[i - 1].locations;
      var b = matched[i].locations;
      if (a.some(function (x) { return b.some(function (y) { return x !== y && Math.abs(x - y) <= NEAR; }); })) pairs++;
    }
    return pairs;
  }

  // Pagefind's content is HTML-escaped text; word positions are counted on whitespace.
  function contentWords(fragment) {
    if (!fragment.words) {
      fragment.words = (fragment.raw_content || fragment.content || "").split(/[\r\n\s]+/g).map(decode);
    }
    return fragment.words;
  }

  var decoder = document.createElement("textarea");
  function decode(text) {
    if (text.indexOf("&") < 0) return text;
    decoder.innerHTML = text;
    return decoder.value;
  }

  // How much of two words is shared from the start, 0 to 1.
  function closeness(query, found) {
    return commonPrefix(query, found) / Math.max(query.length, found.length);
  }

  // For each hit: genuine (a word Pagefind matched is a form of each query word), strong (it
  // also spells out nearly the whole query word), its closeness and whether the title has it.
  function checkHits(page) {
    var fragment = page.fragment;
    var text = contentWords(fragment);
    var titleLength = (fragment.meta.title || "").split(/\s+/).filter(Boolean).length;
    var leadLength = parseInt(fragment.meta.hc_lead_words, 10) || 0;
    var metaWords = [];
    ["title", "hc_terms"].forEach(function (field) {
      if (fragment.meta && fragment.meta[field]) metaWords = metaWords.concat(words(fragment.meta[field]).map(function (w) { return fold(w); }));
    });
    page.hits.forEach(function (list) {
      list.forEach(function (hit) {
        var found = hit.locations.map(function (at) { return fold(words(text[at] || "")[0] || ""); });
        if (hit.meta.length) found = found.concat(metaWords);
        var genuine = true;
        var strong = true;
        var close = 0;
        var queryWords = words(hit.alt.text).map(function (w) { return fold(w); });
        queryWords.forEach(function (q) {
          var best = 0;
          var ok = false;
          var full = false;
          found.forEach(function (f) {
            if (!f || !sameWord(q, f)) return;
            ok = true;
            if (commonPrefix(q, f) >= q.length - 2) full = true;
            best = Math.max(best, closeness(q, f));
          });
          genuine = genuine && ok;
          strong = strong && full;
          close += best;
        });
        hit.genuine = genuine;
        hit.strong = genuine && strong;
        hit.closeness = queryWords.length ? close / queryWords.length : 0;
        hit.inTitle = hit.locations.some(function (at) { return at < titleLength; });
        hit.inLead = hit.locations.some(function (at) { return at >= titleLength && at < titleLength + leadLength; });
      });
    });
  }

  var fragments = new Map();

  function loadFragments(pages) {
    return Promise.all(pages.map(function (page) {
      if (page.fragment) return null;
      if (!fragments.has(page.id)) {
        var loading = page.result.data();
        loading.catch(function () { fragments.delete(page.id); });
        fragments.set(page.id, loading);
      }
      return fragments.get(page.id).then(function (fragment) { page.fragment = fragment; });
    }));
  }

  // Options: `typing` (the last word may be unfinished), `stale()` (true once a newer query
  // exists: stop early, the answer is not needed), `explain` (ranking details, for tuning).
  async function search(query, options) {
    options = options || {};
    var stale = options.stale || function () { return false; };
    var e = await loadEngine();
    var concepts = parseQuery(query, e.rules, options.typing);
    if (!concepts.length) return [];
    await searchAlternatives(e, concepts);
    if (stale()) return null;
    var checked = await checkCandidates(concepts);
    if (stale()) return null;

    // Typo correction for concepts no checked page matched with (nearly) the whole word.
    var missing = concepts.filter(function (concept, c) {
      return !checked.some(function (page) {
        return page.hits[c].some(function (hit) { return hit.strong; });
      });
    });
    if (missing.length) {
      var vocabulary = await loadVocabulary(e);
      var added = false;
      missing.forEach(function (concept) {
        if (/\s/.test(concept.text)) return;
        var fixes = corrections(vocabulary, concept.text);
        if (!fixes.length && !concept.alternatives.some(function (a) { return a.result && a.result.results.length; })) {
          var parts = splitCompound(vocabulary, concept.text);
          if (parts) fixes = [parts];
        }
        fixes.forEach(function (word) {
          concept.alternatives.push({ text: word, weight: TYPO_WEIGHT });
          added = true;
        });
      });
      if (added) {
        await searchAlternatives(e, concepts);
        checked = await checkCandidates(concepts);
      }
    }
    if (stale()) return null;
    if (options.explain) return explainRanking(concepts, checked);
    return checked.slice(0, RESULTS_SHOWN).map(function (page) { return present(page); });
  }

  // What the ranking saw, for tuning (helpcenterSearch.search(query, {explain: true})).
  function explainRanking(concepts, pages) {
    return pages.map(function (page) {
      return {
        url: page.fragment.url,
        rank: Math.round(page.rank * 1000) / 1000,
        concepts: page.best.map(function (hit, c) {
          return concepts[c].text + (hit ? " <- " + hit.alt.text + " " + hit.score.toFixed(2) + " close " + hit.closeness.toFixed(2) + (hit.inTitle ? " title" : "") : " -");
        }),
      };
    });
  }

  // Check the best candidates, a screenful first; more only when some of them turn out not
  // to match or a concept is not yet matched in full.
  async function checkCandidates(concepts) {
    var candidates = rank(collectHits(concepts), concepts.length, false);
    var checked = candidates.slice(0, RESULTS_SHOWN);
    await loadFragments(checked);
    checked.forEach(checkHits);
    var ranked = rank(checked, concepts.length, true);
    var complete = concepts.every(function (concept, c) {
      return ranked.some(function (page) { return page.hits[c].some(function (hit) { return hit.strong; }); });
    });
    if ((ranked.length < RESULTS_SHOWN || !complete) && candidates.length > checked.length) {
      var more = candidates.slice(checked.length, CANDIDATES_CHECKED);
      await loadFragments(more);
      more.forEach(checkHits);
      ranked = rank(checked.concat(more), concepts.length, true);
    }
    return ranked;
  }

  // ---------------------------------------------------------------------------------------
  // Presentation: title, collection, excerpt with the matched words, matched sections.

  function present(page) {
    var fragment = page.fragment;
    var marked = new Set();
    page.hits.forEach(function (list) {
      list.forEach(function (hit) {
        if (hit.genuine) hit.locations.forEach(function (at) { marked.add(at); });
      });
    });
    var text = contentWords(fragment);
    // Skip the title (the first words) when the excerpt can show something else.
    var titleLength = words(fragment.meta.title || "").length;
    return {
      url: resolveUrl(fragment.url),
      title: fragment.meta.title || fragment.url,
      collection: fragment.meta.collection || "",
      excerpt: excerpt(text, marked, titleLength),
      sections: sections(fragment, marked),
    };
  }

  function resolveUrl(url) {
    return new URL(url.replace(/^\//, ""), config.root).href;
  }

  // The window of EXCERPT_WORDS words with the most matched words (after the title).
  function excerpt(text, marked, skip) {
    var start = Math.min(skip, Math.max(0, text.length - EXCERPT_WORDS));
    var bestStart = start;
    var bestCount = -1;
    for (var s = start; s < Math.max(start + 1, text.length - EXCERPT_WORDS + 1); s++) {
      var count = 0;
      for (var k = s; k < s + EXCERPT_WORDS && k < text.length; k++) if (marked.has(k)) count++;
      if (count > bestCount) { bestCount = count; bestStart = s; }
    }
    var parts = [];
    for (var i = bestStart; i < Math.min(text.length, bestStart + EXCERPT_WORDS); i++) {
      parts.push({ text: text[i], mark: marked.has(i) });
    }
    return { parts: parts, before: bestStart > start, after: bestStart + EXCERPT_WORDS < text.length };
  }

  function sections(fragment, marked) {
    var anchors = (fragment.anchors || [])
      .filter(function (a) { return /^h[2-4]$/i.test(a.element) && a.id && a.text; })
      .sort(function (a, b) { return a.location - b.location; });
    var counts = new Map();
    marked.forEach(function (at) {
      var owner = null;
      anchors.forEach(function (a) { if (a.location <= at) owner = a; });
      if (owner) counts.set(owner, (counts.get(owner) || 0) + 1);
    });
    return Array.from(counts.keys())
      .sort(function (a, b) { return counts.get(b) - counts.get(a) || a.location - b.location; })
      .slice(0, SECTIONS_SHOWN)
      .map(function (a) {
        var url = new URL(resolveUrl(fragment.url));
        url.hash = a.id;
        return { title: a.text, url: url.href };
      });
  }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) { return name in values ? values[name] : all; });
  }

  function countText(n) {
    var forms = config.strings.results_count || {};
    var form = "other";
    try { form = new Intl.PluralRules(config.lang).select(n); } catch (error) { /* keep "other" */ }
    return format(forms[form] || forms.other || "{n}", { n: n });
  }

  // ---------------------------------------------------------------------------------------
  // Searches that found nothing, reported to the feedback service when one is configured.

  var reportedMisses = new Set();
  var pendingMiss = null;
  var missTimer = null;

  function normalizeMiss(query) {
    return query.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim().slice(0, MISS_MAX_LENGTH).trim();
  }

  function sendMiss() {
    clearTimeout(missTimer);
    var query = pendingMiss;
    pendingMiss = null;
    if (!query || !config.feedbackUrl || reportedMisses.has(query)) return;
    reportedMisses.add(query);
    // text/plain keeps it a simple request (no preflight); no cookies, no visitor id.
    fetch(config.feedbackUrl + "/api/v1/search-misses", {
      method: "POST",
      headers: { "Content-Type": "text/plain;charset=UTF-8" },
      body: JSON.stringify({ query: query, lang: config.lang }),
      keepalive: true,
      credentials: "omit",
      mode: "cors",
    }).catch(function () { /* a lost report is not worth bothering the visitor */ });
  }

  function scheduleMiss(query) {
    if (!config.feedbackUrl) return;
    var normalized = normalizeMiss(query);
    if (normalized.length < MIN_QUERY_LENGTH || reportedMisses.has(normalized)) return;
    pendingMiss = normalized;
    clearTimeout(missTimer);
    missTimer = setTimeout(sendMiss, MISS_REPORT_DELAY_MS);
  }

  function cancelMiss() {
    pendingMiss = null;
    clearTimeout(missTimer);
  }

  window.addEventListener("pagehide", sendMiss);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") sendMiss();
  });

  // ---------------------------------------------------------------------------------------
  // A search box: the form, its input, its results panel and its live status.

  function SearchBox(form) {
    this.form = form;
    this.name = form.getAttribute("data-hc-search") || "search";
    this.input = form.querySelector("input[type=search]");
    this.panel = form.querySelector("[data-search-panel]");
    this.count = form.querySelector("[data-search-count]");
    this.list = form.querySelector("[data-search-results]");
    this.empty = form.querySelector("[data-search-empty]");
    this.status = form.querySelector("[data-search-status]");
    this.sequence = 0;
    this.current = null;
    this.bind();
  }

  SearchBox.prototype.bind = function () {
    var box = this;
    box.input.addEventListener("focus", function () {
      loadEngine().catch(function () { /* reported when a search runs */ });
      if (box.input.value.trim() && box.list.dataset.searchQuery === box.input.value) box.open();
    });
    box.input.addEventListener("input", function () { box.update(); });
    box.form.addEventListener("submit", function (event) {
      event.preventDefault();
      var pending = box.list.dataset.searchQuery === box.input.value && !box.running
        ? Promise.resolve()
        : box.update(true);
      pending.then(function () {
        var first = box.list.querySelector("a[data-search-result]");
        if (first) {
          sendMiss();
          location.href = first.href;
        }
      });
    });
    box.form.addEventListener("keydown", function (event) { box.onKey(event); });
    // The header's results float over the page: a click elsewhere dismisses them.
    if (box.name === "header") {
      document.addEventListener("click", function (event) {
        if (!box.form.contains(event.target)) box.close();
      });
    }
  };

  SearchBox.prototype.links = function () {
    return Array.prototype.slice.call(this.list.querySelectorAll("a[href]"));
  };

  SearchBox.prototype.onKey = function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var links = this.links();
    var at = links.indexOf(document.activeElement);
    if (event.key === "ArrowDown") {
      if (this.panel.hidden || !links.length) return;
      event.preventDefault();
      links[Math.min(at + 1, links.length - 1)].focus();
    } else if (event.key === "ArrowUp") {
      if (at < 0) return;
      event.preventDefault();
      if (at === 0) this.input.focus();
      else links[at - 1].focus();
    } else if (event.key === "Escape") {
      if (this.panel.hidden) return;
      event.preventDefault();
      this.close();
      this.input.focus();
    }
  };

  SearchBox.prototype.open = function () {
    this.panel.hidden = false;
    this.form.classList.add("hc-search--open");
  };

  SearchBox.prototype.close = function () {
    this.panel.hidden = true;
    this.form.classList.remove("hc-search--open");
  };

  SearchBox.prototype.setState = function (query, state) {
    this.list.dataset.searchQuery = query;
    this.list.dataset.searchState = state;
    this.form.dataset.searchState = state;
  };

  // One search at a time per box: keys typed meanwhile only mark the box dirty, and the
  // newest text is searched when the running search ends. Pagefind cannot cancel a search,
  // so queueing one per key would make the last key wait for all the others.
  SearchBox.prototype.update = function (final) {
    var box = this;
    var query = box.input.value;
    var sequence = ++box.sequence;
    clearTimeout(box.settleTimer);
    if (query.trim().length < MIN_QUERY_LENGTH) {
      cancelMiss();
      box.clear();
      box.close();
      box.setState(query, "idle");
      box.status.textContent = "";
      return Promise.resolve();
    }
    box.setState(query, "loading");
    if (box.running) {
      box.dirty = true;
      box.dirtyFinal = box.dirtyFinal || Boolean(final);
      return box.current;
    }
    box.running = true;
    var stale = function () { return sequence !== box.sequence; };
    box.current = search(query, { typing: !final, stale: stale }).then(
      function (results) {
        if (!results || stale()) return;
        box.render(query, results);
        if (!final && hasShortTail(query)) {
          // Not the answer yet: the short last word was left out while typing.
          box.setState(query, "partial");
          box.settleTimer = setTimeout(function () {
            if (!stale()) box.update(true);
          }, SETTLE_MS);
        }
      },
      function (error) {
        if (stale()) return;
        if (window.console) console.error("helpcenter search:", error);
        box.clear();
        box.count.textContent = config.strings.unavailable || "";
        box.status.textContent = config.strings.unavailable || "";
        box.setState(query, "error");
        box.open();
      }
    ).then(function () {
      box.running = false;
      if (box.dirty) {
        var rerunFinal = box.dirtyFinal;
        box.dirty = box.dirtyFinal = false;
        return box.update(rerunFinal);
      }
    });
    return box.current;
  };

  function hasShortTail(query) {
    var all = words(query);
    return all.length > 1 && /\S$/.test(query) && all[all.length - 1].length < MIN_PARTIAL_WORD;
  }

  SearchBox.prototype.clear = function () {
    this.list.textContent = "";
    this.empty.textContent = "";
    this.count.textContent = "";
  };

  SearchBox.prototype.render = function (query, results) {
    this.clear();
    if (!results.length) {
      this.renderEmpty(query);
      scheduleMiss(query);
    } else {
      cancelMiss();
      var list = this.list;
      var sectionsLabel = config.strings.sections || "";
      results.forEach(function (result, i) { list.appendChild(resultItem(result, i, sectionsLabel)); });
      this.count.textContent = countText(results.length);
      this.status.textContent = countText(results.length);
    }
    this.setState(query, results.length ? "results" : "empty");
    if (this.name === "hero") rememberQuery(query);
    this.open();
  };

  SearchBox.prototype.renderEmpty = function (query) {
    var message = format(config.strings.no_results || "", { query: query.trim() });
    this.status.textContent = message;
    var template = document.getElementById("hc-search-empty-template");
    if (!template) return;
    var content = template.content.cloneNode(true);
    var prefix = "hc-search-" + this.name + "-";
    // The template repeats the contact block, whose ids already exist on some pages.
    content.querySelectorAll("[id]").forEach(function (el) { el.id = prefix + el.id; });
    content.querySelectorAll("[aria-labelledby]").forEach(function (el) {
      el.setAttribute("aria-labelledby", el.getAttribute("aria-labelledby").split(/\s+/).map(function (id) { return prefix + id; }).join(" "));
    });
    var slot = content.querySelector("[data-search-message]");
    if (slot) slot.textContent = message;
    this.empty.appendChild(content);
  };

  function resultItem(result, index, sectionsLabel) {
    var item = document.createElement("li");
    item.className = "hc-search__item";
    var link = document.createElement("a");
    link.className = "hc-search__result";
    link.href = result.url;
    link.setAttribute("data-search-result", String(index + 1));
    var title = document.createElement("span");
    title.className = "hc-search__title";
    title.textContent = result.title;
    link.appendChild(title);
    if (result.collection) {
      var collection = document.createElement("span");
      collection.className = "hc-search__collection";
      collection.textContent = result.collection;
      link.appendChild(collection);
    }
    var text = document.createElement("span");
    text.className = "hc-search__excerpt";
    if (result.excerpt.before) text.appendChild(document.createTextNode("… "));
    result.excerpt.parts.forEach(function (part, i) {
      if (i) text.appendChild(document.createTextNode(" "));
      if (part.mark) {
        var mark = document.createElement("mark");
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
      var list = document.createElement("ul");
      list.className = "hc-search__sections";
      if (sectionsLabel) list.setAttribute("aria-label", sectionsLabel);
      result.sections.forEach(function (section) {
        var li = document.createElement("li");
        var a = document.createElement("a");
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

  // The home page search can be linked: keep `?q=` in the address bar.
  function rememberQuery(query) {
    var url = new URL(location.href);
    if (query.trim()) url.searchParams.set("q", query.trim());
    else url.searchParams.delete("q");
    history.replaceState(history.state, "", url.href);
  }

  // ---------------------------------------------------------------------------------------
  // Wiring.

  var boxes = Array.prototype.map.call(document.querySelectorAll("form[data-hc-search]"), function (form) {
    return new SearchBox(form);
  });
  var header = boxes.filter(function (b) { return b.name === "header"; })[0];
  var hero = boxes.filter(function (b) { return b.name === "hero"; })[0];

  // "/" focuses the header search, unless the visitor is typing somewhere.
  window.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || !header) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(input|textarea|select)$/i.test(target.tagName))) return;
    event.preventDefault();
    event.stopPropagation();
    header.input.focus();
    header.input.select();
  }, true);

  // `/?q=...` (the no-JavaScript form, or a shared link) runs the search on arrival.
  var initial = new URL(location.href).searchParams.get("q");
  if (initial && initial.trim()) {
    var target = hero || header;
    if (target) {
      target.input.value = initial;
      target.update(true);
    }
  }

  // Internals for tests (tests/search) and the benchmarks.
  window.helpcenterSearch = { fold: fold, words: words, parseQuery: parseQuery, prepareRules: prepareRules, distance: distance, sameWord: sameWord, search: search, loadEngine: loadEngine };
})();
