"""Run iptarget as ``python -m iptarget``."""

from iptarget.cli import main

if __name__ == "__main__":
    main()
