from contextlib import asynccontextmanager

from fastapi import FastAPI

from app.config import settings
from app.core.cache import close_redis_client


@asynccontextmanager
async def lifespan(app: FastAPI):
    yield
    await close_redis_client()


app = FastAPI(title=settings.app_name, lifespan=lifespan)
