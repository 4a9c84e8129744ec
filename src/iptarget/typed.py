"""What people type that means ASCII: full-width digits and signs, and the minus sign."""

#: Full-width digits, point, comma, signs and percent (as Chinese input methods type them),
#: and the minus sign U+2212 (as PDFs and word processors print it), in ASCII.
NARROW = str.maketrans(
    {
        **{chr(0xFF10 + digit): str(digit) for digit in range(10)},
        "．": ".",
        "，": ",",
        "－": "-",
        "＋": "+",
        "−": "-",
        "％": "%",
        "／": "/",
    }
)
