from typing import Optional

from .base_model import BaseModel
from .fragments import ImageParts


class Image(BaseModel):
    image: Optional["ImageImage"]


ImageImage = ImageParts
Image.model_rebuild()
