/* Türkçe arama: sorguyu Türkçe kurallarıyla küçültür (I -> ı, İ -> i), dizin de böyle kuruldu
 * (tools/dk_sphinx.py). Sphinx'in searchtools.js'i sorguyu toLowerCase() ile küçültür; bu,
 * "AĞIRLIK" sorgusunu "ağirlik" yapar ve "ağırlık" bulunamaz. Bu betik sayfa yüklenirken
 * (DOMContentLoaded'dan, yani Search.init'ten önce) adres çubuğundaki ?q= değerini düzeltir ve
 * Search.query'yi aynı dönüşümle sarar. */
(function () {
  "use strict";
  function trLower(s) {
    return String(s).replace(/I/g, "ı").replace(/İ/g, "i").toLocaleLowerCase("tr");
  }
  window.dkTurkishLower = trLower;
  try {
    var params = new URLSearchParams(window.location.search);
    var q = params.get("q");
    if (q) {
      var folded = trLower(q);
      if (folded !== q) {
        params.set("q", folded);
        window.history.replaceState(
          window.history.state, "",
          window.location.pathname + "?" + params.toString() + window.location.hash);
      }
    }
  } catch (e) { /* eski tarayıcı: olağan arama */ }
  function wrap() {
    if (typeof Search === "undefined" || Search.__dkWrapped) return;
    var query = Search.query;
    Search.query = function (q) { return query.call(Search, trLower(q)); };
    Search.__dkWrapped = true;
  }
  // Sphinx'in Türkçe kataloğunda boş kalan arama metinleri.
  var MESSAGES = {
    "Search finished, found ${resultCount} page(s) matching the search query.":
      "Arama tamamlandı: sorguyla eşleşen ${resultCount} sayfa bulundu.",
    "Searching for multiple words only shows matches that contain\n    all words.":
      "Birden çok sözcükle yapılan arama yalnızca bütün sözcükleri içeren sayfaları gösterir."
  };
  function translations() {
    if (typeof Documentation === "undefined" || !Documentation.TRANSLATIONS) return;
    for (var k in MESSAGES) {
      if (!Documentation.TRANSLATIONS[k]) Documentation.TRANSLATIONS[k] = MESSAGES[k];
    }
  }
  wrap();
  document.addEventListener("DOMContentLoaded", function () { translations(); wrap(); });
})();
