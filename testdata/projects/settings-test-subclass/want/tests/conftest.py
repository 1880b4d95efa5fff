import pytest

from app.core import Settings


class TestSettings(Settings):
    database_url: str = "sqlite:///:memory:"

    # Redis
    redis_url: str = "redis://localhost:6379/0"


@pytest.fixture
def settings() -> TestSettings:
    return TestSettings()
