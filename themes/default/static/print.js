// Print of a report: the date it was printed and the page's full address in the print header.
// Reading the page never needs this script; without it the header shows the address as built.
(function () {
  "use strict";
  var address = document.querySelector("[data-print-address]");
  if (address) address.textContent = window.location.href;
  var date = document.querySelector("[data-print-date]");
  if (!date) return;
  function stamp() {
    var lang = document.documentElement.lang || "sv";
    date.textContent = new Date().toLocaleDateString(lang, { year: "numeric", month: "long", day: "numeric" });
    date.parentNode.hidden = false;
  }
  stamp();
  window.addEventListener("beforeprint", stamp);
})();
