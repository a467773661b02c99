from datetime import date, datetime
from typing import Any, Optional

from pydantic import Field

from .base_model import BaseModel, Upload
from .enums import Ordering


class AddDatasetFilesInput(BaseModel):
    id: str
    files: list[Upload]
    paths: Optional[list[str]] = None


class AlgorithmFilter(BaseModel):
    name: Optional["TextFilterLookup"] = None
    gpu: Optional["BoolBaseFilterLookup"] = None
    is_public: Optional["BoolBaseFilterLookup"] = Field(alias="isPublic", default=None)
    created_at: Optional["DatetimeFilterLookup"] = Field(
        alias="createdAt", default=None
    )
    and_: Optional["AlgorithmFilter"] = Field(alias="AND", default=None)
    or_: Optional["AlgorithmFilter"] = Field(alias="OR", default=None)
    not_: Optional["AlgorithmFilter"] = Field(alias="NOT", default=None)
    distinct: Optional[bool] = Field(alias="DISTINCT", default=None)
    owner: Optional["DjangoModelFilterInput"] = None
    "Algorithms of one user."
    image: Optional["DjangoModelFilterInput"] = None
    "Algorithms running one image."


class AlgorithmInput(BaseModel):
    name: Optional[str] = None
    description: Optional[str] = None
    image_id: Optional[str] = Field(alias="imageId", default=None)
    command: Optional[str] = None
    entrypoint: Optional[str] = None
    environment: Optional[Any] = None
    'e.g. {"THREADS": "4"}'
    gpu: Optional[bool] = None
    memory_mb: Optional[int] = Field(alias="memoryMb", default=None)
    cpus: Optional[float] = None
    timeout_s: Optional[int] = Field(alias="timeoutS", default=None)
    network: Optional[bool] = None
    cache_results: Optional[bool] = Field(alias="cacheResults", default=None)
    is_public: Optional[bool] = Field(alias="isPublic", default=None)


class AlgorithmOrder(BaseModel):
    name: Optional[Ordering] = None
    created_at: Optional[Ordering] = Field(alias="createdAt", default=None)
    updated_at: Optional[Ordering] = Field(alias="updatedAt", default=None)


class BoolBaseFilterLookup(BaseModel):
    exact: Optional[bool] = None
    "Exact match. Filter will be skipped on `null` value"
    is_null: Optional[bool] = Field(alias="isNull", default=None)
    "Assignment test. Filter will be skipped on `null` value"
    in_list: Optional[list[bool]] = Field(alias="inList", default=None)
    "Exact match of items in a given list. Filter will be skipped on `null` value"


class CreateDatasetInput(BaseModel):
    name: str
    files: list[Upload] = Field(default_factory=lambda: [])
    paths: Optional[list[str]] = None
    "Each file's relative path (e.g. images/a.png); default: its file name."


class DatasetFileFilter(BaseModel):
    path: Optional["TextFilterLookup"] = None
    and_: Optional["DatasetFileFilter"] = Field(alias="AND", default=None)
    or_: Optional["DatasetFileFilter"] = Field(alias="OR", default=None)
    not_: Optional["DatasetFileFilter"] = Field(alias="NOT", default=None)
    distinct: Optional[bool] = Field(alias="DISTINCT", default=None)


class DatasetFilter(BaseModel):
    name: Optional["TextFilterLookup"] = None
    created_at: Optional["DatetimeFilterLookup"] = Field(
        alias="createdAt", default=None
    )
    and_: Optional["DatasetFilter"] = Field(alias="AND", default=None)
    or_: Optional["DatasetFilter"] = Field(alias="OR", default=None)
    not_: Optional["DatasetFilter"] = Field(alias="NOT", default=None)
    distinct: Optional[bool] = Field(alias="DISTINCT", default=None)
    owner: Optional["DjangoModelFilterInput"] = None
    "Datasets of one user (staff see all)."


