from app.config import settings

print("migrating", settings.database_url)
