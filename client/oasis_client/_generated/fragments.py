from datetime import datetime
from typing import Any, Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import (
    ImageSource,
    ImageStatus,
    OperationMessageKind,
    TaskStatus,
    UploadStatus,
)


class AlgorithmParts(BaseModel):
    id: str
    name: str
    description: str
    command: str
    entrypoint: str
    environment: Any
    gpu: bool
    memory_mb: int = Field(alias="memoryMb")
    cpus: float
    timeout_s: int = Field(alias="timeoutS")
    network: bool
    cache_results: bool = Field(alias="cacheResults")
    is_public: bool = Field(alias="isPublic")
    created_at: datetime = Field(alias="createdAt")
    updated_at: datetime = Field(alias="updatedAt")
    image: "AlgorithmPartsImage"
    owner: "AlgorithmPartsOwner"


class AlgorithmPartsImage(BaseModel):
    id: str
    name: str
    status: ImageStatus
    image_id: str = Field(alias="imageId")


class AlgorithmPartsOwner(BaseModel):
    username: str


class DatasetParts(BaseModel):
    id: str
    name: str
    size: int
    file_count: int = Field(alias="fileCount")
    created_at: datetime = Field(alias="createdAt")
    download_url: str = Field(alias="downloadUrl")
    owner: "DatasetPartsOwner"
    produced_by: Optional["DatasetPartsProducedBy"] = Field(alias="producedBy")


class DatasetPartsOwner(BaseModel):
    username: str


class DatasetPartsProducedBy(BaseModel):
    id: str


class ErrorInfo(BaseModel):
    messages: list["ErrorInfoMessages"]


class ErrorInfoMessages(BaseModel):
    field: Optional[str]
    message: str
    kind: OperationMessageKind
    code: Optional[str]


class FileParts(BaseModel):
    id: str
    path: str
    size: int
    sha_256: str = Field(alias="sha256")
    download_url: str = Field(alias="downloadUrl")


class ImageParts(BaseModel):
    id: str
    name: str
    image_ref: str = Field(alias="imageRef")
    source: ImageSource
    status: ImageStatus
    progress: str
    failure_reason: str = Field(alias="failureReason")
    image_id: str = Field(alias="imageId")
    repo_digest: str = Field(alias="repoDigest")
    size: Optional[int]
    architecture: str
    is_public: bool = Field(alias="isPublic")
    created_at: datetime = Field(alias="createdAt")
    owner: "ImagePartsOwner"


class ImagePartsOwner(BaseModel):
    username: str


class TaskParts(BaseModel):
    id: str
    status: TaskStatus
    exit_code: Optional[int] = Field(alias="exitCode")
    failure_reason: str = Field(alias="failureReason")
    created_at: datetime = Field(alias="createdAt")
    queued_at: Optional[datetime] = Field(alias="queuedAt")
    started_at: Optional[datetime] = Field(alias="startedAt")
    finished_at: Optional[datetime] = Field(alias="finishedAt")
    log_line_count: int = Field(alias="logLineCount")
    spec_digest: str = Field(alias="specDigest")
    input_digest: str = Field(alias="inputDigest")
    algorithm: Optional["TaskPartsAlgorithm"]
    input_dataset: Optional["TaskPartsInputDataset"] = Field(alias="inputDataset")
    output_dataset: Optional["TaskPartsOutputDataset"] = Field(alias="outputDataset")
    reused_from: Optional["TaskPartsReusedFrom"] = Field(alias="reusedFrom")
    rerun_of: Optional["TaskPartsRerunOf"] = Field(alias="rerunOf")
    spec: "TaskPartsSpec"


class TaskPartsAlgorithm(BaseModel):
    id: str
    name: str


class TaskPartsInputDataset(BaseModel):
    id: str
    name: str


class TaskPartsOutputDataset(BaseModel):
    id: str
    name: str
    file_count: int = Field(alias="fileCount")
    size: int


class TaskPartsReusedFrom(BaseModel):
    id: str


class TaskPartsRerunOf(BaseModel):
    id: str


class TaskPartsSpec(BaseModel):
    digest: str
    algorithm_name: str = Field(alias="algorithmName")
    image_name: str = Field(alias="imageName")
    image_source: ImageSource = Field(alias="imageSource")
    image_ref: str = Field(alias="imageRef")
    image_id: str = Field(alias="imageId")
    repo_digest: str = Field(alias="repoDigest")
    command: Optional[list[str]]
    entrypoint: Optional[list[str]]
    environment: list["TaskPartsSpecEnvironment"]
    gpu: bool
    network: bool
    memory_mb: int = Field(alias="memoryMb")
    cpus: float
    timeout_s: int = Field(alias="timeoutS")


class TaskPartsSpecEnvironment(BaseModel):
    name: str
    value: str


class UploadParts(BaseModel):
    id: str
    path: str
    size: int
    part_size: int = Field(alias="partSize")
    part_count: int = Field(alias="partCount")
    direct: bool
    status: UploadStatus
    error: str
    expires_at: datetime = Field(alias="expiresAt")
    dataset: Optional["UploadPartsDataset"]
    received_parts: list["UploadPartsReceivedParts"] = Field(alias="receivedParts")


class UploadPartsDataset(BaseModel):
    id: str
    name: str


class UploadPartsReceivedParts(BaseModel):
    number: int
    size: int


AlgorithmParts.model_rebuild()
DatasetParts.model_rebuild()
ErrorInfo.model_rebuild()
FileParts.model_rebuild()
ImageParts.model_rebuild()
TaskParts.model_rebuild()
UploadParts.model_rebuild()
