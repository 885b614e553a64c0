"""Document text extraction throughput per format, against a baseline tool on the same files.

Run: .venv/bin/python benchmarks/documents.py [--files 20]
For each format it writes `--files` real files (tests/documents/document_files.py, the libraries
that write them), then extracts them three ways, printing MB/s and pages (or sheets, slides) per
second, wall and CPU time:
  - in process: documents.extraction.extract_text, what the child runs;
  - isolated: documents.text.extract_isolated, the worker's way (a child process bounded in time
    and memory, kept between documents): the cost of the isolation is the ratio to the first;
  - baseline: Debian's `pdftotext` (poppler-utils) for PDF, `docx2txt` for DOCX, `odt2txt` for
    ODT/ODS/ODP, where installed (apt-get install poppler-utils docx2txt odt2txt), one process per
    file as a shell script would, its CPU time read from the children's times.
The isolated run's CPU column is the parent's only (it waits on the child): compare wall times.
The search p95 with 20,000 documents indexed beside the pages is `benchmarks/search.py --documents`.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "documents"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mairie_site.settings.test")

import django  # noqa: E402

django.setup()

from document_files import docx_file, odp_file, ods_file, odt_file, pdf_file, pptx_file, rtf_file, xlsx_file  # noqa: E402, I001

from documents.extraction import extract_text  # noqa: E402
from documents.text import extract_isolated  # noqa: E402

LINE = "Délibération du conseil municipal relative aux tarifs de la restauration scolaire, n° {n}."
BASELINES = {"pdf": ["pdftotext", "{path}", "-"], "docx": ["docx2txt", "{path}", "-"],
             "odt": ["odt2txt", "{path}"], "ods": ["odt2txt", "{path}"], "odp": ["odt2txt", "{path}"]}


def make(extension, number):
    lines = [LINE.format(n=f"{number}-{i}") for i in range(400)]
    builders = {
        "pdf": lambda: pdf_file(*lines),  # 400 lines: about 15 pages
        "docx": lambda: docx_file(*lines),
        "odt": lambda: odt_file(*lines),
        "xlsx": lambda: xlsx_file(*[[line, i, i * 1.5] for i, line in enumerate(lines)]),
        "ods": lambda: ods_file(*[[line, i] for i, line in enumerate(lines)]),
        "pptx": lambda: pptx_file("Présentation", "\n".join(lines[:60])),
        "odp": lambda: odp_file(*lines[:60]),
        "rtf": lambda: rtf_file(" ".join(lines)),
        "txt": lambda: "\n".join(lines).encode(),
    }
    return builders[extension]()


def measure(function, blobs):
    wall, cpu = time.perf_counter(), time.process_time()
    pages = sum(function(blob).pages for blob in blobs)
    return time.perf_counter() - wall, time.process_time() - cpu, pages


def measure_baseline(command, paths):
    before = os.times()
    wall = time.perf_counter()
    for path in paths:
        subprocess.run([part.format(path=path) for part in command], check=True, capture_output=True)
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return time.perf_counter() - wall, cpu


def line(label, megabytes, wall, cpu, pages=None):
    rate = f"{megabytes / wall:7.2f} MB/s"
    per_page = f"{pages / wall:8.1f} p/s" if pages else " " * 12
    print(f"    {label:<24} {rate} {per_page}  mur {wall * 1000:8.0f} ms  CPU {cpu * 1000:8.0f} ms")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=20)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-documents-"))
    try:
        for extension in ["pdf", "docx", "odt", "xlsx", "ods", "pptx", "odp", "rtf", "txt"]:
            blobs = [make(extension, number) for number in range(args.files)]
            megabytes = sum(map(len, blobs)) / 1e6
            print(f"{extension.upper()} : {args.files} fichiers, {megabytes:.2f} Mo")
            wall, cpu, pages = measure(lambda blob: extract_text(blob, extension), blobs)  # noqa: B023
            line("dans le processus", megabytes, wall, cpu, pages)
            extract_isolated(blobs[0], extension)  # the child's start (imports) is not the documents' cost
            iso_wall, iso_cpu, _pages = measure(lambda blob: extract_isolated(blob, extension), blobs)  # noqa: B023
            line("isolé (processus fils)", megabytes, iso_wall, iso_cpu, pages)
            print(f"    coût de l'isolement : ×{iso_wall / wall:.2f} (mur)")
            command = BASELINES.get(extension)
            if command and shutil.which(command[0]):
                paths = []
                for number, blob in enumerate(blobs):
                    path = folder / f"{number}.{extension}"
                    path.write_bytes(blob)
                    paths.append(path)
                base_wall, base_cpu = measure_baseline(command, paths)
                line(f"référence {command[0]}", megabytes, base_wall, base_cpu)
                print(f"    rapport isolé / référence : ×{iso_wall / base_wall:.2f} (mur)")
            elif command:
                print(f"    référence {command[0]} absente (apt-get install)")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
