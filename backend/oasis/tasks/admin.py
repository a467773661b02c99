from django.contrib import admin

from .models import AlgorithmTask


@admin.register(AlgorithmTask)
class AlgorithmTaskAdmin(admin.ModelAdmin):
    list_display = ("id", "algorithm", "owner", "status", "exit_code", "created_at", "finished_at")
    list_filter = ("status",)
    search_fields = ("id", "algorithm__name", "owner__username")
    raw_id_fields = ("algorithm", "input_dataset", "output_dataset", "reused_from", "rerun_of")
    readonly_fields = tuple(
        f
        for f in (
            "status",
            "spec",
            "spec_digest",
            "input_digest",
            "exit_code",
            "failure_reason",
            "created_at",
            "queued_at",
            "started_at",
            "finished_at",
            "log_line_count",
            "log_bytes",
            "log_dropped_bytes",
            "worker",
            "lease_expires_at",
        )
    )
