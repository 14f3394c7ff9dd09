// The contact page's deflection figure: a suggested article opened, a contact channel chosen,
// and a channel chosen after a suggestion in the same tab (the suggestion did not answer).
// The mark lives in sessionStorage, which never leaves the browser; only counts are sent.

export const SUGGESTION_MARK = "hc-suggestion-opened";

// What a click on `link` counts, given whether this page is the contact page and whether a
// suggestion was opened before in this tab.
export function contactEvents(link, { onContactPage, suggestionOpened }) {
  if (onContactPage && link.closest('form[data-hc-search="contact"] [data-search-results]')) {
    return ["suggestion_opened"];
  }
  if (!link.closest(".hc-contact__channel")) return [];
  const events = onContactPage ? ["channel_chosen"] : [];
  if (suggestionOpened) events.push("channel_after_suggestion");
  return events;
}

// `send(event)` counts one event; `storage` is the tab's sessionStorage (or a stand-in).
export function trackContactChoices(doc, storage, send) {
  const onContactPage = Boolean(doc.querySelector('form[data-hc-search="contact"]'));
  const opened = () => {
    try {
      return storage.getItem(SUGGESTION_MARK) === "1";
    } catch {
      return false; // storage refused (privacy settings): no "after" counts
    }
  };
  const mark = (value) => {
    try {
      if (value) storage.setItem(SUGGESTION_MARK, "1");
      else storage.removeItem(SUGGESTION_MARK);
    } catch {
      // as above
    }
  };
  doc.addEventListener(
    "click",
    (event) => {
      const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
      if (!link) return;
      const events = contactEvents(link, { onContactPage, suggestionOpened: opened() });
      if (events.includes("suggestion_opened")) mark(true);
      if (events.includes("channel_after_suggestion")) mark(false);
      events.forEach(send);
    },
    true,
  );
}
