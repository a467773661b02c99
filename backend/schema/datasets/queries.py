from __future__ import annotations

import strawberry
import strawberry_django
from django.db.models import QuerySet

from oasis.datasets import resumable
from oasis.datasets.models import Dataset, UploadSession, UploadStatus
from oasis.errors import NotFound
from schema.common import Connection
from schema.context import Info, current_user
from schema.visibility import NodeId, visible, visible_node

from .types import DatasetType
from .uploads import UploadSessionType


@strawberry.type
class Query:
    @strawberry_django.field(description="One of your datasets.")
    def dataset(self, info: Info, id: NodeId) -> DatasetType | None:
        return visible_node(Dataset.objects.all(), info, id, type_name="Dataset")

    @strawberry_django.connection(Connection[DatasetType], description="Your datasets.")
    def datasets(self, info: Info) -> QuerySet[Dataset]:
        return visible(Dataset.objects.all(), info)

    @strawberry_django.field(description="One of your resumable uploads (by the id startUpload gave).")
    def upload_session(self, info: Info, id: strawberry.ID) -> UploadSessionType | None:
        try:
            return resumable.get_session(user=current_user(info), session_id=str(id))
        except NotFound:
            return None

    @strawberry_django.field(
        description="Your unfinished uploads (OPEN or VERIFYING), newest first: what to resume after a reload."
    )
    def upload_sessions(self, info: Info) -> list[UploadSessionType]:
        user = current_user(info)
        if user is None or not user.is_authenticated:
            return []
        return UploadSession.objects.filter(
            owner=user, status__in=(UploadStatus.OPEN, UploadStatus.VERIFYING)
        ).select_related("dataset")
