"""Every weltnetz command and option says what it does, and the console command reaches them."""

import subprocess
import sys

import pytest
from django.core.management import get_commands, load_command_class

PROJECT_COMMANDS = sorted(name for name, app in get_commands().items() if app.startswith("weltnetz"))


def test_the_project_has_its_commands():
    assert {"load_register", "setup_portal", "import_twin_cities", "ingest", "rebuild_search_index"} <= set(
        PROJECT_COMMANDS
    )


@pytest.mark.parametrize("name", PROJECT_COMMANDS)
def test_command_and_options_have_help(name):
    command = load_command_class(get_commands()[name], name)
    assert command.help.strip(), f"{name} has no help text"
    parser = command.create_parser("weltnetz", name)
    own = [a for a in parser._actions if a.dest not in _BASE_OPTIONS]
    for action in own:
        assert action.help, f"{name}: option {action.option_strings or action.dest} has no help"


_BASE_OPTIONS = {
    "help",
    "version",
    "verbosity",
    "settings",
    "pythonpath",
    "traceback",
    "no_color",
    "force_color",
    "skip_checks",
}


def test_console_command_runs_django_commands():
    result = subprocess.run(
        [sys.executable, "-m", "weltnetz.cli", "help", "load_register"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "Load a folder of register data files" in result.stdout
