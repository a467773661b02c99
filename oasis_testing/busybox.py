"""The root filesystem of the test and bench images: the host's static busybox, nothing pulled."""

from __future__ import annotations

import io
import subprocess
import tarfile
import time
from pathlib import Path

BUSYBOX = Path("/bin/busybox")
#: A user other than root in the image (``/etc/passwd``), for tests of who a container runs as.
TEST_USER_UID = 1000


def busybox_rootfs() -> bytes:
    """A minimal root filesystem: static busybox, its applets, /tmp, and users root and 1000."""
    listing = subprocess.run([str(BUSYBOX), "--list-full"], capture_output=True, text=True, check=True)
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as rootfs:

        def add(name: str, kind: bytes, mode: int, data: bytes = b"", linkname: str = "") -> None:
            info = tarfile.TarInfo(name)
            info.type, info.mode, info.size, info.linkname = kind, mode, len(data), linkname
            info.mtime = int(time.time())
            rootfs.addfile(info, io.BytesIO(data) if data else None)

        for directory in ("bin", "sbin", "usr", "usr/bin", "usr/sbin", "etc", "root"):
            add(directory, tarfile.DIRTYPE, 0o755)
        add("tmp", tarfile.DIRTYPE, 0o1777)
        add("bin/busybox", tarfile.REGTYPE, 0o755, BUSYBOX.read_bytes())
        for applet in listing.stdout.split():
            if applet != "bin/busybox":
                add(applet, tarfile.SYMTYPE, 0o777, linkname="/bin/busybox")
        passwd = (
            f"root:x:0:0:root:/root:/bin/sh\noasis:x:{TEST_USER_UID}:{TEST_USER_UID}:oasis:/tmp:/bin/sh\n"
        )
        add("etc/passwd", tarfile.REGTYPE, 0o644, passwd.encode())
        add("etc/group", tarfile.REGTYPE, 0o644, f"root:x:0:\noasis:x:{TEST_USER_UID}:\n".encode())
    return buffer.getvalue()
