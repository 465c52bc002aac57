"""Dinamik evrişim uygulamalarının hız ölçümü: ``python -m dynlayers.bench``.

Her uygulama için ileri (``torch.no_grad``) ve ileri + geri yayma süresi, aynı çalıştırmada
ölçülen aynı şekilli statik bir ``nn.Conv2d``'nin süresine oran olarak verilir
(``torch.utils.benchmark``). Ölçüm turlar hâlinde yapılır: her turda statik evrişim ve her uygulama
sırayla ölçülür, oran aynı turun statik süresine göre alınır ve tabloya turlar üzerinden ortancası yazılır
(eşleştirilmiş ölçüm; paylaşılan bir makinede turdan tura değişen hız oranı bozmaz). Sıra her turda bir
kaydırılır: sabit sırada ilk ölçülen statik evrişim ölçüm düzeninden sistematik olarak etkileniyordu
(B2'de oran ≈1.45 ile ≈1.75, 1×1'de ≈0.45 ile ≈0.8 arasında yalnızca sıraya göre değişti). CPU'da ölçümden
önce bellek ayırıcı uzun süren bir sürecin kararlı durumuna getirilir (``_steady_allocator``).
Ölçülen şey katmanın tamamıdır:
``DynamicConv2d(impl=...)`` (yönlendirici dahil) ve ``nn.Conv2d(bias=False)``; geri yaymada
girdinin ve bütün parametrelerin gradyanı hesaplanır.

Herkese açık adlar:

* :data:`SHAPES`: ölçülen şekiller (konudaki altı şekil);
* :func:`measure_times`: tek bir şekil için saniye cinsinden süreler (``"static"`` dahil);
* :func:`measure_ratios`: aynı ölçüm, statik evrişime oran olarak (kitabın 3. bölümü birkaç saniyelik
  sayfa içi ölçüm için bunu çağırır);
* :data:`SMALL_SHAPES`: ağların küçük haritalı aşamaları (8×8'den 2×2'ye), ``--grid small``;
* :data:`NETWORKS` ve :func:`measure_network`: ağ kipi, bir :class:`~dynlayers.models.DynamicCNN`
  eğitim adımının (ileri + geri + SGD adımı) her uygulamadaki süresi, ``--network``;
* :func:`main`: bütün tabloyu ve çubuk (bar) denetimlerini yazdırır.

Komut satırı::

    python -m dynlayers.bench                       # 6 şekil × K ∈ {1, 2, 4, 8, 16}
    python -m dynlayers.bench --threads 2 --experts 4 --repeats 5   # konudaki çubuklar (K = 4)
    python -m dynlayers.bench --grid small --experts 4               # küçük haritalar
    python -m dynlayers.bench --network --threads 2 --repeats 5      # ağ kipi (eğitim adımı, ms)
    python -m dynlayers.bench --network --device cuda --repeats 5    # aynısı CUDA'da (GPU gerekir)
    python -m dynlayers.bench --device cuda --experts 4 --repeats 5  # şekil ızgarası CUDA'da
"""

from __future__ import annotations

import argparse
import inspect
import math
import statistics
import sys
import time
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

import torch
import torch.nn as nn
from torch.utils import benchmark

from .dynamic_conv import DynamicConv2d
from .functional import IMPLS, _is_pointwise, resolve_impl
from .models import DynamicCNN, StaticCNN

__all__ = ["BenchShape", "BenchNetwork", "NETWORKS", "SHAPES", "SMALL_SHAPES", "measure_network",
           "measure_ratios", "measure_times", "main"]


@dataclass(frozen=True)
class BenchShape:
    """Ölçülen bir şekil: minigrup, kanallar, girdi boyutu, çekirdek, uzun adım."""

    name: str
    batch_size: int
    in_channels: int
    out_channels: int
    size: int
    kernel_size: int = 3
    stride: int = 1

    @property
    def batched(self) -> bool:
        return self.batch_size > 1


