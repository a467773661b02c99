from django.conf import settings
from django.contrib import admin
from django.urls import path, re_path
from django.views.decorators.csrf import ensure_csrf_cookie

from oasis.datasets import upload_views
from oasis.datasets import views as dataset_views
from oasis.frontend import csrf, spa_index
from oasis.tasks import views as task_views
from schema.schema import schema
from schema.views import OasisGraphQLView

# Errors are JSON like the API's, never Django's HTML pages (oasis.http_errors).
handler400 = "oasis.http_errors.bad_request"
handler403 = "oasis.http_errors.permission_denied"
handler404 = "oasis.http_errors.not_found"
handler500 = "oasis.http_errors.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path(
        "graphql",
        OasisGraphQLView.as_view(
            schema=schema, graphql_ide="graphiql" if settings.DEBUG else None, multipart_uploads_enabled=True
        ),
        name="graphql",
    ),
    path("api/csrf", csrf, name="csrf"),
    path("api/health", dataset_views.health, name="health"),
    path("api/uploads/<str:session_id>/parts/<int:number>", upload_views.put_part, name="upload-part"),
    path(
        "api/datasets/<int:dataset_id>/download.zip", dataset_views.download_dataset, name="dataset-download"
    ),
    path(
        "api/datasets/<int:dataset_id>/files/<int:file_id>/download",
        dataset_views.download_file,
        name="dataset-file-download",
    ),
    path("api/tasks/<int:task_id>/log", task_views.download_log, name="task-log-download"),
    re_path(r"^(?!api/|admin/|static/|graphql).*$", ensure_csrf_cookie(spa_index), name="spa"),
]
