from django.contrib import admin

from .models import DockerImage, RegistryCredential


@admin.register(DockerImage)
class DockerImageAdmin(admin.ModelAdmin):
    list_display = ("name", "image_ref", "status", "image_id", "size", "owner", "is_public", "created_at")
    list_filter = ("is_public", "status")
    search_fields = ("name", "image_ref", "image_id", "owner__username")
    readonly_fields = (
        "image_id",
        "repo_digest",
        "status",
        "failure_reason",
        "size",
        "architecture",
        "resolved_at",
        "created_at",
    )


@admin.register(RegistryCredential)
class RegistryCredentialAdmin(admin.ModelAdmin):
    list_display = ("owner", "host", "username", "created_at")
    search_fields = ("host", "username", "owner__username")
    exclude = ("secret",)
