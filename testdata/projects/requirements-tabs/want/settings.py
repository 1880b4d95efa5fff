from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
	secret_key: str = "change-me"
	debug: bool = False

	# Redis
	redis_url: str = "redis://localhost:6379/0"

	model_config = SettingsConfigDict(env_file=".env")


settings = Settings()
