import pytest


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


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
