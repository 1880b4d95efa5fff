import pydantic_settings as ps


class Common(ps.BaseSettings):
    model_config = ps.SettingsConfigDict(env_prefix="ACME_")

    log_level: str = "INFO"


@final
class Settings(Common):
    database_url: str = "sqlite://"
