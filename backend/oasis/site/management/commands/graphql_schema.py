"""``python manage.py graphql_schema [--check]``: write (or verify) the committed GraphQL SDL."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

SDL_PATH = Path(__file__).resolve().parents[4] / "schema" / "schema.graphql"


def current_sdl() -> str:
    from schema.schema import schema

    # Extensions (introspection off without DEBUG) do not change the SDL.
    return schema.as_str() + "\n"


class Command(BaseCommand):
    help = "Export the GraphQL schema to backend/schema/schema.graphql, or --check that it is up to date."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true")

    def handle(self, *args, check: bool, **options):
        sdl = current_sdl()
        if check:
            if not SDL_PATH.exists() or SDL_PATH.read_text() != sdl:
                raise CommandError(f"{SDL_PATH} is out of date: run `make schema` and commit it.")
            self.stdout.write("The committed GraphQL schema is up to date.")
            return
        SDL_PATH.write_text(sdl)
        self.stdout.write(f"Wrote {SDL_PATH}")
