"""Kitabın eğitim bölümleri (4 ve 7) için küçük, deterministik bir eğitim döngüsü.

Amaç bir eğitim çerçevesi yazmak değil; aynı tarifle iki modeli (ör. statik ve dinamik) yan yana
eğitip dürüstçe karşılaştırabilmek. Bu yüzden döngü kısa ve açıktır:

* veri, bellekteki iki tensördür: ``(x, y)``;
* iyileştirici (optimizer) AdamW, öğrenme oranı adım adım kosinüsle sıfıra iner;
* ``temperature_schedule=(başlangıç, bitiş)`` verilirse ``dynlayers.TemperatureScheduler`` ile
  sıcaklık her adımda doğrusal olarak tavlanır (annealing);
* her dönemin (epoch) sonunda test doğruluğu ve, model ``return_weights=True`` destekliyorsa,
  her aşamanın ortalama yönlendirme entropisi kaydedilir.

Modül yalnızca torch'a bağlıdır; matplotlib ve scikit-learn burada içe aktarılmaz.
"""

from __future__ import annotations

import inspect
import math
import numbers
import time
from typing import Callable, Optional, Sequence, Union

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch import Tensor

__all__ = [
    "fit",
    "evaluate",
    "count_parameters",
    "collect_routing",
    "routing_entropy",
    "random_shift",
]

Data = Sequence[Tensor]  # (x, y)


# ---------------------------------------------------------------------------
# Küçük yardımcılar
# ---------------------------------------------------------------------------

def _resolve_device(model: nn.Module, device: Union[str, torch.device, None]) -> torch.device:
    if device is not None:
        return torch.device(device)
    for p in model.parameters():
        return p.device
    return torch.device("cpu")


def _check_data(data: Data, name: str) -> tuple[Tensor, Tensor]:
    if not isinstance(data, (tuple, list)) or len(data) != 2:
        raise ValueError(
            f"{name} iki tensörlük bir demet (x, y) olmalı; verilen: {type(data).__name__}"
            + (f" (uzunluk {len(data)})" if isinstance(data, (tuple, list)) else "")
            + "."
        )
    x, y = data
    if not isinstance(x, Tensor) or not isinstance(y, Tensor):
        raise ValueError(
            f"{name} = (x, y) içindeki iki eleman da torch.Tensor olmalı; "
            f"verilen: ({type(x).__name__}, {type(y).__name__})."
        )
    if x.shape[0] != y.shape[0] or x.shape[0] == 0:
        raise ValueError(
            f"{name} içindeki x ve y aynı sayıda (en az bir) örnek içermeli; "
            f"verilen: x.shape[0]={x.shape[0]}, y.shape[0]={y.shape[0]}."
        )
    if y.dtype != torch.int64:
        raise ValueError(f"{name} içindeki y sınıf numaraları (torch.int64) olmalı; verilen dtype: {y.dtype}.")
    return x, y


def _check_positive_int(value, name: str) -> None:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
        raise ValueError(f"{name} pozitif bir tamsayı olmalı; verilen: {value!r}.")


def _accepts_return_weights(model: nn.Module) -> bool:
    try:
        return "return_weights" in inspect.signature(model.forward).parameters
    except (TypeError, ValueError):  # pragma: no cover - çok nadir
        return False


