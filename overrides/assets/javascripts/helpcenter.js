// helpcenter: relative "updated" dates, focus-moving back-to-top links, the scheme toggle,
// hreflang links kept from Material's sitemap look-ups, the keyboard-operable navigation
// drawer, link targets for print and the announcement banner between its dates.
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

  // Material's bundle, on DOMContentLoaded, requests "sitemap.xml" next to the address of every
  // <link rel="alternate"> to redirect clicks on its language selector; our switcher already
  // links to the translation itself, and those addresses answer 404 on the published site.
  // Deferred scripts run after the bundle has subscribed and before the event fires, so the
  // links are hidden from its one look-up and restored by a listener that runs after it.
  function keepAlternatesFromSitemapLookups() {
    var links = document.querySelectorAll("link[rel=alternate][hreflang]");
    if (!links.length || document.readyState !== "interactive") return;
    links.forEach(function (link) { link.removeAttribute("rel"); });
    document.addEventListener("DOMContentLoaded", function () {
      links.forEach(function (link) { link.setAttribute("rel", "alternate"); });
    }, { once: true });
  }

  // partials/header.html: the drawer's button. Material opens the drawer from its hidden
  // checkbox; a click on the checkbox keeps Material's own handling (overlay, closing on
  // navigation) in step. Opening moves the focus into the drawer; Escape, or the focus leaving
  // it, closes it, and Escape returns the focus to the button.
  function wireDrawer() {
    var toggle = document.getElementById("__drawer");
    var button = document.querySelector("[data-hc-drawer-toggle]");
    var drawer = document.querySelector(".md-sidebar--primary");
    if (!toggle || !button || !drawer) return;
    function setOpen(open) {
      if (toggle.checked !== open) toggle.click();
    }
    toggle.addEventListener("change", function () {
      button.setAttribute("aria-expanded", String(toggle.checked));
    });
    button.addEventListener("click", function () {
      setOpen(!toggle.checked);
      if (!toggle.checked) return;
      var first = drawer.querySelector("a[href], button, input:not([type=checkbox]), select");
      if (first) first.focus();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !toggle.checked) return;
      setOpen(false);
      button.focus();
    });
    drawer.addEventListener("focusout", function (event) {
      var next = event.relatedTarget;
      if (toggle.checked && next && next !== button && !drawer.contains(next)) setOpen(false);
    });
  }

  // The print stylesheet shows where a link leads; relative addresses would mean nothing on
  // paper, so it prints each link's absolute address.
  function markPrintedLinkTargets() {
    var links = document.querySelectorAll(
      ".md-content .md-typeset a[href]:not([href^='#']):not(.headerlink)"
    );
    links.forEach(function (link) {
      if (link.closest(".hc-breadcrumbs, .hc-tags, [data-hc-search]")) return;
      link.setAttribute("data-hc-print-href", link.href.replace(/^mailto:|^tel:/, ""));
    });
  }

  // The shop's announcement is published with its dates; whether it shows is decided now, in
  // the visitor's browser, so that it appears and goes away without a rebuild.
  function showCurrentAnnouncement() {
    var now = Date.now();
    document.querySelectorAll("[data-hc-announcement]").forEach(function (banner) {
      var starts = Date.parse(banner.getAttribute("data-hc-starts"));
      var ends = Date.parse(banner.getAttribute("data-hc-ends"));
      banner.hidden = !(now >= starts && now < ends);
    });
  }

  keepAlternatesFromSitemapLookups();
  showCurrentAnnouncement();
  showRelativeDates();
  wireBackToTop();
  wireSchemeToggle();
  wireDrawer();
  markPrintedLinkTargets();
})();
