"""The whole ``doctool build`` of the sample against one LibreOffice DOCX→PDF conversion.

doctool writes six documents (three DOCX, three PDF) plus content and QA; LibreOffice is asked
for one PDF from the English DOCX that build wrote. LibreOffice gets its best case: a private
profile created and warmed up by an untimed conversion first, and the fastest of its timed runs.
Builds and conversions alternate, so a busy spell on the machine hits both sides alike.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.benchmarks._support import SAMPLE, Measurement, build_command, check, measure

ROUNDS = 4
MAX_RSS_MB = 300.0
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@dataclass(frozen=True)
class Runs:
    """The cold builds and the timed LibreOffice conversions of one run of this module."""

    builds: list[Measurement]
    conversions: list[Measurement]


def _convert_command(profile: Path, docx: Path, outdir: Path) -> list[str]:
    """LibreOffice headless DOCX→PDF with its own profile, so no user instance interferes."""
    assert SOFFICE is not None
    return [
        SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless",
        "--convert-to", "pdf", "--outdir", str(outdir), str(docx),
    ]


@pytest.fixture(scope="module")
def runs(bench_dir: Path, bench_env: dict[str, str]) -> Runs:
    """Alternate ROUNDS cold builds (fresh --out, --force) with ROUNDS LibreOffice conversions."""
    # an untimed build first: bytecode and fonts in the page cache, as for LibreOffice's warm-up
    warm_out = bench_dir / "out-warm"
    measure(build_command(SAMPLE, warm_out, "--force"), bench_dir, bench_env).ok()
    docx = warm_out / SAMPLE.stem / "brief.en.docx"
    assert docx.is_file()

    builds: list[Measurement] = []
    conversions: list[Measurement] = []
    profile = bench_dir / "lo-profile"
    if SOFFICE is not None:
        # creating the profile takes seconds on the first start; that is not the conversion
        measure(_convert_command(profile, docx, bench_dir / "lo-warm"), bench_dir).ok()
    for i in range(ROUNDS):
        out = bench_dir / f"out-{i}"
        builds.append(measure(build_command(SAMPLE, out, "--force"), bench_dir, bench_env).ok())
        if SOFFICE is not None:
            pdf_dir = bench_dir / f"lo-{i}"
            conversions.append(measure(_convert_command(profile, docx, pdf_dir), bench_dir).ok())
            assert (pdf_dir / "brief.en.pdf").is_file(), conversions[-1].stderr
    return Runs(builds, conversions)


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_build_is_faster_than_one_libreoffice_conversion(runs: Runs) -> None:
    """A cold build of all six documents takes less time than LibreOffice converting one DOCX."""
    build = min(m.seconds for m in runs.builds)
    office = min(m.seconds for m in runs.conversions)
    result = check(
        "build (6 documents) / one LibreOffice DOCX→PDF", build / office, "<", 1.0, unit="×",
        measured=f"build {build:.2f} s", baseline=f"LibreOffice {office:.2f} s",
    )
    assert result.passed, result.line


def test_build_peak_memory_without_mt(runs: Runs) -> None:
    """The build process alone (memory engine, no MT) peaks below 300 MB resident."""
    peak = max(m.max_rss_mb for m in runs.builds)
    # the target is absolute; LibreOffice's own peak is shown for scale only
    office = max((m.max_rss_mb for m in runs.conversions), default=None)
    scale = f"absolute (LibreOffice: {office:.0f} MB)" if office is not None else "absolute"
    result = check(
        "build peak RSS, no MT", peak, "<", MAX_RSS_MB,
        measured=f"{peak:.0f} MB (worst of {len(runs.builds)})", baseline=scale, unit=" MB",
    )
    assert result.passed, result.line

