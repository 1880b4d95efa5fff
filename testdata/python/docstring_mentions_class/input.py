"""Settings.

Example:

    class Settings(BaseSettings):
        database_url: str
"""

from pydantic_settings import BaseSettings

EXAMPLE = """
class Settings(BaseSettings):
    nothing: int = 0
"""


class Settings(BaseSettings):
    database_url: str = "sqlite://"
