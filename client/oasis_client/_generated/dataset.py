from typing import Optional

from .base_model import BaseModel
from .fragments import DatasetParts


class Dataset(BaseModel):
    dataset: Optional["DatasetDataset"]


DatasetDataset = DatasetParts
Dataset.model_rebuild()
