from typing import Optional

from .base_model import BaseModel
from .fragments import AlgorithmParts


class Algorithm(BaseModel):
    algorithm: Optional["AlgorithmAlgorithm"]


AlgorithmAlgorithm = AlgorithmParts
Algorithm.model_rebuild()