#: Ölçülen şekiller (tablonun satırları).
SHAPES: Tuple[BenchShape, ...] = (
    BenchShape("B2 16→32 32²", 2, 16, 32, 32),
    BenchShape("B32 32→64 32² s2", 32, 32, 64, 32, stride=2),
    BenchShape("B64 64→128 16²", 64, 64, 128, 16),
    BenchShape("B64 128→256 8²", 64, 128, 256, 8),
    BenchShape("B1 64→64 56²", 1, 64, 64, 56),
    BenchShape("B32 128→128 28² 1×1", 32, 128, 128, 28, kernel_size=1),
)


#: :data:`NETWORKS`'teki üç ağın dinamik aşamaları, sırayla (uzun adım 2; çıktı haritaları 16²'den
#: 2²'ye): "auto" kuralının küçük haritalardaki ölçümleri bunlardan gelir.
SMALL_SHAPES: Tuple[BenchShape, ...] = (
    BenchShape("B64 16→32 16² s2", 64, 16, 32, 16, stride=2),
    BenchShape("B64 32→64 8² s2", 64, 32, 64, 8, stride=2),
    BenchShape("B64 64→128 4² s2", 64, 64, 128, 4, stride=2),
    BenchShape("B64 32→64 16² s2", 64, 32, 64, 16, stride=2),
    BenchShape("B64 64→128 8² s2", 64, 64, 128, 8, stride=2),
    BenchShape("B64 128→256 4² s2", 64, 128, 256, 4, stride=2),
    BenchShape("B128 32→64 32² s2", 128, 32, 64, 32, stride=2),
    BenchShape("B128 64→128 16² s2", 128, 64, 128, 16, stride=2),
    BenchShape("B128 128→256 8² s2", 128, 128, 256, 8, stride=2),
)
GRIDS = {"issue": SHAPES, "small": SMALL_SHAPES}


@dataclass(frozen=True)
class BenchNetwork:
    """Ağ kipinde ölçülen bir :class:`~dynlayers.models.DynamicCNN`: minigrup, kanal, boyut, genişlikler."""

    name: str
    batch_size: int
    in_channels: int
    size: int
    widths: Tuple[int, ...]


#: Ağ kipinin ağları, yani hız hedeflerinin ölçüldüğü ağlar. Kitabın iki rakam ağı ve 32² RGB bir ağ.
NETWORKS: Tuple[BenchNetwork, ...] = (
    BenchNetwork("B64 1×16² (16, 32, 64, 128)", 64, 1, 16, (16, 32, 64, 128)),
    BenchNetwork("B64 1×16² (32, 64, 128, 256)", 64, 1, 16, (32, 64, 128, 256)),
    BenchNetwork("B128 3×32² (32, 64, 128, 256)", 128, 3, 32, (32, 64, 128, 256)),
)


#: Saat: "wall" duvar saati (varsayılan), "cpu" süreç CPU zamanı. Makine başka işlerle paylaşılırken
#: duvar saati, işlemciyi bekleyen süreyi de sayar; tek iş parçacığıyla "cpu" bundan etkilenmez.
CLOCKS = {"wall": time.perf_counter, "cpu": time.process_time}


def _median(fn, min_run_time: float, num_threads: int, clock: str = "wall") -> float:
    timer = benchmark.Timer(stmt="fn()", globals={"fn": fn}, num_threads=num_threads, timer=CLOCKS[clock])
    return timer.blocked_autorange(min_run_time=min_run_time).median


def _runner(module: nn.Module, x: torch.Tensor, backward: bool):
    if not backward:
        def run() -> None:
            with torch.no_grad():
                module(x)
        return run
    inputs = [x, *(p for p in module.parameters() if p.requires_grad)]

    def run_backward() -> None:
        y = module(x)
        torch.autograd.grad(y, inputs, torch.ones_like(y))
    return run_backward


