import pytest

from tests.fixtures.client import OasisClient


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="module")
def people(request):
    """Two users with API tokens on the module's stack: ``people(stack)`` -> (alice, bob) clients."""
    made = {}

    def make(stack):
        if stack.port not in made:
            stack.create_user("alice", "alice-password-1")
            stack.create_user("bob", "bob-password-1")
            made[stack.port] = (
                OasisClient(stack.url, stack.token("alice")),
                OasisClient(stack.url, stack.token("bob")),
            )
        return made[stack.port]

    return make


@pytest.fixture(scope="module")
def workspace(people, busybox_ref, tmp_path_factory):
    """``workspace(stack)`` -> (alice, bob, image, dataset): Alice's busybox image and a one-file input
    dataset (``data.txt`` holding ``input data``) on the stack."""

    def make(stack):
        alice, bob = people(stack)
        image = alice.register_image_ref("busybox", busybox_ref)
        path = tmp_path_factory.mktemp("in") / "data.txt"
        path.write_text("input data\n")
        return alice, bob, image, alice.create_dataset("input", {"data.txt": path})

    return make
