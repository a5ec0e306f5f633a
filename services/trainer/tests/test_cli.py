import subprocess
import sys

import pytest

from hedgetrain.cli import main
from hedgetrain.paths import TRAINER_ROOT


@pytest.mark.parametrize("cmd", ["train", "eval", "export", "bench", "reproduce"])
def test_every_subcommand_has_help(cmd):
    out = subprocess.run([sys.executable, "-m", "hedgetrain", cmd, "--help"], cwd=TRAINER_ROOT, capture_output=True, text=True)
    assert out.returncode == 0 and "usage" in out.stdout


def test_bad_config_gives_a_clear_error(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"name": "x", "policy": {"kind": "transformer"}}')
    assert main(["train", str(bad), "--out", str(tmp_path / "o")]) == 2
    assert "policy.kind" in capsys.readouterr().err


def test_study_takes_threads_after_the_command_and_before_it():
    from hedgetrain.cli import build_parser
    parser = build_parser()
    assert parser.parse_args(["study", "hirm", "--threads", "1"]).threads == 1
    assert parser.parse_args(["--threads", "3", "study", "rl"]).threads == 3
    assert parser.parse_args(["study", "rl"]).threads == 2  # the global default


def test_unknown_study_is_a_clear_error(capsys):
    assert main(["study", "nope", "--seeds", "1"]) != 0
    assert "unknown study 'nope'" in capsys.readouterr().err
