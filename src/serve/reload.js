/* The live-reload client of `uppsikt serve`. The server puts it inline at the end of the body
 * of every page it serves (never into `uppsikt build` output), with its settings as JSON in the
 * script element's data-uppsikt attribute: the event stream's URL, the build the page came
 * from, and the overlay's styles and words. It listens to the server's events:
 *   hello  {build}   on (re)connecting: a page from another build reloads;
 *   reload {build}   the site changed: reload, keeping the scroll position;
 *   css    {build}   only stylesheets changed: swap them in without a reload;
 *   errors {errors}  the rebuild failed: show the errors over the page until fixed.
 * Plain ES5 in one function, so it runs in any browser a preview is opened in. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.EventSource) return;
  var cfg = JSON.parse(script.getAttribute("data-uppsikt"));
  var key = "uppsikt-scroll:" + location.pathname + location.search;

  var saved = null;
  try {
    saved = sessionStorage.getItem(key);
    sessionStorage.removeItem(key);
  } catch (e) {}
  if (saved) {
    var xy = saved.split(",");
    var restore = function () {
      window.scrollTo(+xy[0] || 0, +xy[1] || 0);
    };
    if (document.readyState === "complete") restore();
    else window.addEventListener("load", restore);
  }

  function reload() {
    try {
      sessionStorage.setItem(key, window.scrollX + "," + window.scrollY);
    } catch (e) {}
    location.reload();
  }

  function swapStylesheets() {
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].href, location.href);
      if (url.origin !== location.origin) continue;
      url.searchParams.set("uppsikt", Date.now().toString(36));
      links[i].href = url.href;
    }
  }

  // Built with DOM text, never markup: error messages quote the user's content.
  function overlay(errors) {
    var old = document.getElementById("uppsikt-overlay");
    if (old) old.parentNode.removeChild(old);
    if (!errors || !errors.length) return;
    var box = document.createElement("div");
    box.id = "uppsikt-overlay";
    box.setAttribute("role", "alert");
    box.setAttribute("lang", cfg.lang);
    box.style.cssText = cfg.overlayStyle;
    var title = document.createElement("strong");
    title.style.cssText = "font-size:1.1em;color:#b00020";
    title.textContent = cfg.title;
    var sub = document.createElement("p");
    sub.style.cssText = "margin:.25rem 0 0";
    sub.textContent = cfg.subtitle;
    box.appendChild(title);
    box.appendChild(sub);
    for (var i = 0; i < errors.length; i++) {
      var pre = document.createElement("pre");
      pre.style.cssText = cfg.preStyle;
      pre.textContent = errors[i].text;
      box.appendChild(pre);
    }
    document.body.appendChild(box);
  }

  var events = new EventSource(cfg.events);
  events.addEventListener("hello", function (ev) {
    if (JSON.parse(ev.data).build !== cfg.build) reload();
  });
  events.addEventListener("reload", reload);
  events.addEventListener("css", function (ev) {
    cfg.build = JSON.parse(ev.data).build;
    overlay(null);
    swapStylesheets();
  });
  events.addEventListener("errors", function (ev) {
    overlay(JSON.parse(ev.data).errors);
  });
})();
