"""glibc malloc settings for the server process, set once by ``serve`` before it starts any thread.

- ``M_MMAP_THRESHOLD`` fixed at 512 KiB, so the transfer buffers (MBs, freed at once) go back to the
  system. By default glibc raises the threshold to the largest block freed (up to 32 MB): after the
  first transfers every buffer came from the heap, whose fragments the process kept (measured: the
  web process at 220 MB after a 1 GB upload and download). A fixed threshold also turns that off.
- ``M_ARENA_MAX`` 2: a thread that allocates while another holds the main arena gets an arena of its
  own (up to 8 per core), and each arena keeps what was freed in it; the server runs a dozen threads
  (daphne's, the data plane and its upload writers, hashing, the embedded worker). Measured in B5
  (embedded): the web process started at 137 MB instead of 146 MB and peaked at 195 MB instead of
  199-203 MB. glibc reads the limit when it first needs a second arena: hence before any thread.

Nothing happens where the C library is not glibc.
"""

from __future__ import annotations

import ctypes
import ctypes.util

M_MMAP_THRESHOLD, M_ARENA_MAX = -3, -8
MMAP_THRESHOLD = 512 * 1024
ARENA_MAX = 2


def tune() -> bool:
    """Apply both settings; False where they could not be (not glibc)."""
    name = ctypes.util.find_library("c")
    if not name:
        return False
    try:
        libc = ctypes.CDLL(name)
        # Both calls always run: one refused must not keep the other from being set.
        done = [libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD), libc.mallopt(M_ARENA_MAX, ARENA_MAX)]
        return all(done)
    except (OSError, AttributeError):  # not glibc
        return False
