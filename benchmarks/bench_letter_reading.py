"""Reading an offer letter from a file: a 3-page PDF to "What I read" (prints; asserts nothing).

Target (issue 20): reading a 3-page PDF letter <= 300 ms. Timed: ``read_offer_file`` on the
corpus's three-page letter (tests/corpora/fresh/offer_letters.yaml, built as a PDF with a
letterhead, a table and a footer on each page): the text layer and the page geometry
(pypdf), the paragraphs joined again, the one reading of an offer, each field placed.
Cold is the first read in a fresh process (pypdf imported); warm is each read after it.
The same letter as a .docx is timed beside it.

Run: .venv/bin/python benchmarks/bench_letter_reading.py [--rounds N]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from _util import REPO, machine, median_ms, percentile_ms

sys.path.insert(0, str(REPO))

from tests.letter_builds import build_docx, build_pdf, load_letters

LETTER = "corvid-three-pages"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    letter = next(item for item in load_letters() if item["id"] == LETTER)
    folder = Path(tempfile.mkdtemp())
    pdf = build_pdf(letter, folder / "letter.pdf")
    docx = build_docx(letter, folder / "letter.docx")

    from coach.offers.parse import read_offer_file

    start = time.perf_counter()
    first = read_offer_file(pdf)
    cold = time.perf_counter() - start
    from coach.offers.letter_files import read_letter

    pages = read_letter(pdf).pages
    samples, text_only, docx_samples = [], [], []
    for _ in range(args.rounds):
        start = time.perf_counter()
        read_offer_file(pdf)
        samples.append(time.perf_counter() - start)
        start = time.perf_counter()
        read_letter(pdf)
        text_only.append(time.perf_counter() - start)
        start = time.perf_counter()
        read_offer_file(docx)
        docx_samples.append(time.perf_counter() - start)
    print(f"machine: {machine()}")
    print(
        f"{pages}-page PDF letter ({pdf.stat().st_size:,} bytes, {len(first.fields)} fields "
        f"read), file to What I read: cold {cold * 1000:.0f} ms (pypdf imported); warm "
        f"p50 {median_ms(samples):.1f} ms, p95 {percentile_ms(samples, 95):.1f} ms "
        "(target <= 300 ms)"
    )
    print(f"  of which the PDF to text: p50 {median_ms(text_only):.1f} ms")
    print(
        f"the same letter as .docx: p50 {median_ms(docx_samples):.1f} ms, "
        f"p95 {percentile_ms(docx_samples, 95):.1f} ms"
    )


if __name__ == "__main__":
    main()
