"""Sıcaklık (temperature): sabit ya da öğrenilebilir değer, ve tavlama (annealing) takvimi.

Paketteki her katman sıcaklığını tek bir yerden, :class:`Temperature` modülünden alır:

* sabit sıcaklık bir tampondur (``register_buffer``): ``state_dict`` ile kaydedilir, eniyileyici
  (optimizer) onu değiştirmez, ``torch.compile`` değer değişince yeniden derlemez;
* öğrenilebilir sıcaklık ``T = softplus(raw) + eps`` biçiminde bir parametredir; ``raw`` ters
  softplus ile ilklenir, böylece başlangıçta T tam istenen değerdir. Hesap her zaman en az float32
  duyarlıkta yapılır: float16'da ``softplus(-20)`` tam sıfırdır ve T sıfıra inip NaN üretebilirdi.

Tavlama: DyConv (Chen ve ark., CVPR 2020) yönlendirme sıcaklığını eğitimin başında 30'dan 1'e
indirir; :class:`TemperatureScheduler` bunu her adımda doğrusal olarak yapar.

Herkese açık adlar: :class:`Temperature`, :func:`inverse_softplus`, :func:`linear_temperature`,
:func:`set_temperature`, :func:`fixed_temperatures`, :class:`TemperatureScheduler`.
"""

from __future__ import annotations

import math
from typing import Any, Dict, Iterable, Iterator, List, Union

import torch
import torch.nn as nn
import torch.nn.functional as F

from ._validation import check_bool, check_positive_float, check_positive_int, check_temperature

__all__ = [
    "Temperature",
    "TemperatureMixin",
    "TemperatureScheduler",
    "fixed_temperatures",
    "inverse_softplus",
    "linear_temperature",
    "set_temperature",
]


def inverse_softplus(y: float) -> float:
    """``softplus(x) = y`` denkleminin çözümü: ``x = y + log(-expm1(-y))``.

    Bu yazım büyük ``y`` için de kararlıdır (``log(exp(y) - 1)`` ise ``y > 88`` olduğunda float32'de
    taşar).

    Args:
        y: Sıfırdan büyük hedef değer.

    Example:
        >>> round(float(torch.nn.functional.softplus(torch.tensor(inverse_softplus(2.0)))), 6)
        2.0
    """
    y = check_positive_float("y", y)
    return y + math.log(-math.expm1(-y))


def _compute_dtype(t: torch.Tensor) -> torch.dtype:
    """Kapı ve softmaks aritmetiği için dtype: float16/bfloat16 ise float32, değilse kendisi."""
    return torch.float32 if t.dtype in (torch.float16, torch.bfloat16) else t.dtype


