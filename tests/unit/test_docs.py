"""Paket çekirdeği yalnızca torch'a bağlıdır; herkese açık adlar yerinde."""

from __future__ import annotations

import subprocess
import sys

def test_core_import_does_not_load_book_dependencies():
    code = ("import sys, dynlayers; bad = [m for m in ('matplotlib', 'sklearn', 'ipywidgets', 'dynlayers.viz', "
            "'dynlayers.datasets', 'dynlayers.training') if m in sys.modules]; print(bad); assert not bad")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_public_api_names():
    import dynlayers

    for name in ("RoutingMLP", "dynamic_conv2d", "DynamicConv2d", "DynamicConvBlock", "DynamicCNN", "StaticCNN",
                 "DynamicSpatialAttention", "ChannelAttentionFusionT", "CBAMBlock", "TemperatureScheduler",
                 "resolve_impl", "per_sample_kernel_bytes"):
        assert name in dynlayers.__all__ and hasattr(dynlayers, name)
