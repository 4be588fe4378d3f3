"""Running the real OmegaT headless for the CAT round-trip tests (a plain module, no fixtures)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

OMEGAT = shutil.which("omegat")
JAVA = shutil.which("java")

needs_omegat = pytest.mark.skipif(
    OMEGAT is None or JAVA is None,
    reason="OmegaT or Java is not installed (.ci/run installs them: apt-get install omegat)",
)


def console_translate(project: Path, config_dir: Path, timeout: float = 300) -> str:
    """Run OmegaT's console mode on ``project``, as a translator's run would; its output."""
    assert OMEGAT is not None
    result = subprocess.run(
        [OMEGAT, "--mode=console-translate", f"--config-dir={config_dir}", str(project)],
        capture_output=True, text=True, timeout=timeout, check=False,
    )
    assert result.returncode == 0 and "Finished" in result.stdout, result.stdout + result.stderr
    return result.stdout
