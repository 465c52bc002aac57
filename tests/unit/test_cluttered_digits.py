"""dynlayers.datasets.load_cluttered_digits: şekiller, belirlenimcilik, kutular ve hatalar."""

from __future__ import annotations

import pytest
import torch

pytest.importorskip("sklearn")

from dynlayers.datasets import ClutteredDigits, load_cluttered_digits  # noqa: E402


@pytest.fixture(scope="module")
def default_data():
    return load_cluttered_digits()


def test_shapes_dtypes_and_range(default_data):
    d = default_data
    assert isinstance(d, ClutteredDigits)
    assert d.x_train.shape == (1347, 1, 32, 32) and d.x_test.shape == (450, 1, 32, 32)
    assert d.y_train.shape == (1347,) and d.boxes_test.shape == (450, 4)
    assert d.x_train.dtype == torch.float32
    assert d.y_train.dtype == torch.int64 and d.boxes_train.dtype == torch.int64
    for x in (d.x_train, d.x_test):
        assert float(x.min()) >= 0.0 and float(x.max()) <= 1.0
    assert set(d.y_train.tolist()) == set(range(10)) == set(d.y_test.tolist())
    for b in (d.boxes_train, d.boxes_test):
        y0, x0, y1, x1 = b.unbind(1)
        assert bool(((0 <= y0) & (y0 < y1) & (y1 <= 32) & (0 <= x0) & (x0 < x1) & (x1 <= 32)).all())
        # sıkı kutu: 12 piksellik rakamdan büyük olamaz
        assert int((y1 - y0).max()) <= 12 and int((x1 - x0).max()) <= 12


def test_positions_vary(default_data):
    b = default_data.boxes_train.float()
    centres = torch.stack([(b[:, 0] + b[:, 2]) / 2, (b[:, 1] + b[:, 3]) / 2], dim=1)
    # konum tuvalin her yerine yayılır (rakam ortada durmaz)
    assert float(centres.std(dim=0).min()) > 4.0
    assert float(centres.min()) < 8 and float(centres.max()) > 24


def test_deterministic_and_global_rng_untouched():
    state = torch.get_rng_state()
    a = load_cluttered_digits(canvas=24, digit_size=10, fragment_size=4, seed=3)
    assert torch.equal(torch.get_rng_state(), state), "küresel rastgele sayı durumu değişti"
    b = load_cluttered_digits(canvas=24, digit_size=10, fragment_size=4, seed=3)
    for u, v in zip(a, b):
        assert torch.equal(u, v)
    c = load_cluttered_digits(canvas=24, digit_size=10, fragment_size=4, seed=4)
    assert not torch.equal(a.boxes_train, c.boxes_train)
    assert not torch.equal(a.x_test, c.x_test)


def _ring(img: torch.Tensor, box) -> torch.Tensor:
    """Kutunun hemen dışındaki 1 piksellik çerçevenin değerleri (tuvalin içinde kalanlar)."""
    y0, x0, y1, x1 = box
    h, w = img.shape
    inside = torch.zeros(h, w, dtype=torch.bool)
    inside[y0:y1, x0:x1] = True
    grown = torch.zeros(h, w, dtype=torch.bool)
    grown[max(y0 - 1, 0):y1 + 1, max(x0 - 1, 0):x1 + 1] = True
    return img[grown & ~inside]


def test_box_holds_all_ink_without_clutter():
    d = load_cluttered_digits(num_distractors=0, noise=0.0, seed=1)
    for x, boxes in ((d.x_train, d.boxes_train), (d.x_test, d.boxes_test)):
        for img, box in zip(x[:, 0], boxes.tolist()):
            y0, x0, y1, x1 = box
            ink = img > 0
            total = int(ink.sum())
            assert total > 0
            assert int(ink[y0:y1, x0:x1].sum()) == total, "kutunun dışında mürekkep var"
            # sıkı: kutunun dört kenarının her birinde mürekkep var
            assert bool(ink[y0, x0:x1].any() and ink[y1 - 1, x0:x1].any())
            assert bool(ink[y0:y1, x0].any() and ink[y0:y1, x1 - 1].any())


def test_box_is_tight_and_fragments_stay_outside():
    d = load_cluttered_digits(num_distractors=4, noise=0.0, seed=2)
    outside_ink = 0
    for img, box in zip(d.x_test[:, 0], d.boxes_test.tolist()):
        y0, x0, y1, x1 = box
        ink = img > 0
        assert bool(ink[y0, x0:x1].any() and ink[y1 - 1, x0:x1].any())
        assert bool(ink[y0:y1, x0].any() and ink[y0:y1, x1 - 1].any())
        # parçalar kutuya 1 piksel paydan fazla yaklaşmaz: kutunun çevresi boş
        assert float(_ring(img, box).abs().sum()) == 0.0
        outside_ink += int(ink.sum() - ink[y0:y1, x0:x1].sum())
    # karışıklık gerçekten var: kutunun dışında mürekkep
    assert outside_ink > 450 * 4 * 4


def test_clutter_is_comparable_to_digit():
    """Parçalar rakamla aynı parlaklıkta: en parlak piksel çoğu zaman kutunun dışında olabilir."""
    d = load_cluttered_digits(noise=0.0, seed=0)
    x = d.x_test[:, 0]
    inside = torch.zeros_like(x, dtype=torch.bool)
    for i, (y0, x0, y1, x1) in enumerate(d.boxes_test.tolist()):
        inside[i, y0:y1, x0:x1] = True
    peak_in = torch.where(inside, x, torch.zeros_like(x)).flatten(1).amax(1)
    peak_out = torch.where(inside, torch.zeros_like(x), x).flatten(1).amax(1)
    assert float((peak_out >= 0.9 * peak_in).float().mean()) > 0.5


def test_noise_level():
    d = load_cluttered_digits(num_distractors=0, noise=0.2, seed=0)
    img, (y0, x0, y1, x1) = d.x_test[0, 0], d.boxes_test[0].tolist()
    background = img.clone()
    background[y0:y1, x0:x1] = float("nan")
    bg = background[~background.isnan()]
    assert 0.05 < float(bg.mean()) < 0.15 and float(bg.max()) <= 0.2


@pytest.mark.parametrize(
    "kwargs, name",
    [
        ({"canvas": 10}, "canvas"),
        ({"canvas": 200}, "canvas"),
        ({"canvas": 32.0}, "canvas"),
        ({"digit_size": 4}, "digit_size"),
        ({"digit_size": True}, "digit_size"),
        ({"num_distractors": -1}, "num_distractors"),
        ({"num_distractors": 33}, "num_distractors"),
        ({"fragment_size": 1}, "fragment_size"),
        ({"fragment_size": 13}, "fragment_size"),
        ({"noise": -0.1}, "noise"),
        ({"noise": 1.5}, "noise"),
        ({"noise": "az"}, "noise"),
        ({"test_fraction": 0.0}, "test_fraction"),
        ({"test_fraction": 1.0}, "test_fraction"),
        ({"seed": -1}, "seed"),
        ({"seed": 1.5}, "seed"),
    ],
)
def test_bad_arguments(kwargs, name):
    with pytest.raises(ValueError) as info:
        load_cluttered_digits(**kwargs)
    message = str(info.value)
    assert message.startswith(name + " "), message
    assert repr(next(iter(kwargs.values()))) in message
