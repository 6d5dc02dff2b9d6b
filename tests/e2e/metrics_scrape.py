"""Scraping a bot's /metrics in end-to-end tests: a free port, one sample, waiting for a value."""

from __future__ import annotations

import asyncio
import socket

import httpx
from prometheus_client.parser import text_string_to_metric_families


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def sample(exposition: str, name: str, **labels: str) -> float:
    """The value of sample ``name`` with exactly ``labels`` in a scrape (0 when absent)."""
    for family in text_string_to_metric_families(exposition):
        for found in family.samples:
            if found.name == name and found.labels == labels:
                return float(found.value)
    return 0.0


async def wait_for_sample(
    base: str, name: str, expected: float, timeout: float = 10.0, **labels: str
) -> str:
    """Scrape ``base``/metrics until ``name{labels}`` is ``expected``; returns that scrape.

    The counts are made when a handler returns, which may be just after its reply arrived.
    """
    async with httpx.AsyncClient() as client:
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            response = await client.get(f"{base}/metrics")
            assert response.status_code == 200
            if sample(response.text, name, **labels) == expected:
                return response.text
            if asyncio.get_running_loop().time() > deadline:
                found = sample(response.text, name, **labels)
                raise AssertionError(f"{name}{labels} is {found}, not {expected}")
            await asyncio.sleep(0.05)
