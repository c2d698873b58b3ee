"""Throughput of the extractor (text -> events) beside spaCy's blank Indonesian tokenizer on the same texts.

    python benchmarks/bench_extract.py [--articles 1000] [--words 600]

Times are CPU time of this process (the machine is shared). Articles of about 600 words are built
from the evaluation set in tests/data (paragraphs of several articles
joined, so each keeps a real event lead). Prints articles per second of both, their ratio, and peak memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract import extract_many  # noqa: E402
from extract.pipeline import get_nlp  # noqa: E402
from records import Article  # noqa: E402


def clear_sentence_caches() -> None:
    """Empty the per-sentence memo caches, as if every article's sentences were new."""
    from extract import dates, events, lexicon, numbers, officials, venue

    for func in (dates.find_dates, venue.find_venues, numbers.counts, events._has, officials._tokens,
                 lexicon.word_set, officials._may_name_official):
        func.cache_clear()


def build_articles(count: int, words: int) -> list[Article]:
    """`count` articles of about `words` words each, from the evaluation texts."""
    rows = [json.loads(line) for line in (ROOT / "tests" / "data" / "eval_articles.jsonl").read_text().splitlines()
            if line.strip()]
    articles = []
    for i in range(count):
        parts, size, k = [], 0, i
        while size < words:
            text = rows[k % len(rows)]["text"]
            parts.append(text)
            size += len(text.split())
            k += 7
        first = rows[i % len(rows)]
        articles.append(Article(url=f"https://contoh.example/{i}", title=first["title"], text="\n\n".join(parts),
                                published=first.get("published"), id=str(i)))
    return articles


def rate(label: str, count: int, seconds: float) -> float:
    """Print and return articles per second."""
    per_second = count / seconds if seconds else float("inf")
    print(f"{label:<34}{count:>6} articles {seconds:8.2f} s {per_second:9.1f} articles/s")
    return per_second


def peak_mb(run) -> float:  # type: ignore[no-untyped-def]
    """Peak Python memory of one call, in MB (tracemalloc)."""
    tracemalloc.start()
    run()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1e6


def main() -> int:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--words", type=int, default=600)
    args = parser.parse_args()
    articles = build_articles(args.articles, args.words)
    texts = [a.text for a in articles]
    mean_words = sum(len(t.split()) for t in texts) / len(texts)
    print(f"{len(articles)} articles, {mean_words:.0f} words on average")
    import spacy

    tokenizer_nlp = spacy.blank("id")
    get_nlp()  # build once, outside the timing, as a long-running process would
    start = time.process_time()
    for _ in tokenizer_nlp.pipe(texts, batch_size=32):
        pass
    tok_rate = rate("spacy.blank('id').pipe (tokenise)", len(texts), time.process_time() - start)
    start = time.process_time()
    events = sum(len(r.events) for r in extract_many(articles, batch_size=32))
    rate("extract_many, sentence caches warm", len(articles), time.process_time() - start)
    # The articles share paragraphs, so per-sentence caches would flatter the rate: clear them after each article.
    start = time.process_time()
    events = 0
    for result in extract_many(articles, batch_size=32):
        events += len(result.events)
        clear_sentence_caches()
    ext_rate = rate("extract_many (text -> events)", len(articles), time.process_time() - start)
    print(f"events found: {events}; extractor/tokeniser rate: {ext_rate / tok_rate:.2f} (target >= 0.5)")
    sample = articles[:200]
    tok_peak = peak_mb(lambda: [None for _ in tokenizer_nlp.pipe([a.text for a in sample], batch_size=32)])
    ext_peak = peak_mb(lambda: [None for _ in extract_many(sample, batch_size=32)])
    print(f"peak traced memory on 200 articles: tokeniser {tok_peak:.1f} MB, extractor {ext_peak:.1f} MB")
    print(f"process peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