class DatasetOrder(BaseModel):
    name: Optional[Ordering] = None
    created_at: Optional[Ordering] = Field(alias="createdAt", default=None)
    size: Optional[Ordering] = None


class DateComparisonFilterLookup(BaseModel):
    exact: Optional[date] = None
    "Exact match. Filter will be skipped on `null` value"
    is_null: Optional[bool] = Field(alias="isNull", default=None)
    "Assignment test. Filter will be skipped on `null` value"
    in_list: Optional[list[date]] = Field(alias="inList", default=None)
    "Exact match of items in a given list. Filter will be skipped on `null` value"
    gt: Optional[date] = None
    "Greater than. Filter will be skipped on `null` value"
    gte: Optional[date] = None
    "Greater than or equal to. Filter will be skipped on `null` value"
    lt: Optional[date] = None
    "Less than. Filter will be skipped on `null` value"
    lte: Optional[date] = None
    "Less than or equal to. Filter will be skipped on `null` value"
    range_: Optional["DateRangeLookup"] = Field(alias="range", default=None)
    "Inclusive range test (between)"


class DateRangeLookup(BaseModel):
    start: Optional[date] = None
    end: Optional[date] = None


class DatetimeFilterLookup(BaseModel):
    exact: Optional[datetime] = None
    "Exact match. Filter will be skipped on `null` value"
    is_null: Optional[bool] = Field(alias="isNull", default=None)
    "Assignment test. Filter will be skipped on `null` value"
    in_list: Optional[list[datetime]] = Field(alias="inList", default=None)
    "Exact match of items in a given list. Filter will be skipped on `null` value"
    gt: Optional[datetime] = None
    "Greater than. Filter will be skipped on `null` value"
    gte: Optional[datetime] = None
    "Greater than or equal to. Filter will be skipped on `null` value"
    lt: Optional[datetime] = None
    "Less than. Filter will be skipped on `null` value"
    lte: Optional[datetime] = None
    "Less than or equal to. Filter will be skipped on `null` value"
    range_: Optional["DatetimeRangeLookup"] = Field(alias="range", default=None)
    "Inclusive range test (between)"
    year: Optional["IntComparisonFilterLookup"] = None
    month: Optional["IntComparisonFilterLookup"] = None
    day: Optional["IntComparisonFilterLookup"] = None
    week_day: Optional["IntComparisonFilterLookup"] = Field(
        alias="weekDay", default=None
    )
    iso_week_day: Optional["IntComparisonFilterLookup"] = Field(
        alias="isoWeekDay", default=None
    )
    week: Optional["IntComparisonFilterLookup"] = None
    iso_year: Optional["IntComparisonFilterLookup"] = Field(
        alias="isoYear", default=None
    )
    quarter: Optional["IntComparisonFilterLookup"] = None
    hour: Optional["IntComparisonFilterLookup"] = None
    minute: Optional["IntComparisonFilterLookup"] = None
    second: Optional["IntComparisonFilterLookup"] = None
    date: Optional["DateComparisonFilterLookup"] = None
    time: Optional["TimeComparisonFilterLookup"] = None


class DatetimeRangeLookup(BaseModel):
    start: Optional[datetime] = None
    end: Optional[datetime] = None


class DjangoModelFilterInput(BaseModel):
    pk: str


class ImageFilter(BaseModel):
    name: Optional["TextFilterLookup"] = None
    is_public: Optional["BoolBaseFilterLookup"] = Field(alias="isPublic", default=None)
    created_at: Optional["DatetimeFilterLookup"] = Field(
        alias="createdAt", default=None
    )
    and_: Optional["ImageFilter"] = Field(alias="AND", default=None)
    or_: Optional["ImageFilter"] = Field(alias="OR", default=None)
    not_: Optional["ImageFilter"] = Field(alias="NOT", default=None)
    distinct: Optional[bool] = Field(alias="DISTINCT", default=None)
    owner: Optional["DjangoModelFilterInput"] = None
    "Images of one user."


