from typing import Optional

from pydantic import Field

from .base_model import BaseModel


class UploadPartUrls(BaseModel):
    upload_session: Optional["UploadPartUrlsUploadSession"] = Field(
        alias="uploadSession"
    )


class UploadPartUrlsUploadSession(BaseModel):
    id: str
    part_urls: list["UploadPartUrlsUploadSessionPartUrls"] = Field(alias="partUrls")


class UploadPartUrlsUploadSessionPartUrls(BaseModel):
    number: int
    url: str


UploadPartUrls.model_rebuild()
UploadPartUrlsUploadSession.model_rebuild()
