"""A deterministic generator of realistic articles, and cached benchmark libraries built from it.

Pieces (headlines, sentences, quotes with speakers) are taken once from real articles: the
evaluation corpus in ``/work/shared/corpus`` (``$DIGEST_BOT_CORPUS``) when present, else the
packaged samples in ``bot/samples``, else a small built-in vocabulary. They go through the
product's own extraction (``bot.extract.extract_file``) and are cached as JSON.

Recombining a few thousand real sentences alone would give every word a document frequency of
at least ``size / sentences``: nothing would be rare. So each article also names places and
people drawn with a Zipf law from pools of generated proper nouns; they give the index the long
tail of rare terms (names, towns) that real news search is mostly about.

Libraries of ``size`` articles over :data:`COLLECTIONS` collections are written through
:meth:`storage.Library.add_articles` in batches and cached under :func:`cache_dir`, keyed by size
and seed, so a rerun opens the finished file at once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from storage import Chat, Library, NewArticle

COLLECTIONS = 1000
#: Collection chat ids are ``COLLECTION_BASE - k`` for k in 0..COLLECTIONS-1 (channel-like ids).
COLLECTION_BASE = -1002000000000
#: Viewer chats (private chats) that follow 1, 10 and 1,000 collections.
VIEWERS = {1: 5_000_001, 10: 5_000_010, 1000: 5_001_000}
DEFAULT_SEED = 20240607
BATCH = 5000
_PIECES_VERSION = 3
_FIRST_DAY = dt.date(2016, 1, 1)
_SPAN_DAYS = 3650
_SYLLABLES = [
    "ka",
    "ro",
    "mi",
    "sel",
    "dan",
    "tor",
    "vel",
    "an",
    "bre",
    "cor",
    "lin",
    "mar",
    "ost",
    "pen",
    "quil",
    "ras",
    "sto",
    "tem",
    "ul",
    "vik",
    "wen",
    "yar",
    "zel",
    "ha",
    "ber",
    "dor",
    "fen",
    "gar",
    "hol",
    "ist",
    "jor",
    "kel",
    "lam",
    "nor",
    "pim",
    "rud",
    "sar",
    "tul",
    "vos",
    "wil",
    "bak",
    "cam",
    "dur",
    "eld",
    "fro",
]
_FALLBACK_WORDS = [
    "council",
    "harbour",
    "ferry",
    "budget",
    "election",
    "minister",
    "report",
    "police",
    "court",
    "school",
    "hospital",
    "river",
    "bridge",
    "storm",
    "market",
    "strike",
    "union",
    "energy",
    "price",
    "museum",
    "festival",
    "station",
    "council",
    "farmers",
    "water",
    "road",
    "plan",
    "vote",
    "mayor",
    "company",
    "workers",
    "city",
    "island",
    "village",
    "rail",
    "airport",
]
_SAID = ("said", "told reporters", "said on Tuesday", "wrote in a statement", "told the paper")


@dataclass(frozen=True, slots=True)
class Pieces:
    """Material articles are recombined from."""

    source: str
    #: Each by language code (``"en"``, ``"ru"``...): an article is written in one language.
    headlines: dict[str, list[str]]
    sentences: dict[str, list[str]]
    quotes: dict[str, list[str]]


def cache_dir() -> Path:
    """Where pieces and built libraries are kept (``$DIGEST_BOT_BENCH_CACHE`` overrides)."""
    default = Path.home() / ".cache" / "digest-bot-bench"
    return Path(os.environ.get("DIGEST_BOT_BENCH_CACHE", default))


def corpus_dir() -> Path:
    """The evaluation corpus (``$DIGEST_BOT_CORPUS`` overrides)."""
    return Path(os.environ.get("DIGEST_BOT_CORPUS", "/work/shared/corpus"))


def samples_dir() -> Path:
    """The packaged sample articles."""
    return Path(__file__).resolve().parents[2] / "bot" / "samples"


def corpus_files(kind: str | None = None) -> list[Path]:
    """Raw article files of the corpus (or the samples), optionally only ``"html"``/``"text"``."""
    labels = corpus_dir() / "labels.jsonl"
    if labels.is_file():
        files = []
        for line in labels.read_text(encoding="utf-8").splitlines():
            entry = json.loads(line)
            if kind is None or entry["format"] == kind:
                files.append(corpus_dir() / entry["file"])
        return files
    suffixes = {"html": (".html", ".htm"), "text": (".txt",)}.get(kind or "", (".txt", ".html"))
    return sorted(p for p in samples_dir().glob("*") if p.suffix in suffixes)


def load_pieces() -> Pieces:
    """Headlines, sentences and quotes from the corpus or samples, extracted once and cached."""
    files = corpus_files()
    fingerprint = hashlib.sha256(
        json.dumps([_PIECES_VERSION, *sorted(str(f) for f in files)]).encode()
    ).hexdigest()[:16]
    cached = cache_dir() / f"pieces-{fingerprint}.json"
    if cached.is_file():
        return Pieces(**json.loads(cached.read_text(encoding="utf-8")))
    pieces = _extract_pieces(files)
    cached.parent.mkdir(parents=True, exist_ok=True)
    cached.write_text(json.dumps(asdict(pieces), ensure_ascii=False), encoding="utf-8")
    return pieces


def _extract_pieces(files: list[Path]) -> Pieces:
    from bot.extract import ExtractError, extract_file
    from bot.extract.sentences import split_sentences

    headlines: dict[str, list[str]] = {}
    sentences: dict[str, list[str]] = {}
    quotes: dict[str, list[str]] = {}
    for file in files:
        try:
            extracted = extract_file(file)
        except ExtractError:
            continue
        lang = extracted.lang or "en"
        headlines.setdefault(lang, []).append(extracted.headline)
        if extracted.lead_quote and len(extracted.lead_quote) < 300:
            quotes.setdefault(lang, []).append(extracted.lead_quote.strip(" ,."))
        kept = [s for s in split_sentences(extracted.body) if 40 <= len(s) <= 400]
        sentences.setdefault(lang, []).extend(kept)
    # A language needs enough sentences to recombine; the others' articles are dropped.
    sentences = {lang: kept for lang, kept in sentences.items() if len(kept) >= 50}
    if not sentences:
        rng = random.Random(0)
        words = _FALLBACK_WORDS
        headlines = {"en": [" ".join(rng.choices(words, k=6)).capitalize() for _ in range(200)]}
        sentences = {
            "en": [" ".join(rng.choices(words, k=18)).capitalize() + "." for _ in range(2000)]
        }
        quotes = {"en": [" ".join(rng.choices(words, k=9)) for _ in range(200)]}
        source = "built-in words"
    else:
        source = str(corpus_dir() if (corpus_dir() / "labels.jsonl").is_file() else samples_dir())
    return Pieces(
        source,
        {lang: headlines[lang] for lang in sentences},
        sentences,
        {lang: quotes.get(lang) or sentences[lang][:20] for lang in sentences},
    )


class ArticleGenerator:
    """Deterministic articles: the same seed and index always give the same article."""

    def __init__(self, pieces: Pieces, seed: int = DEFAULT_SEED) -> None:
        self._pieces = pieces
        self._seed = seed
        names = random.Random(seed)
        self._people = [_proper_noun(names, 2) + " " + _proper_noun(names, 3) for _ in range(20000)]
        self._places = [_proper_noun(names, 3) for _ in range(5000)]
        self._people_weights = _zipf_cumulative(len(self._people))
        self._place_weights = _zipf_cumulative(len(self._places))
        self._langs = sorted(pieces.sentences)
        self._lang_weights = _cumulative([len(pieces.sentences[lang]) for lang in self._langs])

    @property
    def people(self) -> list[str]:
        """The generated person names, most frequent first."""
        return self._people

    @property
    def places(self) -> list[str]:
        """The generated place names, most frequent first."""
        return self._places

    def article(self, index: int, size: int) -> NewArticle:
        """Article ``index`` of a library of ``size``: later indexes are published later."""
        rng = random.Random(self._seed * 1_000_003 + index)
        p = self._pieces
        lang = rng.choices(self._langs, cum_weights=self._lang_weights)[0]
        place = rng.choices(self._places, cum_weights=self._place_weights)[0]
        person = rng.choices(self._people, cum_weights=self._people_weights)[0]
        headline = rng.choice(p.headlines[lang])
        if rng.random() < 0.6:
            headline = f"{place}: {headline}"
        sentences = rng.sample(p.sentences[lang], k=rng.randint(6, 16))
        quote = rng.choice(p.quotes[lang])
        quote_sentence = f"“{quote},” {person} {rng.choice(_SAID)} in {place}."
        sentences.insert(min(2, len(sentences)), quote_sentence)
        body = "\n\n".join(" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3))
        day = _FIRST_DAY + dt.timedelta(
            days=int(_SPAN_DAYS * index / max(size, 1)) + rng.randint(-3, 3)
        )
        return NewArticle(
            chat_id=COLLECTION_BASE - rng.randrange(COLLECTIONS),
            headline=headline,
            body=body,
            content_hash=hashlib.sha256(f"{self._seed}:{index}:{body}".encode()).hexdigest(),
            published=day,
            date_source="header",
            lead_quote=quote,
            quote_speaker=person,
            lead=" ".join(sentences[:2])[:400],
            lang=lang,
            format="text",
            message_id=index + 1,
            source_url=f"https://news.example/{index + 1}",
        )

    def articles(self, size: int, start: int = 0) -> Iterator[NewArticle]:
        """Articles ``start`` .. ``size - 1``."""
        for index in range(start, size):
            yield self.article(index, size)


def article_as_text(article: NewArticle) -> str:
    """The plain-text file form of an article (date header, headline, body), as users send."""
    published = article.published.isoformat() if article.published else ""
    return f"date {published}\n{article.headline}\n\n{article.body}\n"


def _proper_noun(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(syllables)).capitalize()


def _zipf_cumulative(n: int) -> list[float]:
    return _cumulative([1.0 / rank for rank in range(1, n + 1)])


def _cumulative(weights: list[float] | list[int]) -> list[float]:
    total = 0.0
    cumulative = []
    for weight in weights:
        total += weight
        cumulative.append(total)
    return cumulative


def parse_size(text: str) -> int:
    """``"10k"`` -> 10000, ``"1m"`` -> 1000000, ``"2500"`` -> 2500."""
    text = text.strip().lower()
    factor = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    number = text[:-1] if factor > 1 else text
    try:
        return int(float(number) * factor)
    except ValueError:
        raise ValueError(f"size {text!r} is not a count like 10k, 100k, 1m or 2500") from None


def library_path(size: int, seed: int = DEFAULT_SEED) -> Path:
    """Where the cached library of ``size`` articles lives."""
    return cache_dir() / f"library-{size}-seed{seed}-v{_PIECES_VERSION}.sqlite3"


def newest_article_id(library: Library) -> int:
    """The highest article id in ``library``, 0 when empty (a benchmark-only peek at the data)."""
    (value,) = library._db.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()
    return int(value)


def build_library(size: int, seed: int = DEFAULT_SEED, *, progress: bool = True) -> Path:
    """The cached library of ``size`` articles, built first when missing (resumable)."""
    final = library_path(size, seed)
    if final.is_file():
        return final
    partial = final.with_suffix(".partial")
    generator = ArticleGenerator(load_pieces(), seed)
    started = time.perf_counter()
    with Library(partial) as library:
        done = newest_article_id(library)  # ids are 1..n in generation order: resume after a stop
        if done == 0:
            _add_chats_and_follows(library)
        batch: list[NewArticle] = []
        for article in generator.articles(size, start=done):
            batch.append(article)
            if len(batch) == BATCH:
                library.add_articles(batch)
                done += len(batch)
                batch.clear()
                if progress and done % (BATCH * 10) == 0:
                    rate = done / (time.perf_counter() - started)
                    print(f"  built {done:,}/{size:,} ({rate:,.0f}/s)", file=sys.stderr)
        library.add_articles(batch)
    for suffix in ("-wal", "-shm"):
        Path(str(partial) + suffix).unlink(missing_ok=True)
    partial.rename(final)
    return final


def _add_chats_and_follows(library: Library) -> None:
    for k in range(COLLECTIONS):
        chat_id = COLLECTION_BASE - k
        library.upsert_chat(Chat(chat_id, "channel", title=f"Desk {k}", username=f"desk{k}"))
    for count, viewer in VIEWERS.items():
        library.upsert_chat(Chat(viewer, "private", title=f"Reader of {count}"))
        for k in range(count):
            library.follow(viewer, COLLECTION_BASE - k)
