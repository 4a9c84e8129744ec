"""The ``iptarget`` console script, and ``python -m iptarget``: the cycle collector is off
before the command line is imported (iptarget.cli.run says why; importing Typer and the
commands with it on costs some 10 ms of collections that find nothing)."""

import gc


def main() -> None:
    """Run the command line as the console script does."""
    gc.disable()
    from iptarget.cli import main as command_line

    command_line()
