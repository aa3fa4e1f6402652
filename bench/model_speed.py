"""How much the sentence event model costs next to the parse: time both on the same texts.

    .venv/bin/python bench/model_speed.py [DIR] [--repeat N]

Reads every document of DIR (default ``corpus/sample``) with the project's reader, parses the texts with
the pipeline's spaCy model (``nlp.pipe``), then scores every sentence with
:class:`thucydides.events.model.SentenceEventModel` (features, static sentence vectors and prediction),
and prints both CPU times (``time.process_time``) and their ratio (best of ``--repeat`` runs each), and
the share of the static sentence vectors (:class:`thucydides.events.model.StaticEmbedder`) alone.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from thucydides.events.model import SentenceEventModel
from thucydides.extract import extract_article
from thucydides.nlp import load_nlp
from thucydides.read import ReadOptions, read_one
from thucydides.record import Document


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dir", nargs="?", default="corpus/sample", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    texts = [
        extract_article(item.raw, item.url).text if item.is_html else item.raw
        for path in sorted(args.dir.iterdir())
        if path.suffix in (".txt", ".html")
        for item in read_one(str(path), ReadOptions())
        if isinstance(item, Document)
    ]
    nlp = load_nlp()
    model = SentenceEventModel.load()
    parse_times, model_times, embed_times = [], [], []
    for _ in range(args.repeat):
        t0 = time.process_time()
        docs = list(nlp.pipe(texts, batch_size=64))
        parse_times.append(time.process_time() - t0)
        sents = [s for d in docs for s in d.sents]
        t0 = time.process_time()
        model.predict(sents)
        model_times.append(time.process_time() - t0)
        if model.embedder is not None:  # the word look-ups and sums alone (the words come with the features)
            words = [[t.lower_ for t in s if not (t.is_punct or t.is_space)] for s in sents]
            t0 = time.process_time()
            model.embedder.lower_vectors(words)
            embed_times.append(time.process_time() - t0)
    parse, score = min(parse_times), min(model_times)
    print(f"{len(texts)} documents, {len(sents)} sentences, {sum(len(d) for d in docs)} tokens")
    print(
        f"parse {parse:.3f} s, sentence event model {score:.3f} s ({100 * score / parse:.1f}% of the parse)"
    )
    if embed_times:
        embed = min(embed_times)
        print(f"of which static sentence vectors {embed:.3f} s ({100 * embed / parse:.1f}% of the parse)")


if __name__ == "__main__":
    main()
