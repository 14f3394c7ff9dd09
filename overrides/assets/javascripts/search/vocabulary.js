// The content's own words, for what the index cannot match as typed: typos within the
// Meilisearch budget and compounds the content never uses whole.

import { distance, fold, typoBudget } from "./text.js";

export function prepareVocabulary(raw) {
  return { words: raw.words, folded: raw.words.map((w) => fold(w)) };
}

// The most frequent content words within the typo budget of `word` (none if it is one).
export function corrections(vocabulary, word) {
  const folded = fold(word);
  const max = typoBudget(folded);
  if (!max || /\d/.test(folded)) return [];
  let best = max + 1;
  let found = [];
  for (let i = 0; i < vocabulary.folded.length; i++) {
    const candidate = vocabulary.folded[i];
    if (candidate === folded) return [];
    const d = distance(folded, candidate, Math.min(max, best));
    if (d < best) {
      best = d;
      found = [vocabulary.words[i]];
    } else if (d === best && d <= max && found.length < 2) {
      found.push(vocabulary.words[i]);
    }
  }
  return best <= max ? found : [];
}

// A compound the content never uses whole ("noutoautomaatti") as two words it does use
// ("nouto automaatti"): the longest first part that is a content word or begins one, and a
// rest that begins one, but for an inflectional ending of at most `ending` letters.
export function splitCompound(vocabulary, word, ending = 3, minPart = 4) {
  const folded = fold(word);
  if (folded.length < 2 * minPart) return null;
  if (!vocabulary.prefixes) {
    vocabulary.prefixes = new Set();
    vocabulary.folded.forEach((v) => {
      for (let n = minPart - 1; n <= v.length; n++) vocabulary.prefixes.add(v.slice(0, n));
    });
  }
  for (let at = folded.length - minPart; at >= minPart; at--) {
    const left = folded.slice(0, at);
    const right = folded.slice(at);
    const stem = right.slice(0, Math.max(minPart, right.length - ending));
    if (vocabulary.prefixes.has(left) && vocabulary.prefixes.has(stem)) return left + " " + right;
  }
  return null;
}
