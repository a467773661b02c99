"""Creating and changing algorithms: environment, argv, limits with defaults and caps, ownership."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from oasis.algorithms.models import Algorithm
from oasis.algorithms.services import (
    AlgorithmFields,
    create_algorithm,
    delete_algorithm,
    get_runnable,
    update_algorithm,
)
from oasis.errors import NotFound
from tests.oasis.factories import make_algorithm, make_image, make_task


@pytest.fixture
def image(alice):
    return make_image(alice)


def _create(alice, image, **fields):
    return create_algorithm(owner=alice, fields=AlgorithmFields(name="algo", image_id=image.pk, **fields))


def _errors(excinfo) -> dict[str, list[str]]:
    return excinfo.value.message_dict


def test_create_with_platform_defaults(alice, image, settings):
    settings.OASIS_DEFAULT_MEMORY_MB = 512
    settings.OASIS_DEFAULT_CPUS = 0.5
    settings.OASIS_DEFAULT_TIMEOUT_S = 120
    algorithm = _create(alice, image)
    algorithm.refresh_from_db()
    assert (algorithm.memory_mb, algorithm.cpus, algorithm.timeout_s) == (512, 0.5, 120)
    assert algorithm.network is False, "network access is off by default"
    assert algorithm.gpu is False
    assert algorithm.is_public is False
    assert algorithm.environment == {}
    assert algorithm.command == algorithm.entrypoint == ""


def test_defaults_never_exceed_the_caps(alice, image, settings):
    settings.OASIS_DEFAULT_MEMORY_MB, settings.OASIS_MAX_MEMORY_MB = 4096, 1024
    settings.OASIS_DEFAULT_CPUS, settings.OASIS_MAX_CPUS = 8.0, 2.0
    settings.OASIS_DEFAULT_TIMEOUT_S, settings.OASIS_MAX_TIMEOUT_S = 7200, 600
    algorithm = _create(alice, image)
    assert (algorithm.memory_mb, algorithm.cpus, algorithm.timeout_s) == (1024, 2.0, 600)


def test_create_with_everything_set(alice, image):
    algorithm = _create(
        alice,
        image,
        description="Counts words",
        command="python count.py --all",
        entrypoint="/usr/bin/env",
        environment={"THREADS": "4", "_PRIVATE": "", "Mixed_Case9": "x=y"},
        gpu=True,
        memory_mb=2048,
        cpus=2.5,
        timeout_s=30,
        network=True,
        is_public=True,
    )
    algorithm.refresh_from_db()
    assert algorithm.command_argv == ["python", "count.py", "--all"]
    assert algorithm.entrypoint_argv == ["/usr/bin/env"]
    assert algorithm.environment == {"THREADS": "4", "_PRIVATE": "", "Mixed_Case9": "x=y"}
    assert (algorithm.gpu, algorithm.memory_mb, algorithm.cpus, algorithm.timeout_s) == (True, 2048, 2.5, 30)
    assert algorithm.network and algorithm.is_public


@pytest.mark.parametrize("name", ["1ABC", "A-B", "A B", "", "É", "A.B", "$X", "A\x00"])
def test_environment_names_must_be_identifiers(alice, image, name):
    with pytest.raises(ValidationError) as excinfo:
        _create(alice, image, environment={name: "x"})
    [message] = _errors(excinfo)["environment"]
    assert "is not a valid variable name" in message
    assert not Algorithm.objects.exists()


@pytest.mark.parametrize("value", [1, 1.5, True, None, ["a"], {"a": "b"}])
def test_environment_values_must_be_strings(alice, image, value):
    with pytest.raises(ValidationError) as excinfo:
        _create(alice, image, environment={"X": value})
    assert _errors(excinfo)["environment"] == ["The value of X must be a string."]


@pytest.mark.parametrize("env", [["A=1"], "A=1", 5, True])
def test_the_environment_is_an_object(alice, image, env):
    with pytest.raises(ValidationError) as excinfo:
        _create(alice, image, environment=env)
    assert "object of names to string values" in _errors(excinfo)["environment"][0]


def test_every_bad_variable_is_reported(alice, image):
    with pytest.raises(ValidationError) as excinfo:
        _create(alice, image, environment={"1A": "x", "B": 2, "OK": "fine", "OASIS_INPUT_DIR": "/x"})
    messages = _errors(excinfo)["environment"]
    assert len(messages) == 3
    assert any("OASIS_INPUT_DIR is set by OASIS" in m for m in messages)


def test_environment_value_with_nul_or_too_long(alice, image):
    for value in ("a\x00b", "x" * (32 * 1024 + 1)):
        with pytest.raises(ValidationError) as excinfo:
            _create(alice, image, environment={"X": value})
        assert "too long or contains a NUL" in _errors(excinfo)["environment"][0]


@pytest.mark.parametrize(
    ("field", "text"),
    [("command", 'echo "unterminated'), ("entrypoint", "sh -c 'oops"), ("command", "echo \\")],
)
def test_argv_that_a_shell_cannot_split_is_refused(alice, image, field, text):
    with pytest.raises(ValidationError) as excinfo:
        _create(alice, image, **{field: text})
    [message] = _errors(excinfo)[field]
    assert message.startswith("Cannot split it like a shell would:")


def test_argv_longer_than_16kb_is_refused(alice, image):
    with pytest.raises(ValidationError) as excinfo:
        _create(alice, image, command="x" * (16 * 1024 + 1))
    assert _errors(excinfo)["command"] == ["At most 16 KB."]


@pytest.mark.parametrize(
    ("fields", "field", "text"),
    [
        ({"memory_mb": 5}, "memoryMb", "between 6 and 1024 MB"),
        ({"memory_mb": 1025}, "memoryMb", "between 6 and 1024 MB"),
        ({"cpus": 0.0}, "cpus", "between 0.01 and 2.0"),
        ({"cpus": 2.01}, "cpus", "between 0.01 and 2.0"),
        ({"timeout_s": 0}, "timeoutS", "between 1 and 600 seconds"),
        ({"timeout_s": 601}, "timeoutS", "between 1 and 600 seconds"),
    ],
)
def test_limits_are_capped_by_settings(alice, image, settings, fields, field, text):
    settings.OASIS_MAX_MEMORY_MB, settings.OASIS_MAX_CPUS, settings.OASIS_MAX_TIMEOUT_S = 1024, 2.0, 600
    with pytest.raises(ValidationError) as excinfo:
        _create(alice, image, **fields)
    assert text in _errors(excinfo)[field][0]


def test_limits_at_the_caps_are_accepted(alice, image, settings):
    settings.OASIS_MAX_MEMORY_MB, settings.OASIS_MAX_CPUS, settings.OASIS_MAX_TIMEOUT_S = 1024, 2.0, 600
    algorithm = _create(alice, image, memory_mb=1024, cpus=2.0, timeout_s=600)
    assert (algorithm.memory_mb, algorithm.cpus, algorithm.timeout_s) == (1024, 2.0, 600)
    assert _create(alice, image, memory_mb=6, cpus=0.01, timeout_s=1).memory_mb == 6


def test_network_access_can_be_forbidden_by_the_installation(alice, image, settings):
    settings.OASIS_ALLOW_NETWORK = False
    with pytest.raises(ValidationError) as excinfo:
        _create(alice, image, network=True)
    assert "does not allow network access" in _errors(excinfo)["network"][0]
    assert _create(alice, image, network=False).network is False


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        (AlgorithmFields(image_id=1), "name"),
        (AlgorithmFields(name="x"), "imageId"),
        (AlgorithmFields(name="   ", image_id=1), "name"),
        (AlgorithmFields(name="n" * 201, image_id=1), "name"),
    ],
)
def test_name_and_image_are_required(alice, image, fields, field):
    if fields.image_id:
        fields.image_id = image.pk
    with pytest.raises(ValidationError) as excinfo:
        create_algorithm(owner=alice, fields=fields)
    assert field in _errors(excinfo)


def test_an_algorithm_may_use_a_public_image_of_someone_else(alice, bob):
    public = make_image(bob, public=True)
    algorithm = create_algorithm(owner=alice, fields=AlgorithmFields(name="a", image_id=public.pk))
    assert algorithm.image == public


def test_an_algorithm_may_not_use_a_private_image_of_someone_else(alice, bob):
    private = make_image(bob)
    with pytest.raises(ValidationError) as excinfo:
        create_algorithm(owner=alice, fields=AlgorithmFields(name="a", image_id=private.pk))
    assert _errors(excinfo)["imageId"] == ["Image not found."]


def test_update_changes_only_the_given_fields(alice, image):
    algorithm = _create(alice, image, command="a b", environment={"A": "1"}, memory_mb=100)
    update_algorithm(user=alice, algorithm_id=algorithm.pk, fields=AlgorithmFields(command="c d"))
    algorithm.refresh_from_db()
    assert algorithm.command == "c d"
    assert algorithm.environment == {"A": "1"}
    assert algorithm.memory_mb == 100


def test_update_validates_like_create(alice, image):
    algorithm = _create(alice, image)
    with pytest.raises(ValidationError):
        update_algorithm(
            user=alice, algorithm_id=algorithm.pk, fields=AlgorithmFields(environment={"1": "x"})
        )
    algorithm.refresh_from_db()
    assert algorithm.environment == {}


def test_others_cannot_change_a_private_algorithm_nor_learn_that_it_exists(alice, bob):
    algorithm = make_algorithm(alice)
    with pytest.raises(NotFound):
        update_algorithm(user=bob, algorithm_id=algorithm.pk, fields=AlgorithmFields(name="mine"))
    with pytest.raises(NotFound):
        delete_algorithm(user=bob, algorithm_id=algorithm.pk)
    with pytest.raises(NotFound):
        get_runnable(user=bob, algorithm_id=algorithm.pk)


def test_others_may_run_a_public_algorithm_but_not_change_it(alice, bob):
    algorithm = make_algorithm(alice, public=True)
    assert get_runnable(user=bob, algorithm_id=algorithm.pk) == algorithm
    with pytest.raises(PermissionDenied, match="Only the owner"):
        update_algorithm(user=bob, algorithm_id=algorithm.pk, fields=AlgorithmFields(name="mine"))
    with pytest.raises(PermissionDenied):
        delete_algorithm(user=bob, algorithm_id=algorithm.pk)
    algorithm.refresh_from_db()
    assert algorithm.name == "algo"


def test_staff_may_change_any_algorithm(alice, make_user):
    staff = make_user("staff", is_staff=True)
    algorithm = make_algorithm(alice)
    update_algorithm(user=staff, algorithm_id=algorithm.pk, fields=AlgorithmFields(name="fixed"))
    algorithm.refresh_from_db()
    assert algorithm.name == "fixed"


def test_delete(alice):
    algorithm = make_algorithm(alice)
    delete_algorithm(user=alice, algorithm_id=algorithm.pk)
    assert not Algorithm.objects.filter(pk=algorithm.pk).exists()


def test_deleting_an_algorithm_keeps_its_tasks(alice):
    task = make_task(alice)
    spec = dict(task.spec)
    delete_algorithm(user=alice, algorithm_id=task.algorithm_id)
    task.refresh_from_db()
    assert task.algorithm_id is None
    assert task.spec == spec