class ImageOrder(BaseModel):
    name: Optional[Ordering] = None
    created_at: Optional[Ordering] = Field(alias="createdAt", default=None)


class IntComparisonFilterLookup(BaseModel):
    exact: Optional[int] = None
    "Exact match. Filter will be skipped on `null` value"
    is_null: Optional[bool] = Field(alias="isNull", default=None)
    "Assignment test. Filter will be skipped on `null` value"
    in_list: Optional[list[int]] = Field(alias="inList", default=None)
    "Exact match of items in a given list. Filter will be skipped on `null` value"
    gt: Optional[int] = None
    "Greater than. Filter will be skipped on `null` value"
    gte: Optional[int] = None
    "Greater than or equal to. Filter will be skipped on `null` value"
    lt: Optional[int] = None
    "Less than. Filter will be skipped on `null` value"
    lte: Optional[int] = None
    "Less than or equal to. Filter will be skipped on `null` value"
    range_: Optional["IntRangeLookup"] = Field(alias="range", default=None)
    "Inclusive range test (between)"


class IntRangeLookup(BaseModel):
    start: Optional[int] = None
    end: Optional[int] = None


class RegisterImageInput(BaseModel):
    name: str
    image_ref: Optional[str] = Field(alias="imageRef", default=None)
    "e.g. alpine:3.20"
    image_file: Optional[Upload] = Field(alias="imageFile", default=None)
    "A `docker save` .tar or .tar.gz."
    is_public: bool = Field(alias="isPublic", default=False)
    engine_local: bool = Field(alias="engineLocal", default=False)
    "Staff, with OASIS_ALLOW_LOCAL_IMAGES: pin an image the engine already holds (imageRef names it)."


class RegistryCredentialInput(BaseModel):
    host: str
    "e.g. registry.example.org:5000 (docker.io for Docker Hub)"
    username: str
    password: str


class RemoveDatasetFilesInput(BaseModel):
    id: str
    paths: list[str]


class RerunTaskInput(BaseModel):
    id: str
    use_current_algorithm: bool = Field(alias="useCurrentAlgorithm", default=False)
    "Run the algorithm's definition as it is now instead of the recorded spec."
    reuse: bool = False


class RunAlgorithmInput(BaseModel):
    algorithm_id: str = Field(alias="algorithmId")
    input_dataset_id: str = Field(alias="inputDatasetId")
    reuse: Optional[bool] = None
    "Take the result of an earlier SUCCEEDED run with the same spec and input content, if you may see one, instead of running. Default: the algorithm's cacheResults."


class StartUploadInput(BaseModel):
    path: str
    "The file's relative path in the dataset (e.g. images/a.png)."
    size: int
    "The file's size in bytes (at least 1)."
    sha_256: Optional[str] = Field(alias="sha256", default=None)
    "The file's SHA-256, if known: completion fails if the bytes differ."
    dataset_id: Optional[str] = Field(alias="datasetId", default=None)
    "Add the file to this dataset of yours..."
    dataset_name: Optional[str] = Field(alias="datasetName", default=None)
    "...or make a new dataset of this name."
    part_size: Optional[int] = Field(alias="partSize", default=None)
    "Bytes per part (default OASIS_UPLOAD_PART_BYTES; raised if the file needs more than 10,000 parts)."


class TaskFilter(BaseModel):
    status: Optional["TextFilterLookup"] = None
    created_at: Optional["DatetimeFilterLookup"] = Field(
        alias="createdAt", default=None
    )
    and_: Optional["TaskFilter"] = Field(alias="AND", default=None)
    or_: Optional["TaskFilter"] = Field(alias="OR", default=None)
    not_: Optional["TaskFilter"] = Field(alias="NOT", default=None)
    distinct: Optional[bool] = Field(alias="DISTINCT", default=None)
    algorithm: Optional["DjangoModelFilterInput"] = None
    "Tasks of one algorithm."
    owner: Optional["DjangoModelFilterInput"] = None
    "Tasks of one user."
    input_dataset: Optional["DjangoModelFilterInput"] = Field(
        alias="inputDataset", default=None
    )
    "Tasks reading one dataset."
    search: Optional[str] = None
    "Text search, case-insensitive: a task number (`12` or `#12`) finds that task; any text finds tasks whose algorithm name or image name (as recorded when the task was created), input dataset name or failure reason contains it. Blank: no filter."


