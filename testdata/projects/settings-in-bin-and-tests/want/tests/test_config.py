from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    warehouse: str = "test"


def test_default() -> None:
    assert Settings().warehouse == "test"
