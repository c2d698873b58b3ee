"""Throughput of the extractor (text -> events) beside spaCy's blank Indonesian tokenizer on the same texts.

    python benchmarks/bench_extract.py [--articles 1000] [--words 600]

Two corpora of articles of about 600 words:
- "one story": each article is one article of the evaluation sets (tests/data: the own set and the three blind
  sets, 192 reports and hard negatives) followed by paragraphs of real news prose (the expected bodies of
  ../shared/realpages), as a long report reads;
- "dense": each article joins about ten short articles of those sets, so every paragraph is full of names,
  dates, places and counts (the worst case for the rules).
Each corpus is timed in --rounds rounds (median reported), each on fresh pipelines, both sides alike: a first
pass (cold caches, as a nightly process starts: the issue's measure) and a second pass over the same texts
(spaCy's tokenizer cache then holds every word, which favours the bare tokenizer). The extractor's
per-sentence memo caches are cleared after every article, since the corpora repeat paragraphs. Times are CPU
time of this process.
The extractor's pipeline tunes the blank tokenizer's special cases (extract/pipeline.py, _cacheable_tokenizer:
the same tokens, but a working word cache); the tuned tokenizer's own rate is printed beside the stock one,
which stays the measure.
Prints articles per second, the extractor/tokeniser ratio (target >= 0.5) and peak memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract import extract_many  # noqa: E402
from extract.pipeline import get_nlp  # noqa: E402
from records import Article  # noqa: E402

REALPAGES = ROOT.parent / "shared" / "realpages" / "index.jsonl"


def clear_sentence_caches() -> None:
    """Empty the per-sentence memo caches, as if every article's sentences were new."""
    from extract import dates, events, lexicon, numbers, officials, venue

    for func in (dates.find_dates, venue.find_venues, numbers.counts, events._has, officials._tokens,
                 lexicon.word_set, officials._may_name_official):
        func.cache_clear()


def clear_word_caches() -> None:
    """Empty the per-word memo caches too, as a freshly started process has them (each round starts cold)."""
    from extract import lexicon, officials

    clear_sentence_caches()
    for func in (lexicon.squash, officials._is_tail_text, officials._is_name_text):
        func.cache_clear()


REPORT_SETS = ("eval", "blind", "blind2", "blind3")


def _eval_rows() -> list[dict]:
    """Every article of the project's evaluation sets (event reports and the hard negatives among them)."""
    rows = []
    for name in REPORT_SETS:
        lines = (ROOT / "tests" / "data" / f"{name}_articles.jsonl").read_text(encoding="utf-8").splitlines()
        rows.extend(json.loads(line) for line in lines if line.strip())
    return rows


def _article(i: int, lead: dict, parts: list[str]) -> Article:
    """A benchmark article with the lead's title and date."""
    return Article(url=f"https://contoh.example/{i}", title=lead["title"], text="\n\n".join(parts),
                   published=lead.get("published"), id=str(i))


def dense_articles(count: int, words: int) -> list[Article]:
    """`count` articles of about `words` words, each joining several short event reports."""
    rows = _eval_rows()
    articles = []
    for i in range(count):
        parts, size, k = [], 0, i
        while size < words:
            text = rows[k % len(rows)]["text"]
            parts.append(text)
            size += len(text.split())
            k += 7
        articles.append(_article(i, rows[i % len(rows)], parts))
    return articles


def one_story_articles(count: int, words: int) -> list[Article]:
    """`count` articles of about `words` words: one event report, then paragraphs of real news prose."""
    if not REALPAGES.exists():
        return []
    pages = [json.loads(line) for line in REALPAGES.read_text(encoding="utf-8").splitlines() if line.strip()]
    prose = [p for page in pages for p in page["gold"].get("content", "").split("\n") if len(p.split()) >= 8]
    rows = _eval_rows()
    articles = []
    for i in range(count):
        lead = rows[i % len(rows)]
        parts, size, k = [lead["text"]], len(lead["text"].split()), i * 7
        while size < words:
            parts.append(prose[k % len(prose)])
            size += len(parts[-1].split())
            k += 13
        articles.append(_article(i, lead, parts))
    return articles


