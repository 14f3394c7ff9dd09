// helpcenter: relative "updated" dates, focus-moving back-to-top links, the scheme toggle.
(function () {
  "use strict";

  var lang = document.documentElement.lang || "en";

  // Computed at view time: a static page must not freeze "2 days ago".
  function relativeText(date, now) {
    var seconds = (date.getTime() - now.getTime()) / 1000;
    var units = [
      ["year", 365 * 24 * 3600], ["month", 30 * 24 * 3600], ["week", 7 * 24 * 3600],
      ["day", 24 * 3600]
    ];
    var format = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });
    for (var i = 0; i < units.length; i++) {
      if (Math.abs(seconds) >= units[i][1]) {
        return format.format(Math.round(seconds / units[i][1]), units[i][0]);
      }
    }
    return format.format(0, "day");
  }

  function showRelativeDates() {
    if (!("RelativeTimeFormat" in Intl)) return;
    var now = new Date();
    document.querySelectorAll("[data-hc-updated] time[datetime]").forEach(function (time) {
      var date = new Date(time.getAttribute("datetime") + "T00:00:00");
      if (isNaN(date.getTime())) return;
      if (!time.title) time.title = time.textContent;
      time.textContent = relativeText(date, now);
    });
  }

  // A fragment link scrolls, but does not reliably move keyboard focus; do both.
  function wireBackToTop() {
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[data-hc-top]");
      if (!link) return;
      var target = document.getElementById(link.getAttribute("href").slice(1));
      if (!target) return;
      event.preventDefault();
      window.scrollTo({ top: 0, behavior: "auto" });
      target.focus({ preventScroll: true });
      history.replaceState(null, "", "#" + target.id);
    });
  }

  // partials/palette.html: a button names the scheme it switches to; a click (Enter or Space)
  // checks the next hidden radio, which Material's palette code applies, stores and answers by
  // showing that radio's button, which then takes the focus.
  function wireSchemeToggle() {
    var form = document.querySelector("[data-md-component=palette]");
    if (!form) return;
    var radios = form.querySelectorAll("input[name=__palette]");
    form.querySelectorAll("button[data-hc-scheme-next]").forEach(function (button) {
      // Material's form switches on Enter by itself; the button's own click is enough.
      button.addEventListener("keydown", function (event) {
        if (event.key === "Enter") event.stopPropagation();
      });
      button.addEventListener("click", function () {
        var next = radios[Number(button.getAttribute("data-hc-scheme-next"))];
        if (!next) return;
        next.click();
        var shown = next.nextElementSibling;
        if (shown && !shown.hidden) shown.focus();
      });
    });
  }

  showRelativeDates();
  wireBackToTop();
  wireSchemeToggle();
})();
