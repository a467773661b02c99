"""Loads the Docker fixtures when the top-level conftest has not (e.g. ``--confcutdir=tests/runners``).

Not ``pytest_plugins`` here: pytest only allows that in the top-level conftest. ``pytest_configure``
is a historic hook, so it runs even for a conftest found during collection.
"""

PLUGIN = "tests.fixtures.docker"


def pytest_configure(config):
    if not config.pluginmanager.has_plugin(PLUGIN):
        config.pluginmanager.import_plugin(PLUGIN)
