"""Run one command and print, as JSON, its wall time and the peak memory of that command alone.

Used as ``python _measure.py CMD ARG...``. A fresh interpreter per measurement is the point:
``RUSAGE_CHILDREN`` reports the largest child this process has waited for, and this process
waits for nothing but ``CMD`` (the benchmark process itself has run other children, such as
LibreOffice, whose memory must not count). Time is taken here too, so the interpreter start of
this wrapper is not part of the figure.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time


def main(argv: list[str]) -> int:
    """Run ``argv``, then print ``{"seconds", "max_rss_kb", "returncode", "stdout", "stderr"}``."""
    start = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    max_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # Linux reports kilobytes, macOS bytes
    max_rss_kb = max_rss // 1024 if sys.platform == "darwin" else max_rss
    print(json.dumps({
        "seconds": seconds, "max_rss_kb": max_rss_kb, "returncode": done.returncode,
        "stdout": done.stdout[-4000:], "stderr": done.stderr[-4000:],
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
