// Text folding and word splitting: the same rules as src/helpcenter/search/text.py.

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
const MARKS = /\p{M}/gu;

// Lowercase without diacritics; "đ" has no decomposition, so it becomes "d" (or "dj").
export function fold(text, dj = false) {
  return text
    .toLowerCase()
    .replace(/đ/g, dj ? "dj" : "d")
    .normalize("NFD")
    .replace(MARKS, "")
    .normalize("NFC");
}

export function words(text) {
  return (text.match(WORD) || []).map((w) => w.toLowerCase());
}

// A Pagefind page text as words: it is HTML-escaped, and word positions count on whitespace.
export function pageWords(content, decode) {
  return content.split(/[\r\n\s]+/g).map(decode);
}

export function commonPrefix(a, b) {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

// Pagefind matches a query word by its stem as a prefix, and when nothing starts with it,
// falls back to the longest indexed word the query starts with ("toimitsuaika" -> "toimitus").
// Only the first kind is a real match: the words share all of the query word but an
// inflectional ending, at most `ending` letters (the language's longest) and at most half of
// it. Snowball's Serbian stemmer writes ijekavian "ije" as "je" ("promijeniti", "promjena").
export function sameWord(query, found, ending = 3) {
  const q = query.replace(/ije/g, "je");
  const c = commonPrefix(q, found.replace(/ije/g, "je"));
  if (c === q.length) return true;
  return c >= 3 && c >= q.length - Math.min(ending, Math.floor(q.length / 2));
}

// How much of two words is shared from the start, 0 to 1.
export function closeness(query, found) {
  return commonPrefix(query, found) / Math.max(query.length, found.length);
}

// Optimal string alignment distance, giving up above `max`.
export function distance(a, b, max) {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2 = null;
  let prev = [];
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
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

// Typos allowed for a word of this length: one from 5 letters, two from 9 (as Meilisearch).
export function typoBudget(word) {
  if (word.length >= 9) return 2;
  if (word.length >= 5) return 1;
  return 0;
}
