// helpcenter: the "Was this helpful?" widget and its queue of pending votes.
//
// The markup works without this file (plain form posts). Here each vote gets its own
// submission_id, is stored in localStorage until the service acknowledges it, and is resent with
// the same id (never counted twice) with back-off, on the next page view and when the browser comes
// back online. localStorage holds the pending votes only, nothing else (ePrivacy art. 5(3)).
(function () {
  "use strict";

  var script = document.currentScript;
  var ENDPOINT = script && script.getAttribute("data-hc-feedback-endpoint");
  // Without fetch/Promise the forms post the classic way; nothing to enhance.
  if (!ENDPOINT || !window.fetch || !window.Promise || !window.JSON) return;

  var KEY = "hc-feedback-pending";
  // A reader votes on a few pages; the cap only bounds storage if the service is gone for weeks.
  var MAX_PENDING = 50;
  // Keep a pending vote on the device no longer than it is useful.
  var MAX_AGE_MS = 7 * 24 * 3600 * 1000;
  var BASE_DELAY_MS = 2000;
  var MAX_DELAY_MS = 5 * 60 * 1000;
  var REQUEST_TIMEOUT_MS = 15000;
  // Answers that say this exact request can never succeed: log and drop. Everything else that is
  // not 2xx (network error, 403 while an origin is being configured, 408, 429, 5xx) is retried.
  var PERMANENT = [400, 404, 405, 410, 413, 415, 422];
  var LOG = "helpcenter feedback:";

  // ---- pending-vote queue -------------------------------------------------------------------

  var storage = openStorage();
  var memoryQueue = [];
  var sending = null; // submission_id of the request in flight; votes are sent one at a time
  var attempts = 0;
  var timer = null;

  function openStorage() {
    try {
      var s = window.localStorage;
      s.getItem(KEY);
      return s;
    } catch (e) {
      return null; // storage blocked: the queue lives as long as the page
    }
  }

  function readQueue() {
    if (!storage) return memoryQueue.slice();
    try {
      var list = JSON.parse(storage.getItem(KEY) || "[]");
      return Array.isArray(list) ? list.filter(isEntry) : [];
    } catch (e) {
      return memoryQueue.slice();
    }
  }

  function isEntry(entry) {
    return entry && entry.vote && typeof entry.vote.submission_id === "string";
  }

  function writeQueue(list) {
    memoryQueue = list.slice();
    if (!storage) return;
    try {
      if (list.length) storage.setItem(KEY, JSON.stringify(list));
      else storage.removeItem(KEY);
    } catch (e) {
      // Quota or blocked storage: keep going in memory rather than lose the vote.
      console.warn(LOG, "cannot store pending votes, keeping them in memory", e);
      storage = null;
    }
  }

  function enqueue(vote) {
    var list = readQueue();
    list.push({ vote: vote, queued_at: Date.now() });
    while (list.length > MAX_PENDING) {
      console.warn(LOG, "too many pending votes, dropping the oldest", list.shift().vote);
    }
    writeQueue(list);
    attempts = 0;
    flush();
  }

  function remove(id) {
    writeQueue(readQueue().filter(function (entry) { return entry.vote.submission_id !== id; }));
  }

  // The queue without votes too old to keep, which are dropped with a warning.
  // Re-read every time: another tab may have sent or added votes meanwhile.
  function freshQueue() {
    var now = Date.now();
    var list = readQueue();
    var fresh = list.filter(function (entry) {
      var stale = typeof entry.queued_at === "number" && now - entry.queued_at > MAX_AGE_MS;
      if (stale) console.warn(LOG, "pending vote older than 7 days, dropped", entry.vote);
      return !stale;
    });
    if (fresh.length !== list.length) writeQueue(fresh);
    return fresh;
  }

  function nextPending() {
    return freshQueue()[0] || null;
  }

  function post(vote) {
    // A service that accepts the connection but never answers must not block the queue forever.
    var controller = window.AbortController ? new AbortController() : null;
    var watchdog = controller && setTimeout(function () { controller.abort(); }, REQUEST_TIMEOUT_MS);
    return fetch(ENDPOINT, {
      method: "POST",
      signal: controller ? controller.signal : undefined,
      keepalive: true, // the request outlives the page if the reader leaves right after voting
      credentials: "omit",
      mode: "cors",
      cache: "no-store",
      // text/plain keeps it a "simple" request: no CORS preflight, same body as sendBeacon.
      headers: { "Content-Type": "text/plain;charset=UTF-8" },
      body: JSON.stringify(vote)
    }).then(function (response) {
      if (response.ok) return { outcome: "done" };
      if (PERMANENT.indexOf(response.status) !== -1) {
        return response.text().catch(function () { return ""; }).then(function (text) {
          console.warn(LOG, "vote rejected with " + response.status + ", dropped", vote, text);
          return { outcome: "drop" };
        });
      }
      var retryAfter = parseInt(response.headers.get("Retry-After") || "", 10);
      return { outcome: "retry", retryAfterMs: isNaN(retryAfter) ? 0 : retryAfter * 1000 };
    }, function () {
      return { outcome: "retry", retryAfterMs: 0 }; // offline, service down, CORS failure, timeout
    }).then(function (result) {
      clearTimeout(watchdog);
      return result;
    });
  }

  // In queue order, one at a time: a changed answer must reach the service after the first one.
  function flush() {
    if (sending) return;
    clearTimeout(timer);
    timer = null;
    var entry = nextPending();
    if (!entry) return;
    var id = entry.vote.submission_id;
    sending = id;
    post(entry.vote).then(function (result) {
      sending = null;
      if (result.outcome === "retry") {
        scheduleRetry(result.retryAfterMs);
        return;
      }
      remove(id);
      attempts = 0;
      flush();
    });
  }

  function scheduleRetry(retryAfterMs) {
    if (timer) return;
    var backoff = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * Math.pow(2, attempts));
    attempts += 1;
    // Jitter so that many readers do not come back at the same instant after an outage.
    var delay = Math.max(retryAfterMs, backoff * (0.5 + Math.random() / 2));
    timer = setTimeout(flush, delay);
  }

  // The page is going away: hand the still-pending votes to the browser. They stay queued, since a
  // beacon reports no outcome; the next page view resends them with the same id (a replay).
  function beaconPending() {
    if (!navigator.sendBeacon) return;
    freshQueue().forEach(function (entry) {
      if (entry.vote.submission_id === sending) return; // its keepalive fetch is still going
      try {
        var body = new Blob([JSON.stringify(entry.vote)], { type: "text/plain;charset=UTF-8" });
        navigator.sendBeacon(ENDPOINT, body);
      } catch (e) {
        // Nothing else to try while unloading; the vote stays queued.
      }
    });
  }

  // ---- widget -------------------------------------------------------------------------------

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    // randomUUID needs a secure context; a site on plain http still has getRandomValues.
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
    return [h.slice(0, 8), h.slice(8, 12), h.slice(12, 16), h.slice(16, 20), h.slice(20)].join("-");
  }

  function field(form, name) {
    var input = form.querySelector('input[type="hidden"][name="' + name + '"]');
    return input ? input.value : "";
  }

  function Widget(root) {
    this.root = root;
    this.voteForm = root.querySelector(".hc-feedback__vote");
    this.detailsForm = root.querySelector(".hc-feedback__details");
    this.status = root.querySelector("[data-hc-status]");
    this.change = root.querySelector("[data-hc-change]");
    this.comment = root.querySelector(".hc-feedback__comment");
    this.counter = root.querySelector(".hc-feedback__counter");
    this.contact = document.getElementById("hc-contact");
    this.negative = (root.getAttribute("data-negative") || "").split(" ");
    this.rating = null;
    this.lastClicked = null;
  }

  Widget.prototype.start = function () {
    var self = this;
    this.root.classList.add("hc-feedback--js");
    this.root.querySelector(".hc-feedback__more").open = true;
    // The no-JS rating choice is required there; here the vote already carries the rating.
    this.root.querySelectorAll("[data-hc-nojs-rating] input, input[data-hc-nojs-rating]").forEach(function (input) {
      input.disabled = true;
    });
    this.setState("ask");

    // event.submitter is missing in older browsers; remember the clicked button instead.
    this.voteForm.addEventListener("click", function (event) {
      var button = event.target.closest("button[name='rating']");
      if (button) self.lastClicked = button;
    });
    this.voteForm.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = event.submitter || self.lastClicked;
      if (button && button.name === "rating") self.vote(button.value);
    });
    this.detailsForm.addEventListener("submit", function (event) {
      event.preventDefault();
      self.sendDetails();
    });
    this.change.addEventListener("click", function () { self.changeAnswer(); });
    this.comment.addEventListener("input", function () { self.updateCounter(); });
    var contactLink = this.root.querySelector("[data-hc-contact-link]");
    if (contactLink && this.contact) {
      contactLink.addEventListener("click", function (event) {
        event.preventDefault();
        self.contact.focus(); // focusing scrolls it into view and puts keyboard users there
      });
    }
    this.showRedirectThanks();
  };

  Widget.prototype.setState = function (state) {
    this.root.setAttribute("data-state", state);
  };

  // Announced by the polite live region; cleared first so the same text is announced again.
  Widget.prototype.say = function (text) {
    var status = this.status;
    status.textContent = "";
    if (text) setTimeout(function () { status.textContent = text; }, 50);
  };

  Widget.prototype.baseVote = function (rating) {
    var vote = {
      submission_id: uuid(),
      page: field(this.voteForm, "page"),
      lang: field(this.voteForm, "lang"),
      rating: rating
    };
    var revision = field(this.voteForm, "revision");
    if (revision) vote.revision = revision;
    return vote;
  };

  Widget.prototype.vote = function (rating) {
    this.rating = rating;
    enqueue(this.baseVote(rating));
    if (this.negative.indexOf(rating) !== -1) {
      this.root.setAttribute("data-negative-vote", "");
      if (this.contact) this.contact.classList.add("hc-contact--highlight");
      this.setState("details");
      this.say(this.root.getAttribute("data-thanks-negative"));
      this.root.querySelector(".hc-feedback__more-title").focus();
    } else {
      this.root.removeAttribute("data-negative-vote");
      if (this.contact) this.contact.classList.remove("hc-contact--highlight");
      this.setState("done");
      this.say(this.root.getAttribute("data-thanks"));
      this.change.focus();
    }
  };

  // Reason and comment refine the negative vote: a new submission that the service's
  // per-visitor upsert puts in place of the bare one. Nothing to refine: nothing sent.
  Widget.prototype.sendDetails = function () {
    var checked = this.detailsForm.querySelector("input[name='reason']:checked");
    var comment = this.comment.value.trim().slice(0, 1000);
    if (checked || comment) {
      var vote = this.baseVote(this.rating);
      if (checked) vote.reason = checked.value;
      if (comment) vote.comment = comment;
      enqueue(vote);
    }
    this.detailsForm.reset();
    this.updateCounter();
    this.setState("done");
    this.say(this.root.getAttribute("data-thanks"));
    this.change.focus();
  };

  Widget.prototype.changeAnswer = function () {
    this.rating = null;
    this.root.removeAttribute("data-negative-vote");
    if (this.contact) this.contact.classList.remove("hc-contact--highlight");
    this.setState("ask");
    this.say("");
    this.voteForm.querySelector("button[name='rating']").focus();
  };

  Widget.prototype.updateCounter = function () {
    var max = parseInt(this.counter.getAttribute("data-max"), 10);
    var left = Math.max(0, max - this.comment.value.length);
    this.counter.textContent = this.counter.getAttribute("data-template").replace("{n}", String(left));
  };

  // Back from a form post made while scripts were off or not yet loaded.
  Widget.prototype.showRedirectThanks = function () {
    var url = new URL(window.location.href);
    var fromRedirect = url.hash === "#feedback-thanks" || url.searchParams.get("feedback") === "thanks";
    if (!fromRedirect) return;
    this.setState("done");
    this.say(this.root.getAttribute("data-thanks"));
    // A shared or bookmarked copy of this address must not thank someone who did not vote.
    url.searchParams.delete("feedback");
    if (url.hash === "#feedback-thanks") url.hash = "#feedback";
    history.replaceState(history.state, "", url.pathname + url.search + url.hash);
  };

  document.querySelectorAll("[data-hc-feedback]").forEach(function (root) {
    new Widget(root).start();
  });

  window.addEventListener("online", function () {
    attempts = 0;
    flush();
  });
  window.addEventListener("pagehide", beaconPending);
  flush(); // votes left over from an earlier page view
})();