class Temperature(nn.Module):
    r"""Bir katmanın sıcaklığı T: sabit (tampon) ya da öğrenilebilir (softplus parametresi).

    Öğrenilebilir durumda ``T = softplus(raw) + eps`` olur; ``raw`` ters softplus ile ilklenir ve
    başlangıçta ``T`` tam olarak ``temperature`` değerine eşittir. ``raw`` −20'ye de +20'ye de
    sürülse, float16/bfloat16'da da T ≥ eps > 0 kalır, çünkü hesap float32'de yapılır.

    Çok küçük sıcaklıklar tek-sıcak (one-hot) sınırına yuvarlanmaz, reddedilir: ``temperature`` ve
    ``eps`` 1e-8 ile 1e8 arasında olmalıdır (sınırlar dahil). T = 1e-39 gibi bir değer float32'nin
    normal sayı aralığının altındadır; ``logit / T`` taşar ve softmaks NaN verir. T = 1e-8'de taşma için
    ``|logit| > 3·10³⁰`` gerekir, yani en keskin izinli sıcaklık pratikte tek-sıcak seçimdir.

    Args:
        temperature: Başlangıç sıcaklığı, 1e-8 ≤ T ≤ 1e8 (öğrenilebilirse T > eps).
        learnable: True ise T eğitimle öğrenilir.
        eps: Öğrenilebilir T'nin alt sınırı, 1e-8 ≤ eps ≤ 1e8.

    Raises:
        ValueError: ``temperature`` ya da ``eps`` aralığın dışındaysa ya da sayı değilse;
            öğrenilebilir sıcaklıkta ``temperature ≤ eps`` ise.

    Shape:
        - Çıktı: skaler (0 boyutlu) tensör, en az float32.

    Example:
        >>> t = Temperature(2.0, learnable=True)
        >>> round(t.temperature, 5)
        2.0
    """

    def __init__(self, temperature: float = 1.0, learnable: bool = False, eps: float = 1e-6) -> None:
        super().__init__()
        temperature = check_temperature("temperature", temperature)
        self.learnable = check_bool("learnable_temperature", learnable)
        self.eps = check_temperature("eps", eps)
        if self.learnable:
            if temperature <= self.eps:
                raise ValueError(
                    f"öğrenilebilir sıcaklıkta temperature, eps değerinden ({self.eps}) büyük olmalı; "
                    f"verilen: {temperature!r}."
                )
            self.raw = nn.Parameter(torch.tensor(inverse_softplus(temperature - self.eps)))
        else:
            self.register_buffer("value", torch.tensor(temperature, dtype=torch.float32))

    def _apply(self, fn, recurse=True):  # type: ignore[override]
        # .half()/.to(dtype) bütün kayan noktalı tamponları çevirir; sabit sıcaklık float32 kalır,
        # yalnızca aygıtı (ve bellek biçimi gibi diğer özellikleri) değişir.
        value = self._buffers.get("value")
        result = super()._apply(fn, recurse)
        if value is not None:
            moved = self._buffers["value"]
            if moved.dtype != torch.float32:
                self._buffers["value"] = value.to(device=moved.device, dtype=torch.float32)
        return result

    def forward(self) -> torch.Tensor:
        if self.learnable:
            raw = self.raw.to(_compute_dtype(self.raw))
            return F.softplus(raw) + self.eps
        return self.value.to(_compute_dtype(self.value))

    @property
    def temperature(self) -> float:
        """Şu anki sıcaklık (Python sayısı)."""
        return float(self.forward().detach())

    def set(self, temperature: float) -> None:
        """Sıcaklığı ``temperature`` yapar.

        Sabit sıcaklıkta tamponu yazar. Öğrenilebilir sıcaklıkta ``raw`` parametresini yeniden
        ilkler (ters softplus ile), yani öğrenilmiş değer silinir; eniyileyicinin bu parametre için
        tuttuğu durum (ör. Adam momentumu) olduğu gibi kalır.
        """
        temperature = check_temperature("temperature", temperature)
        with torch.no_grad():
            if self.learnable:
                if temperature <= self.eps:
                    raise ValueError(
                        f"öğrenilebilir sıcaklıkta temperature, eps değerinden ({self.eps}) büyük "
                        f"olmalı; verilen: {temperature!r}."
                    )
                self.raw.fill_(inverse_softplus(temperature - self.eps))
            else:
                self.value.fill_(temperature)

    def extra_repr(self) -> str:
        kind = f"learnable=True, eps={self.eps:g}" if self.learnable else "learnable=False"
        return f"temperature={self.temperature:.4g}, {kind}"


def fixed_temperatures(model: Union[nn.Module, Iterable[nn.Module]]) -> List[Temperature]:
    """``model`` içindeki (ya da verilen modüllerin içindeki) bütün sabit sıcaklıklar.

    Args:
        model: Bir modül ya da modüller listesi.

    Example:
        >>> from dynlayers import CBAMBlock
        >>> len(fixed_temperatures(CBAMBlock(16)))  # kanal ve uzamsal maske sıcaklıkları
        2
    """
    modules = [model] if isinstance(model, nn.Module) else list(model)
    found: List[Temperature] = []
    for module in modules:
        for m in module.modules():
            if isinstance(m, Temperature) and not m.learnable and all(m is not f for f in found):
                found.append(m)
    return found


def set_temperature(model: Union[nn.Module, Iterable[nn.Module]], temperature: float) -> int:
    """``model`` içindeki her sabit sıcaklığı ``temperature`` yapar; kaç tane olduğunu döndürür.

    Öğrenilebilir sıcaklıklara dokunmaz.

    Args:
        model: Bir modül ya da modüller listesi.
        temperature: Yeni sıcaklık, 1e-8 ≤ T ≤ 1e8.

    Example:
        >>> from dynlayers import DynamicCNN
        >>> set_temperature(DynamicCNN(), 5.0)
        3
    """
    temperature = check_temperature("temperature", temperature)
    targets = fixed_temperatures(model)
    for t in targets:
        t.set(temperature)
    return len(targets)


def linear_temperature(step: int, total_steps: int, start: float = 30.0, end: float = 1.0) -> float:
    """Doğrusal tavlama: ``step = 0`` iken ``start``, ``step ≥ total_steps`` iken ``end``.

    Args:
        step: Adım numarası (0'dan başlar), ≥ 0.
        total_steps: Tavlamanın sürdüğü adım sayısı, ≥ 1.
        start: Başlangıç sıcaklığı, 1e-8 ≤ start ≤ 1e8.
        end: Bitiş sıcaklığı, 1e-8 ≤ end ≤ 1e8.

    Example:
        >>> linear_temperature(5, 10)
        15.5
    """
    step = check_positive_int("step", step, minimum=0)
    total_steps = check_positive_int("total_steps", total_steps)
    start = check_temperature("start", start)
    end = check_temperature("end", end)
    frac = min(step, total_steps) / total_steps
    return start + (end - start) * frac


