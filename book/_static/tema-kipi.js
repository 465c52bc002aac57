/* pydata-sphinx-theme ilk ziyarette (localStorage boşken) kipi "" okuyup konsola
 * "Got invalid theme mode" hatası yazar; kip yoksa "auto" (sistem ayarı) kullan. */
(function () {
  var root = document.documentElement;
  if (!root.dataset.mode) root.dataset.mode = "auto";
})();
