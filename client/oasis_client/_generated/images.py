from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import ImageParts


class Images(BaseModel):
    images: "ImagesImages"


class ImagesImages(BaseModel):
    total_count: Optional[int] = Field(alias="totalCount")
    page_info: "ImagesImagesPageInfo" = Field(alias="pageInfo")
    edges: list["ImagesImagesEdges"]


class ImagesImagesPageInfo(BaseModel):
    has_next_page: bool = Field(alias="hasNextPage")
    end_cursor: Optional[str] = Field(alias="endCursor")


class ImagesImagesEdges(BaseModel):
    node: "ImagesImagesEdgesNode"


ImagesImagesEdgesNode = ImageParts
Images.model_rebuild()
ImagesImages.model_rebuild()
ImagesImagesEdges.model_rebuild()
