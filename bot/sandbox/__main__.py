"""``python -m bot.sandbox --port N``: run the sandbox standalone until interrupted.

Prints ``base_url=...``, ``base_file_url=...`` and ``token=...`` lines (flushed) so a parent
process can read where to point the bot.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal

from .sandbox import DEFAULT_TOKEN, Sandbox


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bot.sandbox", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=0, help="port (0: any free port)")
    parser.add_argument("--token", default=DEFAULT_TOKEN, help="the bot token to accept")
    parser.add_argument(
        "--flood-limits", action="store_true", help="answer 429 like Telegram's flood control"
    )
    return parser.parse_args(argv)


async def serve(args: argparse.Namespace) -> None:
    sandbox = Sandbox(
        token=args.token, host=args.host, port=args.port, enforce_flood_limits=args.flood_limits
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(signum, stop.set)
    async with sandbox:
        print(f"base_url={sandbox.base_url}", flush=True)
        print(f"base_file_url={sandbox.base_file_url}", flush=True)
        print(f"token={sandbox.token}", flush=True)
        await stop.wait()


def main(argv: list[str] | None = None) -> None:
    asyncio.run(serve(_parse_args(argv)))


if __name__ == "__main__":
    main()