def _steady_allocator() -> None:
    """Bellek ayırıcıyı uzun süren bir eğitim sürecinin kararlı durumuna getirir (bir kez, 30 MiB).

    glibc'nin ``malloc``'u büyük blokları ``mmap`` ile ayırır ve her serbest bırakmada işletim
    sistemine geri verir; bir sonraki ayırma her sayfa için bir sayfa hatası (page fault) öder. Eşik
    dinamiktir: serbest bırakılan en büyük ``mmap`` bloğuna kadar (en çok 32 MiB) yükselir. Veri yüklemiş
    ya da birkaç adım eğitmiş her süreç bu duruma gelir; ölçüm sırası (statik önce mi, dinamik önce mi)
    sonuçları değiştirmesin diye ölçümler de bu durumda başlar. Statik ve dinamik katmanlar aynı
    durumda ölçülür.
    """
    block = torch.empty(30 << 18)  # 30 MiB float32
    block.fill_(0.0)
    del block


def _measure(
    batch_size: int,
    in_channels: int,
    out_channels: int,
    size: int,
    kernel_size: int,
    stride: int,
    num_experts: int,
    impls: Iterable[str],
    backward: bool,
    device: Optional[torch.device | str],
    min_run_time: float,
    repeats: int,
    clock: str,
) -> Dict[str, List[float]]:
    """Her tur için statik evrişimin ve her uygulamanın ortanca süresi: ``{ad: [tur1, tur2, ...]}``."""
    device = torch.device(device) if device is not None else torch.device("cpu")
    if device.type == "cpu":
        _steady_allocator()
    threads = torch.get_num_threads()
    torch.manual_seed(0)
    x = torch.randn(batch_size, in_channels, size, size, device=device, requires_grad=backward)
    padding = (kernel_size - 1) // 2
    modules: Dict[str, nn.Module] = {
        "static": nn.Conv2d(in_channels, out_channels, kernel_size, stride, padding, bias=False)
    }
    for impl in impls:
        conv = DynamicConv2d(in_channels, out_channels, kernel_size, stride, num_experts=num_experts)
        if impl == "bmm" and not _is_pointwise(conv.weight, conv.stride, conv.padding, conv.groups):
            continue
        conv.impl = impl
        modules[impl] = conv
    runners = {name: _runner(m.to(device), x, backward) for name, m in modules.items()}
    return _rounds(runners, min_run_time, repeats, threads, clock)


def _rounds(runners: Dict[str, Any], min_run_time: float, repeats: int, threads: int,
            clock: str) -> Dict[str, List[float]]:
    """Her ölçülen için tur başına ortanca süre; sıra her turda bir kaydırılır (hiçbir ölçülen hep aynı
    komşudan sonra ölçülmesin)."""
    rounds: Dict[str, List[float]] = {name: [] for name in runners}
    names = list(runners)
    for r in range(max(1, repeats)):
        shift = r % len(names)
        for name in names[shift:] + names[:shift]:
            runners[name]()  # ısınma
            rounds[name].append(_median(runners[name], min_run_time, threads, clock))
    return rounds


