from pydantic_settings import BaseSettings, SettingsConfigDict


class ServiceSettings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_prefix="ORDERS_")

    database_url: str = "postgresql+asyncpg://postgres:orders@localhost/orders"
    debug: bool = False

    # Redis
    redis_url: str = "redis://localhost:6379/0"


settings = ServiceSettings()