class TemperatureScheduler:
    """Bir modeldeki bütün sabit sıcaklıkları her adımda doğrusal olarak tavlar (DyConv, ODConv).

    Kurulurken sıcaklığı ``start`` yapar. Her :meth:`step` çağrısı bir adım ilerler ve yeni
    sıcaklığı modeldeki her sabit :class:`Temperature` modülüne yazar; ``total_steps`` adımdan sonra
    sıcaklık ``end`` değerinde kalır. Öğrenilebilir sıcaklıklara dokunulmaz. Yalnızca bazı
    katmanları tavlamak için ``model`` yerine o modüllerin listesi verilebilir (ör. bir CBAM
    bloğunun maske sıcaklığı tavlanmasın diye yalnızca dinamik evrişimler).

    Args:
        model: Bir modül ya da modüller listesi.
        start: Başlangıç sıcaklığı (DyConv: 30).
        end: Bitiş sıcaklığı (DyConv: 1).
        total_steps: Tavlamanın sürdüğü adım sayısı (DyConv: ilk 10 dönemin adımları).

    Example:
        >>> from dynlayers import DynamicCNN
        >>> model = DynamicCNN()
        >>> sched = TemperatureScheduler(model, total_steps=100)
        >>> for _ in range(50):  # eğitim döngüsünde her eniyileme adımından sonra
        ...     T = sched.step()
        >>> T
        15.5
    """

    def __init__(
        self,
        model: Union[nn.Module, Iterable[nn.Module]],
        start: float = 30.0,
        end: float = 1.0,
        total_steps: int = 1000,
    ) -> None:
        self.start = check_temperature("start", start)
        self.end = check_temperature("end", end)
        self.total_steps = check_positive_int("total_steps", total_steps)
        self._targets = fixed_temperatures(model)
        if not self._targets:
            raise ValueError("model içinde sabit sıcaklıklı bir modül yok; tavlanacak bir şey bulunamadı.")
        self.last_step = 0
        self._apply()

    def temperature_at(self, step: int) -> float:
        """``step`` adımındaki sıcaklık."""
        return linear_temperature(step, self.total_steps, self.start, self.end)

    @property
    def temperature(self) -> float:
        """Şu anki sıcaklık."""
        return self.temperature_at(self.last_step)

    def _apply(self) -> None:
        value = self.temperature
        for t in self._targets:
            t.set(value)

    def step(self) -> float:
        """Bir adım ilerler, sıcaklığı modele yazar ve yeni sıcaklığı döndürür."""
        self.last_step += 1
        self._apply()
        return self.temperature

    def state_dict(self) -> Dict[str, Any]:
        return {"start": self.start, "end": self.end, "total_steps": self.total_steps, "last_step": self.last_step}

    def load_state_dict(self, state: Dict[str, Any]) -> None:
        self.start = check_temperature("start", state["start"])
        self.end = check_temperature("end", state["end"])
        self.total_steps = check_positive_int("total_steps", state["total_steps"])
        self.last_step = check_positive_int("last_step", state["last_step"], minimum=0)
        self._apply()

    def __iter__(self) -> Iterator[Temperature]:
        return iter(self._targets)

    def __repr__(self) -> str:
        return (
            f"TemperatureScheduler(start={self.start:g}, end={self.end:g}, total_steps={self.total_steps}, "
            f"last_step={self.last_step}, modules={len(self._targets)})"
        )


class TemperatureMixin:
    """``temperature``, ``learnable_temperature`` ve ``set_temperature`` sağlayan karışım sınıfı.

    Sınıf, sıcaklık modülünü ``_temperature_module()`` ile gösterir (varsayılan: ``self.temp``).

    Example:
        >>> from dynlayers import DynamicSpatialAttention
        >>> sa = DynamicSpatialAttention(temperature=2.0)
        >>> sa.set_temperature(0.5)
        >>> sa.temperature, sa.learnable_temperature
        (0.5, False)
    """

    def _temperature_module(self) -> Temperature:
        return self.temp  # type: ignore[attr-defined,no-any-return]

    @property
    def temperature(self) -> float:
        """Şu anki sıcaklık T (öğrenilebilirse ``softplus(raw) + eps``)."""
        return self._temperature_module().temperature

    @property
    def learnable_temperature(self) -> bool:
        """Sıcaklık öğrenilebilir mi?"""
        return self._temperature_module().learnable

    def set_temperature(self, temperature: float) -> None:
        """Sıcaklığı değiştirir; T > 0. Öğrenilebilir sıcaklıkta ham parametre yeniden ilklenir
        (öğrenilmiş değer silinir), bkz. :meth:`Temperature.set`."""
        self._temperature_module().set(temperature)