class TaskOrder(BaseModel):
    created_at: Optional[Ordering] = Field(alias="createdAt", default=None)
    finished_at: Optional[Ordering] = Field(alias="finishedAt", default=None)
    started_at: Optional[Ordering] = Field(alias="startedAt", default=None)
    status: Optional[Ordering] = None
    algorithm: Optional["AlgorithmOrder"] = None
    "By the algorithm as it is now (a deleted one sorts as null)."
    input_dataset: Optional["DatasetOrder"] = Field(alias="inputDataset", default=None)


class TextFilterLookup(BaseModel):
    """Text comparisons (no regular expressions: they could hold the server)."""

    exact: Optional[str] = None
    "Exact match. Filter will be skipped on `null` value"
    is_null: Optional[bool] = Field(alias="isNull", default=None)
    "Assignment test. Filter will be skipped on `null` value"
    in_list: Optional[list[str]] = Field(alias="inList", default=None)
    "Exact match of items in a given list. Filter will be skipped on `null` value"
    i_exact: Optional[str] = Field(alias="iExact", default=None)
    "Case-insensitive exact match. Filter will be skipped on `null` value"
    contains: Optional[str] = None
    "Case-sensitive containment test. Filter will be skipped on `null` value"
    i_contains: Optional[str] = Field(alias="iContains", default=None)
    "Case-insensitive containment test. Filter will be skipped on `null` value"
    starts_with: Optional[str] = Field(alias="startsWith", default=None)
    "Case-sensitive starts-with. Filter will be skipped on `null` value"
    i_starts_with: Optional[str] = Field(alias="iStartsWith", default=None)
    "Case-insensitive starts-with. Filter will be skipped on `null` value"
    ends_with: Optional[str] = Field(alias="endsWith", default=None)
    "Case-sensitive ends-with. Filter will be skipped on `null` value"
    i_ends_with: Optional[str] = Field(alias="iEndsWith", default=None)
    "Case-insensitive ends-with. Filter will be skipped on `null` value"


class TimeComparisonFilterLookup(BaseModel):
    exact: Optional[Any] = None
    "Exact match. Filter will be skipped on `null` value"
    is_null: Optional[bool] = Field(alias="isNull", default=None)
    "Assignment test. Filter will be skipped on `null` value"
    in_list: Optional[list[Any]] = Field(alias="inList", default=None)
    "Exact match of items in a given list. Filter will be skipped on `null` value"
    gt: Optional[Any] = None
    "Greater than. Filter will be skipped on `null` value"
    gte: Optional[Any] = None
    "Greater than or equal to. Filter will be skipped on `null` value"
    lt: Optional[Any] = None
    "Less than. Filter will be skipped on `null` value"
    lte: Optional[Any] = None
    "Less than or equal to. Filter will be skipped on `null` value"
    range_: Optional["TimeRangeLookup"] = Field(alias="range", default=None)
    "Inclusive range test (between)"


class TimeRangeLookup(BaseModel):
    start: Optional[Any] = None
    end: Optional[Any] = None


AlgorithmFilter.model_rebuild()
DatasetFileFilter.model_rebuild()
DatasetFilter.model_rebuild()
DateComparisonFilterLookup.model_rebuild()
DatetimeFilterLookup.model_rebuild()
ImageFilter.model_rebuild()
IntComparisonFilterLookup.model_rebuild()
TaskFilter.model_rebuild()
TaskOrder.model_rebuild()
TimeComparisonFilterLookup.model_rebuild()
