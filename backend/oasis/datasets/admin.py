from django.contrib import admin

from .models import Blob, Dataset, DatasetFile


class DatasetFileInline(admin.TabularInline):
    model = DatasetFile
    extra = 0
    raw_id_fields = ("blob",)
    readonly_fields = ("created_at",)


@admin.register(Dataset)
class DatasetAdmin(admin.ModelAdmin):
    list_display = ("name", "owner", "size", "file_count", "created_at")
    search_fields = ("name", "owner__username")
    readonly_fields = ("size", "file_count", "created_at", "updated_at")
    inlines = [DatasetFileInline]


@admin.register(Blob)
class BlobAdmin(admin.ModelAdmin):
    list_display = ("sha256", "size", "created_at")
    search_fields = ("sha256",)
    readonly_fields = ("sha256", "size", "created_at")
