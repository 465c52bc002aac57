"""dynlayers.datasets ve dynlayers.training için hızlı birim testleri."""

from __future__ import annotations

import math

import pytest
import torch
import torch.nn as nn

from dynlayers import training
from dynlayers.training import (
    collect_routing,
    count_parameters,
    evaluate,
    fit,
    random_shift,
    routing_entropy,
)


# ---------------------------------------------------------------------------
# Yardımcı modeller ve veri
# ---------------------------------------------------------------------------

def _toy_data(n: int = 96, seed: int = 0):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(n, 1, 8, 8, generator=g)
    y = (x.mean(dim=(1, 2, 3)) > 0).long()  # öğrenilebilir basit bir kural
    return x, y


class _RoutedToy(nn.Module):
    """return_weights destekleyen, sıcaklıklı küçük bir model (paketten bağımsız)."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 4, 3, padding=1)
        self.router = nn.Linear(4, 3)
        self.temperature = 1.0
        self.head = nn.Linear(4, 2)

    def forward(self, x, return_weights: bool = False):
        h = torch.relu(self.conv(x)).mean((2, 3))
        a = torch.softmax(self.router(h) / self.temperature, dim=1)
        logits = self.head(h)
        return (logits, [a, a.flip(1)]) if return_weights else logits


def _plain_model():
    return nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.Flatten(), nn.Linear(4 * 64, 2))


# ---------------------------------------------------------------------------
# datasets
# ---------------------------------------------------------------------------

def test_load_digits_tensors_shapes_split_and_standardisation():
    pytest.importorskip("sklearn")
    from dynlayers.datasets import load_digits_tensors

    x_tr, y_tr, x_te, y_te = load_digits_tensors(size=16, test_fraction=0.25, seed=0)
    assert x_tr.shape[1:] == (1, 16, 16) and x_te.shape[1:] == (1, 16, 16)
    assert x_tr.dtype == torch.float32 and y_tr.dtype == torch.int64
    assert x_tr.shape[0] + x_te.shape[0] == 1797
    # katmanlı bölme: her sınıfın test oranı 0.25'e yakın
    for c in range(10):
        n_c = int((y_tr == c).sum() + (y_te == c).sum())
        assert abs(int((y_te == c).sum()) - 0.25 * n_c) <= 1
    # eğitim istatistikleriyle standartlaştırma
    assert abs(float(x_tr.mean())) < 1e-4 and abs(float(x_tr.std()) - 1) < 1e-4
    # determinizm ve tohumun etkisi
    again = load_digits_tensors(size=16, test_fraction=0.25, seed=0)
    assert torch.equal(again.x_train, x_tr) and torch.equal(again.y_test, y_te)
    other = load_digits_tensors(size=8, seed=1)
    assert other.x_train.shape[1:] == (1, 8, 8)
    assert not torch.equal(other.y_train[:50], y_tr[:50])


@pytest.mark.parametrize(
    "kwargs, name",
    [
        ({"size": 4}, "size"),
        ({"size": 16.0}, "size"),
        ({"test_fraction": 0.0}, "test_fraction"),
        ({"test_fraction": 1.5}, "test_fraction"),
        ({"seed": -1}, "seed"),
    ],
)
def test_load_digits_tensors_rejects_bad_arguments(kwargs, name):
    from dynlayers.datasets import load_digits_tensors

    with pytest.raises(ValueError, match=name):
        load_digits_tensors(**kwargs)


def test_load_domain_digits_assigns_balanced_domains_and_applies_them():
    pytest.importorskip("sklearn")
    from dynlayers.datasets import DOMAIN_LABELS, DOMAINS, load_digits_tensors, load_domain_digits

    assert set(DOMAIN_LABELS) == set(DOMAINS)
    data = load_domain_digits(size=16, domains=("normal", "inverted", "low_contrast"), seed=0)
    plain = load_digits_tensors(size=16, seed=0)
    # aynı katmanlı bölme, aynı sıra: etiketler load_digits_tensors ile aynı
    assert torch.equal(data.y_train, plain.y_train) and torch.equal(data.y_test, plain.y_test)
    assert data.domains == ("normal", "inverted", "low_contrast")
    for d in (data.domain_train, data.domain_test):
        counts = torch.bincount(d, minlength=3)
        assert d.dtype == torch.int64 and int(counts.max() - counts.min()) <= 1
    # ortak standartlaştırma: eğitim kümesinin tamamı 0 ortalamalı, 1 std'li
    assert abs(float(data.x_train.mean())) < 1e-4 and abs(float(data.x_train.std()) - 1) < 1e-4
    # her alanın dönüşümü: aynı ölçekte, özgün rakamdan doğrusal olarak türetilmiş
    for k, name in enumerate(data.domains):
        m = data.domain_train == k
        xs, rs = data.x_train[m].flatten(1), plain.x_train[m].flatten(1)
        corr = torch.corrcoef(torch.stack([xs[0], rs[0]]))[0, 1]
        assert (corr > 0.999) if name != "inverted" else (corr < -0.999), name
    # ters rakamların zemini açık, normal rakamlarınki koyu: küresel ortalama alanı ayırır
    mean_of = {n: float(data.x_train[data.domain_train == k].mean()) for k, n in enumerate(data.domains)}
    assert mean_of["inverted"] > mean_of["low_contrast"] > mean_of["normal"]
    again = load_domain_digits(size=16, seed=0)
    assert torch.equal(again.x_test, data.x_test) and torch.equal(again.domain_test, data.domain_test)
    other = load_domain_digits(size=16, seed=1)
    assert not torch.equal(other.domain_train[:100], data.domain_train[:100])


def test_mirrored_domain_keeps_every_pixel_mean():
    pytest.importorskip("sklearn")
    from dynlayers.datasets import apply_domain, load_domain_digits

    data = load_domain_digits(size=16, domains=("normal", "mirrored"), seed=0)
    x = torch.rand(3, 2, 5, 7)
    assert torch.equal(apply_domain(x, "mirrored"), x.flip(-1))
    assert torch.allclose(apply_domain(x, "mirrored").mean((2, 3)), x.mean((2, 3)))
    assert torch.allclose(apply_domain(x, "inverted"), 1 - x)
    assert torch.allclose(apply_domain(x, "low_contrast", 0.5), 0.5 + 0.5 * (x - 0.5))
    assert torch.equal(apply_domain(x, "normal"), x) and apply_domain(x, "normal") is not x
    normal = data.x_train[data.domain_train == 0].mean()
    mirrored = data.x_train[data.domain_train == 1].mean()
    assert abs(float(normal - mirrored)) < 0.05  # aynı dağılım, yalnızca ayna


@pytest.mark.parametrize(
    "kwargs, name",
    [
        ({"domains": ("normal", "rotated")}, "domains"),
        ({"domains": ()}, "domains"),
        ({"domains": "normal"}, "domains"),
        ({"domains": ("normal", "normal")}, "domains"),
        ({"contrast": 0.0}, "contrast"),
        ({"contrast": 1.0}, "contrast"),
        ({"size": 7}, "size"),
        ({"seed": 1.5}, "seed"),
        ({"test_fraction": 1.0}, "test_fraction"),
    ],
)
def test_load_domain_digits_rejects_bad_arguments(kwargs, name):
    from dynlayers.datasets import load_domain_digits

    with pytest.raises(ValueError, match=name):
        load_domain_digits(**kwargs)


@pytest.mark.parametrize(
    "args, name",
    [((torch.zeros(2, 2), "flipped"), "domain"), (("x", "normal"), "images"),
     ((torch.zeros(1, 1, 2, 2), "low_contrast", 2.0), "contrast")],
)
def test_apply_domain_rejects_bad_arguments(args, name):
    from dynlayers.datasets import apply_domain

    with pytest.raises(ValueError, match=name):
        apply_domain(*args)


# ---------------------------------------------------------------------------
# training
# ---------------------------------------------------------------------------

def test_count_parameters_and_entropy():
    assert count_parameters(nn.Linear(3, 2)) == 8
    frozen = nn.Linear(3, 2)
    frozen.bias.requires_grad_(False)
    assert count_parameters(frozen) == 6 and count_parameters(frozen, trainable_only=False) == 8
    h = routing_entropy(torch.tensor([[0.25, 0.25, 0.25, 0.25], [1.0, 0.0, 0.0, 0.0]]))
    assert torch.allclose(h, torch.tensor([math.log(4), 0.0]), atol=1e-6)
    with pytest.raises(ValueError, match="weights"):
        routing_entropy(torch.ones(4))


def test_fit_history_learns_and_is_deterministic():
    x, y = _toy_data()
    torch.manual_seed(0)
    model = _plain_model()
    state = {k: v.clone() for k, v in model.state_dict().items()}
    rng_before = torch.get_rng_state()
    hist = fit(model, (x, y), (x, y), epochs=4, batch_size=16, lr=1e-2, seed=3)
    assert torch.equal(torch.get_rng_state(), rng_before)  # çağıranın üreteci değişmez
    for key in ("train_loss", "train_acc", "test_acc", "epoch_time", "eval_time", "temperature", "lr"):
        assert len(hist[key]) == 4, key
    assert hist["routing_entropy"] == [[], [], [], []]
    assert hist["temperature"] == [None] * 4
    assert hist["params"] == count_parameters(model)
    assert hist["train_loss"][-1] < hist["train_loss"][0]
    assert hist["test_acc"][-1] > 0.8
    assert hist["lr"][-1] == pytest.approx(0.0, abs=1e-12)  # kosinüs sıfırda biter

    again = _plain_model()
    again.load_state_dict(state)
    hist2 = fit(again, (x, y), (x, y), epochs=4, batch_size=16, lr=1e-2, seed=3)
    assert hist2["train_loss"] == hist["train_loss"]
    assert evaluate(again, (x, y)) == pytest.approx(evaluate(model, (x, y)))


def test_fit_tracks_routing_entropy_and_collect_routing():
    x, y = _toy_data(64)
    torch.manual_seed(0)
    model = _RoutedToy()
    hist = fit(model, (x, y), (x, y), epochs=2, batch_size=32, augment=random_shift(1.0))
    assert len(hist["routing_entropy"]) == 2
    assert all(len(e) == 2 for e in hist["routing_entropy"])
    assert all(0.0 <= v <= math.log(3) + 1e-6 for e in hist["routing_entropy"] for v in e)
    assert hist["temperature"] == [1.0, 1.0]
    stages = collect_routing(model, x, batch_size=20)
    assert [a.shape for a in stages] == [(64, 3), (64, 3)]
    assert torch.allclose(stages[0].sum(1), torch.ones(64), atol=1e-5)
    assert model.training  # collect_routing kipi geri yükler
    with pytest.raises(ValueError, match="return_weights"):
        collect_routing(_plain_model(), x)


def test_evaluate_restores_mode_and_handles_tuples():
    x, y = _toy_data(40)
    model = _RoutedToy().eval()
    acc = evaluate(model, (x, y), batch_size=7)
    assert 0.0 <= acc <= 1.0 and not model.training


def test_random_shift_moves_pixels_and_keeps_shape():
    torch.manual_seed(0)
    x = torch.zeros(3, 1, 9, 9)
    x[:, :, 4, 4] = 1.0
    out = random_shift(2.0)(x)
    assert out.shape == x.shape
    assert random_shift(0)(x) is x
    with pytest.raises(ValueError, match="max_shift"):
        random_shift(-1)


@pytest.mark.parametrize(
    "kwargs, name",
    [
        ({"epochs": 0}, "epochs"),
        ({"epochs": 1, "batch_size": 0}, "batch_size"),
        ({"epochs": 1, "lr": 0.0}, "lr"),
        ({"epochs": 1, "weight_decay": -1.0}, "weight_decay"),
        ({"epochs": 1, "temperature_schedule": (30.0,)}, "temperature_schedule"),
        ({"epochs": 1, "temperature_schedule": (30.0, -1.0)}, "temperature_schedule"),
        ({"epochs": 2, "temperature_schedule": (30.0, 1.0), "anneal_epochs": 3}, "anneal_epochs"),
        ({"epochs": 2, "anneal_epochs": 1}, "anneal_epochs"),
        ({"epochs": 1, "seed": -2}, "seed"),
        ({"epochs": 1, "augment": 3}, "augment"),
    ],
)
def test_fit_rejects_bad_arguments(kwargs, name):
    x, y = _toy_data(16)
    with pytest.raises(ValueError, match=name):
        fit(_plain_model(), (x, y), (x, y), **kwargs)


def test_fit_rejects_bad_data():
    x, y = _toy_data(16)
    with pytest.raises(ValueError, match="train"):
        fit(_plain_model(), (x, y[:3]), (x, y), epochs=1)
    with pytest.raises(ValueError, match="test"):
        fit(_plain_model(), (x, y), (x, y.float()), epochs=1)
    with pytest.raises(ValueError, match="train"):
        fit(_plain_model(), x, (x, y), epochs=1)


def test_fit_anneals_temperature_with_package_scheduler():
    """TemperatureScheduler ile tavlama: ilk anneal_epochs dönemde start -> end, sonra sabit."""
    from dynlayers import DynamicCNN

    x = torch.randn(32, 1, 8, 8)
    y = torch.arange(32) % 10
    torch.manual_seed(0)
    model = DynamicCNN(in_channels=1, num_classes=10, num_experts=4, widths=(4, 8, 8, 8))
    hist = fit(
        model, (x, y), (x, y), epochs=3, batch_size=16, temperature_schedule=(30.0, 1.0), anneal_epochs=2
    )
    temps = hist["temperature"]
    assert temps[0] == pytest.approx(15.5, abs=1e-4)  # 2 adım / 4 adım: yolun yarısı
    assert temps[1] == pytest.approx(1.0) and temps[2] == pytest.approx(1.0)
    assert len(hist["routing_entropy"][0]) == 3
    assert all(0.0 <= v <= math.log(4) + 1e-5 for e in hist["routing_entropy"] for v in e)
    assert training.evaluate(model, (x, y)) >= 0.0
