"""The pure core: plain frozen values in, plain values out. No files, no printing."""
