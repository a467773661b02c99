"""installationLimits: the bounds the services enforce, as configured, for the forms to show."""

from oasis.algorithms.models import Algorithm
from tests.oasis.factories import gid, make_image

LIMITS = """{ installationLimits { maxNameLength minMemoryMb maxMemoryMb defaultMemoryMb minCpus maxCpus
  defaultCpus minTimeoutS maxTimeoutS defaultTimeoutS allowNetwork maxUploadBytes maxImageBytes
  maxFilesPerDataset maxFilesPerRequest maxPathLength allowedRegistries } }"""


def test_limits_follow_the_settings(gql_as, alice, settings):
    settings.OASIS_MAX_MEMORY_MB = 2048
    settings.OASIS_DEFAULT_MEMORY_MB = 4096  # above its cap: the cap is what an algorithm gets
    settings.OASIS_MAX_CPUS = 2.5
    settings.OASIS_MAX_TIMEOUT_S = 600
    settings.OASIS_MAX_UPLOAD_BYTES = 5 * 1024**3  # over 32 bits
    settings.OASIS_MAX_IMAGE_BYTES = 10 * 1024**3  # the upload limit caps it
    settings.OASIS_MAX_FILES_PER_DATASET = 321
    settings.OASIS_ALLOW_NETWORK = False
    settings.OASIS_ALLOWED_REGISTRIES = ["registry.example.org"]
    limits = gql_as(alice).data(LIMITS)["installationLimits"]
    assert limits == {
        "maxNameLength": 200,
        "minMemoryMb": 6,
        "maxMemoryMb": 2048,
        "defaultMemoryMb": 2048,
        "minCpus": 0.01,
        "maxCpus": 2.5,
        "defaultCpus": min(settings.OASIS_DEFAULT_CPUS, 2.5),
        "minTimeoutS": 1,
        "maxTimeoutS": 600,
        "defaultTimeoutS": 600,
        "allowNetwork": False,
        "maxUploadBytes": 5 * 1024**3,
        "maxImageBytes": 5 * 1024**3,
        "maxFilesPerDataset": 321,
        "maxFilesPerRequest": settings.DATA_UPLOAD_MAX_NUMBER_FILES,
        "maxPathLength": 1024,
        "allowedRegistries": ["registry.example.org"],
    }


CREATE = """mutation($input: AlgorithmInput!) { createAlgorithm(input: $input) {
  __typename ... on OperationInfo { messages { field message } } } }"""


def test_the_published_bounds_are_the_ones_enforced(gql_as, alice, settings):
    """Just past each published bound is refused on its field, not adjusted."""
    client = gql_as(alice)
    image = gid(make_image(alice))
    limits = client.data(LIMITS)["installationLimits"]
    for field, value in [
        ("memoryMb", limits["minMemoryMb"] - 1),
        ("memoryMb", limits["maxMemoryMb"] + 1),
        ("cpus", limits["minCpus"] / 2),
        ("cpus", limits["maxCpus"] + 0.5),
        ("timeoutS", limits["minTimeoutS"] - 6),
        ("timeoutS", limits["maxTimeoutS"] + 1),
    ]:
        body = client.execute(CREATE, {"input": {"name": "x", "imageId": image, field: value}})
        answer = body["data"]["createAlgorithm"]
        assert answer["__typename"] == "OperationInfo", (field, value)
        assert field in {m["field"] for m in answer["messages"]}, (field, value, answer)
    assert not Algorithm.objects.exists()


def test_anyone_may_read_them(gql):
    assert gql.data("{ installationLimits { maxMemoryMb } }")["installationLimits"]["maxMemoryMb"] > 0
