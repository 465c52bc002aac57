/* Dinamik Katmanlar: kitabın kaydırıcıları (dynlayers.viz; her sayfaya eklenir).
 *
 * İki tür kaydırıcı:
 *
 * 1. Kareli kaydırıcı (dynlayers.viz.slider_plot): derlemede önceden çizilmiş PNG kareleri
 *    arasında geçer.
 * 2. Hesaplanan sıcaklık kaydırıcısı (dynlayers.viz.routing_slider / mask_slider): sayfaya
 *    yalnızca logitler gömülür; softmax(z / T) ya da gate(z / T), histogram ve istatistikler
 *    okurun tarayıcısında, Python tarafıyla (dynlayers/viz/_temperature.py) aynı formüllerle
 *    hesaplanır. Grafik Vega-Lite ile çizilir; Vega ve Vega-Lite sitenin kendisinden
 *    (_static/vendor/vega/, npm paketlerinden kopya) yalnızca böyle bir kaydırıcı olan sayfada
 *    yüklenir. Maske görüntüsü, matplotlib'in viridis renk tablosuyla bir <canvas>'a çizilir.
 *
 * Sayılar dynlayers.viz.format_number'ın birebir JavaScript karşılığıyla (formatNumber) yazılır:
 * ondalık virgül, noktayla gruplanmış binler, tipografik eksi, başta yüzde işareti; yuvarlama
 * Python'daki gibi, ikili değerin tam ondalık açılımı üzerinde "yarımda çifte" kuralıyla.
 */
