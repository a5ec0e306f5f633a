import subprocess
import sys

import pytest

from hedgetrain.cli import TRAINER_ROOT, main


@pytest.mark.parametrize("cmd", ["train", "eval", "export", "bench", "reproduce"])
def test_every_subcommand_has_help(cmd):
    out = subprocess.run([sys.executable, "-m", "hedgetrain", cmd, "--help"], cwd=TRAINER_ROOT, capture_output=True, text=True)
    assert out.returncode == 0 and "usage" in out.stdout


def test_bad_config_gives_a_clear_error(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"name": "x", "policy": {"kind": "transformer"}}')
    assert main(["train", str(bad), "--out", str(tmp_path / "o")]) == 2
    assert "policy.kind" in capsys.readouterr().err
