"""A stand-in for a conversion that kills its worker process (a segfault in a native library)."""

import os


def convert_or_die(path: str, *_options) -> dict:
    if path.endswith("die.txt"):
        os._exit(9)
    return {"ok": True, "path": path}
