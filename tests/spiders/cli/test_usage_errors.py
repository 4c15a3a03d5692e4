"""Every verb's usage error is the same one line as the errors the verbs raise themselves:
`longform: error: ...`, the --help hint naming the verb, exit status 2."""

from __future__ import annotations

import pytest

from spiders.cli import VERBS, main


@pytest.mark.parametrize("verb", [verb.__name__.rsplit(".", 1)[-1].replace("_", "-") for verb in VERBS])
def test_an_unknown_option_is_one_longform_error_line(verb: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([verb, "--no-such-option"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("longform: error: ") and err.count("\n") == 1
    # A verb without positional arguments leaves the unknown one to the top-level parser (argparse).
    assert err.endswith((f"(see longform {verb} --help)\n", "(see longform --help)\n"))
    assert not err.startswith(f"longform {verb}: ")


def test_a_bad_option_value_names_the_option(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["export", "--since", "xx", "somewhere"])
    assert exit_.value.code == 2
    assert capsys.readouterr().err.startswith("longform: error: argument --since: 'xx' is not a date")


def test_the_top_level_error_keeps_its_form(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["no-such-verb"])
    err = capsys.readouterr().err
    assert err.startswith("longform: error: ") and err.endswith("(see longform --help)\n")
