from pydantic_settings import BaseSettings


class Settings(BaseSettings):
	app_name: str = "tabbed"

	# Database
	database_url: str = "sqlite://"

	def dsn(self) -> str:
		return self.database_url
