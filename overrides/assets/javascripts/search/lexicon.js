// The build's word analysis as the browser sees it: per query word, the base form the index
// knows ("pošiljku" -> "pošiljka", "tilauksen" -> "tilaus"), whether it is a generic word of
// the language, and the synonym terms that start with it. Split into small files by the first
// two letters, so that a query loads only those of its words.

import { fold } from "./text.js";

export const SHARD_PREFIX = 2;

export function shardKey(word) {
  return fold(word).slice(0, SHARD_PREFIX);
}

// The shard files that the words of a query need, among those the build wrote.
export function shardsFor(queryWords, available) {
  const keys = new Set();
  queryWords.forEach((w) => {
    const key = shardKey(w);
    if (key.length === SHARD_PREFIX && available.has(key)) keys.add(key);
  });
  return Array.from(keys);
}

// The synonym terms of the loaded shards (`[token, text, stems]` each).
export function synonymEntries(shards) {
  return Array.from(shards.values()).flatMap((shard) => shard.s || []);
}

// `shards`: Map of key -> {f: {form: lemma}, c: [common words], s: [synonym terms]}.
export function lemmaOf(word, shards) {
  const folded = fold(word);
  const shard = shards.get(folded.slice(0, SHARD_PREFIX));
  return (shard && shard.f[folded]) || folded;
}

export function isCommon(word, shards) {
  const folded = fold(word);
  const shard = shards.get(folded.slice(0, SHARD_PREFIX));
  if (!shard) return false;
  if (!shard.common) shard.common = new Set(shard.c);
  return shard.common.has(folded);
}