(function () {
  "use strict";

  var MINUS = "\u2212";
  var DK = (window.dkKitap = window.dkKitap || {});
  var SCRIPT = document.currentScript && document.currentScript.src;
  var BASE = SCRIPT ? SCRIPT.replace(/[^\/]*$/, "") : "_static/";

  // ------------------------------------------------------------------ sayı biçimi

  /** |x|'i virgülden sonra `digits` basamakla, Python'un f"{x:.{d}f}" yuvarlamasıyla yazar. */
  function fixedHalfEven(absx, digits) {
    if (absx >= 1e21) {
      // Bu büyüklükte her double bir tamsayıdır; toFixed üstel yazar, BigInt tam yazar.
      return BigInt(absx).toString() + (digits > 0 ? "." + "0".repeat(digits) : "");
    }
    var extra = 20;
    var s = absx.toFixed(digits + extra); // tam ondalık açılım (ECMAScript: tam matematik)
    var dot = s.indexOf(".");
    var intPart = s.slice(0, dot);
    var frac = s.slice(dot + 1);
    var keep = intPart + frac.slice(0, digits);
    var rest = frac.slice(digits);
    var half = "5" + "0".repeat(extra - 1);
    var up = rest > half || (rest === half && Number(keep.charAt(keep.length - 1)) % 2 === 1);
    if (up) {
      var chars = keep.split("");
      var i = chars.length - 1;
      while (i >= 0) {
        if (chars[i] === "9") {
          chars[i] = "0";
          i -= 1;
        } else {
          chars[i] = String(Number(chars[i]) + 1);
          break;
        }
      }
      if (i < 0) chars.unshift("1");
      keep = chars.join("");
    }
    var cut = keep.length - digits;
    return digits > 0 ? keep.slice(0, cut) + "." + keep.slice(cut) : keep;
  }

  /**
   * dynlayers.viz.format_number'ın karşılığı.
   * opts: {percent: bool, sign: bool, integer: bool}. `digits` null ise: tamsayı (integer)
   * 0, yüzde 1, diğerleri 2 basamak.
   */
  function formatNumber(value, digits, opts) {
    opts = opts || {};
    var x = Number(value);
    var isInt = !!opts.integer;
    if (opts.percent) {
      x *= 100;
      isInt = false;
    }
    if (Number.isNaN(x)) return "NaN";
    if (!Number.isFinite(x)) return x > 0 ? "∞" : MINUS + "∞";
    if (digits === null || digits === undefined) digits = isInt ? 0 : opts.percent ? 1 : 2;
    var fixed = fixedHalfEven(Math.abs(x), digits);
    var dot = fixed.indexOf(".");
    var intPart = dot < 0 ? fixed : fixed.slice(0, dot);
    var frac = dot < 0 ? "" : fixed.slice(dot + 1);
    var grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    var text = frac ? grouped + "," + frac : grouped;
    var nonzero = /[1-9]/.test(fixed);
    var prefix = x < 0 && nonzero ? MINUS : opts.sign && x > 0 && nonzero ? "+" : "";
    return (opts.percent ? "%" : "") + prefix + text;
  }
  DK.formatNumber = formatNumber;

  // ------------------------------------------------------------------ ortak yardımcılar

  function setSliderText(input, output, text) {
    output.textContent = text;
    input.setAttribute("aria-valuetext", text);
  }

  function decodeFloat32(b64) {
    var bin = atob(b64);
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    var view = new DataView(bytes.buffer);
    var out = new Float64Array(bytes.length / 4);
    for (var j = 0; j < out.length; j++) out[j] = view.getFloat32(4 * j, true);
    return out;
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src;
      s.onload = resolve;
      s.onerror = function () {
        reject(new Error("yüklenemedi: " + src));
      };
      document.head.appendChild(s);
    });
  }

  var vegaPromise = null;
  /** Vega ve Vega-Lite'ı sitenin kendisinden, bir kez yükler. */
  function loadVega() {
    if (window.vega && window.vegaLite) return Promise.resolve();
    if (vegaPromise) return vegaPromise;
    // Sayfada require.js varsa UMD paketleri kendilerini adsız AMD modülü olarak tanımlamaya
    // çalışır ("Mismatched anonymous define()"); yüklenirken define'ı gizle.
    var amd = window.define;
    window.define = undefined;
    var restore = function () {
      if (amd !== undefined) window.define = amd;
    };
    vegaPromise = loadScript(BASE + "vendor/vega/vega.min.js")
      .then(function () {
        return loadScript(BASE + "vendor/vega/vega-lite.min.js");
      })
      .then(function () {
        restore();
        window.vega.formatLocale({
          decimal: ",", thousands: ".", grouping: [3], currency: ["", " TL"], minus: MINUS,
        });
      }, function (err) {
        restore();
        throw err;
      });
    return vegaPromise;
  }

  // ------------------------------------------------------------------ kareli kaydırıcı

  function initFrames(root) {
    var data = JSON.parse(root.querySelector("script.dl-slider-data").textContent);
    var img = root.querySelector("img.dl-slider-img");
    var inputs = root.querySelectorAll("input.dl-slider-input");
    var outs = root.querySelectorAll("output.dl-slider-value");
    function update() {
      var idx = 0;
      var alt = [];
      for (var i = 0; i < inputs.length; i++) {
        var k = parseInt(inputs[i].value, 10);
        idx = idx * data.sizes[i] + k;
        setSliderText(inputs[i], outs[i], data.values[i][k]);
        alt.push(data.labels[i] + " = " + data.values[i][k]);
      }
      img.src = data.images[data.frames[idx]]; // data: adresi (PNG ya da WebP)
      img.alt = data.alt ? data.alt + " (" + alt.join(", ") + ")" : alt.join(", ");
      root.setAttribute("data-frame", String(idx));
    }
    for (var i = 0; i < inputs.length; i++) {
      inputs[i].addEventListener("input", update);
      inputs[i].addEventListener("change", update);
    }
    update();
    root.setAttribute("data-ready", "1");
  }

  // ------------------------------------------------------------------ hesap (Python'la aynı)

  var fround = Math.fround;

  /** softmax(z / T), float32 tensörlerdeki gibi: z / T float32'ye yuvarlanır. */
  function softmaxRow(z, off, K, t32, out) {
    var u = new Float64Array(K);
    var mx = -Infinity;
    for (var k = 0; k < K; k++) {
      u[k] = fround(z[off + k] / t32);
      if (u[k] > mx) mx = u[k];
    }
    var sum = 0;
    for (k = 0; k < K; k++) {
      u[k] = Math.exp(u[k] - mx);
      sum += u[k];
    }
    var h = 0;
    for (k = 0; k < K; k++) {
      var w = fround(u[k] / sum);
      out[off + k] = w;
      h -= w * Math.log(w + 1e-12); // dynlayers.training.routing_entropy (eps = 1e-12)
    }
    return h;
  }

  function gateFn(name) {
    if (name === "hardsigmoid") {
      // torch: min(max(x + 3, 0), 6) / 6, float32
      return function (u) {
        return fround(Math.min(Math.max(fround(u + 3), 0), 6) / 6);
      };
    }
    return function (u) {
      return fround(1 / (1 + Math.exp(-u)));
    };
  }

  /** numpy.histogram(m, bins, range=(0, 1)) ile aynı kutulama (kenar düzeltmeleri dahil). */
  function histogram(m, bins) {
    var edges = new Float64Array(bins + 1);
    var step = 1 / bins;
    for (var b = 0; b <= bins; b++) edges[b] = b * step;
    edges[bins] = 1;
    var counts = new Array(bins).fill(0);
    for (var i = 0; i < m.length; i++) {
      var v = m[i];
      if (v < 0 || v > 1) continue;
      var idx = Math.floor(v * bins);
      if (idx === bins) idx -= 1;
      if (v < edges[idx]) idx -= 1;
      if (idx !== bins - 1 && v >= edges[idx + 1]) idx += 1;
      counts[idx] += 1;
    }
    return counts;
  }

  function maskStats(m, near, bins) {
    var n = m.length;
    var lo = fround(near);
    var hi = fround(1 - near); // torch: float32 tensör, Python sayısıyla float32'de karşılaştırır
    var sum = 0, mn = Infinity, mx = -Infinity, c0 = 0, c1 = 0;
    for (var i = 0; i < n; i++) {
      var v = m[i];
      sum += v;
      if (v < mn) mn = v;
      if (v > mx) mx = v;
      if (v < lo) c0++;
      if (v > hi) c1++;
    }
    var mean = sum / n;
    var ss = 0;
    for (i = 0; i < n; i++) ss += (m[i] - mean) * (m[i] - mean);
    return {
      mean: mean, std: n > 1 ? Math.sqrt(ss / (n - 1)) : 0, min: mn, max: mx,
      near0: c0 / n, near1: c1 / n, extreme: (c0 + c1) / n, counts: histogram(m, bins),
    };
  }

  // ------------------------------------------------------------------ viridis (matplotlib)

  // matplotlib'in "viridis" tablosu, 256 renk (#rrggbb, art arda). imshow(vmin=0, vmax=1) gibi:
  // değer v -> indeks min(255, floor(256 v)).
  var VIRIDIS_HEX =
    "44015444025544035745055845065a45085b46095c460b5e460c5f460e61470f62471163471265471466" +
    "47156747166947186a48196b481a6c481c6e481d6f481e70482071482172482273482374472575472676" +
    "472777472878472a79472b7a472c7b462d7c462f7c46307d46317e45327f45347f453580453681443781" +
    "443982433a83433b83433c84423d84423e854240854141864142864043874044873f45873f47883e4888" +
    "3e49893d4a893d4b893d4c893c4d8a3c4e8a3b508a3b518a3a528b3a538b39548b39558b38568b38578c" +
    "37588c37598c365a8c365b8c355c8c355d8c345e8d345f8d33608d33618d32628d32638d31648d31658d" +
    "31668d30678d30688d2f698d2f6a8d2e6b8e2e6c8e2e6d8e2d6e8e2d6f8e2c708e2c718e2c728e2b738e" +
    "2b748e2a758e2a768e2a778e29788e29798e287a8e287a8e287b8e277c8e277d8e277e8e267f8e26808e" +
    "26818e25828e25838d24848d24858d24868d23878d23888d23898d22898d228a8d228b8d218c8d218d8c" +
    "218e8c208f8c20908c20918c1f928c1f938b1f948b1f958b1f968b1e978a1e988a1e998a1e998a1e9a89" +
    "1e9b891e9c891e9d881e9e881e9f881ea0871fa1871fa2861fa38620a48520a58521a68521a78422a784" +
    "23a88323a98224aa8225ab8126ac8127ad8028ae7f29af7f2ab07e2bb17d2cb17d2eb27c2fb37b30b47a" +
    "32b57a33b67935b77836b87738b97639b9763bba753dbb743ebc7340bd7242be7144be7045bf6f47c06e" +
    "49c16d4bc26c4dc26b4fc36951c46853c56755c66657c66559c7645bc8625ec96160c96062ca5f64cb5d" +
    "67cc5c69cc5b6bcd596dce5870ce5672cf5574d05477d05279d1517cd24f7ed24e81d34c83d34b86d449" +
    "88d5478bd5468dd64490d64392d74195d73f97d83e9ad83c9dd93a9fd938a2da37a5da35a7db33aadb32" +
    "addc30afdc2eb2dd2cb5dd2bb7dd29bade27bdde26bfdf24c2df22c5df21c7e01fcae01ecde01dcfe11c" +
    "d2e11bd4e11ad7e219dae218dce218dfe318e1e318e4e318e7e419e9e419ece41aeee51bf1e51cf3e51e" +
    "f6e61ff8e621fae622fde724";
  var VIRIDIS = null;
  DK.VIRIDIS_HEX = VIRIDIS_HEX; // testler matplotlib'inkiyle karşılaştırır

  function viridis() {
    if (VIRIDIS) return VIRIDIS;
    var hex = VIRIDIS_HEX;
    VIRIDIS = new Uint8Array(256 * 3);
    for (var i = 0; i < 256 * 3; i++) VIRIDIS[i] = parseInt(hex.substr(2 * i, 2), 16);
    return VIRIDIS;
  }

  function drawMask(canvas, m, H, W) {
    var lut = viridis();
    var ctx = canvas.getContext("2d");
    var img = ctx.createImageData(W, H);
    for (var i = 0; i < H * W; i++) {
      var v = m[i];
      var idx = Math.min(255, Math.max(0, Math.floor(v * 256)));
      img.data[4 * i] = lut[3 * idx];
      img.data[4 * i + 1] = lut[3 * idx + 1];
      img.data[4 * i + 2] = lut[3 * idx + 2];
      img.data[4 * i + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
  }

  // ------------------------------------------------------------------ Vega-Lite grafikleri

  var CONFIG = {
    aria: false, // Vega'nın İngilizce ARIA metinleri yerine kapsayıcının Türkçe etiketi
    background: "#ffffff",
    font: "DejaVu Sans, Verdana, sans-serif",
    view: { stroke: null },
    axis: {
      labelFontSize: 11, titleFontSize: 12, labelColor: "#1a1a1a", titleColor: "#1a1a1a",
      titleFontWeight: "normal", domainColor: "#1a1a1a", tickColor: "#1a1a1a",
      gridColor: "#b0b0b0", gridOpacity: 0.3,
    },
    legend: { labelFontSize: 11, labelColor: "#1a1a1a", orient: "top", title: null },
    header: { labelFontSize: 12, labelColor: "#1a1a1a" },
  };

  function routingSpec(d, K, width, height) {
    var S = d.series.length;
    var P = d.panels.length;
    var bar = {
      mark: S > 1 ? { type: "bar" } : { type: "bar", color: d.colors[0] },
      encoding: {
        x: {
          field: "k", type: "ordinal", title: d.xlabel, sort: null,
          axis: { labelAngle: 0, grid: false },
        },
        y: {
          field: "w", type: "quantitative", title: d.ylabel, scale: { domain: [0, 1] },
          axis: { values: [0, 0.25, 0.5, 0.75, 1], format: ".2f" },
        },
      },
    };
    if (S > 1) {
      bar.encoding.xOffset = { field: "s", type: "nominal", sort: d.series };
      bar.encoding.color = {
        field: "s", type: "nominal", scale: { domain: d.series, range: d.colors },
        legend: { title: null, orient: "top", direction: "horizontal",
                  columns: Math.min(S, width < 360 ? 2 : 5) },
      };
    }
    var rule = {
      mark: { type: "rule", color: "#555555", strokeDash: [6, 4], strokeWidth: 1.2 },
      encoding: { y: { field: "u", aggregate: "min", type: "quantitative" } },
    };
    var label = {
      mark: { type: "text", align: "right", baseline: "bottom", dx: -2, dy: -2, fontSize: 11,
              color: "#333333" },
      encoding: {
        x: { value: "width" },
        y: { field: "u", aggregate: "min", type: "quantitative" },
        text: { value: "1/K" },
      },
    };
    var inner = { width: width, height: height, layer: [bar, rule, label] };
    var spec = { $schema: "https://vega.github.io/schema/vega-lite/v6.json", data: { name: "w" },
                 config: CONFIG, padding: 4 };
    if (P > 1) {
      spec.facet = { column: { field: "p", type: "nominal", sort: d.panels, title: null } };
      spec.spec = inner;
    } else {
      Object.assign(spec, inner);
    }
    return spec;
  }

  function histSpec(d, width, height) {
    var y = { field: "c", type: "quantitative", title: d.ylabel, axis: { format: ",d" } };
    if (d.ymax !== null && d.ymax !== undefined) y.scale = { domain: [0, d.ymax] };
    return {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      data: { name: "h" }, config: CONFIG, padding: 4, width: width, height: height,
      mark: { type: "bar", color: d.color, binSpacing: 0 },
      encoding: {
        x: {
          field: "b0", type: "quantitative", bin: { binned: true, step: 1 / d.bins },
          title: d.xlabel, scale: { domain: [0, 1] },
          axis: { values: [0, 0.2, 0.4, 0.6, 0.8, 1], format: ".1f" },
        },
        x2: { field: "b1" },
        y: y,
      },
    };
  }

  function makeView(spec, container) {
    // Kapsayıcı grafik (role="img") Türkçe aria-label taşır; Vega'nın SVG işaretleri (ör. histogramın
    // mark-rect'i) ayrı ayrı okunmasın diye ağaçtan gizlenir (axe: svg-img-alt).
    container.setAttribute("aria-hidden", "true");
    var vg = window.vegaLite.compile(spec).spec;
    return new window.vega.View(window.vega.parse(vg), {
      renderer: "svg", container: container, hover: false,
    });
  }

  // ------------------------------------------------------------------ hesaplanan kaydırıcı

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function initComputed(root) {
    var d = JSON.parse(root.querySelector("script.dl-slider-data").textContent);
    var grid = d.grid;
    var exps = [];
    for (var i = 0; i < grid.steps; i++) {
      exps.push(grid.a + ((grid.b - grid.a) * i) / (grid.steps - 1));
    }
    var tensors = {};
    Object.keys(d.data).forEach(function (key) {
      tensors[key] = { shape: d.data[key].shape, z: decodeFloat32(d.data[key].b64) };
    });
    var controls = root.querySelector(".dl-slider-controls");
    var tInput = root.querySelector('input[data-param="T"]');
    var tOut = root.querySelector('output[for="' + tInput.id + '"]');
    var kInput = root.querySelector('input[data-param="K"]');
    var kOut = kInput ? root.querySelector('output[for="' + kInput.id + '"]') : null;
    var statsEl = root.querySelector(".dl-slider-stats");
    var table = root.querySelector(".dl-slider-table table");
    var chart = root.querySelector(".dl-slider-chart");
    var fallback = chart.querySelector("img.dl-slider-fallback");
    var altBase = d.alt || (d.kind === "routing" ? "Yönlendirme ağırlıkları" : "Maske");

    function tText(ti) {
      var e = exps[ti];
      return formatNumber(Math.pow(10, e), Math.max(0, 2 - Math.floor(e + 1e-9)));
    }

    // ---- grafik kapsayıcıları
    var width = Math.max(260, Math.min(chart.clientWidth || 640, d.figsize[0] * 90));
    var height = Math.round(d.figsize[1] * 90 * 0.62);
    var views = {};
    var canvas = null;
    var shape0 = tensors[Object.keys(tensors)[0]].shape;

    function build(K) {
      chart.textContent = "";
      chart.setAttribute("role", "img");
      if (d.kind === "routing") {
        var P = d.panels.length;
        var holder = el("div", "dl-slider-vega");
        chart.appendChild(holder);
        var cell = P > 1 ? Math.max(90, (width - 70) / P - 20) : width - 70;
        views.main = makeView(routingSpec(d, K, cell, height), holder);
        return;
      }
      var row = el("div", "dl-slider-mask-row");
      chart.appendChild(row);
      var histWidth = width - 80;
      if (shape0.length === 2) {
        var H = shape0[0], W = shape0[1];
        var panel = el("div", "dl-slider-mask-image");
        panel.appendChild(el("div", "dl-slider-mask-title", d.image_title));
        canvas = el("canvas");
        canvas.width = W;
        canvas.height = H;
        var imgWidth = Math.round(width * 0.56);
        canvas.style.width = imgWidth + "px";
        canvas.style.height = Math.round((imgWidth * H) / W) + "px";
        panel.appendChild(canvas);
        row.appendChild(panel);
        histWidth = Math.max(180, width - imgWidth - 100);
      }
      var holder2 = el("div", "dl-slider-vega");
      row.appendChild(holder2);
      views.main = makeView(histSpec(d, histWidth, height), holder2);
    }

    function statsItems(r, ti) {
      var items = [["T", "T", r.T, tText(ti)]];
      if (d.kind === "routing") {
        items.push(["K", "K", r.K, formatNumber(r.K, 0, { integer: true })]);
        items.push(["entropy", r.H.length === 1 ? "entropi" : "ortalama entropi", r.meanH,
                    formatNumber(r.meanH, 3)]);
        items.push(["logK", "en fazla log K", Math.log(r.K), formatNumber(Math.log(r.K), 3)]);
        return items;
      }
      [["mean", "ortalama"], ["std", "std"], ["min", "en küçük"], ["max", "en büyük"]].forEach(
        function (p) {
          items.push([p[0], p[1], r[p[0]], formatNumber(r[p[0]], 3)]);
        });
      items.push(["near0", "0'a yakın (< " + formatNumber(d.near, 2) + ")", r.near0,
                  formatNumber(r.near0, 1, { percent: true })]);
      items.push(["near1", "1'e yakın (> " + formatNumber(1 - d.near, 2) + ")", r.near1,
                  formatNumber(r.near1, 1, { percent: true })]);
      return items;
    }

    function compute(ti, ki) {
      var T = Math.pow(10, exps[ti]);
      var t32 = fround(T);
      if (d.kind === "routing") {
        var K = d.ks[ki];
        var t = tensors[String(K)];
        var rows = t.shape[0] * t.shape[1];
        var w = new Float64Array(rows * K);
        var H = new Float64Array(rows);
        var sumH = 0;
        for (var r = 0; r < rows; r++) {
          H[r] = softmaxRow(t.z, r * K, K, t32, w);
          sumH += H[r];
        }
        return { T: T, K: K, P: t.shape[0], S: t.shape[1], w: w, H: H, meanH: sumH / rows };
      }
      var z = tensors["0"].z;
      var g = gateFn(d.gate);
      var m = new Float64Array(z.length);
      for (var i = 0; i < z.length; i++) m[i] = g(fround(z[i] / t32));
      var s = maskStats(m, d.near, d.bins);
      s.T = T;
      s.m = m;
      return s;
    }

    function renderStats(r, ti) {
      statsItems(r, ti).forEach(function (it) {
        var span = statsEl.querySelector('[data-stat="' + it[0] + '"]');
        if (!span) return;
        span.setAttribute("data-value", String(it[2]));
        span.querySelector("b").textContent = it[3];
        // etiket (ör. "entropi" / "ortalama entropi") Python'un yazdığıyla aynı kalır
      });
    }

    function renderTable(r) {
      var cells = table.querySelectorAll("td[data-value]");
      if (d.kind === "routing") {
        var K = r.K;
        var head = table.querySelector("thead tr");
        var body = table.querySelector("tbody");
        if (cells.length !== r.P * r.S * (K + 1)) {
          // K değişti: tabloyu yeniden kur (Python'un yazdığı biçimde)
          var h = "<th scope=\"col\">" + escapeHtml(d.xlabel) + "</th>";
          for (var k = 0; k < K; k++) h += "<th scope=\"col\">" + (k + 1) + "</th>";
          head.innerHTML = h + "<th scope=\"col\">entropi</th>";
          var rowsHtml = "";
          for (var p = 0; p < r.P; p++) {
            for (var s = 0; s < r.S; s++) {
              var name = [d.panels[p], d.series[s]].filter(Boolean).join(" · ") || "ağırlık";
              rowsHtml += "<tr><th scope=\"row\">" + escapeHtml(name) + "</th>";
              for (k = 0; k < K; k++) {
                rowsHtml += '<td data-p="' + p + '" data-s="' + s + '" data-k="' + k + '"></td>';
              }
              rowsHtml += '<td data-p="' + p + '" data-s="' + s + '" data-k="H"></td></tr>';
            }
          }
          body.innerHTML = rowsHtml;
          cells = table.querySelectorAll("td");
        }
        for (var c = 0; c < cells.length; c++) {
          var td = cells[c];
          var row = Number(td.getAttribute("data-p")) * r.S + Number(td.getAttribute("data-s"));
          var kk = td.getAttribute("data-k");
          var v = kk === "H" ? r.H[row] : r.w[row * K + Number(kk)];
          td.setAttribute("data-value", String(v));
          td.textContent = formatNumber(v, 3);
        }
        return;
      }
      for (var b = 0; b < cells.length; b++) {
        var bin = Number(cells[b].getAttribute("data-bin"));
        cells[b].setAttribute("data-value", String(r.counts[bin]));
        cells[b].textContent = formatNumber(r.counts[bin], 0, { integer: true });
      }
    }

    var currentK = null;
    var pending = null;

    function renderChart(r) {
      if (d.kind === "routing") {
        if (currentK !== r.K) {
          if (views.main) views.main.finalize();
          build(r.K);
          currentK = r.K;
        }
        var rows = [];
        for (var p = 0; p < r.P; p++) {
          for (var s = 0; s < r.S; s++) {
            for (var k = 0; k < r.K; k++) {
              rows.push({ p: d.panels[p], s: d.series[s], k: k + 1,
                          w: r.w[(p * r.S + s) * r.K + k], u: 1 / r.K });
            }
          }
        }
        views.main.data("w", rows);
      } else {
        if (!views.main) build(null);
        var hist = r.counts.map(function (c, b) {
          return { b0: b / d.bins, b1: (b + 1) / d.bins, c: c };
        });
        views.main.data("h", hist);
        if (canvas) drawMask(canvas, r.m, shape0[0], shape0[1]);
      }
      return views.main.runAsync();
    }

    function update() {
      var ti = Number(tInput.value);
      var ki = kInput ? Number(kInput.value) : d.k_index || 0;
      var r = compute(ti, ki);
      var text = tText(ti);
      setSliderText(tInput, tOut, text);
      if (kInput) setSliderText(kInput, kOut, formatNumber(d.ks[ki], 0, { integer: true }));
      renderStats(r, ti);
      renderTable(r);
      chart.setAttribute("aria-label", altBase + " (T = " + text + ")");
      root.setAttribute("data-t", String(r.T));
      root.setAttribute("data-t-index", String(ti));
      return renderChart(r).then(function () {
        root.setAttribute("data-rendered", ti + ":" + ki);
      });
    }

    function schedule() {
      if (pending) return;
      pending = window.requestAnimationFrame(function () {
        pending = null;
        update().catch(report);
      });
    }

    function report(err) {
      console.warn("Kaydırıcı çizilemedi:", err); // eslint-disable-line no-console
    }

    return loadVega().then(function () {
      tInput.addEventListener("input", schedule);
      tInput.addEventListener("change", schedule);
      if (kInput) {
        kInput.addEventListener("input", schedule);
        kInput.addEventListener("change", schedule);
      }
      if (fallback) fallback.remove();
      controls.hidden = false;
      tInput.setAttribute("aria-describedby", statsEl.id);
      if (kInput) kInput.setAttribute("aria-describedby", statsEl.id);
      return update();
    }).then(function () {
      root.setAttribute("data-ready", "1");
    }, function (err) {
      // Vega yüklenemediyse başlangıç şekli (PNG) ve tablo yerinde kalır.
      report(err);
      root.setAttribute("data-ready", "error");
    });
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c];
    });
  }

  function init() {
    var figs = document.querySelectorAll("figure.dl-slider");
    for (var i = 0; i < figs.length; i++) {
      if (figs[i].getAttribute("data-ready")) continue;
      if (figs[i].classList.contains("dl-computed")) initComputed(figs[i]);
      else initFrames(figs[i]);
    }
  }

  DK.initSliders = init;
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