def tokenise(articles: list[Article]) -> Callable[[], None]:
    """One pass of a fresh blank tokenizer over the texts, reusable for a second (warm) pass."""
    import spacy

    nlp = spacy.blank("id")
    texts = [a.text for a in articles]

    def run() -> None:
        for _ in nlp.pipe(texts, batch_size=32):
            pass

    return run


def our_tokenise(articles: list[Article]) -> Callable[[], None]:
    """One pass of the extractor's own tuned tokenizer (a fresh pipeline's) over the texts."""
    get_nlp.cache_clear()
    tokenizer = get_nlp().tokenizer
    texts = [a.text for a in articles]

    def run() -> None:
        for _ in tokenizer.pipe(texts):
            pass

    return run


def extraction(articles: list[Article]) -> Callable[[], int]:
    """One pass of a freshly built extractor over the articles; returns the events found."""
    get_nlp.cache_clear()
    get_nlp()  # built outside the timing, as a long-running process would
    clear_word_caches()

    def run() -> int:
        events = 0
        for result in extract_many(articles, batch_size=32):
            events += len(result.events)
            clear_sentence_caches()
        return events

    return run


def timed(run: Callable[[], object]) -> tuple[float, object]:
    """CPU seconds of one call, and its result."""
    start = time.process_time()
    result = run()
    return time.process_time() - start, result


def compare(label: str, articles: list[Article], rounds: int) -> list[float]:
    """Print both rates on a corpus, over `rounds` fresh pipelines (first and second pass); return the median ratios."""
    mean_words = sum(len(a.text.split()) for a in articles) / len(articles)
    print(f"\n{label}: {len(articles)} articles, {mean_words:.0f} words on average")
    ratios: dict[str, list[float]] = {"first pass (cold)": [], "second pass (warm)": []}
    for r in range(rounds):
        tok, ours, ext = tokenise(articles), our_tokenise(articles), extraction(articles)
        for name in ratios:
            tok_s, _ = timed(tok)
            ours_s, _ = timed(ours)
            ext_s, events = timed(ext)
            tok_rate, ext_rate = len(articles) / tok_s, len(articles) / ext_s
            ratios[name].append(ext_rate / tok_rate)
            print(f"  round {r + 1} {name:<19} tokeniser {tok_rate:5.0f}/s (tuned {len(articles) / ours_s:5.0f}/s)"
                  f"   extractor {ext_rate:4.0f}/s   ratio {ratios[name][-1]:.2f}   ({events} events)")
    return [statistics.median(values) for values in ratios.values()]


def peak_mb(run: Callable[[], object]) -> float:
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
    parser.add_argument("--rounds", type=int, default=3, help="fresh pipelines per corpus; the median is reported")
    args = parser.parse_args()
    story = one_story_articles(args.articles, args.words)
    results = {}
    if story:
        results["one story"] = compare("one story per article (event report + real news prose)", story, args.rounds)
    dense = dense_articles(args.articles, args.words)
    results["dense"] = compare("dense (about ten short event reports per article)", dense, args.rounds)
    print(f"\nextractor/tokeniser ratio, median of {args.rounds} rounds (target >= 0.5): " + "; ".join(
        f"{name} {cold:.2f} cold, {warm:.2f} warm" for name, (cold, warm) in results.items()))
    sample = (story or dense)[:200]
    tok_peak = peak_mb(tokenise(sample))
    ext_peak = peak_mb(lambda: list(extract_many(sample, batch_size=32)))
    print(f"peak traced memory on 200 articles: tokeniser {tok_peak:.1f} MB, extractor {ext_peak:.1f} MB")
    print(f"process peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
