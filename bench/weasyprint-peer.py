"""The peer of `npm run bench`: WeasyPrint renders every HTML letter in a
folder to PDF, one after another, in this one process.

Usage: /usr/bin/python3 weasyprint-peer.py <html-dir> <pdf-dir>
Prints one JSON line: letters, seconds (the rendering loop only, not Python's
start-up or the import), letters_per_second, maxrss_bytes (getrusage).
"""
import json
import os
import resource
import sys
import time

from weasyprint import HTML, __version__
from weasyprint.text.fonts import FontConfiguration


def main(html_dir, pdf_dir):
    os.makedirs(pdf_dir, exist_ok=True)
    names = sorted(n for n in os.listdir(html_dir) if n.endswith(".html"))
    # One font configuration for the whole run, as Postbag's workers keep one
    # Typst compiler: the @font-face files are loaded once, not per letter.
    fonts = FontConfiguration()
    started = time.perf_counter()
    for name in names:
        target = os.path.join(pdf_dir, name[: -len(".html")] + ".pdf")
        HTML(filename=os.path.join(html_dir, name)).write_pdf(target, font_config=fonts)
    seconds = time.perf_counter() - started
    # ru_maxrss is in kilobytes on Linux.
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({
        "weasyprint": __version__,
        "letters": len(names),
        "seconds": seconds,
        "letters_per_second": len(names) / seconds if seconds else 0,
        "maxrss_bytes": maxrss,
    }))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
