from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
	secret_key: str = "change-me"
	debug: bool = False

	model_config = SettingsConfigDict(env_file=".env")


settings = Settings()
