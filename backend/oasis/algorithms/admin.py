from django.contrib import admin

from .models import Algorithm


@admin.register(Algorithm)
class AlgorithmAdmin(admin.ModelAdmin):
    list_display = ("name", "image", "gpu", "memory_mb", "cpus", "timeout_s", "owner", "is_public")
    list_filter = ("gpu", "is_public", "network")
    search_fields = ("name", "owner__username")
    raw_id_fields = ("image",)
