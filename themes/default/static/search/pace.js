/*
 * uppsikt search, the pace of typing: how long the search page waits after a key before it
 * searches, so that no index file is fetched for a word still being typed.
 */

// Typing: a query is searched once the visitor pauses, and a pause is judged by her own pace,
// so that no index file is fetched for a word she has not finished typing: 1.15 times her
// usual gap between keys (the median of the last four), at least TYPE_WAIT_MIN (a fast
// typist's next key comes sooner) and at most TYPE_WAIT_MAX, so that the first results show
// about 300 ms after the last key. A gap over TYPE_BURST starts afresh; the
// first key of a burst waits the longest. Enter searches at once.
var TYPE_WAIT_MIN = 200;
var TYPE_WAIT_MAX = 300;
var TYPE_BURST = 1500;

/** Tracks the pace of typing; `key(now)` records a key and returns how long to wait (ms). */
export function createPace() {
  var last = -Infinity;
  var gaps = [];
  return {
    key: function (now) {
      var gap = now - last;
      last = now;
      if (gap > TYPE_BURST) gaps = [];
      else {
        gaps.push(gap);
        if (gaps.length > 4) gaps.shift();
      }
      if (!gaps.length) return TYPE_WAIT_MAX;
      var sorted = gaps.slice().sort(function (a, b) {
        return a - b;
      });
      var typical = sorted[sorted.length >> 1];
      return Math.min(TYPE_WAIT_MAX, Math.max(TYPE_WAIT_MIN, Math.round(1.15 * typical)));
    }
  };
}