def measure_times(
    batch_size: int,
    in_channels: int,
    out_channels: int,
    size: int,
    kernel_size: int = 3,
    stride: int = 1,
    num_experts: int = 4,
    impls: Iterable[str] = ("loop", "grouped", "mix", "auto"),
    backward: bool = True,
    device: Optional[torch.device | str] = None,
    min_run_time: float = 0.2,
    repeats: int = 2,
    clock: str = "wall",
) -> Dict[str, float]:
    """Statik evrişimin ve her uygulamanın ortanca süresi (saniye).

    Ölçümler ``repeats`` tur boyunca tekrarlanır (sıra her turda bir kaydırılır) ve her biri için en
    küçük ortanca alınır: makine paylaşımlıyken bir turdaki gürültü bütün oranları bozmasın diye. CPU'da ölçümden önce
    bellek ayırıcı bir kez kararlı duruma getirilir (30 MiB'lık bir blok ayrılıp bırakılır; bkz.
    ``_steady_allocator``).

    Args:
        batch_size, in_channels, out_channels, size, kernel_size, stride: Şekil (kare girdi).
        num_experts: Uzman sayısı K.
        impls: Ölçülecek uygulamalar; ``"bmm"`` yalnızca 1×1 şekillerde ölçülür, diğerlerinde atlanır.
        backward: True ise ileri + geri yayma, False ise yalnızca ileri (``no_grad``).
        device: Aygıt (varsayılan CPU). CUDA'da her ölçüm ``torch.utils.benchmark`` ile eşzamanlanır.
        min_run_time: Her ölçümün en kısa süresi (saniye).
        repeats: Tur sayısı.
        clock: ``"wall"`` (duvar saati) ya da ``"cpu"`` (süreç CPU zamanı; paylaşılan makinede tek iş
            parçacığıyla daha kararlı).

    Returns:
        ``{"static": s, "loop": s, ...}``.

    Example:
        >>> t = measure_times(2, 16, 32, 32, min_run_time=0.05, repeats=1)  # doctest: +SKIP
        >>> sorted(t)  # doctest: +SKIP
        ['auto', 'grouped', 'loop', 'mix', 'static']
    """
    rounds = _measure(batch_size, in_channels, out_channels, size, kernel_size, stride, num_experts, impls,
                      backward, device, min_run_time, repeats, clock)
    return {name: min(times) for name, times in rounds.items()}


def _paired_ratios(rounds: Dict[str, List[float]]) -> Dict[str, float]:
    """Her turda aynı turun statik süresine oran, turlar üzerinden ortanca (eşleştirilmiş ölçüm).

    Makinenin hızı turdan tura değişse de (paylaşılan işlemci, bellek durumu) aynı turdaki statik ve
    dinamik ölçümler birlikte değişir; oranın ortancası bu yüzden ayrı ayrı alınmış en iyi sürelerin
    oranından daha kararlıdır.
    """
    static = rounds["static"]
    return {
        name: statistics.median(t / s for t, s in zip(times, static))
        for name, times in rounds.items() if name != "static"
    }


def measure_ratios(batch_size: int, in_channels: int, out_channels: int, size: int,
                   **options: Any) -> Dict[str, float]:
    """Her uygulamanın süresinin aynı şekilli statik ``nn.Conv2d`` süresine oranı.

    Her turda oran aynı turun statik süresine göre alınır; sonuç turlar üzerinden ortancadır.

    Args:
        batch_size, in_channels, out_channels, size: Şekil (kare girdi).
        **options: :func:`measure_times` argümanları (``kernel_size=3``, ``stride=1``,
            ``num_experts=4``, ``impls=("loop", "grouped", "mix", "auto")``, ``backward=True``,
            ``device=None``, ``min_run_time=0.2``, ``clock="wall"``); ``repeats`` burada varsayılan
            olarak 1'dir (sayfa içi hızlı ölçüm, birkaç saniye).

    Example:
        >>> r = measure_ratios(2, 16, 32, 32, min_run_time=0.05)  # doctest: +SKIP
        >>> sorted(r)  # doctest: +SKIP
        ['auto', 'grouped', 'loop', 'mix']
    """
    # Varsayılanlar measure_times'ın imzasından gelir (ikinci bir kopyası tutulmaz); repeats burada 1.
    defaults = {name: p.default for name, p in inspect.signature(measure_times).parameters.items()
                if p.default is not inspect.Parameter.empty}
    unknown = set(options) - set(defaults)
    if unknown:
        raise ValueError(f"measure_ratios bilinmeyen argüman(lar) aldı: {sorted(unknown)}; "
                         f"geçerli olanlar: {sorted(defaults)}.")
    conf = {**defaults, "repeats": 1, **options}
    rounds = _measure(batch_size, in_channels, out_channels, size, conf["kernel_size"], conf["stride"],
                      conf["num_experts"], conf["impls"], conf["backward"], conf["device"], conf["min_run_time"],
                      conf["repeats"], conf["clock"])
    return _paired_ratios(rounds)


