// Searches reported to the feedback service when one is configured: no cookies, no visitor id.
// A search that found nothing sends its normalized query (a miss, so editors see which words
// to add); one that found something is only counted, without its text.

export const MISS_REPORT_DELAY_MS = 1500;
export const MISS_MAX_LENGTH = 100;
export const MIN_QUERY_LENGTH = 2;

export function normalizeMiss(query) {
  return query
    .normalize("NFC")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, MISS_MAX_LENGTH)
    .trim();
}

// `send(query, found)` reports one settled search; `timers` defaults to the window's. Each
// query is reported once per page view, after the visitor stopped typing.
export function createSearchReporter(send, timers = globalThis) {
  const reported = new Set();
  let pending = null;
  let timer = null;

  function flush() {
    timers.clearTimeout(timer);
    const search = pending;
    pending = null;
    if (!search || reported.has(search.query)) return;
    reported.add(search.query);
    send(search.query, search.found);
  }

  return {
    flush,
    schedule(query, found) {
      const normalized = normalizeMiss(query);
      if (normalized.length < MIN_QUERY_LENGTH || reported.has(normalized)) return;
      pending = { query: normalized, found: Boolean(found) };
      timers.clearTimeout(timer);
      timer = timers.setTimeout(flush, MISS_REPORT_DELAY_MS);
    },
    cancel() {
      pending = null;
      timers.clearTimeout(timer);
    },
  };
}

export function postToService(feedbackUrl, path, body) {
  // text/plain keeps it a simple request (no preflight); keepalive lets it outlive the page.
  return fetch(feedbackUrl + path, {
    method: "POST",
    headers: { "Content-Type": "text/plain;charset=UTF-8" },
    body: JSON.stringify(body),
    keepalive: true,
    credentials: "omit",
    mode: "cors",
  }).catch(() => {
    // a lost count is not worth bothering the visitor
  });
}

export function searchSender(feedbackUrl, lang) {
  return (query, found) =>
    found
      ? postToService(feedbackUrl, "/api/v1/events", { event: "search", lang })
      : postToService(feedbackUrl, "/api/v1/search-misses", { query, lang });
}
