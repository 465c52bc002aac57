/* Kenar çubuğu düğmeleri (☰ içindekiler, sayfanın başlıkları) her genişlikte, dokunarak ve
 * klavyeyle çalışsın.
 *
 * Sayfada iki ".primary-toggle" düğmesi var: pydata-sphinx-theme'in üst çubuğundaki gizli kopya ve
 * sphinx-book-theme'in makale başlığındaki görünen düğme. Temanın betikleri yalnızca İLK düğmeye
 * (document.querySelector) işleyici bağlar, yani görünen düğme hiçbir şey yapmaz. Bu betik görünen
 * düğmelere basılınca ilk düğmeye tıklar: geniş ekranda kitap temasının işleyicisi kenar çubuğunu
 * gizler/gösterir, dar ekranda pydata'nın işleyicisi menüyü açılır pencere (<dialog>) olarak açar
 * (Esc ya da pencerenin dışına dokunmak kapatır; odak düğmeye döner). Ayrıca düğmelerin
 * aria-expanded değerini güncel tutar: ekran okuyucu menünün açık mı kapalı mı olduğunu söyler.
 * Aynı düzen ".secondary-toggle" için de geçerlidir. */
(function () {
  "use strict";
  // Genişliği bundan az ekranda kenar çubuğu sayfada durmaz, düğme onu açılır pencerede açar
  // (pydata-sphinx-theme ve sphinx-book-theme'in kırılma noktaları).
  var KINDS = {
    primary: { sidebar: "pst-primary-sidebar", dialog: "pst-primary-sidebar-modal", wide: 992 },
    secondary: { sidebar: "pst-secondary-sidebar", dialog: "pst-secondary-sidebar-modal", wide: 1200 }
  };

  function expanded(kind) {
    var ids = KINDS[kind];
    var dialog = document.getElementById(ids.dialog);
    if (dialog && dialog.open) return true;
    if (!window.matchMedia("(min-width: " + ids.wide + "px)").matches) return false;
    var sidebar = document.getElementById(ids.sidebar);
    return !!sidebar && !sidebar.classList.contains("pst-sidebar-hidden");
  }

  function setup() {
    Object.keys(KINDS).forEach(function (kind) {
      var toggles = Array.prototype.slice.call(document.querySelectorAll("." + kind + "-toggle"));
      if (!toggles.length) return;
      var wired = toggles[0];  // temanın işleyicileri bu düğmede
      function update() {
        var state = expanded(kind) ? "true" : "false";
        toggles.forEach(function (t) { t.setAttribute("aria-expanded", state); });
      }
      toggles.slice(1).forEach(function (button) {
        button.addEventListener("click", function (event) {
          event.preventDefault();
          event.stopPropagation();
          wired.click();
          window.setTimeout(update, 0);
        });
      });
      wired.addEventListener("click", function () { window.setTimeout(update, 0); });
      var dialog = document.getElementById(KINDS[kind].dialog);
      if (dialog) dialog.addEventListener("close", function () { window.setTimeout(update, 0); });
      window.addEventListener("resize", update);
      update();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
