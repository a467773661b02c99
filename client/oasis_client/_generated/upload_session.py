from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import UploadParts


class UploadSession(BaseModel):
    upload_session: Optional["UploadSessionUploadSession"] = Field(
        alias="uploadSession"
    )


UploadSessionUploadSession = UploadParts
UploadSession.model_rebuild()