def _geomean(values: Sequence[float]) -> float:
    return math.exp(sum(math.log(v) for v in values) / len(values))


def _auto_choice(shape: BenchShape, num_experts: int, device: torch.device) -> str:
    x = torch.empty(shape.batch_size, shape.in_channels, shape.size, shape.size, device=device)
    bank = torch.empty(num_experts, shape.out_channels, shape.in_channels, shape.kernel_size, shape.kernel_size,
                       device=device)
    return resolve_impl(x, bank, shape.stride, (shape.kernel_size - 1) // 2)


def _train_step(model: nn.Module, x: torch.Tensor, target: torch.Tensor):
    """Bir eğitim adımı: ileri, çapraz entropi, geri yayma, SGD adımı (momentum 0,9)."""
    opt = torch.optim.SGD(model.parameters(), lr=1e-3, momentum=0.9)
    loss_fn = nn.CrossEntropyLoss()

    def step() -> None:
        opt.zero_grad(set_to_none=True)
        loss_fn(model(x), target).backward()
        opt.step()
    return step


def network_auto_choices(net: BenchNetwork, num_experts: int = 4, device: Optional[torch.device | str] = None
                         ) -> List[str]:
    """``impl="auto"``'nun ağın her dinamik aşamasında seçtiği uygulama (aşama sırasıyla).

    Args:
        net: Ağ (bkz. :data:`NETWORKS`).
        num_experts: Uzman sayısı K.
        device: Aygıt (varsayılan CPU).

    Example:
        >>> network_auto_choices(NETWORKS[0])  # doctest: +SKIP
        ['mix', 'mix', 'mix']
    """
    model = DynamicCNN(net.in_channels, 10, num_experts, widths=net.widths).to(device or "cpu")
    choices: List[str] = []
    hooks = [stage.conv.register_forward_pre_hook(lambda m, args: choices.append(m.resolved_impl(args[0])))
             for stage in model.stages]
    with torch.no_grad():
        model(torch.zeros(net.batch_size, net.in_channels, net.size, net.size, device=device or "cpu"))
    for h in hooks:
        h.remove()
    return choices


def measure_network(net: BenchNetwork, impls: Iterable[str] = ("grouped", "chunked", "mix", "auto"),
                    num_experts: int = 4, device: Optional[torch.device | str] = None, min_run_time: float = 0.3,
                    repeats: int = 5, clock: str = "wall") -> Dict[str, List[float]]:
    """Bir eğitim adımının süresi (saniye), her tur için: ``{"static": [...], "mix": [...], ...}``.

    Aynı süreçte, turlar hâlinde ölçülür; her turda sıra bir kaydırılır. Bütün dinamik ağlar aynı
    ağırlıklarla başlar (aynı rastgele tohum); ``"static"`` aynı genişliklerdeki
    :class:`~dynlayers.models.StaticCNN`'dir. Adım: ileri, çapraz entropi kaybı, geri yayma,
    ``SGD(lr=1e-3, momentum=0.9)`` adımı; girdi ``(B, C, size, size)`` normal dağılımlı, 10 sınıf.

    Args:
        net: Ölçülen ağ (bkz. :data:`NETWORKS`).
        impls: Dinamik aşamaların uygulamaları (``"bmm"`` 3×3 aşamalarda geçersiz olduğu için atlanır).
        num_experts: Uzman sayısı K.
        device: Aygıt (varsayılan CPU).
        min_run_time: Her ölçümün en kısa süresi (saniye).
        repeats: Tur sayısı.
        clock: ``"wall"`` ya da ``"cpu"``.

    Returns:
        ``{"static": [s, ...], "mix": [s, ...], ...}``: her tur için bir ortanca süre (saniye).

    Example:
        >>> rounds = measure_network(NETWORKS[0], impls=("mix", "auto"), repeats=1)  # doctest: +SKIP
        >>> sorted(rounds)  # doctest: +SKIP
        ['auto', 'mix', 'static']
    """
    device = torch.device(device) if device is not None else torch.device("cpu")
    if device.type == "cpu":
        _steady_allocator()
    threads = torch.get_num_threads()
    torch.manual_seed(0)
    x = torch.randn(net.batch_size, net.in_channels, net.size, net.size, device=device)
    target = torch.randint(0, 10, (net.batch_size,), device=device)
    models: Dict[str, nn.Module] = {"static": StaticCNN(net.in_channels, 10, net.widths)}
    for impl in impls:
        if impl == "bmm":
            continue
        torch.manual_seed(1)
        models[impl] = DynamicCNN(net.in_channels, 10, num_experts, widths=net.widths, impl=impl)
    runners = {name: _train_step(m.to(device).train(), x, target) for name, m in models.items()}
    return _rounds(runners, min_run_time, repeats, threads, clock)


def _main_network(args: argparse.Namespace, device: torch.device) -> None:
    impls = [i for i in args.impls if i not in ("auto", "bmm")] + ["auto"]
    nets = [NETWORKS[i] for i in args.networks] if args.networks else list(NETWORKS)
    k = args.experts[0] if args.experts_given else 4  # ağ kipinde varsayılan K = 4
    print(f"torch {torch.__version__}, aygıt {device}, {torch.get_num_threads()} iş parçacığı, saat {args.clock}, "
          f"K = {k}, {args.repeats} tur; hücre: bir eğitim adımı (ileri + geri + SGD), ms, turların ortancası")
    header = "| ağ | statik | " + " | ".join(impls) + " | auto'nun seçimi (aşama başına) | auto ÷ en iyi |"
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    for net in nets:
        rounds = measure_network(net, impls, k, device, args.min_run_time, args.repeats, args.clock)
        ms = {name: 1e3 * statistics.median(times) for name, times in rounds.items()}
        best = min(v for n, v in ms.items() if n not in ("auto", "static"))
        cells = " | ".join(f"{ms[i]:.1f}" for i in impls)
        print(f"| {net.name} | {ms['static']:.1f} | {cells} | {', '.join(network_auto_choices(net, k, device))} | "
              f"{ms['auto'] / best:.2f} |", flush=True)


def main(argv: Optional[Sequence[str]] = None) -> None:
    """Bütün tabloyu (şekil × K × uygulama) ve konudaki çubuk denetimlerini yazdırır.

    Args:
        argv: Komut satırı argümanları (``None`` ise ``sys.argv``); ``--help`` hepsini listeler.

    Example:
        >>> main(["--experts", "4", "--shapes", "0", "--min-run-time", "0.05"])  # doctest: +SKIP
    """
    parser = argparse.ArgumentParser(prog="python -m dynlayers.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--experts", type=int, nargs="+", default=[1, 2, 4, 8, 16], help="K değerleri")
    parser.add_argument("--impls", nargs="+", default=[i for i in IMPLS], help="uygulamalar")
    parser.add_argument("--shapes", type=int, nargs="+", default=None, help="SHAPES içinden sıra numaraları")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--min-run-time", type=float, default=0.2)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--clock", choices=sorted(CLOCKS), default="wall")
    parser.add_argument("--grid", choices=sorted(GRIDS), default="issue",
                        help="şekil ızgarası: konudaki altı şekil ya da ağların küçük haritalı aşamaları")
    parser.add_argument("--network", action="store_true",
                        help="ağ kipi: DynamicCNN eğitim adımı, her uygulama (K = 4 ya da --experts'in ilki)")
    parser.add_argument("--networks", type=int, nargs="+", default=None, help="NETWORKS içinden sıra numaraları")
    args = parser.parse_args(argv)
    args.experts_given = any(a.startswith("--experts") for a in (argv if argv is not None else sys.argv[1:]))

    torch.set_num_threads(args.threads)
    device = torch.device(args.device)
    if args.network:
        _main_network(args, device)
        return
    grid = GRIDS[args.grid]
    shapes = [grid[i] for i in args.shapes] if args.shapes else list(grid)
    impls = [i for i in args.impls if i != "auto"] + ["auto"]
    print(f"torch {torch.__version__}, aygıt {device}, {torch.get_num_threads()} iş parçacığı, saat {args.clock}; "
          "hücre: ileri / ileri+geri süresi ÷ statik nn.Conv2d (ortanca)")
    header = f"| şekil | K | statik ms (i / i+g) | " + " | ".join(impls) + " | auto seçimi | auto ÷ en iyi |"
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    fb: Dict[Tuple[str, int], Dict[str, float]] = {}
    for shape in shapes:
        for k in args.experts:
            fwd = _measure(shape.batch_size, shape.in_channels, shape.out_channels, shape.size,
                           shape.kernel_size, shape.stride, k, impls, False, device, args.min_run_time,
                           args.repeats, args.clock)
            both = _measure(shape.batch_size, shape.in_channels, shape.out_channels, shape.size,
                            shape.kernel_size, shape.stride, k, impls, True, device, args.min_run_time,
                            args.repeats, args.clock)
            rf, rb = _paired_ratios(fwd), _paired_ratios(both)
            static_ms = (1e3 * statistics.median(fwd["static"]), 1e3 * statistics.median(both["static"]))
            fb[(shape.name, k)] = rb
            cells = [f"{rf[i]:.2f} / {rb[i]:.2f}" if i in rb else "—" for i in impls]
            best = min(v for n, v in rb.items() if n != "auto")
            print(f"| {shape.name} | {k} | {static_ms[0]:.2f} / {static_ms[1]:.2f} | "
                  + " | ".join(cells) + f" | {_auto_choice(shape, k, device)} | {rb['auto'] / best:.2f} |",
                  flush=True)
    _print_bars(shapes, args.experts, fb)


