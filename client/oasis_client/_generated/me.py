from typing import Optional

from pydantic import Field

from .base_model import BaseModel


class Me(BaseModel):
    me: Optional["MeMe"]


class MeMe(BaseModel):
    username: str
    is_staff: bool = Field(alias="isStaff")


Me.model_rebuild()
