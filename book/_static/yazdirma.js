/* Yazdırırken (ya da tarayıcıdan PDF olarak kaydederken) gizli hücreler (çözümler, katlı kod) açık
 * basılsın; yazdırma bitince eski hâllerine dönsünler. kitap.css'teki yazdırma kuralları aynı işi
 * ::details-content destekleyen tarayıcılarda betiksiz de yapar; bu betik öbürleri içindir. */
(function () {
  "use strict";
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.filter.call(document.querySelectorAll("details"), function (d) {
      return !d.open;
    });
    opened.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });
})();
