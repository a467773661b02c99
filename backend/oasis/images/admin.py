from django.contrib import admin

from .models import DockerImage


@admin.register(DockerImage)
class DockerImageAdmin(admin.ModelAdmin):
    list_display = ("name", "image_ref", "digest", "size", "owner", "is_public", "created_at")
    list_filter = ("is_public",)
    search_fields = ("name", "image_ref", "digest", "owner__username")
    readonly_fields = ("digest", "size", "architecture", "created_at")
