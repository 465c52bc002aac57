/* Betiklerin sayfaya eklediği İngilizce arayüz metinleri Türkçe olsun.
 *
 * sphinx-copybutton her kod bloğuna "Copy" / "Copy to clipboard" / "Copied!" metinli bir düğme
 * ekler ve Türkçe çevirisi yoktur; dili <html lang> ile seçer, bilmediği dilde İngilizceye düşer.
 * copybutton.js'ten sonra (ama düğmeler eklenmeden, DOMContentLoaded'dan önce) yüklenen bu betik
 * ona Türkçe metinleri verir. copybutton.js değişir de bu değişkenler kalmazsa hiçbir şey yapmaz
 * (tests/book/test_reading.py İngilizce etiket kalmadığını denetler). */
(function () {
  "use strict";
  var TR = {
    copy: "Kopyala",
    copy_to_clipboard: "Panoya kopyala",
    copy_success: "Kopyalandı!",
    copy_failure: "Kopyalanamadı"
  };
  try {
    /* global messages, locale, iconCopy, iconCheck */
    if (typeof messages === "object" && typeof locale === "string") {
      var en = messages[locale] || messages.en;
      messages.tr = TR;
      if (document.documentElement.lang === "tr") {
        iconCopy = iconCopy.replace(en.copy_to_clipboard, TR.copy_to_clipboard);
        iconCheck = iconCheck.replace(en.copy_success, TR.copy_success);
        locale = "tr";
      }
    }
  } catch (e) { /* copybutton yok ya da değişti: İngilizce kalır */ }
})();

/* sphinx-togglebutton, Derinlemesine kutularının başlığına eklediği düğmeye sabit İngilizce bir
 * aria-label ("Toggle hidden content") verir ve çevirisi yoktur. Düğmeler DOMContentLoaded'da
 * eklenir; bu betik onlardan sonra etiketi Türkçe yapar (ekran okuyucu bunu okur). */
(function () {
  "use strict";
  function turkishToggleLabels() {
    var buttons = document.querySelectorAll('button.toggle-button[aria-label="Toggle hidden content"]');
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-label", "Ayrıntıyı göster ya da gizle");
    }
  }
  document.addEventListener("DOMContentLoaded", function () { setTimeout(turkishToggleLabels, 0); });
  window.addEventListener("load", turkishToggleLabels);
})();
