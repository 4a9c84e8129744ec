"""The only code that touches files: reading, checking across files, writing."""
