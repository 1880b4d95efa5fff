from fastapi import FastAPI

from app.config import settings
from app.lifespan import lifespan

app = FastAPI(title=settings.app_name, lifespan=lifespan)
