"""Run iptarget as ``python -m iptarget``."""

from iptarget.launch import main

if __name__ == "__main__":
    main()
