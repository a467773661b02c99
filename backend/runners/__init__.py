"""Container runners: execute one OASIS task's container. No Django imports below this package."""
