"""Extraction throughput on one core: plain text, and HTML against trafilatura alone.

Plain text: generated articles in the file form users send (date header, headline, body) and
the corpus's real text files, through ``extract_text``. HTML: the corpus's real pages through
``extract_html``, and through ``trafilatura.bare_extraction`` with the options ``extract_html``
gives it (main text only, no comments), interleaved page by page in the same run so both see
the same machine state; the ratio is total time over total time.

Rates are per CPU second of the measuring thread (``time.thread_time``): articles per second on
one core, unaffected by other processes sharing the machine. Wall-clock rates are kept too.
"""

from __future__ import annotations

from dataclasses import dataclass

from trafilatura import bare_extraction

from bot.extract import extract_html, extract_text
from bot.extract.decode import decode_bytes
from tests.benchmarks.corpus import ArticleGenerator, article_as_text, corpus_files, load_pieces
from tests.benchmarks.measure import timed, total


@dataclass(frozen=True, slots=True)
class ExtractionFigures:
    """Articles per second of each extractor, and the HTML ratio to trafilatura alone."""

    generated_text_per_s: float
    corpus_text_per_s: float
    html_per_s: float
    trafilatura_per_s: float
    pages: int
    generated_text_wall_per_s: float

    @property
    def html_ratio(self) -> float:
        """Time of ``extract_html`` over time of ``bare_extraction`` on the same pages."""
        return self.trafilatura_per_s / self.html_per_s


def run_extraction(*, texts: int, rounds: int, seed: int) -> ExtractionFigures:
    """Extract ``texts`` generated articles, the corpus texts and ``rounds`` x the corpus pages."""
    generator = ArticleGenerator(load_pieces(), seed)
    generated = [article_as_text(a) for a in generator.articles(texts)]
    corpus_texts = [decode_bytes(path.read_bytes()) for path in corpus_files("text")]
    pages = [decode_bytes(path.read_bytes()) for path in corpus_files("html")]

    generated_wall, generated_cpu = total(
        [timed(lambda t=text: extract_text(t)) for text in generated]
    )
    _, corpus_cpu = total(
        [timed(lambda t=text: extract_text(t)) for _ in range(rounds) for text in corpus_texts]
    )
    ours, theirs = [], []
    for _ in range(rounds):
        for page in pages:
            ours.append(timed(lambda p=page: extract_html(p)))
            theirs.append(
                timed(
                    lambda p=page: bare_extraction(p, include_comments=False, with_metadata=False)
                )
            )
    return ExtractionFigures(
        generated_text_per_s=len(generated) / generated_cpu,
        corpus_text_per_s=rounds * len(corpus_texts) / corpus_cpu,
        html_per_s=rounds * len(pages) / total(ours)[1],
        trafilatura_per_s=rounds * len(pages) / total(theirs)[1],
        pages=len(pages),
        generated_text_wall_per_s=len(generated) / generated_wall,
    )
