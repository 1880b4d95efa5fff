from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file='.env', extra='ignore')

    app_name: str = 'quoted'
    database_url: str = 'postgresql://localhost/app'
    log_format: str = "%(message)s"

    # Redis
    redis_url: str = 'redis://localhost:6379/0'
    cache_prefix: str = 'it\'s \\ "here"\n'
