"""The server process's malloc settings (oasis.site.malloc) take on glibc, this project's platform."""

import platform

import pytest

from oasis.site import malloc


def test_the_settings_take_on_glibc():
    if platform.libc_ver()[0] != "glibc":
        pytest.skip("not glibc: the settings do not apply")
    assert malloc.tune()
