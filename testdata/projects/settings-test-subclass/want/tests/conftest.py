import pytest

from app.core import Settings


class TestSettings(Settings):
    database_url: str = "sqlite:///:memory:"


@pytest.fixture
def settings() -> TestSettings:
    return TestSettings()
