"""Rebuild the search index from the command line."""

from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    batch_size: int = 500


if __name__ == "__main__":
    print(Settings().batch_size)
