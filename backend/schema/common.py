"""Types shared by the domains."""

import strawberry


@strawberry.type
class Deleted:
    """The id of an object a mutation deleted."""

    id: strawberry.ID
