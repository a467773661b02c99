"""Custom scalars. GraphQL's Int is 32-bit; sizes in bytes need more."""

from typing import NewType

import strawberry

BigInt = NewType("BigInt", int)

SCALAR_MAP = {
    BigInt: strawberry.scalar(
        name="BigInt",
        description="An integer that may exceed 32 bits (sizes in bytes). Serialised as a JSON number.",
        serialize=int,
        parse_value=int,
    )
}
