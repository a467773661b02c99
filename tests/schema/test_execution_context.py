"""A subscription's memory does not grow with the number of events it delivers (graphql-core 3.3
shares one memo between the per-event executors of a subscription; ``schema.ExecutionContext`` gives
each event its own)."""

import asyncio
import gc

import strawberry

EVENTS = 3000


@strawberry.type
class Run:
    text: str


@strawberry.type
class Batch:
    index: int
    runs: list[Run]


@strawberry.type
class Query:
    ok: bool = True


@strawberry.type
class Subscription:
    @strawberry.subscription
    async def batches(self) -> Batch:
        for index in range(EVENTS):
            yield Batch(index=index, runs=[Run(text="a"), Run(text="b")])


def _objects_after_events(execution_context_class) -> int:
    """How many objects the subscription gained between its 100th and its last event."""
    toy = strawberry.Schema(Query, subscription=Subscription, execution_context_class=execution_context_class)

    async def follow() -> int:
        results = await toy.subscribe("subscription { batches { index runs { text } } }")
        count, before = 0, 0
        async for result in results:
            assert not result.errors
            count += 1
            if count == 100:
                gc.collect()
                before = len(gc.get_objects())
            if count == EVENTS:
                gc.collect()
                return len(gc.get_objects()) - before
        raise AssertionError("the subscription ended early")

    return asyncio.run(follow())


# schema.schema is imported inside the tests, not at collection: importing it builds the module-level
# schema, which must see the tests' settings (DEBUG off), or the hardening tests that need it skip.


def test_the_schema_uses_the_fixed_execution_context():
    from schema.schema import ExecutionContext, schema

    assert schema.execution_context_class is ExecutionContext


def test_a_long_subscription_keeps_no_objects_per_event():
    from schema.schema import ExecutionContext

    assert _objects_after_events(ExecutionContext) < 100


def test_graphql_core_alone_still_keeps_them():
    """If this fails, graphql-core fixed the leak and ExecutionContext may go."""
    from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

    assert _objects_after_events(StrawberryGraphQLCoreExecutionContext) > 5 * EVENTS
