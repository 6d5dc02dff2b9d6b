"""``digest-bot try``: the real bot against the local sandbox, with a chat in the terminal.

Anyone can try the bot without a token or a network: the sandbox plays Telegram, the sample
articles in ``bot/samples/`` fill a public collection, and you type as a user in a private chat.
"""

from bot.tryout.console import run_try
from bot.tryout.samples import SAMPLE_CHANNEL, load_samples, sample_articles, sample_script
from bot.tryout.session import TrySession

__all__ = [
    "SAMPLE_CHANNEL",
    "TrySession",
    "load_samples",
    "run_try",
    "sample_articles",
    "sample_script",
]