def _sync(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def _current_temperature(model: nn.Module) -> Optional[float]:
    """Modeldeki ilk sabit sıcaklığı okur; paketin ``Temperature`` modülü yoksa ``temperature``
    özniteliği olan ilk alt modüle bakar; hiçbiri yoksa ``None``."""
    from .temperature import fixed_temperatures

    fixed = fixed_temperatures(model)
    if fixed:
        return float(fixed[0].temperature)
    for module in model.modules():
        t = getattr(module, "temperature", None)
        if t is None or callable(t):
            continue
        try:
            return float(t)
        except (TypeError, ValueError, RuntimeError):
            continue
    return None


def count_parameters(model: nn.Module, trainable_only: bool = True) -> int:
    """Modelin parametre sayısını döndürür.

    Args:
        model: Herhangi bir ``nn.Module``.
        trainable_only: ``True`` ise yalnızca ``requires_grad=True`` olan parametreler sayılır.

    Returns:
        Parametrelerin toplam eleman sayısı (int).

    Example:
        >>> count_parameters(nn.Linear(3, 2))
        8
    """
    return sum(p.numel() for p in model.parameters() if p.requires_grad or not trainable_only)


def routing_entropy(weights: Tensor, eps: float = 1e-12) -> Tensor:
    """Her örneğin yönlendirme dağılımının entropisini (nat cinsinden) hesaplar.

    ``H(a) = -Σ_k a_k log a_k``. K uzman için en büyük değer ``log K`` (tekdüze karışım),
    en küçük değer 0'dır (tek bir uzman seçilmiş, one-hot).

    Args:
        weights: Satır toplamları 1 olan yönlendirme ağırlıkları (softmaks çıktısı).
        eps: ``log 0`` olmasın diye eklenen küçük sayı.

    Shape:
        - weights: ``(B, K)``
        - çıktı: ``(B,)``

    Example:
        >>> routing_entropy(torch.full((2, 4), 0.25))
        tensor([1.3863, 1.3863])
    """
    if weights.dim() != 2:
        raise ValueError(f"weights (B, K) biçiminde iki boyutlu olmalı; verilen şekil: {tuple(weights.shape)}.")
    w = weights.float()
    return -(w * (w + eps).log()).sum(dim=1)


def _split_output(out):
    """Model çıktısını (logits, yönlendirme listesi) olarak ayırır."""
    if isinstance(out, (tuple, list)):
        logits, extra = out[0], out[1] if len(out) > 1 else None
        weights = []
        if isinstance(extra, Tensor):
            extra = [extra]
        if isinstance(extra, (list, tuple)):
            weights = [w for w in extra if isinstance(w, Tensor) and w.dim() == 2]
        return logits, weights
    return out, []


def _is_distribution(w: Tensor, tol: float = 1e-3) -> bool:
    return bool(((w.sum(dim=1) - 1).abs() < tol).all() and (w >= 0).all())


# ---------------------------------------------------------------------------
# Değerlendirme
# ---------------------------------------------------------------------------

@torch.no_grad()
def evaluate(
    model: nn.Module,
    data: Data,
    *,
    batch_size: int = 256,
    device: Union[str, torch.device, None] = None,
) -> float:
    """Modelin ``data = (x, y)`` üzerindeki doğruluğunu (0–1 arası) döndürür.

    Model değerlendirme kipine (``eval``) alınır, iş bitince önceki kipine geri döner.
    Model ``(logits, ...)`` biçiminde bir demet döndürüyorsa ilk eleman kullanılır.

    Args:
        model: Sınıflandırıcı; ``model(x)`` çıktısı ``(B, sınıf sayısı)`` logit olmalı.
        data: ``(x, y)`` demeti; ``y`` ``int64`` sınıf numaraları.
        batch_size: Değerlendirme minigrup (batch) boyutu.
        device: Hesabın yapılacağı aygıt; ``None`` ise modelin parametrelerinin aygıtı.

    Shape:
        - x: ``(N, ...)`` (ör. ``(N, 1, 16, 16)``), y: ``(N,)``

    Example:
        >>> from dynlayers import DynamicCNN
        >>> model = DynamicCNN(in_channels=1, widths=(8, 16, 32, 64))
        >>> x_test, y_test = torch.randn(8, 1, 16, 16), torch.randint(0, 10, (8,))
        >>> acc = evaluate(model, (x_test, y_test))
        >>> 0.0 <= acc <= 1.0
        True
    """
    x, y = _check_data(data, "data")
    _check_positive_int(batch_size, "batch_size")
    dev = _resolve_device(model, device)
    was_training = model.training
    model.eval()
    correct = 0
    try:
        for start in range(0, x.shape[0], batch_size):
            xb = x[start:start + batch_size].to(dev)
            yb = y[start:start + batch_size].to(dev)
            logits, _ = _split_output(model(xb))
            correct += int((logits.argmax(dim=1) == yb).sum())
    finally:
        model.train(was_training)
    return correct / x.shape[0]


@torch.no_grad()
def collect_routing(
    model: nn.Module,
    x: Tensor,
    *,
    batch_size: int = 256,
    device: Union[str, torch.device, None] = None,
) -> list[Tensor]:
    """Modelin her dinamik aşamasındaki yönlendirme ağırlıklarını tüm örnekler için toplar.

    Model ``forward(x, return_weights=True)`` çağrısına ``(logits, [a_1, a_2, ...])`` ile yanıt
    vermelidir (ör. ``dynlayers.DynamicCNN``). Model ``eval`` kipinde çalıştırılır.

    Args:
        model: ``return_weights`` destekleyen bir model.
        x: Girdi görüntüleri.
        batch_size: Minigrup boyutu.
        device: Hesap aygıtı; ``None`` ise modelin aygıtı.

    Returns:
        Aşama başına bir tensör içeren liste; tensörler CPU'dadır.

    Shape:
        - x: ``(N, C, H, W)``
        - her çıktı: ``(N, K)``

    Example:
        >>> from dynlayers import DynamicCNN
        >>> model = DynamicCNN(in_channels=1, widths=(8, 16, 32, 64))
        >>> stages = collect_routing(model, torch.randn(6, 1, 16, 16))
        >>> [tuple(a.shape) for a in stages]
        [(6, 4), (6, 4), (6, 4)]
    """
    if not _accepts_return_weights(model):
        raise ValueError(
            f"collect_routing, forward(x, return_weights=True) destekleyen bir model ister; "
            f"{type(model).__name__} bu argümanı almıyor."
        )
    _check_positive_int(batch_size, "batch_size")
    dev = _resolve_device(model, device)
    was_training = model.training
    model.eval()
    chunks: list[list[Tensor]] = []
    try:
        for start in range(0, x.shape[0], batch_size):
            _, weights = _split_output(model(x[start:start + batch_size].to(dev), return_weights=True))
            chunks.append([w.detach().float().cpu() for w in weights])
    finally:
        model.train(was_training)
    if not chunks or not chunks[0]:
        return []
    return [torch.cat([c[i] for c in chunks]) for i in range(len(chunks[0]))]


# ---------------------------------------------------------------------------
# Veri artırma
# ---------------------------------------------------------------------------

def random_shift(max_shift: float = 2.0) -> Callable[[Tensor], Tensor]:
    """Her örneği rastgele en çok ``max_shift`` piksel kaydıran bir veri artırma fonksiyonu döndürür.

    Kaydırma ``F.affine_grid`` + ``F.grid_sample`` ile, çift doğrusal aradeğerlemeyle ve sıfır
    dolguyla (standartlaştırılmış veride 0 ortalamaya karşılık gelir) yapılır. Rastgelelik
    PyTorch'un küresel üretecinden gelir; ``fit`` bunu ``seed`` ile sabitler.

    Args:
        max_shift: Her eksende en büyük kaydırma (piksel); 0 veya pozitif.

    Shape:
        - girdi ve çıktı: ``(B, C, H, W)``

    Example:
        >>> aug = random_shift(2.0)
        >>> aug(torch.zeros(4, 1, 16, 16)).shape
        torch.Size([4, 1, 16, 16])
    """
    if isinstance(max_shift, bool) or not isinstance(max_shift, numbers.Real) or max_shift < 0:
        raise ValueError(f"max_shift 0 veya pozitif bir sayı olmalı (piksel); verilen: {max_shift!r}.")

    def _shift(x: Tensor) -> Tensor:
        if max_shift == 0:
            return x
        b, _, h, w = x.shape
        shift = (torch.rand(b, 2, device=x.device) * 2 - 1) * max_shift  # piksel
        theta = torch.zeros(b, 2, 3, device=x.device, dtype=x.dtype)
        theta[:, 0, 0] = 1.0
        theta[:, 1, 1] = 1.0
        # affine_grid koordinatları [-1, 1]: bir piksel 2 / kenar uzunluğu demektir.
        theta[:, 0, 2] = shift[:, 0] * 2.0 / w
        theta[:, 1, 2] = shift[:, 1] * 2.0 / h
        grid = F.affine_grid(theta, list(x.shape), align_corners=False)
        return F.grid_sample(x, grid, mode="bilinear", padding_mode="zeros", align_corners=False)

    _shift.max_shift = max_shift  # type: ignore[attr-defined]
    return _shift


# ---------------------------------------------------------------------------
# Eğitim döngüsü
# ---------------------------------------------------------------------------

def fit(
    model: nn.Module,
    train: Data,
    test: Data,
    *,
    epochs: int,
    batch_size: int = 64,
    lr: float = 3e-3,
    weight_decay: float = 1e-4,
    device: Union[str, torch.device, None] = None,
    temperature_schedule: Optional[tuple[float, float]] = None,
    anneal_epochs: Optional[int] = None,
    seed: int = 0,
    augment: Optional[Callable[[Tensor], Tensor]] = None,
    track_routing: bool = True,
    verbose: bool = False,
) -> dict:
    """Bir sınıflandırıcıyı bellekteki ``(x, y)`` tensörleriyle eğitir ve dönem dönem geçmişi döndürür.

    Tarif (statik ve dinamik modeller için aynı):

    * kayıp: çapraz entropi; iyileştirici: ``torch.optim.AdamW(lr, weight_decay)``;
    * öğrenme oranı her adımda kosinüs eğrisiyle ``lr``'den 0'a iner;
    * her dönemde eğitim verisi ``seed``'den türeyen yerel bir üreteçle karıştırılır;
    * ``temperature_schedule=(start, end)`` verilirse ``dynlayers.TemperatureScheduler``
      modeldeki bütün sabit sıcaklıkları ilk ``anneal_epochs`` dönem boyunca (``None`` ise
      eğitimin tamamı boyunca) **her adımda doğrusal** olarak ``start``'tan ``end``'e indirir;
      sonra ``end``'de tutar. Eğitim bitince model ``end`` sıcaklığında kalır. DyConv makalesi
      T'yi 30'dan 1'e ilk 10 dönemde indirir; kısa eğitimlerde bütün eğitime yaymak daha uygundur.

    Belirlenimcilik (determinism): karıştırma yerel bir ``torch.Generator`` ile yapılır; dropout ve
    ``augment`` gibi küresel üreteci kullanan işlemler ``torch.random.fork_rng`` içinde ``seed`` ile
    sabitlenir, böylece çağıranın rastgele sayı durumu değişmez. Modelin ilklemesi (initialization)
    ``fit``'ten önce yapıldığı için onu çağıran ``torch.manual_seed`` ile sabitlemelidir.

    Args:
        model: Eğitilecek model; ``model(x)`` logit (ya da ilk elemanı logit olan demet) döndürmeli.
            Model ``device``'a taşınır.
        train: Eğitim verisi ``(x, y)``; ``y`` ``int64``.
        test: Test verisi ``(x, y)``; her dönem sonunda doğruluğu ölçülür.
        epochs: Dönem sayısı (pozitif tamsayı).
        batch_size: Eğitim minigrup boyutu.
        lr: Başlangıç öğrenme oranı (pozitif).
        weight_decay: AdamW ağırlık çürümesi (0 veya pozitif).
        device: Aygıt (ör. ``"cuda"``); ``None`` ise modelin bulunduğu aygıt.
        temperature_schedule: ``(start, end)`` sıcaklık tavlaması ya da ``None`` (sıcaklığa dokunulmaz).
        anneal_epochs: Tavlamanın süreceği dönem sayısı, ``1..epochs``; ``None`` ise ``epochs``.
        seed: Karıştırma, dropout ve veri artırmayı belirleyen tohum.
        augment: Eğitim minigruplarına (aygıt üzerinde) uygulanacak ``x -> x`` fonksiyonu,
            ör. ``random_shift(2)``; ``None`` ise artırma yok.
        track_routing: ``True`` ve model ``return_weights`` destekliyorsa her dönem sonunda test
            kümesinde aşama başına ortalama yönlendirme entropisi kaydedilir.
        verbose: ``True`` ise her dönemin özetini yazdırır.

    Returns:
        dict: Geçmiş sözlüğü; her liste dönem başına bir eleman içerir:

        * ``"train_loss"``: eğitim kaybının dönem ortalaması;
        * ``"train_acc"``: eğitim sırasında (train kipinde, ağırlıklar değişirken) ölçülen doğruluk;
        * ``"test_acc"``: dönem sonunda test doğruluğu (eval kipinde);
        * ``"epoch_time"``: yalnızca eğitim adımlarının süresi (saniye; değerlendirme hariç);
        * ``"eval_time"``: dönem sonu değerlendirmesinin süresi (saniye);
        * ``"temperature"``: dönem sonundaki sıcaklık (modelde sıcaklık yoksa ``None``);
        * ``"lr"``: dönem sonundaki öğrenme oranı;
        * ``"routing_entropy"``: dönem başına, aşama başına ortalama entropi (nat) listesi;
          model desteklemiyorsa boş listeler;
        * ``"params"`` (int), ``"device"`` (str), ``"total_time"`` (saniye, float).

    Shape:
        - train[0]: ``(N, C, H, W)``, train[1]: ``(N,)``; test aynı biçimde.

    Example:
        >>> from dynlayers import DynamicCNN
        >>> from dynlayers.datasets import load_digits_tensors
        >>> x_tr, y_tr, x_te, y_te = load_digits_tensors(size=16)
        >>> _ = torch.manual_seed(0)
        >>> model = DynamicCNN(in_channels=1, widths=(8, 16, 32, 64))
        >>> hist = fit(model, (x_tr[:256], y_tr[:256]), (x_te[:128], y_te[:128]), epochs=2,
        ...            temperature_schedule=(30.0, 1.0))
        >>> len(hist["test_acc"])
        2
    """
    x_train, y_train = _check_data(train, "train")
    x_test, y_test = _check_data(test, "test")
    _check_positive_int(epochs, "epochs")
    _check_positive_int(batch_size, "batch_size")
    if isinstance(lr, bool) or not isinstance(lr, numbers.Real) or not (lr > 0 and math.isfinite(lr)):
        raise ValueError(f"lr pozitif, sonlu bir sayı olmalı; verilen: {lr!r}.")
    if isinstance(weight_decay, bool) or not isinstance(weight_decay, numbers.Real) or not (
        weight_decay >= 0 and math.isfinite(weight_decay)
    ):
        raise ValueError(f"weight_decay 0 veya pozitif bir sayı olmalı; verilen: {weight_decay!r}.")
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0:
        raise ValueError(f"seed negatif olmayan bir tamsayı olmalı; verilen: {seed!r}.")
    if temperature_schedule is not None:
        ok = (
            isinstance(temperature_schedule, (tuple, list))
            and len(temperature_schedule) == 2
            and all(
                isinstance(t, numbers.Real) and not isinstance(t, bool) and t > 0 and math.isfinite(t)
                for t in temperature_schedule
            )
        )
        if not ok:
            raise ValueError(
                "temperature_schedule iki pozitif sayıdan oluşan (start, end) demeti ya da None olmalı; "
                f"verilen: {temperature_schedule!r}."
            )
    if anneal_epochs is not None:
        if temperature_schedule is None:
            raise ValueError(
                f"anneal_epochs={anneal_epochs!r} verildi ama temperature_schedule None; "
                "tavlama süresi yalnızca bir (start, end) tavlamasıyla birlikte anlamlıdır."
            )
        if isinstance(anneal_epochs, bool) or not isinstance(anneal_epochs, numbers.Integral) or not 1 <= anneal_epochs <= epochs:
            raise ValueError(
                f"anneal_epochs 1 ile epochs={epochs} arasında bir tamsayı ya da None olmalı; "
                f"verilen: {anneal_epochs!r}."
            )
    if augment is not None and not callable(augment):
        raise ValueError(f"augment x -> x biçiminde çağrılabilir bir fonksiyon ya da None olmalı; verilen: {augment!r}.")

    dev = _resolve_device(model, device)
    model.to(dev)
    x_test_dev, y_test_dev = x_test.to(dev), y_test.to(dev)
    n = x_train.shape[0]
    steps_per_epoch = math.ceil(n / batch_size)
    total_steps = epochs * steps_per_epoch

    optimizer = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=weight_decay)
    scheduler_lr = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: 0.5 * (1.0 + math.cos(math.pi * min(step, total_steps) / total_steps))
    )
    temp_scheduler = None
    if temperature_schedule is not None:
        from .temperature import TemperatureScheduler  # paketin kendi tavlama sınıfı

        anneal_steps = (anneal_epochs if anneal_epochs is not None else epochs) * steps_per_epoch
        temp_scheduler = TemperatureScheduler(
            model,
            start=float(temperature_schedule[0]),
            end=float(temperature_schedule[1]),
            total_steps=anneal_steps,
        )

    track = track_routing and _accepts_return_weights(model)
    history: dict = {
        "train_loss": [],
        "train_acc": [],
        "test_acc": [],
        "epoch_time": [],
        "eval_time": [],
        "temperature": [],
        "lr": [],
        "routing_entropy": [],
        "params": count_parameters(model),
        "device": str(dev),
    }
    generator = torch.Generator().manual_seed(int(seed))
    fork_devices = [dev.index if dev.index is not None else torch.cuda.current_device()] if dev.type == "cuda" else []
    t_start = time.perf_counter()

    with torch.random.fork_rng(devices=fork_devices):
        torch.manual_seed(int(seed))
        for epoch in range(epochs):
            model.train()
            order = torch.randperm(n, generator=generator)
            loss_sum, correct = 0.0, 0
            _sync(dev)
            t0 = time.perf_counter()
            for step in range(steps_per_epoch):
                idx = order[step * batch_size:(step + 1) * batch_size]
                xb = x_train[idx].to(dev, non_blocking=True)
                yb = y_train[idx].to(dev, non_blocking=True)
                if augment is not None:
                    xb = augment(xb)
                logits, _ = _split_output(model(xb))
                loss = F.cross_entropy(logits, yb)
                optimizer.zero_grad(set_to_none=True)
                loss.backward()
                optimizer.step()
                scheduler_lr.step()
                if temp_scheduler is not None:
                    temp_scheduler.step()
                loss_sum += float(loss.detach()) * yb.shape[0]
                correct += int((logits.detach().argmax(dim=1) == yb).sum())
            _sync(dev)
            history["epoch_time"].append(time.perf_counter() - t0)
            history["train_loss"].append(loss_sum / n)
            history["train_acc"].append(correct / n)

            t1 = time.perf_counter()
            history["test_acc"].append(evaluate(model, (x_test_dev, y_test_dev), device=dev))
            if track:
                stages = collect_routing(model, x_test_dev, device=dev)
                history["routing_entropy"].append(
                    [float(routing_entropy(a).mean()) if _is_distribution(a) else float("nan") for a in stages]
                )
            else:
                history["routing_entropy"].append([])
            _sync(dev)
            history["eval_time"].append(time.perf_counter() - t1)
            history["temperature"].append(_current_temperature(model))
            history["lr"].append(optimizer.param_groups[0]["lr"])
            if verbose:
                temp = history["temperature"][-1]
                temp_txt = f"  T={temp:.2f}" if temp is not None else ""
                print(
                    f"dönem {epoch + 1}/{epochs}  kayıp={history['train_loss'][-1]:.4f}  "
                    f"eğitim doğr.={history['train_acc'][-1]:.3f}  test doğr.={history['test_acc'][-1]:.3f}"
                    f"{temp_txt}  süre={history['epoch_time'][-1]:.2f} s"
                )
    history["total_time"] = time.perf_counter() - t_start
    return history