def _print_bars(shapes: List[BenchShape], experts: Sequence[int], fb: Dict[Tuple[str, int], Dict[str, float]]) -> None:
    """Konudaki üç çubuğu (K = 4'te) ve bütün K'lar için auto ÷ en iyi oranını yazdırır."""
    worst = max(
        (rb["auto"] / min(v for n, v in rb.items() if n != "auto"), key) for key, rb in fb.items()
    )
    print(f"\nauto ÷ en iyi uygulama (ileri+geri), en kötü hücre: {worst[0]:.2f} ({worst[1][0]}, K={worst[1][1]})")
    if 4 not in experts:
        return
    auto = [fb[(s.name, 4)]["auto"] for s in shapes]
    print(f"K=4: auto'nun statiğe oranının geometrik ortalaması ({len(shapes)} şekil): {_geomean(auto):.2f}"
          "  (çubuk ≤ 1.5)")
    batched = [s for s in shapes if s.batched and "loop" in fb[(s.name, 4)]]
    if batched:
        speed = _geomean([fb[(s.name, 4)]["loop"] / fb[(s.name, 4)]["auto"] for s in batched])
        print(f"K=4: auto'nun döngüye göre hızlanması, minigruplu şekillerde geometrik ortalama: {speed:.2f}×"
              "  (çubuk ≥ 1.5)")
    worst4 = max(fb[(s.name, 4)]["auto"] / min(v for n, v in fb[(s.name, 4)].items() if n != "auto")
                 for s in shapes)
    print(f"K=4: auto ÷ en iyi, en kötü şekil: {worst4:.2f}  (çubuk ≤ 1.10)")


if __name__ == "__main__":
    main()
