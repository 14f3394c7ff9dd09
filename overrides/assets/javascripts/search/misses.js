// Searches that found nothing, reported to the feedback service when one is configured: no
// cookies, no visitor id, only the normalized query and the language.

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

// `send(query)` posts one report; `timers` defaults to the window's.
export function createMissReporter(send, timers = globalThis) {
  const reported = new Set();
  let pending = null;
  let timer = null;

  function flush() {
    timers.clearTimeout(timer);
    const query = pending;
    pending = null;
    if (!query || reported.has(query)) return;
    reported.add(query);
    send(query);
  }

  return {
    flush,
    schedule(query) {
      const normalized = normalizeMiss(query);
      if (normalized.length < MIN_QUERY_LENGTH || reported.has(normalized)) return;
      pending = normalized;
      timers.clearTimeout(timer);
      timer = timers.setTimeout(flush, MISS_REPORT_DELAY_MS);
    },
    cancel() {
      pending = null;
      timers.clearTimeout(timer);
    },
  };
}

export function missSender(feedbackUrl, lang) {
  return (query) =>
    // text/plain keeps it a simple request (no preflight).
    fetch(feedbackUrl + "/api/v1/search-misses", {
      method: "POST",
      headers: { "Content-Type": "text/plain;charset=UTF-8" },
      body: JSON.stringify({ query, lang }),
      keepalive: true,
      credentials: "omit",
      mode: "cors",
    }).catch(() => {
      // a lost report is not worth bothering the visitor
    });
}
