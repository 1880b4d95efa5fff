# leading comment

from pydantic_settings import BaseSettings  # the base


# a comment right above the class
class Settings(BaseSettings):  # trailing header comment
    # A comment opening the body.

    # App
    app_name: str = "c"  # inline


    # Database
    # (two comment lines)
    database_url: str = "sqlite://"


    # Redis
    redis_url: str = "redis://localhost:6379/0"
    # trailing comment after the last field

    # a comment above a method
    def dsn(self) -> str:  # inline
        return self.database_url
    # a comment at the end of the body


# after the class
